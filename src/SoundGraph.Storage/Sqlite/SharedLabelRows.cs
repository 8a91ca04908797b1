using Microsoft.Data.Sqlite;

namespace SoundGraph.Storage.Sqlite;

/// <summary>Keeps <c>shared_label_rows</c> (SQLite migration 0019): per artist, the ranked rows of unveil's "shared
/// label" section, so that the section reads at most <c>limit</c> rows by primary key instead of summing every
/// <c>label_artists</c> row of the artist's labels per request.</summary>
/// <remarks>
/// <para>The rows are the section's statement (<c>UnveilReader.SharedLabelAsync</c>) run for every artist at once: per
/// (artist, other artist) over the labels they share, the sum of the other's distinct tracks there, the first shared
/// label by name and the shared labels; ranked by tracks descending, then other artist id; the first
/// <see cref="Unveil.UnveilReader.MaxLimit"/> per artist.</para>
/// <para>Rebuilt whole, in one transaction, at the end of <c>sgr relate</c> (<see cref="SoundGraphStore.RefreshUnveilRowsAsync"/>);
/// emptied by every catalog batch that recounts <c>label_artists</c> or writes labels (<see cref="SqliteCatalogWriter"/>),
/// after which the section reads <c>label_artists</c> again until the next relate. PostgreSQL keeps no such table.</para>
/// </remarks>
public static class SharedLabelRows
{
    /// <summary>Empties the table (a catalog batch changed what it is derived from).</summary>
    internal const string ClearSql = "DELETE FROM shared_label_rows";

    private const string RebuildSql = """
        INSERT INTO shared_label_rows (artist_id, rank, other_id, tracks, label, labels)
        SELECT artist_id, rn - 1, other_id, tracks, label, labels
        FROM (SELECT p.*, ROW_NUMBER() OVER (PARTITION BY p.artist_id ORDER BY p.tracks DESC, p.other_id) AS rn
              FROM (SELECT mine.artist_id, o.artist_id AS other_id, CAST(SUM(o.tracks) AS BIGINT) AS tracks,
                           MIN(l.name) AS label, COUNT(*) AS labels
                    FROM label_artists mine
                    JOIN label_artists o ON o.label_id = mine.label_id
                    JOIN labels l ON l.id = mine.label_id
                    WHERE o.artist_id <> mine.artist_id
                    GROUP BY mine.artist_id, o.artist_id) AS p)
        WHERE rn <= $depth
        ORDER BY artist_id, rn
        """;

    /// <summary>Replaces every row from <c>label_artists</c> and <c>labels</c>, in one transaction of its own.</summary>
    /// <param name="connection">An open, migrated connection with no transaction in progress.</param>
    /// <param name="cancellationToken">Cancels before the commit (nothing is then changed).</param>
    /// <returns>Rows written.</returns>
    public static async Task<long> RebuildAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var clear = connection.CreateCommand())
        {
            clear.Transaction = tx;
            clear.CommandText = ClearSql;
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        long rows;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = RebuildSql;
            insert.Parameters.AddWithValue("$depth", Unveil.UnveilReader.MaxLimit);
            rows = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }
}

using Dapper;
using Microsoft.Data.Sqlite;

namespace SoundGraph.Storage.Sqlite;

/// <summary>Keeps <c>shared_label_rows</c> (SQLite migration 0019): per artist, the ranked rows of unveil's "shared
/// label" section, so that the section reads at most <c>limit</c> rows by primary key instead of summing every
/// <c>label_artists</c> row of the artist's labels per request.</summary>
/// <remarks>
/// <para>The rows are the section's statement (<c>UnveilReader.SharedLabelAsync</c>) run for every artist (but those
/// with more than <see cref="MaxCandidates"/> candidates): per
/// (artist, other artist) over the labels they share, the sum of the other's distinct tracks there, the first shared
/// label by name and the shared labels; ranked by tracks descending, then other artist id; the first
/// <see cref="Unveil.UnveilReader.MaxLimit"/> per artist.</para>
/// <para>Rebuilt whole, in one transaction, at the end of <c>sgr relate</c> (<see cref="SoundGraphStore.RefreshUnveilRowsAsync"/>);
/// emptied by every catalog batch that writes labels or recounts <c>label_artists</c> after changing a track or credit row
/// (<see cref="SqliteCatalogWriter"/>) and by <see cref="LabelArtists.RefreshAsync"/>,
/// after which the section reads <c>label_artists</c> again until the next relate. PostgreSQL keeps no such table.</para>
/// </remarks>
public static class SharedLabelRows
{
    /// <summary>Empties the table (a catalog batch changed what it is derived from).</summary>
    internal const string ClearSql = "DELETE FROM shared_label_rows";

    /// <summary>Artists whose candidate pool (the artists on each of their labels, summed over their labels) is larger
    /// get no rows: ranking every pair of a label with n artists costs n² (a 6,000-artist label: 36M pairs), and their
    /// sections read <c>label_artists</c> as before. The rebuild then costs at most about this many rows per artist.</summary>
    public const int MaxCandidates = 5_000;

    private const string ArtistsSql = """
        SELECT la.artist_id
        FROM label_artists la
        JOIN (SELECT label_id, COUNT(*) AS n FROM label_artists GROUP BY label_id) AS s ON s.label_id = la.label_id
        GROUP BY la.artist_id
        HAVING SUM(s.n) <= $max
        ORDER BY la.artist_id
        """;

    // The section's own ranking (UnveilReader.SharedLabelTopSql) for one artist at the largest limit, numbered.
    private const string InsertSql = $"""
        INSERT INTO shared_label_rows (artist_id, rank, other_id, tracks, label, labels)
        SELECT @artistId, ROW_NUMBER() OVER (ORDER BY s.tracks DESC, s.artist_id) - 1, s.artist_id, s.tracks, s.label, s.labels
        FROM ({Unveil.UnveilReader.SharedLabelTopSql}) AS s
        """;

    /// <summary>Replaces every row from <c>label_artists</c> and <c>labels</c>, in one transaction of its own: one
    /// prepared statement per artist with at most <see cref="MaxCandidates"/> candidates, so memory stays that of one
    /// artist's ranking.</summary>
    /// <param name="connection">An open, migrated connection with no transaction in progress.</param>
    /// <param name="cancellationToken">Cancels between artists (nothing is then changed).</param>
    /// <returns>Rows written.</returns>
    public static Task<long> RebuildAsync(SqliteConnection connection, CancellationToken cancellationToken = default) =>
        RebuildAsync(connection, MaxCandidates, cancellationToken);

    /// <inheritdoc cref="RebuildAsync(SqliteConnection, CancellationToken)"/>
    /// <param name="connection">An open, migrated connection with no transaction in progress.</param>
    /// <param name="maxCandidates">Artists with more candidates get no rows (≥ 0; <see cref="MaxCandidates"/> by default).</param>
    /// <param name="cancellationToken">Cancels between artists (nothing is then changed).</param>
    public static async Task<long> RebuildAsync(SqliteConnection connection, int maxCandidates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(ClearSql, transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false);

        var artists = new List<long>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = tx;
            select.CommandText = ArtistsSql;
            select.Parameters.AddWithValue("$max", maxCandidates);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                artists.Add(reader.GetInt64(0));
            }
        }

        var rows = 0L;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = InsertSql;
            var artist = insert.Parameters.Add("@artistId", SqliteType.Integer);
            insert.Parameters.AddWithValue("@limit", Unveil.UnveilReader.MaxLimit);
            foreach (var id in artists)
            {
                cancellationToken.ThrowIfCancellationRequested();
                artist.Value = id;
                rows += await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }
}

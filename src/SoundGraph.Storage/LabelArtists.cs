using System.Data.Common;
using System.Globalization;
using Dapper;
using SoundGraph.Core.Catalog;

namespace SoundGraph.Storage;

/// <summary>Keeps <c>label_artists</c> (migration 0017) equal to what <c>tracks.label_id</c> and <c>track_credits</c> say:
/// one row per (label, artist) with <c>tracks</c> = the number of distinct tracks on that label credited to that artist in
/// any role (≥ 1; pairs with no such track have no row). Unveil's "shared label" section reads it instead of walking every
/// track and credit of an artist's labels.</summary>
/// <remarks>Both catalog writers call <see cref="RefreshArtistsOfTracksAsync"/> inside each batch's transaction that can
/// change the table (a labelled track written, a credit written on a track that may be labelled); a path that changes labels
/// or credits any other way calls <see cref="RefreshAsync"/>. Same SQL on SQLite and PostgreSQL except the id-list
/// parameter (a JSON array read by <c>json_each</c> on SQLite, a <c>bigint[]</c> read by <c>unnest</c> on PostgreSQL) and,
/// on PostgreSQL, a transaction-scoped advisory lock that serializes refreshes of concurrent writers, so each one counts
/// with the others' committed rows.</remarks>
public static class LabelArtists
{
    /// <summary>"SLARTIST" as a 64-bit integer: the PostgreSQL advisory lock key of a refresh.</summary>
    private const long AdvisoryLockKey = 0x534C415254495354;

    /// <summary>Rebuilds the whole table from <c>tracks</c> and <c>track_credits</c>: deletes every row and inserts the
    /// aggregate, in one transaction, so a reader sees the old rows or the new ones, never a mix. On SQLite it also empties
    /// <c>shared_label_rows</c>, derived from this table (<see cref="Sqlite.SharedLabelRows"/>).</summary>
    /// <param name="connection">An open, migrated connection.</param>
    /// <param name="transaction">The caller's transaction on <paramref name="connection"/> (the refresh commits with it), or
    /// null to run in a transaction of its own.</param>
    /// <param name="cancellationToken">Cancels the statements (the own transaction is then rolled back).</param>
    /// <returns>Rows now in <c>label_artists</c>.</returns>
    /// <remarks>Cost: one pass over the labelled tracks and their credits (a few hundred ms on a million-track store).</remarks>
    public static async Task<long> RefreshAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var own = transaction is null ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
        try
        {
            var tx = transaction ?? own!;
            await LockAsync(connection, tx, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM label_artists", transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            long rows = await connection.ExecuteAsync(new CommandDefinition(
                InsertSql("1 = 1"), transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (connection is Microsoft.Data.Sqlite.SqliteConnection)
            {
                // Derived from this table: stale once it is rebuilt (the next relate fills it again).
                await connection.ExecuteAsync(new CommandDefinition(Sqlite.SharedLabelRows.ClearSql, transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return rows;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Recomputes the rows of every artist credited on one of <paramref name="trackIds"/> that has a label: all
    /// their (label, artist) rows, so a track that moved from one label to another leaves its old label's counts right too
    /// (its artists' rows are recounted, whatever the label). Exact for any change confined to those tracks' labels and
    /// credits, given that the writers never clear a track's label or remove a credit (both only add or replace).</summary>
    /// <param name="connection">An open, migrated connection.</param>
    /// <param name="transaction">The writer's batch transaction (the refresh commits with the batch).</param>
    /// <param name="trackIds">Ids of the tracks the batch wrote with a label or gave credits; duplicates are fine.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    /// <returns>The number of artists whose rows were recomputed (0: only the look-up ran).</returns>
    /// <remarks>One look-up statement (credits of the given tracks joined to their labels, by primary keys); when it finds
    /// artists, a delete and an insert over those artists' credits (<c>ix_track_credits_artist</c>).</remarks>
    public static async Task<long> RefreshArtistsOfTracksAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> trackIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(trackIds);
        if (trackIds.Count == 0)
        {
            return 0;
        }

        // Locked before the look-up, not only before the recount: under READ COMMITTED another machine's batch that
        // relabels a track while this one credits it would otherwise be seen by neither look-up, and neither would recount.
        await LockAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var postgres = SqlDialect.For(connection).IsPostgres;
        var artists = (await connection.QueryAsync<long>(new CommandDefinition(
            $"""
            SELECT DISTINCT c.artist_id FROM {IdList(postgres)} JOIN tracks t ON t.id = j.value JOIN track_credits c ON c.track_id = t.id
            WHERE t.label_id IS NOT NULL
            """,
            IdParameter(postgres, trackIds),
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        if (artists.Count == 0)
        {
            return 0;
        }

        var inArtists = $"IN (SELECT j.value FROM {IdList(postgres)})";
        var ids = IdParameter(postgres, artists);
        await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM label_artists WHERE artist_id {inArtists}", ids, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            InsertSql("c.artist_id " + inArtists), ids, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return artists.Count;
    }

    /// <summary>Whether <paramref name="batch"/> writes a track with a label (then it may change <c>label_artists</c> even
    /// without credits).</summary>
    internal static bool HasLabelledTrack(CatalogBatch batch) => batch.Tracks.Exists(t => t.LabelKey is not null);

    /// <summary>The tracks whose artists a catalog batch may have changed in <c>label_artists</c>: those it wrote with a label
    /// and those it gave credits (the credit's track may be labelled already).</summary>
    /// <param name="batch">The batch just written.</param>
    /// <param name="trackId">The id of a track key of the batch (all resolved by then).</param>
    internal static HashSet<long> TracksToRecount(CatalogBatch batch, Func<string, long> trackId)
    {
        var tracks = new HashSet<long>();
        foreach (var t in batch.Tracks)
        {
            if (t.LabelKey is not null)
            {
                tracks.Add(trackId(t.Key));
            }
        }

        foreach (var c in batch.Credits)
        {
            tracks.Add(trackId(c.TrackKey));
        }

        return tracks;
    }

    /// <summary>The aggregate for the artists selected by <paramref name="artists"/> (a condition on <c>c.artist_id</c>),
    /// inserted in primary-key order.</summary>
    private static string InsertSql(string artists) => $"""
        INSERT INTO label_artists (label_id, artist_id, tracks)
        SELECT t.label_id, c.artist_id, COUNT(DISTINCT t.id)
        FROM tracks t JOIN track_credits c ON c.track_id = t.id
        WHERE t.label_id IS NOT NULL AND {artists}
        GROUP BY t.label_id, c.artist_id
        ORDER BY t.label_id, c.artist_id
        """;

    /// <summary>A row source <c>j</c> with one column <c>value</c>: the ids of the parameter <c>@ids</c>.</summary>
    private static string IdList(bool postgres) => postgres ? "unnest(@ids) AS j(value)" : "json_each(@ids) AS j";

    /// <summary>The parameters of <see cref="IdList"/>: <c>@ids</c> as a <c>bigint[]</c> (PostgreSQL) or a JSON array (SQLite).</summary>
    private static DynamicParameters IdParameter(bool postgres, IReadOnlyCollection<long> ids)
    {
        var p = new DynamicParameters();
        p.Add("ids", postgres ? ids.ToArray() : "[" + string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]");
        return p;
    }

    /// <summary>On PostgreSQL, waits for any other transaction's refresh to commit (the lock is held until this
    /// transaction ends), so the counts below include its rows; SQLite has one writer at a time already.</summary>
    private static async Task LockAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (SqlDialect.For(connection).IsPostgres)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }
}

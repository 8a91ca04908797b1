using Npgsql;

namespace SoundGraph.Storage.Postgres;

/// <summary>Row counts and timing of a <see cref="TrackCooccurrenceView"/> operation.</summary>
/// <param name="Rows">Rows in the view afterwards (unordered track pairs sharing at least one playlist).</param>
/// <param name="Seconds">Wall-clock seconds the statement took.</param>
public sealed record CooccurrenceViewResult(long Rows, double Seconds);

/// <summary>
/// The seed design's co-playlist relation in SQL: the materialized view <c>track_cooccurrence</c> (track_id_a,
/// track_id_b, together, weight) with one row per unordered pair of tracks (track_id_a &lt; track_id_b) that share at
/// least one playlist; together = the number of shared playlists, weight = Σ 1/|p| over them, |p| the number of
/// distinct tracks of playlist p. These are exactly the co-playlist rows of SoundGraph's engine
/// (<c>RelationKind.TrackCoPlaylist</c>, InverseGroupSizeSum) before top-K truncation, one per direction pair.
/// PostgreSQL only.
/// </summary>
/// <remarks>A unique index on (track_id_a, track_id_b) lets <c>REFRESH MATERIALIZED VIEW CONCURRENTLY</c> rebuild it
/// while readers keep reading the previous contents (PostgreSQL docs, "REFRESH MATERIALIZED VIEW"). The view stores all
/// pairs, O(Σ|p|²) rows: it is kept as the reference the engine is measured against (<c>sgr bench cooccurrence</c>),
/// not as the serving path.</remarks>
public sealed class TrackCooccurrenceView(NpgsqlConnection connection)
{
    /// <summary>The view's name.</summary>
    public const string Name = "track_cooccurrence";

    private const string Definition = """
        CREATE MATERIALIZED VIEW track_cooccurrence AS
        WITH members AS (SELECT DISTINCT playlist_id, track_id FROM playlist_tracks),
             sizes AS (SELECT playlist_id, COUNT(*) AS n FROM members GROUP BY playlist_id)
        SELECT a.track_id AS track_id_a,
               b.track_id AS track_id_b,
               COUNT(*) AS together,
               SUM(1.0::double precision / s.n) AS weight
        FROM members a
        JOIN members b ON b.playlist_id = a.playlist_id AND b.track_id > a.track_id
        JOIN sizes s ON s.playlist_id = a.playlist_id
        GROUP BY a.track_id, b.track_id;
        CREATE UNIQUE INDEX ux_track_cooccurrence_pair ON track_cooccurrence (track_id_a, track_id_b);
        """;

    /// <summary>(Re)creates and populates the view and its unique index, dropping any previous one.</summary>
    public async Task<CooccurrenceViewResult> CreateAsync(CancellationToken cancellationToken = default)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await ExecuteAsync("DROP MATERIALIZED VIEW IF EXISTS track_cooccurrence; " + Definition, cancellationToken).ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        return new CooccurrenceViewResult(await CountAsync(cancellationToken).ConfigureAwait(false), seconds);
    }

    /// <summary>Recomputes the view from the current playlists with <c>REFRESH MATERIALIZED VIEW CONCURRENTLY</c>
    /// (readers are not blocked).</summary>
    /// <exception cref="StoreException">The view does not exist yet (create it first).</exception>
    public async Task<CooccurrenceViewResult> RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (!await ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new StoreException("track_cooccurrence does not exist yet; create it first (sgr db cooccurrence --create).");
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await ExecuteAsync("REFRESH MATERIALIZED VIEW CONCURRENTLY track_cooccurrence", cancellationToken).ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        return new CooccurrenceViewResult(await CountAsync(cancellationToken).ConfigureAwait(false), seconds);
    }

    /// <summary>Whether the view exists in the connection's schema search path.</summary>
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = new NpgsqlCommand("SELECT to_regclass('track_cooccurrence') IS NOT NULL", connection);
        return (bool)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Every row of the view, ordered by (track_id_a, track_id_b).</summary>
    public async Task<IReadOnlyList<(long TrackIdA, long TrackIdB, long Together, double Weight)>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var rows = new List<(long, long, long, double)>();
        await using var cmd = new NpgsqlCommand("SELECT track_id_a, track_id_b, together, weight FROM track_cooccurrence ORDER BY 1, 2", connection);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3)));
        }

        return rows;
    }

    private async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("SELECT COUNT(*) FROM track_cooccurrence", connection);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

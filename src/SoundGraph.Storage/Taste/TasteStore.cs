using System.Data.Common;
using System.Globalization;
using Dapper;

namespace SoundGraph.Storage.Taste;

/// <summary>Reads the inputs of taste analytics (descriptors, local-audio features, tags, artists, relation edges, a
/// listener's plays) and writes its outputs (<c>track_axes</c>, <c>taste_weeks</c>, <c>taste_week_totals</c>,
/// <c>taste_changes</c>, <c>taste_state</c>; migration 0012) and listeners' labels (<c>taste_labels</c>,
/// <c>TasteStore.Labels.cs</c>), with portable SQL on both providers.</summary>
/// <remarks>Writes replace whole sets in one transaction each, so a killed run leaves the previous set intact. Not
/// thread-safe: one connection, one caller at a time.</remarks>
public sealed partial class TasteStore
{
    private readonly DbConnection _connection;

    /// <summary>Creates the store over an open, migrated connection.</summary>
    public TasteStore(DbConnection connection) => _connection = connection ?? throw new ArgumentNullException(nameof(connection));

    /// <summary>Every listener with at least one listen (id, name), by id.</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> ListenersAsync(CancellationToken ct = default) =>
        [.. await _connection.QueryAsync<(long, string)>(new CommandDefinition(
            "SELECT u.id, u.name FROM users u WHERE EXISTS (SELECT 1 FROM listens l WHERE l.user_id = u.id) ORDER BY u.id", cancellationToken: ct)).ConfigureAwait(false)];

    /// <summary>Listens per track (all listeners), for coverage of plays.</summary>
    public async Task<IReadOnlyDictionary<long, long>> ListenCountsAsync(CancellationToken ct = default) =>
        (await _connection.QueryAsync<(long, long)>(new CommandDefinition("SELECT track_id, COUNT(*) FROM listens GROUP BY track_id", cancellationToken: ct)).ConfigureAwait(false))
            .ToDictionary(r => r.Item1, r => r.Item2);

    /// <summary>The name of user <paramref name="userId"/>; null when there is none.</summary>
    public Task<string?> UserNameAsync(long userId, CancellationToken ct = default) =>
        _connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition("SELECT name FROM users WHERE id = @userId", new { userId }, cancellationToken: ct));

    /// <summary>The user with the most distinct months of dated tag assignments (<c>artist_tags.tagged_on</c>; ties: more
    /// assignments, then the lower id); null when no assignment is dated.</summary>
    public async Task<(long Id, string Name)?> MostActiveTaggerAsync(CancellationToken ct = default)
    {
        var row = await _connection.QuerySingleOrDefaultAsync<(long, string)?>(new CommandDefinition(
            """
            SELECT u.id, u.name FROM users u JOIN (
                SELECT user_id, COUNT(DISTINCT SUBSTR(tagged_on, 1, 7)) AS months, COUNT(*) AS n
                FROM artist_tags WHERE tagged_on IS NOT NULL AND user_id <> 0 GROUP BY user_id) a ON a.user_id = u.id
            ORDER BY a.months DESC, a.n DESC, u.id
            LIMIT 1
            """, cancellationToken: ct)).ConfigureAwait(false);
        return row;
    }

    /// <summary><paramref name="userId"/>'s dated tag assignments (artist, day), oldest first.</summary>
    public async Task<IReadOnlyList<(long ArtistId, DateOnly Day)>> TaggingActivityAsync(long userId, CancellationToken ct = default)
    {
        var rows = await _connection.QueryAsync<(long, string)>(new CommandDefinition(
            "SELECT artist_id, tagged_on FROM artist_tags WHERE user_id = @userId AND tagged_on IS NOT NULL ORDER BY tagged_on, artist_id, tag_id",
            new { userId }, cancellationToken: ct)).ConfigureAwait(false);
        return [.. rows.Select(r => (r.Item1, DateOnly.ParseExact(r.Item2[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)))];
    }

    /// <summary>Per artist among <paramref name="artistIds"/> with credited tracks that have Spotify energy, valence and
    /// danceability: the means of those three over its tracks.</summary>
    public async Task<IReadOnlyDictionary<long, (double Energy, double Valence, double Danceability)>> ArtistDescriptorMeansAsync(IReadOnlyCollection<long> artistIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(artistIds);
        var result = new Dictionary<long, (double, double, double)>();
        await ForChunksAsync(artistIds, """
            SELECT c.artist_id, AVG(f.energy), AVG(f.valence), AVG(f.danceability)
            FROM track_credits c JOIN audio_features f ON f.track_id = c.track_id AND f.extractor = 'spotify'
            WHERE c.artist_id IN ({ids}) AND f.energy IS NOT NULL AND f.valence IS NOT NULL AND f.danceability IS NOT NULL
            GROUP BY c.artist_id
            """, reader => result[reader.GetInt64(0)] = (Double(reader, 1), Double(reader, 2), Double(reader, 3)), ct).ConfigureAwait(false);
        return result;
    }

    /// <summary>Every tag on the given artists (all users), weighted by the summed count (1 per assignment without one).</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyDictionary<string, double>>> ArtistTagWeightsAsync(IReadOnlyCollection<long> artistIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(artistIds);
        var result = new Dictionary<long, Dictionary<string, double>>();
        await ForChunksAsync(
            artistIds,
            "SELECT at.artist_id, t.name_norm, SUM(COALESCE(at.count, 1)) FROM artist_tags at JOIN tags t ON t.id = at.tag_id WHERE at.artist_id IN ({ids}) GROUP BY at.artist_id, t.name_norm",
            reader =>
            {
                var artist = reader.GetInt64(0);
                if (!result.TryGetValue(artist, out var tags))
                {
                    result[artist] = tags = new Dictionary<string, double>(StringComparer.Ordinal);
                }

                tags[reader.GetString(1)] = Double(reader, 2);
            },
            ct).ConfigureAwait(false);
        return result.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, double>)p.Value);
    }

    /// <summary>Every track that has at least one listen.</summary>
    public async Task<IReadOnlyList<long>> ListenedTrackIdsAsync(CancellationToken ct = default) =>
        [.. await _connection.QueryAsync<long>(new CommandDefinition("SELECT DISTINCT track_id FROM listens ORDER BY track_id", cancellationToken: ct)).ConfigureAwait(false)];

    /// <summary>One descriptor row per track that has energy or valence: the 'spotify' row when there is one, else the
    /// first other extractor's (by name).</summary>
    public async Task<IReadOnlyList<TrackDescriptorRow>> DescriptorsAsync(CancellationToken ct = default)
    {
        const string sql = """
            SELECT track_id, danceability, energy, valence, tempo_bpm, mode, acousticness, instrumentalness, speechiness, liveness, loudness_db
            FROM audio_features
            WHERE energy IS NOT NULL OR valence IS NOT NULL
            ORDER BY track_id, CASE extractor WHEN 'spotify' THEN 0 ELSE 1 END, extractor
            """;
        var rows = new List<TrackDescriptorRow>();
        await using var reader = await Reader(sql, null, ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var id = reader.GetInt64(0);
            if (rows.Count > 0 && rows[^1].TrackId == id)
            {
                continue;
            }

            rows.Add(new TrackDescriptorRow(id, D(reader, 1), D(reader, 2), D(reader, 3), D(reader, 4), reader.IsDBNull(5) ? null : Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                D(reader, 6), D(reader, 7), D(reader, 8), D(reader, 9), D(reader, 10)));
        }

        return rows;
    }

    /// <summary>The local-audio features of each analysed track's most recently analysed file.</summary>
    public async Task<IReadOnlyList<LocalAudioRow>> LocalAudioAsync(CancellationToken ct = default)
    {
        const string sql = """
            SELECT a.track_id, a.tempo_bpm, a.tempo_confidence, a.key_confidence, a.integrated_lufs, a.spectral_centroid_mean_hz,
                   a.spectral_flatness_mean, a.onset_rate, a.side_to_mid, a.percussive_to_harmonic, a.pumpiness
            FROM audio_analysis a JOIN audio_files f ON f.id = a.file_id
            ORDER BY a.track_id, f.analyzed_at DESC, f.id DESC
            """;
        var rows = new List<LocalAudioRow>();
        await using var reader = await Reader(sql, null, ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var id = reader.GetInt64(0);
            if (rows.Count > 0 && rows[^1].TrackId == id)
            {
                continue;
            }

            rows.Add(new LocalAudioRow(id, D(reader, 1), reader.GetDouble(2), D(reader, 3), D(reader, 4), reader.GetDouble(5), reader.GetDouble(6),
                reader.GetDouble(7), reader.GetDouble(8), reader.GetDouble(9), reader.GetDouble(10)));
        }

        return rows;
    }

    /// <summary>The tags of every track that has listens or descriptors: its own (<c>track_tags</c>) and its credited
    /// artists' (<c>artist_tags</c>), each weighted by the summed count (1 per assignment without one).</summary>
    public async Task<IReadOnlyList<TrackTagRow>> TrackTagsAsync(CancellationToken ct = default)
    {
        const string sql = """
            SELECT tt.track_id, t.name_norm, SUM(COALESCE(tt.count, 1)), 0
            FROM track_tags tt JOIN tags t ON t.id = tt.tag_id
            GROUP BY tt.track_id, t.name_norm
            UNION ALL
            SELECT c.track_id, t.name_norm, SUM(COALESCE(at.count, 1)), 1
            FROM track_credits c JOIN artist_tags at ON at.artist_id = c.artist_id JOIN tags t ON t.id = at.tag_id
            WHERE c.track_id IN (SELECT track_id FROM listens UNION SELECT track_id FROM audio_features WHERE energy IS NOT NULL OR valence IS NOT NULL)
            GROUP BY c.track_id, t.name_norm
            """;
        var rows = new List<TrackTagRow>();
        await using var reader = await Reader(sql, null, ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(new TrackTagRow(reader.GetInt64(0), reader.GetString(1), Convert.ToDouble(reader.GetValue(2), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture) == 1));
        }

        return rows;
    }

    /// <summary>(track, credited artist) pairs of every track that has listens or descriptors, by track, each track's
    /// primary artist first (credits by role, then position, then artist id, as <see cref="SqlFragments.PrimaryArtistId"/>
    /// orders them).</summary>
    public async Task<IReadOnlyList<(long TrackId, long ArtistId)>> TrackArtistsAsync(CancellationToken ct = default) =>
        [.. await _connection.QueryAsync<(long, long)>(new CommandDefinition(
            """
            SELECT track_id, artist_id FROM track_credits
            WHERE track_id IN (SELECT track_id FROM listens UNION SELECT track_id FROM audio_features WHERE energy IS NOT NULL OR valence IS NOT NULL)
            ORDER BY track_id, role, position, artist_id
            """, cancellationToken: ct)).ConfigureAwait(false)];

    /// <summary>Stored track–track relation rows of <paramref name="kinds"/> (e.g. track_co_playlist,
    /// track_audio_similarity) as weighted edges.</summary>
    public async Task<IReadOnlyList<(long A, long B, double Weight, string Kind)>> TrackEdgesAsync(IReadOnlyList<string> kinds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        if (kinds.Count == 0)
        {
            return [];
        }

        var list = string.Join(", ", kinds.Select((_, i) => "@k" + i.ToString(CultureInfo.InvariantCulture)));
        var args = new DynamicParameters();
        for (var i = 0; i < kinds.Count; i++)
        {
            args.Add("k" + i.ToString(CultureInfo.InvariantCulture), kinds[i]);
        }

        return [.. await _connection.QueryAsync<(long, long, double, string)>(new CommandDefinition(
            $"SELECT src_id, dst_id, weight, kind FROM relations WHERE kind IN ({list})", args, cancellationToken: ct)).ConfigureAwait(false)];
    }

    /// <summary>The plays of <paramref name="userId"/> with listens.id &gt; <paramref name="afterListenId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<PlayRow>> PlaysAsync(long userId, long afterListenId = 0, CancellationToken ct = default)
    {
        const string sql = """
            SELECT l.id, l.listened_at, l.track_id, l.ms_played, t.duration_ms
            FROM listens l JOIN tracks t ON t.id = l.track_id
            WHERE l.user_id = @userId AND l.id > @afterListenId
            ORDER BY l.listened_at, l.id
            """;
        var rows = new List<PlayRow>();
        await using var reader = await Reader(sql, new { userId, afterListenId }, ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var at = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            rows.Add(new PlayRow(reader.GetInt64(0), at, reader.GetInt64(2), reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetInt64(4)));
        }

        return rows;
    }

    /// <summary>Every listen as (listener, end time, track, ms played), by listener then time: the input of co-listening
    /// session edges.</summary>
    public async Task<IReadOnlyList<(long UserId, DateTimeOffset EndedAt, long TrackId, long MsPlayed)>> AllPlaysAsync(CancellationToken ct = default)
    {
        var rows = new List<(long, DateTimeOffset, long, long)>();
        await using var reader = await Reader("SELECT user_id, listened_at, track_id, ms_played FROM listens ORDER BY user_id, listened_at, id", null, ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add((reader.GetInt64(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return rows;
    }

    /// <summary>The highest listens.id of <paramref name="userId"/> (0 without listens).</summary>
    public Task<long> MaxListenIdAsync(long userId, CancellationToken ct = default) =>
        _connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COALESCE(MAX(id), 0) FROM listens WHERE user_id = @userId", new { userId }, cancellationToken: ct));

    /// <summary>Replaces every stored track axis with <paramref name="rows"/> in one transaction.</summary>
    public async Task ReplaceTrackAxesAsync(IReadOnlyList<TrackAxisRow> rows, DateTimeOffset computedAt, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var tx = await _connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await _connection.ExecuteAsync(new CommandDefinition("DELETE FROM track_axes", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        var at = computedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        // Multi-row INSERTs of 200 rows (1,200 parameters, under SQLite's limit): one round trip per 200 rows instead of
        // per row, which on PostgreSQL took 13–41 s for 150,000 axis values.
        const int perStatement = 200;
        foreach (var chunk in rows.Chunk(perStatement))
        {
            var args = new DynamicParameters();
            args.Add("at", at);
            var values = new System.Text.StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                var n = i.ToString(CultureInfo.InvariantCulture);
                values.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"(@t{n}, @a{n}, @v{n}, @m{n}, @c{n}, @at)");
                args.Add("t" + n, chunk[i].TrackId);
                args.Add("a" + n, chunk[i].Axis);
                args.Add("v" + n, chunk[i].Value);
                args.Add("m" + n, chunk[i].Method);
                args.Add("c" + n, chunk[i].Confidence);
            }

            await _connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO track_axes (track_id, axis, value, method, confidence, computed_at) VALUES " + values, args, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The stored axes of the given tracks (all tracks when null).</summary>
    public async Task<IReadOnlyList<TrackAxisRow>> TrackAxesAsync(IReadOnlyCollection<long>? trackIds = null, CancellationToken ct = default)
    {
        const string select = "SELECT track_id AS TrackId, axis AS Axis, value AS Value, method AS Method, confidence AS Confidence FROM track_axes";
        if (trackIds is null)
        {
            var all = await _connection.QueryAsync<(long, string, double, string, double)>(new CommandDefinition(select + " ORDER BY track_id, axis", cancellationToken: ct)).ConfigureAwait(false);
            return [.. all.Select(r => new TrackAxisRow(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5))];
        }

        var result = new List<TrackAxisRow>();
        await ForChunksAsync(
            trackIds,
            select + " WHERE track_id IN ({ids}) ORDER BY track_id, axis",
            reader => result.Add(new TrackAxisRow(reader.GetInt64(0), reader.GetString(1), Double(reader, 2), reader.GetString(3), Double(reader, 4))),
            ct).ConfigureAwait(false);
        return result;
    }

    /// <summary>Display names ("Title — Artist") of <paramref name="trackIds"/> (absent ids are left out).</summary>
    public async Task<IReadOnlyDictionary<long, string>> TrackNamesAsync(IReadOnlyCollection<long> trackIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(trackIds);
        var names = new Dictionary<long, string>();
        await ForChunksAsync(
            trackIds,
            "SELECT t.id, " + SqlFragments.TrackDisplayName + " FROM tracks t WHERE t.id IN ({ids})",
            reader => names[reader.GetInt64(0)] = reader.GetString(1),
            ct).ConfigureAwait(false);
        return names;
    }

    /// <summary>Title and primary artist (the first credit, as in <see cref="SqlFragments.TrackDisplayName"/>; null when the
    /// track has no credit) of <paramref name="trackIds"/> (absent ids are left out).</summary>
    public async Task<IReadOnlyDictionary<long, (string Title, string? Artist)>> TrackTitlesAsync(IReadOnlyCollection<long> trackIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(trackIds);
        var titles = new Dictionary<long, (string Title, string? Artist)>();
        await ForChunksAsync(
            trackIds,
            """
            SELECT t.id, t.title, (SELECT a.name FROM track_credits c JOIN artists a ON a.id = c.artist_id
                                   WHERE c.track_id = t.id ORDER BY c.role, c.position, c.artist_id LIMIT 1)
            FROM tracks t WHERE t.id IN ({ids})
            """,
            reader => titles[reader.GetInt64(0)] = (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)),
            ct).ConfigureAwait(false);
        return titles;
    }

    /// <summary>When the stored track axes were computed; null when there are none.</summary>
    public async Task<DateTimeOffset?> AxesComputedAtAsync(CancellationToken ct = default)
    {
        var at = await _connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT MAX(computed_at) FROM track_axes", cancellationToken: ct)).ConfigureAwait(false);
        return at is null ? null : DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    /// <summary>The aggregation state of <paramref name="userId"/>; null before the first aggregation.</summary>
    public async Task<TasteStateRow?> StateAsync(long userId, CancellationToken ct = default)
    {
        var row = await _connection.QuerySingleOrDefaultAsync<(long, string, long, string, string?)?>(new CommandDefinition(
            "SELECT user_id, time_zone, max_listen_id, computed_at, labels_digest FROM taste_state WHERE user_id = @userId", new { userId }, cancellationToken: ct)).ConfigureAwait(false);
        return row is { } r ? new TasteStateRow(r.Item1, r.Item2, r.Item3, DateTimeOffset.Parse(r.Item4, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), r.Item5) : null;
    }

    /// <summary>Replaces <paramref name="aggregate"/>'s listener's weeks, totals, changes and state in one transaction.</summary>
    public async Task ReplaceAggregateAsync(TasteAggregate aggregate, DateTimeOffset computedAt, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var userId = aggregate.UserId;
        await using var tx = await _connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var table in new[] { "taste_weeks", "taste_week_totals", "taste_changes", "taste_state" })
        {
            await _connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {table} WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        await _connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO taste_weeks (user_id, week, axis, mean, variance, plays, minutes, ema, momentum) VALUES (@userId, @Week, @Axis, @Mean, @Variance, @Plays, @Minutes, @Ema, @Momentum)",
            aggregate.Weeks.Select(w => new { userId, w.Week, w.Axis, w.Mean, w.Variance, w.Plays, w.Minutes, w.Ema, w.Momentum }), tx, cancellationToken: ct)).ConfigureAwait(false);
        await _connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO taste_week_totals (user_id, week, plays, minutes, coverage, diversity, momentum_index, tag_diversity, tagged_share) VALUES (@userId, @Week, @Plays, @Minutes, @Coverage, @Diversity, @MomentumIndex, @TagDiversity, @TaggedShare)",
            aggregate.Totals.Select(w => new { userId, w.Week, w.Plays, w.Minutes, w.Coverage, w.Diversity, w.MomentumIndex, w.TagDiversity, w.TaggedShare }), tx, cancellationToken: ct)).ConfigureAwait(false);
        await _connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO taste_changes (user_id, axis, week, start_week, direction, size) VALUES (@userId, @Axis, @Week, @StartWeek, @Direction, @Size)",
            aggregate.Changes.Select(c => new { userId, c.Axis, c.Week, c.StartWeek, c.Direction, c.Size }), tx, cancellationToken: ct)).ConfigureAwait(false);
        await _connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO taste_state (user_id, time_zone, max_listen_id, labels_digest, computed_at) VALUES (@userId, @TimeZone, @MaxListenId, @LabelsDigest, @at)",
            new { userId, aggregate.TimeZone, aggregate.MaxListenId, aggregate.LabelsDigest, at = computedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The stored weekly rows of <paramref name="userId"/>, by week then axis.</summary>
    public async Task<IReadOnlyList<TasteWeekRow>> WeeksAsync(long userId, CancellationToken ct = default) =>
        [.. (await _connection.QueryAsync<(string, string, double, double, long, double, double?, double?)>(new CommandDefinition(
            "SELECT week, axis, mean, variance, plays, minutes, ema, momentum FROM taste_weeks WHERE user_id = @userId ORDER BY week, axis", new { userId }, cancellationToken: ct)).ConfigureAwait(false))
            .Select(r => new TasteWeekRow(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5, r.Item6, r.Item7, r.Item8))];

    /// <summary>The stored weekly totals of <paramref name="userId"/>, by week.</summary>
    public async Task<IReadOnlyList<TasteWeekTotalRow>> TotalsAsync(long userId, CancellationToken ct = default) =>
        [.. (await _connection.QueryAsync<(string, long, double, double, double?, double?, double?, double?)>(new CommandDefinition(
            "SELECT week, plays, minutes, coverage, diversity, momentum_index, tag_diversity, tagged_share FROM taste_week_totals WHERE user_id = @userId ORDER BY week", new { userId }, cancellationToken: ct)).ConfigureAwait(false))
            .Select(r => new TasteWeekTotalRow(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5, r.Item6, r.Item7, r.Item8))];

    /// <summary>The stored change points of <paramref name="userId"/>, by week then axis.</summary>
    public async Task<IReadOnlyList<TasteChangeRow>> ChangesAsync(long userId, CancellationToken ct = default) =>
        [.. (await _connection.QueryAsync<(string, string, string, string, double)>(new CommandDefinition(
            "SELECT axis, week, start_week, direction, size FROM taste_changes WHERE user_id = @userId ORDER BY week, axis", new { userId }, cancellationToken: ct)).ConfigureAwait(false))
            .Select(r => new TasteChangeRow(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5))];

    private static double Double(DbDataReader reader, int i) => Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);

    private static double? D(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);

    private async Task<DbDataReader> Reader(string sql, object? args, CancellationToken ct) =>
        await _connection.ExecuteReaderAsync(new CommandDefinition(sql, args, cancellationToken: ct)).ConfigureAwait(false);
}

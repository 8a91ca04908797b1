using System.Globalization;
using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Unveil;

namespace SoundGraph.Storage.Unveil;

/// <content>Summary, playlist, shared-label and engagement sections.</content>
public sealed partial class UnveilReader
{
    private static readonly string[] PitchClasses = ["C", "C♯/D♭", "D", "D♯/E♭", "E", "F", "F♯/G♭", "G", "G♯/A♭", "A", "A♯/B♭", "B"];

    /// <summary>The artist summary in one round trip: a batch of four statements (tracks, top tracks, top tags, labels).</summary>
    private async Task<UnveilSection> ArtistSummaryAsync(long id, CancellationToken ct)
    {
        using var batch = await _connection.QueryMultipleAsync(new CommandDefinition(
            $"""
            SELECT COUNT(DISTINCT track_id) FROM track_credits WHERE artist_id = @id;
            SELECT t.title FROM track_credits c JOIN tracks t ON t.id = c.track_id WHERE c.artist_id = @id
            ORDER BY COALESCE(t.streams, 0) DESC, (SELECT COUNT(*) FROM playlist_tracks p WHERE p.track_id = t.id) DESC, t.id LIMIT 5;
            {SqlFragments.TopTagsSql("artist_tags", "artist_id", 8, withUses: false)};
            SELECT l.name FROM track_credits c JOIN tracks t ON t.id = c.track_id JOIN labels l ON l.id = t.label_id WHERE c.artist_id = @id GROUP BY l.id, l.name ORDER BY COUNT(*) DESC, l.name LIMIT 5;
            """,
            new { id },
            cancellationToken: ct)).ConfigureAwait(false);
        var facts = new List<UnveilFact> { new("tracks in store", N(await batch.ReadSingleAsync<long>().ConfigureAwait(false))) };
        AddList(facts, "top tracks", (await batch.ReadAsync<string>().ConfigureAwait(false)).AsList());
        AddList(facts, "top tags", (await batch.ReadAsync<string>().ConfigureAwait(false)).AsList());
        AddList(facts, "labels", (await batch.ReadAsync<string>().ConfigureAwait(false)).AsList());
        return new UnveilSection("summary", "Artist", facts, [], null);
    }

    /// <summary>The track summary in one round trip: a batch of six statements (the track and its label, credits,
    /// identifiers, audio features, the latest analysis of the user's own file, tags).</summary>
    private async Task<UnveilSection> TrackSummaryAsync(long id, CancellationToken ct)
    {
        using var batch = await _connection.QueryMultipleAsync(new CommandDefinition(
            $"""
            SELECT t.title, t.album, t.duration_ms, l.name, t.streams, t.weeks_on_chart FROM tracks t LEFT JOIN labels l ON l.id = t.label_id WHERE t.id = @id;
            SELECT a.name, c.role FROM track_credits c JOIN artists a ON a.id = c.artist_id WHERE c.track_id = @id ORDER BY c.role, c.position;
            SELECT kind, value, method FROM track_identifiers WHERE track_id = @id AND method <> 'unlinked' ORDER BY kind, value;
            SELECT danceability, energy, valence, acousticness, loudness_db, tempo_bpm, musical_key, mode, time_signature FROM audio_features WHERE track_id = @id ORDER BY CASE extractor WHEN 'spotify' THEN 0 ELSE 1 END LIMIT 1;
            {LocalAudioSql};
            {SqlFragments.TopTagsSql("track_tags", "track_id", 8, withUses: false)};
            """,
            new { id },
            cancellationToken: ct)).ConfigureAwait(false);
        var facts = new List<UnveilFact>();
        var t = await batch.ReadFirstAsync<(string Title, string? Album, long? DurationMs, string? Label, long? Streams, long? Weeks)>().ConfigureAwait(false);
        facts.Add(new UnveilFact("title", t.Title));
        var credits = (await batch.ReadAsync<(string Name, long Role)>().ConfigureAwait(false))
            .Select(c => c.Role == 0 ? c.Name : $"{c.Name} ({Explore.DetailsReader.RoleName(c.Role)})").ToList();
        AddList(facts, "artists", credits);
        Add(facts, "album", t.Album);
        Add(facts, "duration", t.DurationMs is { } ms ? TimeSpan.FromMilliseconds(ms).ToString(@"m\:ss", CultureInfo.InvariantCulture) : null);
        Add(facts, "label", t.Label);
        // Every identifier the track is known by across sources (track_identifiers), name matches marked as such.
        AddList(facts, "identifiers", (await batch.ReadAsync<(string Kind, string Value, string Method)>().ConfigureAwait(false))
            .Select(i => $"{i.Kind} {i.Value}" + (i.Method == "id" ? string.Empty : $" ({i.Method} match)")).ToList());
        var f = await batch.ReadFirstOrDefaultAsync<(double? Dance, double? Energy, double? Valence, double? Acoustic, double? Loud, double? Tempo, long? Key, long? Mode, long? Meter)?>().ConfigureAwait(false);
        if (f is { } a)
        {
            // An unknown (NULL) feature reads "unknown …" rather than a number.
            var mode = a.Mode switch { 1 => " major", 0 => " minor", _ => string.Empty };
            var key = a.Key is >= 0 and < 12 ? PitchClasses[a.Key.Value] + mode : "unknown key";
            var tempo = a.Tempo is { } bpm ? string.Create(CultureInfo.InvariantCulture, $"{bpm:0} BPM") : "unknown tempo";
            var meter = a.Meter is { } beats ? string.Create(CultureInfo.InvariantCulture, $"{beats}/4") : "unknown time signature";
            var loud = a.Loud is { } db ? string.Create(CultureInfo.InvariantCulture, $"{db:0.0} dB") : "unknown loudness";
            facts.Add(new UnveilFact("audio", $"{key}, {tempo}, {meter}, {loud}"));
            facts.Add(new UnveilFact("feel", $"danceability {Score(a.Dance)}, energy {Score(a.Energy)}, valence {Score(a.Valence)}, acousticness {Score(a.Acoustic)}"));
        }

        if (LocalAudioFact((await batch.ReadAsync<(string AnalyzedAt, double? Tempo, long? Key, long? Mode, double? Lufs, double Lra)>().ConfigureAwait(false)).AsList()) is { } local)
        {
            facts.Add(local);
        }

        AddList(facts, "tags", (await batch.ReadAsync<string>().ConfigureAwait(false)).AsList());
        return new UnveilSection("summary", "Track", facts, [], null);
    }

    private async Task<UnveilSection> ArtistPlaylistsAsync(long id, int limit, CancellationToken ct)
    {
        using var batch = await _connection.QueryMultipleAsync(new CommandDefinition(
            """
            SELECT COUNT(DISTINCT pt.playlist_id) FROM track_credits c JOIN playlist_tracks pt ON pt.track_id = c.track_id WHERE c.artist_id = @id;
            SELECT p.id, p.name, COUNT(DISTINCT pt.track_id) AS tracks, p.followers
            FROM track_credits c JOIN playlist_tracks pt ON pt.track_id = c.track_id JOIN playlists p ON p.id = pt.playlist_id
            WHERE c.artist_id = @id GROUP BY p.id, p.name, p.followers ORDER BY tracks DESC, COALESCE(p.followers, 0) DESC, p.id LIMIT @limit;
            """,
            new { id, limit },
            cancellationToken: ct)).ConfigureAwait(false);
        var total = await batch.ReadSingleAsync<long>().ConfigureAwait(false);
        var rows = await batch.ReadAsync<(long Id, string Name, long Tracks, long? Followers)>().ConfigureAwait(false);
        if (total == 0)
        {
            return Empty("playlists", "Playlists containing it", "No playlist in the store contains a track by this artist.");
        }

        return new UnveilSection("playlists", "Playlists containing it", [new UnveilFact("playlists", N(total))], rows.Select(r => new UnveilItem(
            "playlist", r.Id, PlaylistName(r.Id, r.Name), null, r.Tracks, $"{Plural(r.Tracks, "track")} by this artist" + Followers(r.Followers))).ToList(), null);
    }

    private async Task<UnveilSection> TrackPlaylistsAsync(long id, int limit, CancellationToken ct)
    {
        using var batch = await _connection.QueryMultipleAsync(new CommandDefinition(
            """
            SELECT COUNT(DISTINCT playlist_id) FROM playlist_tracks WHERE track_id = @id;
            SELECT p.id, p.name, MIN(pt.position) AS position, (SELECT COUNT(*) FROM playlist_tracks s WHERE s.playlist_id = p.id) AS size, p.followers
            FROM playlist_tracks pt JOIN playlists p ON p.id = pt.playlist_id
            WHERE pt.track_id = @id GROUP BY p.id, p.name, p.followers ORDER BY COALESCE(p.followers, 0) DESC, size, p.id LIMIT @limit;
            """,
            new { id, limit },
            cancellationToken: ct)).ConfigureAwait(false);
        var total = await batch.ReadSingleAsync<long>().ConfigureAwait(false);
        var rows = await batch.ReadAsync<(long Id, string Name, long Position, long Size, long? Followers)>().ConfigureAwait(false);
        if (total == 0)
        {
            return Empty("playlists", "Playlists containing it", "No playlist in the store contains this track.");
        }

        return new UnveilSection("playlists", "Playlists containing it", [new UnveilFact("playlists", N(total))], rows.Select(r => new UnveilItem(
            "playlist", r.Id, PlaylistName(r.Id, r.Name), null, null, $"position {r.Position + 1} of {r.Size}" + Followers(r.Followers))).ToList(), null);
    }

    // On SQLite the artist's precomputed rows come first (shared_label_rows, migration 0019, rebuilt by relate; the
    // same statement run for every artist, so the same rows): up to `limit` by primary key, the names joined the same way.
    // No row (never rebuilt, emptied by a catalog batch since, or no artist shares a label) means the statement below.
    private async Task<UnveilSection> SharedLabelAsync(long artistId, int limit, CancellationToken ct)
    {
        var rows = _dialect.IsPostgres ? [] : (await _connection.QueryAsync<(long Id, string Name, long Tracks, string Label, long Labels)>(new CommandDefinition(
            """
            SELECT s.other_id, a.name, s.tracks, s.label, s.labels
            FROM shared_label_rows s
            JOIN artists a ON a.id = s.other_id
            WHERE s.artist_id = @artistId AND s.rank < @limit
            ORDER BY s.rank
            """,
            new { artistId, limit },
            cancellationToken: ct)).ConfigureAwait(false)).ToList();
        if (rows.Count == 0)
        {
            rows = await SharedLabelRowsAsync(artistId, limit, ct).ConfigureAwait(false);
        }

        const string title = "Artist connections: shared label";
        if (rows.Count == 0)
        {
            return Empty("shared_label", title, "No other artist in the store releases on this artist's labels.");
        }

        return new UnveilSection("shared_label", title, [], rows.Select(r => new UnveilItem(
            "artist", r.Id, r.Name, null, r.Tracks,
            $"both on {r.Label}" + (r.Labels > 1 ? $" (+{r.Labels - 1} more)" : string.Empty) + $"; {Plural(r.Tracks, "track")} of theirs there")).ToList(), null);
    }

    /// <summary>The shared-label section's ranking of artist <c>@artistId</c>: (artist_id, tracks, label, labels) of the
    /// first <c>@limit</c> other artists, unnamed. Also what <see cref="Sqlite.SharedLabelRows"/> stores per artist.</summary>
    internal const string SharedLabelTopSql = """
        SELECT o.artist_id, CAST(SUM(o.tracks) AS BIGINT) AS tracks, MIN(l.name) AS label, COUNT(*) AS labels
        FROM label_artists mine
        JOIN label_artists o ON o.label_id = mine.label_id
        JOIN labels l ON l.id = mine.label_id
        WHERE mine.artist_id = @artistId AND o.artist_id <> @artistId
        GROUP BY o.artist_id
        ORDER BY tracks DESC, o.artist_id
        LIMIT @limit
        """;

    // Read from label_artists (migration 0017, kept by the catalog writers; LabelArtists): the artist's (label, artist)
    // rows, then every row of those labels, summed per other artist. Same result as counting distinct tracks over the
    // labels' tracks and credits: a track has one label, so the sum of per-label distinct-track counts is the distinct
    // count (cast: PostgreSQL sums bigints as numeric), and one row per (label, artist) makes COUNT(*) the shared-label
    // count. The top rows are chosen before the artists' names are joined (a name look-up per row kept, not per
    // candidate); ties go to the lower artist id.
    private async Task<List<(long Id, string Name, long Tracks, string Label, long Labels)>> SharedLabelRowsAsync(long artistId, int limit, CancellationToken ct) =>
        (await _connection.QueryAsync<(long Id, string Name, long Tracks, string Label, long Labels)>(new CommandDefinition(
            $"""
            SELECT s.artist_id, a.name, s.tracks, s.label, s.labels
            FROM ({SharedLabelTopSql}) AS s
            JOIN artists a ON a.id = s.artist_id
            ORDER BY s.tracks DESC, s.artist_id
            """,
            new { artistId, limit },
            cancellationToken: ct)).ConfigureAwait(false)).ToList();

    private async Task<UnveilSection> EngagementAsync(string kind, long id, CancellationToken ct)
    {
        // Track ids whose listens and engagements count for the subject: the track itself, or the artist's credited tracks.
        var tracksOf = kind == "track" ? "SELECT @id" : "SELECT track_id FROM track_credits WHERE artist_id = @id";
        var artistClause = kind == "artist" ? "OR (target_type = 1 AND target_id = @id)" : string.Empty;
        var engaged = $"((target_type = 0 AND target_id IN ({tracksOf})) {artistClause})";
        using var batch = await _connection.QueryMultipleAsync(new CommandDefinition(
            $"""
            SELECT {ListenersSql(kind, "@id")};
            SELECT kind, SUM(count) FROM engagements WHERE {engaged} GROUP BY kind;
            SELECT COUNT(*) FROM listens WHERE track_id IN ({tracksOf});
            SELECT SUM(streams), MAX(weeks_on_chart) FROM tracks WHERE id IN ({tracksOf});
            """,
            new { id },
            cancellationToken: ct)).ConfigureAwait(false);
        var listeners = await batch.ReadSingleAsync<long>().ConfigureAwait(false);
        var byKind = (await batch.ReadAsync<(long Kind, long Total)>().ConfigureAwait(false)).ToDictionary(r => (EngagementKind)r.Kind, r => r.Total);
        var listens = await batch.ReadSingleAsync<long>().ConfigureAwait(false);
        var chart = await batch.ReadFirstAsync<(long? Streams, long? Weeks)>().ConfigureAwait(false);
        var facts = new List<UnveilFact>();
        AddCount(facts, "listeners", listeners);
        AddCount(facts, "plays", byKind.GetValueOrDefault(EngagementKind.Play) + listens);
        AddCount(facts, "likes", byKind.GetValueOrDefault(EngagementKind.Like));
        AddCount(facts, "reposts", byKind.GetValueOrDefault(EngagementKind.Repost));
        AddCount(facts, "comments", byKind.GetValueOrDefault(EngagementKind.Comment));
        AddCount(facts, "Spotify chart streams", chart.Streams ?? 0);
        AddCount(facts, "weeks on chart (max)", chart.Weeks ?? 0);
        if (kind == "track")
        {
            await AddEngagementScoreAsync(facts, id, ct).ConfigureAwait(false);
        }

        return facts.Count == 0
            ? Empty("engagement", "Engagement", "No listens, plays, likes or chart figures are known.")
            : new UnveilSection("engagement", "Engagement", facts, [], null);
    }

    /// <summary>A scalar subquery counting the listeners of a track or an artist: the distinct users with an engagement on
    /// it or (for an artist) on one of its credited tracks, or a listen of one of those tracks. Unveil's "listeners" fact,
    /// and the listener counts of search and artist details (correlated there with <c>a.id</c>).</summary>
    /// <param name="kind">"track" or "artist".</param>
    /// <param name="id">SQL expression of the subject's id (a parameter such as <c>@id</c>, or a column).</param>
    internal static string ListenersSql(string kind, string id)
    {
        var tracksOf = kind == "track" ? id : $"SELECT c.track_id FROM track_credits c WHERE c.artist_id = {id}";
        var onArtist = kind == "artist" ? $"SELECT e.user_id FROM engagements e WHERE e.target_type = 1 AND e.target_id = {id} UNION " : string.Empty;
        return $"""
            (SELECT COUNT(*) FROM ({onArtist}SELECT e.user_id FROM engagements e WHERE e.target_type = 0 AND e.target_id IN ({tracksOf})
                                   UNION SELECT l.user_id FROM listens l WHERE l.track_id IN ({tracksOf})) AS listeners_of)
            """;
    }

    private static void Add(List<UnveilFact> facts, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            facts.Add(new UnveilFact(name, value));
        }
    }

    private static void AddList(List<UnveilFact> facts, string name, List<string> values)
    {
        if (values.Count > 0)
        {
            facts.Add(new UnveilFact(name, string.Join(", ", values)));
        }
    }

    private static void AddCount(List<UnveilFact> facts, string name, long value)
    {
        if (value > 0)
        {
            facts.Add(new UnveilFact(name, N(value)));
        }
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string PlaylistName(long id, string name) => string.IsNullOrWhiteSpace(name) ? $"(untitled #{id})" : name;

    private static string Followers(long? followers) => followers is > 0 ? $", {Plural(followers.Value, "follower")}" : string.Empty;

    /// <summary>A 0–1 feature as "0.00", or "unknown" when null.</summary>
    private static string Score(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "unknown";
}

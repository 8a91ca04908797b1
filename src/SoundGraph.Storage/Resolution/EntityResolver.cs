using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using FuzzySharp;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Unveil;

namespace SoundGraph.Storage.Resolution;

/// <summary>A track, an artist or (through <see cref="EntityResolver.FindByIdAsync"/>) a user, by internal id.</summary>
/// <param name="Kind">"track", "artist" or "user".</param>
/// <param name="Id">Internal id.</param>
/// <param name="Name">Display name ("Title — Artist" for tracks).</param>
public sealed record EntityRef(string Kind, long Id, string Name);

/// <summary>A possible match for a query, with a 0–100 score, how it matched and, in choice lists, what tells it
/// apart from the others (its key, playlists, streams or listeners).</summary>
public sealed record ResolutionCandidate(EntityRef Entity, int Score, string How, string? Detail = null);

/// <summary>The outcome of resolving a query: one match, or candidates to choose from ("did you mean").</summary>
/// <param name="Match">The entity, when the query is unambiguous.</param>
/// <param name="Candidates">Alternatives (best first) when ambiguous or not found; also the runners-up of a fuzzy match.</param>
/// <param name="How">How the match was made ("id", "key", "exact name", "fuzzy name (score 93)").</param>
public sealed record Resolution(EntityRef? Match, IReadOnlyList<ResolutionCandidate> Candidates, string How);

/// <summary>Resolves a user's query to a track or an artist.</summary>
/// <remarks>
/// Order: <c>track:ID</c> / <c>artist:ID</c>; a stored source key or URI (<c>spotify:track:…</c>, an
/// open.spotify.com link); a bare number (an id of either kind); an exact normalized artist name (artists win over
/// track titles); "Artist - Title"; an exact normalized title; then a fuzzy match (Levenshtein ratio via FuzzySharp)
/// that is taken only when its score is ≥ <see cref="FuzzyAcceptScore"/> and strictly above every other candidate.
/// </remarks>
public sealed partial class EntityResolver
{
    /// <summary>Minimum fuzzy score (0–100) to accept a match without asking.</summary>
    public const int FuzzyAcceptScore = 90;

    /// <summary>Minimum fuzzy score for a "did you mean" suggestion.</summary>
    public const int FuzzySuggestScore = 55;

    /// <summary>Minimum fuzzy score (0–100, FuzzySharp's Levenshtein ratio of the normalized names) for a candidate to
    /// count as a close match. When several candidates are this close the query is "ambiguous"; when none is, it is
    /// <see cref="NoCloseMatch"/> and the candidates (≥ <see cref="FuzzySuggestScore"/>) are only the nearest names.</summary>
    /// <value>75: about one wrong character in four ("Brightside" scores 87 against "Mr. Brightside", a different
    /// band name of similar length about 55–70).</value>
    public const int FuzzyCloseScore = 75;

    /// <summary>The <see cref="Resolution.How"/> of a query whose nearest names all score below <see cref="FuzzyCloseScore"/>.</summary>
    public const string NoCloseMatch = "no close match";

    private readonly DbConnection _connection;

    /// <summary>Creates a resolver over an open connection (not owned).</summary>
    public EntityResolver(DbConnection connection) => _connection = connection;

    /// <summary>Resolves <paramref name="query"/>; <paramref name="kind"/> ("track" or "artist") restricts the search.</summary>
    public async Task<Resolution> ResolveAsync(string query, string? kind = null, CancellationToken cancellationToken = default)
    {
        var resolution = await ResolveCoreAsync(query, kind, cancellationToken).ConfigureAwait(false);
        if (resolution.Match is not null || resolution.Candidates.Count == 0)
        {
            return resolution;
        }

        // Candidates often share a name (three releases of one title): say what tells them apart.
        var detailed = new List<ResolutionCandidate>(resolution.Candidates.Count);
        foreach (var c in resolution.Candidates)
        {
            detailed.Add(c with { Detail = await DescribeAsync(c.Entity, cancellationToken).ConfigureAwait(false) });
        }

        return resolution with { Candidates = detailed };
    }

    private async Task<string> DescribeAsync(EntityRef e, CancellationToken ct)
    {
        if (e.Kind == "track")
        {
            var t = await _connection.QuerySingleAsync<(string Key, long Playlists, long? Streams)>(new CommandDefinition(
                "SELECT key, (SELECT COUNT(DISTINCT playlist_id) FROM playlist_tracks p WHERE p.track_id = t.id), streams FROM tracks t WHERE id = @Id",
                new { e.Id },
                cancellationToken: ct)).ConfigureAwait(false);
            return t.Key + "; " + StoreText.Count(t.Playlists, "playlist") + (t.Streams is { } streams ? "; " + StoreText.Count(streams, "stream") : string.Empty);
        }

        var a = await _connection.QuerySingleAsync<(string Key, long Tracks, long Listeners)>(new CommandDefinition(
            "SELECT key, (SELECT COUNT(*) FROM track_credits c WHERE c.artist_id = a.id), (SELECT COUNT(*) FROM engagements x WHERE x.target_type = 1 AND x.target_id = a.id) FROM artists a WHERE id = @Id",
            new { e.Id },
            cancellationToken: ct)).ConfigureAwait(false);
        return a.Key + "; " + StoreText.Count(a.Tracks, "track") + "; " + StoreText.Count(a.Listeners, "listener");
    }

    private async Task<Resolution> ResolveCoreAsync(string query, string? kind, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var q = query.Trim();
        var wantTracks = kind is null or "track";
        var wantArtists = kind is null or "artist";

        var prefixed = PrefixedId().Match(q);
        if (prefixed.Success)
        {
            var k = prefixed.Groups[1].Value.ToLowerInvariant();
            var e = long.TryParse(prefixed.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var prefixedId)
                ? await ByIdAsync(k, prefixedId, cancellationToken).ConfigureAwait(false)
                : null;
            return new Resolution(e, [], e is null ? "not found" : "id");
        }

        var key = SpotifyLink().Match(q) is { Success: true } link ? $"spotify:{link.Groups[1].Value}:{link.Groups[2].Value}" : q;
        if (key.Contains(':', StringComparison.Ordinal))
        {
            var byKey = new List<EntityRef>();
            if (wantTracks)
            {
                byKey.AddRange(await QueryAsync("track", $"SELECT t.id AS Id, {SqlFragments.TrackDisplayName} AS Name FROM tracks t WHERE t.key = @key", new { key }, cancellationToken).ConfigureAwait(false));
            }

            if (wantArtists)
            {
                byKey.AddRange(await QueryAsync("artist", "SELECT id AS Id, name AS Name FROM artists WHERE key = @key", new { key }, cancellationToken).ConfigureAwait(false));
            }

            if (byKey.Count == 1)
            {
                return new Resolution(byKey[0], [], "key");
            }
        }

        if (long.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var bare))
        {
            var hits = new List<EntityRef>();
            if (wantArtists && await ByIdAsync("artist", bare, cancellationToken).ConfigureAwait(false) is { } a)
            {
                hits.Add(a);
            }

            if (wantTracks && await ByIdAsync("track", bare, cancellationToken).ConfigureAwait(false) is { } t)
            {
                hits.Add(t);
            }

            // A number may also be a title ("505", "2002") or an artist name ("311").
            var candidates = hits.Select(h => new ResolutionCandidate(h, 100, "id")).ToList();
            var byName = await ByNameAsync(q, wantTracks, wantArtists, cancellationToken, fuzzy: false).ConfigureAwait(false);
            if (byName.Match is not null)
            {
                candidates.Add(new ResolutionCandidate(byName.Match, 100, byName.How));
            }

            candidates.AddRange(byName.Candidates);
            if (candidates.Count == 1)
            {
                return new Resolution(candidates[0].Entity, [], candidates[0].How);
            }

            if (candidates.Count > 1)
            {
                return new Resolution(null, candidates, "ambiguous number (an id or a name)");
            }
        }

        return await ByNameAsync(q, wantTracks, wantArtists, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads a track or artist by id; null when absent.</summary>
    public async Task<EntityRef?> ByIdAsync(string kind, long id, CancellationToken cancellationToken = default)
    {
        var rows = kind == "track"
            ? await QueryAsync("track", $"SELECT t.id AS Id, {SqlFragments.TrackDisplayName} AS Name FROM tracks t WHERE t.id = @id", new { id }, cancellationToken).ConfigureAwait(false)
            : await QueryAsync("artist", "SELECT id AS Id, name AS Name FROM artists WHERE id = @id", new { id }, cancellationToken).ConfigureAwait(false);
        return rows.FirstOrDefault();
    }

    /// <summary>Loads a track, an artist or a user by internal id (names as everywhere: "Title — Artist" for tracks, the
    /// user's name for users); null when no such row exists.</summary>
    /// <param name="kind">"track", "artist" or "user".</param>
    /// <param name="id">Internal id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is none of the three.</exception>
    public async Task<EntityRef?> FindByIdAsync(string kind, long id, CancellationToken cancellationToken = default) => kind switch
    {
        "track" or "artist" => await ByIdAsync(kind, id, cancellationToken).ConfigureAwait(false),
        "user" => (await QueryAsync("user", "SELECT id AS Id, name AS Name FROM users WHERE id = @id", new { id }, cancellationToken).ConfigureAwait(false)).FirstOrDefault(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The kind must be track, artist or user."),
    };

    /// <summary>The subject of a report about a track, an artist or a user: its display name (as
    /// <see cref="FindByIdAsync"/> gives it) and its stored key, in one query; null when no such row exists.</summary>
    /// <param name="kind">"track", "artist" or "user".</param>
    /// <param name="id">Internal id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is none of the three.</exception>
    public async Task<UnveilSubject?> FindSubjectAsync(string kind, long id, CancellationToken cancellationToken = default)
    {
        var sql = kind switch
        {
            "track" => $"SELECT t.id, {SqlFragments.TrackDisplayName}, t.key FROM tracks t WHERE t.id = @id",
            "artist" => "SELECT id, name, key FROM artists WHERE id = @id",
            "user" => "SELECT id, name, key FROM users WHERE id = @id",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The kind must be track, artist or user."),
        };
        var row = await _connection.QueryFirstOrDefaultAsync<(long Id, string Name, string Key)?>(
            new CommandDefinition(sql, new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is { } r ? new UnveilSubject(kind, r.Id, r.Name, r.Key) : null;
    }

    private async Task<Resolution> ByNameAsync(string q, bool wantTracks, bool wantArtists, CancellationToken ct, bool fuzzy = true)
    {
        var norm = NameNormalizer.MatchKey(q);
        if (norm.Length == 0)
        {
            return new Resolution(null, [], "empty query");
        }

        if (wantArtists)
        {
            var artists = await QueryAsync("artist", PopularArtists("a.name_norm = @norm"), new { norm }, ct).ConfigureAwait(false);
            if (artists.Count > 0)
            {
                return Pick(artists, "exact artist name");
            }
        }

        if (wantTracks)
        {
            var dash = ArtistTitle().Match(q);
            if (dash.Success)
            {
                var nameKey = NameNormalizer.TrackNameKey(dash.Groups[1].Value, dash.Groups[2].Value);
                var byPair = await QueryAsync("track", PopularTracks("t.name_key = @nameKey"), new { nameKey }, ct).ConfigureAwait(false);
                if (byPair.Count > 0)
                {
                    return Pick(byPair, "artist - title");
                }
            }

            var tracks = await QueryAsync("track", PopularTracks("t.title_norm = @norm"), new { norm }, ct).ConfigureAwait(false);
            if (tracks.Count > 0)
            {
                return Pick(tracks, "exact title");
            }
        }

        return fuzzy ? await FuzzyAsync(norm, wantTracks, wantArtists, ct).ConfigureAwait(false) : new Resolution(null, [], "not found");
    }

    private async Task<Resolution> FuzzyAsync(string norm, bool wantTracks, bool wantArtists, CancellationToken ct)
    {
        var scored = new List<ResolutionCandidate>();
        if (wantArtists)
        {
            var rows = await _connection.QueryAsync<(long Id, string Name, string Norm)>(new CommandDefinition("SELECT id, name, name_norm FROM artists a WHERE " + NotLinked, cancellationToken: ct)).ConfigureAwait(false);
            scored.AddRange(rows.Select(r => new ResolutionCandidate(new EntityRef("artist", r.Id, r.Name), Fuzz.Ratio(norm, r.Norm), "fuzzy artist name")));
        }

        if (wantTracks)
        {
            var rows = await _connection.QueryAsync<(long Id, string Name, string Norm)>(new CommandDefinition(
                $"SELECT t.id, {SqlFragments.TrackDisplayName}, t.title_norm FROM tracks t", cancellationToken: ct)).ConfigureAwait(false);
            scored.AddRange(rows.Select(r => new ResolutionCandidate(new EntityRef("track", r.Id, r.Name), Fuzz.Ratio(norm, r.Norm), "fuzzy title")));
        }

        return ChooseFuzzy(scored);
    }

    /// <summary>The fuzzy rules shared by tracks, artists and users: accept a unique best ≥ <see cref="FuzzyAcceptScore"/>,
    /// else "ambiguous name" when the best is ≥ <see cref="FuzzyCloseScore"/>, else <see cref="NoCloseMatch"/>.</summary>
    private static Resolution ChooseFuzzy(IEnumerable<ResolutionCandidate> scored)
    {
        var top = scored.Where(c => c.Score >= FuzzySuggestScore)
            .OrderByDescending(c => c.Score).ThenBy(c => c.Entity.Kind, StringComparer.Ordinal).ThenBy(c => c.Entity.Id)
            .Take(8).ToList();
        if (top.Count > 0 && top[0].Score >= FuzzyAcceptScore && (top.Count == 1 || top[1].Score < top[0].Score))
        {
            return new Resolution(top[0].Entity, top.Skip(1).ToList(), $"fuzzy name (score {top[0].Score})");
        }

        var how = top.Count == 0 ? "not found" : top[0].Score >= FuzzyCloseScore ? "ambiguous name" : NoCloseMatch;
        return new Resolution(null, how == NoCloseMatch ? top.Take(3).ToList() : top, how);
    }

    /// <summary>Resolves a query to a user (listener): <c>user:ID</c>, a stored key (<c>hetrec:user:2</c>), an exact
    /// normalized name (several users with it are ambiguous), then a fuzzy name under the same rules and scores as tracks
    /// and artists (<see cref="FuzzyAcceptScore"/>, <see cref="FuzzyCloseScore"/>, <see cref="FuzzySuggestScore"/>).</summary>
    /// <remarks>Names are compared in memory: one query reads every user's id and name (O(users)).</remarks>
    public async Task<Resolution> ResolveUserAsync(string query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var q = query.Trim();
        var prefixed = UserId().Match(q);
        if (prefixed.Success)
        {
            var e = long.TryParse(prefixed.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? await FindByIdAsync("user", id, cancellationToken).ConfigureAwait(false)
                : null;
            return new Resolution(e, [], e is null ? "not found" : "id");
        }

        if (q.Contains(':', StringComparison.Ordinal)
            && (await QueryAsync("user", "SELECT id AS Id, name AS Name FROM users WHERE key = @q", new { q }, cancellationToken).ConfigureAwait(false)).FirstOrDefault() is { } byKey)
        {
            return new Resolution(byKey, [], "key");
        }

        var norm = NameNormalizer.MatchKey(q);
        if (norm.Length == 0)
        {
            return new Resolution(null, [], "empty query");
        }

        var users = (await _connection.QueryAsync<(long Id, string Name)>(new CommandDefinition("SELECT id, name FROM users ORDER BY id", cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(u => (Entity: new EntityRef("user", u.Id, u.Name), Norm: NameNormalizer.MatchKey(u.Name))).ToList();
        var exact = users.Where(u => u.Norm == norm).Select(u => u.Entity).ToList();
        return exact.Count > 0
            ? Pick(exact, "exact user name")
            : ChooseFuzzy(users.Select(u => new ResolutionCandidate(u.Entity, Fuzz.Ratio(norm, u.Norm), "fuzzy user name")));
    }

    private static Resolution Pick(List<EntityRef> exact, string how) =>
        exact.Count == 1
            ? new Resolution(exact[0], [], how)
            : new Resolution(null, exact.Take(8).Select(e => new ResolutionCandidate(e, 100, how)).ToList(), "ambiguous " + how);

    /// <summary>A name-keyed artist linked to a Spotify artist (<see cref="ArtistLinker"/>) answers a name through that
    /// artist, which holds its artist-level relations: a name query must not find both.</summary>
    private const string NotLinked = "NOT EXISTS (SELECT 1 FROM artist_links l WHERE l.name_artist_id = a.id AND l.method = 'name')";

    private static string PopularArtists(string where) => $"""
        SELECT a.id AS Id, a.name AS Name FROM artists a WHERE {where} AND {NotLinked}
        ORDER BY (SELECT COUNT(*) FROM engagements e WHERE e.target_type = 1 AND e.target_id = a.id)
               + (SELECT COUNT(*) FROM track_credits c WHERE c.artist_id = a.id) DESC, a.id
        """;

    private static string PopularTracks(string where) => $"""
        SELECT t.id AS Id, {SqlFragments.TrackDisplayName} AS Name FROM tracks t WHERE {where}
        ORDER BY COALESCE(t.streams, 0) DESC, (SELECT COUNT(*) FROM playlist_tracks p WHERE p.track_id = t.id) DESC, t.id
        """;

    private async Task<List<EntityRef>> QueryAsync(string kind, string sql, object args, CancellationToken ct)
    {
        var rows = await _connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(sql, args, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => new EntityRef(kind, r.Id, r.Name)).ToList();
    }

    [GeneratedRegex(@"^(track|artist):(\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PrefixedId();

    [GeneratedRegex(@"^user:(\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UserId();

    [GeneratedRegex(@"open\.spotify\.com/(track|artist|playlist)/([A-Za-z0-9]+)", RegexOptions.CultureInvariant)]
    private static partial Regex SpotifyLink();

    [GeneratedRegex(@"^(.+?)\s+[-–—]\s+(.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ArtistTitle();
}

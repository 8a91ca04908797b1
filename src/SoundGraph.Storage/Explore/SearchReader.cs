using System.Data.Common;
using System.Text;
using Dapper;
using SoundGraph.Core.Identity;
using SoundGraph.Storage.Unveil;

namespace SoundGraph.Storage.Explore;

/// <summary>One search result.</summary>
/// <param name="Kind">"track", "artist" or "user".</param>
/// <param name="Id">Internal id.</param>
/// <param name="Name">Display name ("Title — Artist" for tracks).</param>
/// <param name="Detail">What tells equal names apart: "hetrec:artist:89; 52 tracks; 1,250 listeners",
/// "spotify:track:…; 3 playlists; 12,345 streams", "hetrec:user:2; 50 artists; 12,000 plays".</param>
/// <param name="Score">100 exact name, 90 prefix, 80 a word of the name starts with the query, 70 substring.</param>
public sealed record SearchHit(string Kind, long Id, string Name, string Detail, double Score);

/// <summary>Searches tracks, artists and users by name.</summary>
/// <remarks>
/// Artists match on <c>artists.name_norm</c> and tracks on <c>tracks.title_norm</c>, against the query normalized with
/// <see cref="NameNormalizer.MatchKey"/> (the importers' normalizer: "Beyonce" finds "Beyoncé"); users match on
/// <c>LOWER(users.name)</c> against the trimmed lower-case query. LIKE wildcards in the query (<c>%</c>, <c>_</c>) are
/// escaped, so "100%" matches only names containing "100%" (or, normalized, "100"). Within a kind, hits are ranked
/// by score, then popularity (artists: listeners as unveil counts them, i.e. users with an engagement on the artist or its tracks or a listen of
/// its tracks; tracks: chart streams, then playlists; users: artists engaged with), then id. Across kinds: score, then kind (artist, track, user), then
/// the rank within the kind. Cost: one statement per kind, a LIKE scan of that kind's names (36k artists, 94k tracks
/// and 2k users on the demo store: milliseconds) with popularity read by index only for the matches in the score
/// tiers that can reach the page.
/// </remarks>
public sealed class SearchReader
{
    private static readonly string[] Kinds = ["artist", "track", "user"];

    private readonly DbConnection _connection;

    /// <summary>Creates a reader over an open connection (not owned), SQLite or PostgreSQL.</summary>
    public SearchReader(DbConnection connection) => _connection = connection ?? throw new ArgumentNullException(nameof(connection));

    /// <summary>The best <paramref name="limit"/> hits for <paramref name="query"/>.</summary>
    /// <param name="query">Free text, 1–200 characters.</param>
    /// <param name="kind">"track", "artist" or "user"; null searches all three.</param>
    /// <param name="limit">Hits returned, 1–50.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>Hits best first; empty when nothing matches.</returns>
    /// <exception cref="ArgumentException"><paramref name="query"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not in 1–50, or <paramref name="kind"/>
    /// is not one of the three kinds.</exception>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, string? kind, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 50);
        if (kind is not null && !Kinds.Contains(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "The kind must be track, artist or user.");
        }

        var hits = new List<(SearchHit Hit, int KindOrder, int Position)>();
        for (var k = 0; k < Kinds.Length; k++)
        {
            if (kind is not null && kind != Kinds[k])
            {
                continue;
            }

            var q = Kinds[k] == "user" ? query.Trim().ToLowerInvariant() : NameNormalizer.MatchKey(query);
            if (q.Length == 0)
            {
                continue;
            }

            var rows = await _connection.QueryAsync<(long Id, string Name, string Key, long Score, long A, long? B)>(new CommandDefinition(
                Sql(Kinds[k]),
                new { exact = q, contains = "%" + EscapeLike(q) + "%", prefix = EscapeLike(q) + "%", word = "% " + EscapeLike(q) + "%", limit },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            var position = 0;
            foreach (var r in rows)
            {
                hits.Add((new SearchHit(Kinds[k], r.Id, r.Name, Detail(Kinds[k], r.Key, r.A, r.B), r.Score), k, position++));
            }
        }

        return hits.OrderByDescending(h => h.Hit.Score).ThenBy(h => h.KindOrder).ThenBy(h => h.Position).Take(limit).Select(h => h.Hit).ToList();
    }

    /// <summary>Escapes the LIKE wildcards <c>%</c> and <c>_</c> and the escape character itself with a backslash
    /// (the statements say <c>ESCAPE '\'</c>).</summary>
    internal static string EscapeLike(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '%' or '_' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>The statement of one kind: (id, name, key, score, popularity A, popularity B), ranked and limited.</summary>
    /// <remarks>The matches and their scores come first (a LIKE scan, no per-row work); <c>cut</c> is the score of the
    /// <c>@limit</c>-th best match, and popularity is computed only for matches scoring at least that (no lower-scored
    /// match can make the page): "a" scores 24k artists and 63k tracks on the demo store, of which 2.5k and 5k are
    /// prefix matches.</remarks>
    private static string Sql(string kind)
    {
        var (column, table, select, popularity) = kind switch
        {
            "artist" => (
                "name_norm",
                "artists a",
                "a.id, a.name, a.key",
                $"""
                (SELECT COUNT(*) FROM track_credits c WHERE c.artist_id = a.id) AS tracks,
                {UnveilReader.ListenersSql("artist", "a.id")} AS listeners
                """),
            "track" => (
                "title_norm",
                "tracks t",
                $"t.id, {SqlFragments.TrackDisplayName}, t.key",
                "(SELECT COUNT(DISTINCT p.playlist_id) FROM playlist_tracks p WHERE p.track_id = t.id) AS playlists, t.streams"),
            _ => (
                "LOWER(name)",
                "users u",
                "u.id, u.name, u.key",
                $"""
                (SELECT COUNT(DISTINCT e.target_id) FROM engagements e WHERE e.user_id = u.id AND e.target_type = 1) AS artists,
                {DetailsReader.UserPlaysSql("u.id")} AS plays
                """),
        };
        var order = kind switch
        {
            "artist" => "listeners DESC, tracks DESC",
            "track" => "COALESCE(t.streams, 0) DESC, playlists DESC",
            _ => "artists DESC",
        };
        var alias = table[^1];
        return $"""
            WITH m AS (
                SELECT id, CAST(CASE WHEN {column} = @exact THEN 100
                                     WHEN {column} LIKE @prefix ESCAPE '\' THEN 90
                                     WHEN {column} LIKE @word ESCAPE '\' THEN 80
                                     ELSE 70 END AS BIGINT) AS score
                FROM {table[..^2]}
                WHERE {column} LIKE @contains ESCAPE '\'
            ),
            cut AS (SELECT MIN(score) AS score FROM (SELECT score FROM m ORDER BY score DESC LIMIT @limit) AS best)
            SELECT {select}, m.score, {popularity}
            FROM m JOIN {table} ON {alias}.id = m.id
            WHERE m.score >= (SELECT score FROM cut)
            ORDER BY m.score DESC, {order}, 1
            LIMIT @limit
            """;
    }

    private static string Detail(string kind, string key, long a, long? b) => kind switch
    {
        "artist" => $"{key}; {StoreText.Count(a, "track")}; {StoreText.Count(b ?? 0, "listener")}",
        "track" => $"{key}; {StoreText.Count(a, "playlist")}" + (b is { } streams ? "; " + StoreText.Count(streams, "stream") : string.Empty),
        _ => $"{key}; {StoreText.Count(a, "artist")}; {StoreText.Count(b ?? 0, "play")}",
    };
}

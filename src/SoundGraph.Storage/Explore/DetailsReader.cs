using System.Data.Common;
using Dapper;
using SoundGraph.Storage.Unveil;

namespace SoundGraph.Storage.Explore;

/// <summary>Reads the detail views of one track, artist or user.</summary>
/// <remarks>Each view is one round trip (a batch of statements), every statement an index lookup by the subject's id
/// except the friends count, which also scans <c>user_follows</c> for the user as followee (no index on that column;
/// tens of thousands of rows on the demo store).</remarks>
public sealed class DetailsReader
{
    /// <summary>(artists, plays, friends) of the user <c>@id</c>, as <see cref="UserView"/> defines them; shared with the
    /// user unveil summary.</summary>
    internal static readonly string UserCountsSql = $"""
        SELECT (SELECT COUNT(DISTINCT target_id) FROM engagements WHERE user_id = @id AND target_type = 1),
               {UserPlaysSql("@id")},
               (SELECT COUNT(*) FROM (SELECT followee_id FROM user_follows WHERE follower_id = @id
                                      UNION SELECT follower_id FROM user_follows WHERE followee_id = @id) AS friends)
        """;

    /// <summary>The user <c>@id</c>'s artists by play count (descending), then id, at most <c>@limit</c>:
    /// (id, name, plays).</summary>
    internal const string TopArtistsSql = """
        SELECT a.id, a.name, e.count FROM engagements e JOIN artists a ON a.id = e.target_id
        WHERE e.user_id = @id AND e.target_type = 1 AND e.kind = 3
        ORDER BY e.count DESC, a.id LIMIT @limit
        """;

    private readonly DbConnection _connection;

    /// <summary>Creates a reader over an open connection (not owned), SQLite or PostgreSQL.</summary>
    public DetailsReader(DbConnection connection) => _connection = connection ?? throw new ArgumentNullException(nameof(connection));

    /// <summary>The track with id <paramref name="id"/>, or null when there is none.</summary>
    public async Task<TrackView?> TrackAsync(long id, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT t.id, t.key, t.title, {SqlFragments.TrackDisplayName} AS name, t.album, t.duration_ms, t.genre, t.release_date, t.isrc, t.streams,
                   (SELECT COUNT(DISTINCT p.playlist_id) FROM playlist_tracks p WHERE p.track_id = t.id) AS playlists
            FROM tracks t WHERE t.id = @id;
            SELECT a.id, a.name, c.role FROM track_credits c JOIN artists a ON a.id = c.artist_id WHERE c.track_id = @id ORDER BY c.role, c.position, a.id;
            {SqlFragments.TopTagsSql("track_tags", "track_id", 10, withUses: true)};
            SELECT {StoredAudioFeatures.Columns}
            FROM audio_features WHERE track_id = @id ORDER BY CASE extractor WHEN 'spotify' THEN 0 ELSE 1 END, extractor LIMIT 1;
            """;
        using var batch = await _connection.QueryMultipleAsync(new CommandDefinition(sql, new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var t = await batch.ReadSingleOrDefaultAsync<(long Id, string Key, string Title, string Name, string? Album, long? DurationMs, string? Genre, string? ReleaseDate, string? Isrc, long? Streams, long Playlists)?>().ConfigureAwait(false);
        if (t is not { } track)
        {
            return null;
        }

        var credits = (await batch.ReadAsync<(long Id, string Name, long Role)>().ConfigureAwait(false))
            .Select(c => new CreditView(c.Id, c.Name, RoleName(c.Role))).ToList();
        var tags = (await batch.ReadAsync<(string Name, long Count)>().ConfigureAwait(false)).Select(g => new TagCount(g.Name, g.Count)).ToList();
        var features = (await batch.ReadSingleOrDefaultAsync<StoredAudioFeatures.Row>().ConfigureAwait(false))?.ToFeatures();
        return new TrackView(
            track.Id, track.Key, track.Title, track.Name, track.Album, track.DurationMs, track.Genre, track.ReleaseDate, track.Isrc, track.Streams, track.Playlists, credits, tags, features);
    }

    /// <summary>The artist with id <paramref name="id"/>, or null when there is none.</summary>
    public async Task<ArtistView?> ArtistAsync(long id, CancellationToken cancellationToken = default)
    {
        const string tracksOf = "SELECT track_id FROM track_credits WHERE artist_id = @id";
        var sql = $"""
            SELECT a.id, a.key, a.name,
                   (SELECT COUNT(DISTINCT track_id) FROM track_credits WHERE artist_id = a.id),
                   {UnveilReader.ListenersSql("artist", "a.id")},
                   (SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM engagements
                    WHERE kind = 3 AND ((target_type = 1 AND target_id = a.id) OR (target_type = 0 AND target_id IN ({tracksOf}))))
                     + (SELECT COUNT(*) FROM listens WHERE track_id IN ({tracksOf}))
            FROM artists a WHERE a.id = @id;
            {SqlFragments.TopTagsSql("artist_tags", "artist_id", 10, withUses: true)};
            SELECT t.id, {SqlFragments.TrackDisplayName} AS name, (SELECT COUNT(DISTINCT p.playlist_id) FROM playlist_tracks p WHERE p.track_id = t.id) AS playlists
            FROM tracks t WHERE t.id IN ({tracksOf})
            ORDER BY COALESCE(t.streams, 0) DESC, playlists DESC, t.id LIMIT 10;
            """;
        using var batch = await _connection.QueryMultipleAsync(new CommandDefinition(sql, new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var a = await batch.ReadSingleOrDefaultAsync<(long Id, string Key, string Name, long Tracks, long Listeners, long Plays)?>().ConfigureAwait(false);
        if (a is not { } artist)
        {
            return null;
        }

        var tags = (await batch.ReadAsync<(string Name, long Count)>().ConfigureAwait(false)).Select(g => new TagCount(g.Name, g.Count)).ToList();
        var top = (await batch.ReadAsync<(long Id, string Name, long Playlists)>().ConfigureAwait(false)).Select(r => new TrackRef(r.Id, r.Name, r.Playlists)).ToList();
        return new ArtistView(artist.Id, artist.Key, artist.Name, artist.Tracks, artist.Listeners, artist.Plays, tags, top);
    }

    /// <summary>The user with id <paramref name="id"/>, or null when there is none.</summary>
    public async Task<UserView?> UserAsync(long id, CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT id, key, name FROM users WHERE id = @id; {UserCountsSql}; {TopArtistsSql};";
        using var batch = await _connection.QueryMultipleAsync(new CommandDefinition(sql, new { id, limit = 10 }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var u = await batch.ReadSingleOrDefaultAsync<(long Id, string Key, string Name)?>().ConfigureAwait(false);
        if (u is not { } user)
        {
            return null;
        }

        var counts = await batch.ReadSingleAsync<(long Artists, long Plays, long Friends)>().ConfigureAwait(false);
        var top = (await batch.ReadAsync<(long Id, string Name, long Plays)>().ConfigureAwait(false)).Select(r => new ArtistPlays(r.Id, r.Name, r.Plays)).ToList();
        return new UserView(user.Id, user.Key, user.Name, counts.Artists, counts.Plays, counts.Friends, top);
    }

    /// <summary>The plays of the user whose id is the SQL expression <paramref name="user"/>: play counts of the user's
    /// play engagements plus the user's listens (<see cref="UserView.Plays"/>; search shows the same figure).</summary>
    internal static string UserPlaysSql(string user) => $"""
        ((SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM engagements WHERE user_id = {user} AND kind = 3)
          + (SELECT COUNT(*) FROM listens WHERE user_id = {user}))
        """;

    /// <summary>The name of a stored <c>CreditRole</c> (0 primary, 1 featured, 2 remixer, 3 producer).</summary>
    internal static string RoleName(long role) => role switch { 1 => "featured", 2 => "remixer", 3 => "producer", _ => "primary" };
}

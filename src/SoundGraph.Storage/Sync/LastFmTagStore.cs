using System.Data.Common;
using System.Globalization;
using Dapper;

namespace SoundGraph.Storage.Sync;

/// <summary>A stored track or artist whose Last.fm top tags are still to be fetched.</summary>
/// <param name="Id">tracks.id or artists.id.</param>
/// <param name="Key">Its external key.</param>
/// <param name="Name">The track title or the artist name.</param>
/// <param name="ArtistName">A track's primary artist (first credit by role, position, id); null for an artist or an uncredited track.</param>
/// <param name="Mbid">The MusicBrainz id when known (a track's <c>mbid</c> identifier or <c>musicbrainz:recording:</c> key; an artist's <c>musicbrainz:artist:</c> key).</param>
/// <param name="Plays">Stored listens of the track (of tracks credited to the artist).</param>
/// <param name="PlaylistEntries">Playlist entries of the track (of tracks credited to the artist).</param>
public sealed record LastFmTagTarget(long Id, string Key, string Name, string? ArtistName, string? Mbid, long Plays, long PlaylistEntries);

/// <summary>The targets <c>sgr tags lastfm</c> fills and what it recorded about them: <c>lastfm_tag_fetches</c> (migration
/// 0009) plus read-only candidate queries over tracks/artists, listens and playlist entries. Portable SQL (both providers).</summary>
/// <remarks>Not thread-safe: one store connection serves one caller at a time.</remarks>
public sealed class LastFmTagStore
{
    /// <summary>Status of a target whose tags were fetched (possibly none).</summary>
    public const string Fetched = "fetched";

    /// <summary>Status of a target Last.fm does not know (error 6); it is not asked for again.</summary>
    public const string NotFound = "not_found";

    private readonly DbConnection _connection;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over an open, migrated connection.</summary>
    /// <param name="connection">The store's connection.</param>
    /// <param name="timeProvider">Clock for <c>fetched_at</c>; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    public LastFmTagStore(DbConnection connection, TimeProvider? timeProvider = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Tracks with no tag at all and no recorded fetch, most-played first (stored listens, then playlist entries, then id).</summary>
    /// <param name="limit">At most this many (≥ 0).</param>
    /// <param name="listenedSince">Only tracks with a stored listen at or after this time (listens.listened_at, UTC); null: all.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The tracks.</returns>
    public async Task<IReadOnlyList<LastFmTagTarget>> TracksToFetchAsync(int limit, DateTimeOffset? listenedSince = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var rows = await _connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT x.id AS Id, x.key AS Key, x.title AS Name,
                   (SELECT a.name FROM track_credits c JOIN artists a ON a.id = c.artist_id
                    WHERE c.track_id = x.id ORDER BY c.role, c.position, c.artist_id LIMIT 1) AS ArtistName,
                   (SELECT MIN(i.value) FROM track_identifiers i WHERE i.track_id = x.id AND i.kind = 'mbid') AS Mbid,
                   x.plays AS Plays, x.entries AS PlaylistEntries
            FROM (
                SELECT t.id, t.key, t.title, COALESCE(l.n, 0) AS plays, COALESCE(p.n, 0) AS entries
                FROM tracks t
                LEFT JOIN (SELECT track_id, COUNT(*) AS n FROM listens GROUP BY track_id) l ON l.track_id = t.id
                LEFT JOIN (SELECT track_id, COUNT(*) AS n FROM playlist_tracks GROUP BY track_id) p ON p.track_id = t.id
                WHERE NOT EXISTS (SELECT 1 FROM track_tags g WHERE g.track_id = t.id)
                  AND NOT EXISTS (SELECT 1 FROM lastfm_tag_fetches f WHERE f.target_type = 'track' AND f.target_id = t.id)
            """ + (listenedSince is null ? string.Empty : "      AND EXISTS (SELECT 1 FROM listens s WHERE s.track_id = t.id AND s.listened_at >= @since)\n") + """
                ORDER BY plays DESC, entries DESC, t.id
                LIMIT @limit
            ) x
            ORDER BY x.plays DESC, x.entries DESC, x.id
            """,
            new { limit = (long)limit, since = StoreText.UtcTimestampOrNull(listenedSince) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new LastFmTagTarget(r.Id, r.Key, r.Name, r.ArtistName, r.Mbid ?? KeyMbid(r.Key, "musicbrainz:recording:"), r.Plays, r.PlaylistEntries)).ToList();
    }

    /// <summary>Artists with no tag at all and no recorded fetch, most-played first (listens of tracks credited to them,
    /// then their playlist entries, then id).</summary>
    /// <param name="limit">At most this many (≥ 0).</param>
    /// <param name="listenedSince">Only artists credited on a track with a stored listen at or after this time (UTC); null: all.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The artists.</returns>
    public async Task<IReadOnlyList<LastFmTagTarget>> ArtistsToFetchAsync(int limit, DateTimeOffset? listenedSince = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var rows = await _connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT a.id AS Id, a.key AS Key, a.name AS Name, COALESCE(l.n, 0) AS Plays, COALESCE(p.n, 0) AS PlaylistEntries
            FROM artists a
            LEFT JOIN (SELECT c.artist_id, COUNT(*) AS n FROM listens s JOIN track_credits c ON c.track_id = s.track_id GROUP BY c.artist_id) l ON l.artist_id = a.id
            LEFT JOIN (SELECT c.artist_id, COUNT(*) AS n FROM playlist_tracks s JOIN track_credits c ON c.track_id = s.track_id GROUP BY c.artist_id) p ON p.artist_id = a.id
            WHERE NOT EXISTS (SELECT 1 FROM artist_tags g WHERE g.artist_id = a.id)
              AND NOT EXISTS (SELECT 1 FROM lastfm_tag_fetches f WHERE f.target_type = 'artist' AND f.target_id = a.id)
            """ + (listenedSince is null ? string.Empty
                : "  AND EXISTS (SELECT 1 FROM listens s JOIN track_credits c ON c.track_id = s.track_id WHERE c.artist_id = a.id AND s.listened_at >= @since)\n") + """
            ORDER BY COALESCE(l.n, 0) DESC, COALESCE(p.n, 0) DESC, a.id
            LIMIT @limit
            """,
            new { limit = (long)limit, since = StoreText.UtcTimestampOrNull(listenedSince) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new LastFmTagTarget(r.Id, r.Key, r.Name, null, KeyMbid(r.Key, "musicbrainz:artist:"), r.Plays, r.PlaylistEntries)).ToList();
    }

    /// <summary>Records that the tags of a target were asked for (insert or replace).</summary>
    /// <param name="targetType"><c>track</c> or <c>artist</c>.</param>
    /// <param name="targetId">tracks.id or artists.id.</param>
    /// <param name="status"><see cref="Fetched"/> or <see cref="NotFound"/>.</param>
    /// <param name="tags">Tags stored from the answer.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>A task that completes when the row is written.</returns>
    /// <exception cref="ArgumentException">An unknown target type or status.</exception>
    public Task RecordAsync(string targetType, long targetId, string status, int tags, CancellationToken cancellationToken = default)
    {
        if (targetType is not ("track" or "artist"))
        {
            throw new ArgumentException($"Unknown target type \"{targetType}\"; known: track, artist.", nameof(targetType));
        }

        if (status is not (Fetched or NotFound))
        {
            throw new ArgumentException($"Unknown status \"{status}\"; known: {Fetched}, {NotFound}.", nameof(status));
        }

        return _connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO lastfm_tag_fetches (target_type, target_id, status, tags, fetched_at) VALUES (@targetType, @targetId, @status, @tags, @at)
            ON CONFLICT (target_type, target_id) DO UPDATE SET status = excluded.status, tags = excluded.tags, fetched_at = excluded.fetched_at
            """,
            new { targetType, targetId, status, tags = (long)tags, at = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) },
            cancellationToken: cancellationToken));
    }

    /// <summary>The recorded status of a target, or null when its tags were never asked for.</summary>
    /// <param name="targetType"><c>track</c> or <c>artist</c>.</param>
    /// <param name="targetId">tracks.id or artists.id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The status or null.</returns>
    public Task<string?> StatusAsync(string targetType, long targetId, CancellationToken cancellationToken = default) =>
        _connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT status FROM lastfm_tag_fetches WHERE target_type = @targetType AND target_id = @targetId",
            new { targetType, targetId },
            cancellationToken: cancellationToken));

    private static string? KeyMbid(string key, string prefix) =>
        key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..] : null;

    // Dapper maps by name into settable properties: SQLite types a NULL column as a blob, which a record's
    // constructor match would refuse.
    private sealed class Row
    {
        public long Id { get; set; }

        public string Key { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string? ArtistName { get; set; }

        public string? Mbid { get; set; }

        public long Plays { get; set; }

        public long PlaylistEntries { get; set; }
    }
}

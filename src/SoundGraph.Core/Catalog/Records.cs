namespace SoundGraph.Core.Catalog;

/// <summary>An artist to upsert, identified by <see cref="Key"/> (see <see cref="Identity.EntityKeys"/>).</summary>
public sealed record ArtistRecord(string Key, string Name);

/// <summary>A record label to upsert.</summary>
public sealed record LabelRecord(string Key, string Name);

/// <summary>A user (listener, playlist owner) to upsert.</summary>
public sealed record UserRecord(string Key, string Name);

/// <summary>A track to upsert. Null fields leave what the store already holds unchanged.</summary>
/// <param name="Key">External key (Spotify URI, name key, …).</param>
/// <param name="Title">Track title as the source gives it.</param>
/// <param name="PrimaryArtistName">Primary artist's display name, used for the (artist, title) name key.</param>
/// <param name="Album">Album name.</param>
/// <param name="DurationMs">Duration in milliseconds.</param>
/// <param name="LabelKey">Key of the record label (must be in the same batch or already stored).</param>
/// <param name="Streams">Total streams (Spotify charts).</param>
/// <param name="WeeksOnChart">Weeks on the Spotify weekly chart.</param>
/// <param name="Details">Source attributes (genre, tempo, engagement counters, permalink) when the source has them.</param>
public sealed record TrackRecord(
    string Key,
    string Title,
    string? PrimaryArtistName = null,
    string? Album = null,
    long? DurationMs = null,
    string? LabelKey = null,
    long? Streams = null,
    int? WeeksOnChart = null,
    TrackDetails? Details = null);

/// <summary>Attributes a platform such as SoundCloud gives a track. Null fields leave what the store holds unchanged;
/// counters are the platform's totals at fetch time, so a later fetch overwrites them.</summary>
/// <param name="Genre">Genre as the uploader typed it.</param>
/// <param name="Bpm">Tempo in beats per minute, as the uploader gave it.</param>
/// <param name="PlaybackCount">Plays.</param>
/// <param name="LikeCount">Likes (SoundCloud <c>favoritings_count</c>).</param>
/// <param name="RepostCount">Reposts.</param>
/// <param name="CommentCount">Comments.</param>
/// <param name="ReleaseDate">Release date, ISO 8601 (<c>yyyy-MM-dd</c>, or the upload time when no release date is given).</param>
/// <param name="Permalink">Public page URL.</param>
/// <param name="Isrc">International Standard Recording Code.</param>
/// <param name="Popularity">Spotify's popularity score, 0–100 (its measure of recent plays; a later import overwrites it).</param>
public sealed record TrackDetails(
    string? Genre = null,
    double? Bpm = null,
    long? PlaybackCount = null,
    long? LikeCount = null,
    long? RepostCount = null,
    long? CommentCount = null,
    string? ReleaseDate = null,
    string? Permalink = null,
    string? Isrc = null,
    int? Popularity = null);

/// <summary>Credits <paramref name="ArtistKey"/> on <paramref name="TrackKey"/>; <paramref name="Position"/> is the 0-based order.</summary>
public sealed record CreditRecord(string TrackKey, string ArtistKey, CreditRole Role, int Position);

/// <summary>A playlist to upsert.</summary>
/// <param name="Key">External key.</param>
/// <param name="Name">Playlist name (may be empty).</param>
/// <param name="OwnerUserKey">Owner's user key, when known.</param>
/// <param name="Followers">Follower count.</param>
/// <param name="ModifiedAt">Last modification time (UTC).</param>
/// <param name="Collaborative">True for collaborative playlists.</param>
public sealed record PlaylistRecord(
    string Key,
    string Name,
    string? OwnerUserKey = null,
    int? Followers = null,
    DateTimeOffset? ModifiedAt = null,
    bool? Collaborative = null);

/// <summary>One entry of a playlist at a 0-based <paramref name="Position"/>. The entries of a playlist given in one
/// batch replace all its previous entries.</summary>
public sealed record PlaylistEntryRecord(string PlaylistKey, int Position, string TrackKey, DateTimeOffset? AddedAt = null);

/// <summary><paramref name="FollowerKey"/> follows (or is a friend of) <paramref name="FolloweeKey"/>; one direction.</summary>
public sealed record FollowRecord(string FollowerKey, string FolloweeKey);

/// <summary>A user's engagement with a track or artist; <paramref name="Count"/> is 1 except for play counts.</summary>
public sealed record EngagementRecord(string UserKey, TargetType TargetType, string TargetKey, EngagementKind Kind, long Count, DateTimeOffset? At = null);

/// <summary>One timestamped listen: the play ended at <paramref name="ListenedAt"/> (UTC) after <paramref name="MsPlayed"/> ms.</summary>
/// <remarks>A listen is identified by (user, <paramref name="ListenedAt"/>, <paramref name="MsPlayed"/>, <see cref="TrackRef"/>):
/// what the source itself said was played, not the track it was resolved to, so a play imported again is stored once even
/// when its name now resolves to another track (the stored listen then points at the new resolution).</remarks>
public sealed record ListenRecord(string UserKey, string TrackKey, DateTimeOffset ListenedAt, long MsPlayed, string Source)
{
    /// <summary>The source's own reference to the played track: its id (a Spotify URI, a ListenBrainz MSID), or
    /// <c>name:</c> + the normalized (primary artist, title) name key for sources that only name it; null means
    /// <see cref="TrackKey"/>.</summary>
    public string? TrackRef { get; init; }

    /// <summary>Two listens of one user and one track from different sources whose start times are less than this apart
    /// are one play scrobbled twice (e.g. to ListenBrainz and to Last.fm): the store keeps the first stored and counts the
    /// other as a cross-source duplicate. 30 s because both services accept only tracks longer than 30 s and both
    /// timestamp the start of the play (ListenBrainz API docs, "listened_at"; Last.fm track.scrobble, "timestamp"), so
    /// two real plays of one track by one listener start at least 30 s apart.</summary>
    public static TimeSpan CrossSourceTolerance { get; } = TimeSpan.FromSeconds(30);

    /// <summary><see cref="TrackRef"/>, or <see cref="TrackKey"/> when none was given.</summary>
    public string EffectiveTrackRef => TrackRef ?? TrackKey;
}

/// <summary>A tag assigned to a track or artist, by a user and at a time when known.</summary>
public sealed record TagAssignmentRecord(TargetType TargetType, string TargetKey, string Tag, string? UserKey = null, DateOnly? TaggedOn = null);

/// <summary>An identifier a source knows a track by (a row of <c>track_identifiers</c>): see
/// <see cref="Identity.TrackIds"/> for the kinds and their canonical values.</summary>
/// <param name="TrackKey">The track's key.</param>
/// <param name="Kind">One of <see cref="Identity.TrackIds.Kinds"/>.</param>
/// <param name="Value">The canonical value (<see cref="Identity.TrackIds.Canonical"/>).</param>
/// <param name="Method"><c>id</c> when the source gave the id for this very track, <c>name</c> when it was matched by name.</param>
public sealed record TrackIdentifierRecord(string TrackKey, string Kind, string Value, string Method = "id");

/// <summary>Audio features of a track from a named extractor (e.g. "spotify").</summary>
public sealed record AudioFeaturesRecord(string TrackKey, string Extractor, AudioFeatures Features);

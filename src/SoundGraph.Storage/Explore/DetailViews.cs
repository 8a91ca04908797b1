using SoundGraph.Core.Catalog;

namespace SoundGraph.Storage.Explore;

/// <summary>A track with its credits, tags and audio features (the <c>/api/tracks/{id}</c> body).</summary>
/// <param name="Id">Internal id.</param>
/// <param name="Key">Source-qualified key ("spotify:track:…").</param>
/// <param name="Title">Title as stored.</param>
/// <param name="Name">Display name, "Title — Primary Artist".</param>
/// <param name="Album">Album title, or null.</param>
/// <param name="DurationMs">Duration in milliseconds, or null.</param>
/// <param name="Genre">Genre as the source gives it, or null.</param>
/// <param name="ReleaseDate">Release date text as stored (ISO 8601 date or year), or null.</param>
/// <param name="Isrc">ISRC, or null.</param>
/// <param name="Streams">Spotify chart streams, or null when not charted.</param>
/// <param name="Playlists">Distinct playlists containing the track.</param>
/// <param name="Artists">Credits by role (primary first), then position.</param>
/// <param name="Tags">At most 10 tags, by assignments (descending), then name.</param>
/// <param name="AudioFeatures">Audio features, the "spotify" extractor's when present; null when none.</param>
public sealed record TrackView(
    long Id,
    string Key,
    string Title,
    string Name,
    string? Album,
    long? DurationMs,
    string? Genre,
    string? ReleaseDate,
    string? Isrc,
    long? Streams,
    long Playlists,
    IReadOnlyList<CreditView> Artists,
    IReadOnlyList<TagCount> Tags,
    AudioFeatures? AudioFeatures);

/// <summary>A credited artist of a track.</summary>
/// <param name="Id">Artist id.</param>
/// <param name="Name">Artist name.</param>
/// <param name="Role">"primary", "featured", "remixer" or "producer".</param>
public sealed record CreditView(long Id, string Name, string Role);

/// <summary>A tag and how many times it was assigned to the subject (one per tagging user).</summary>
public sealed record TagCount(string Name, long Count);

/// <summary>An artist with its counts, tags and top tracks (the <c>/api/artists/{id}</c> body).</summary>
/// <param name="Id">Internal id.</param>
/// <param name="Key">Source-qualified key ("hetrec:artist:89").</param>
/// <param name="Name">Name.</param>
/// <param name="Tracks">Distinct tracks crediting the artist (any role).</param>
/// <param name="Listeners">Distinct users with an engagement on the artist or one of its tracks, or a listen of one of
/// its tracks (as unveil's "listeners"; HetRec: users who played the artist).</param>
/// <param name="Plays">Play counts on the artist and its tracks plus listens of its tracks (as unveil's "plays").</param>
/// <param name="Tags">At most 10 tags, by assignments (descending), then name.</param>
/// <param name="TopTracks">At most 10 tracks, by chart streams, then playlists (descending), then id.</param>
public sealed record ArtistView(long Id, string Key, string Name, long Tracks, long Listeners, long Plays, IReadOnlyList<TagCount> Tags, IReadOnlyList<TrackRef> TopTracks);

/// <summary>A track in a list.</summary>
/// <param name="Id">Track id.</param>
/// <param name="Name">"Title — Primary Artist".</param>
/// <param name="Playlists">Distinct playlists containing it.</param>
public sealed record TrackRef(long Id, string Name, long Playlists);

/// <summary>A user with counts and favourite artists (the <c>/api/users/{id}</c> body).</summary>
/// <param name="Id">Internal id.</param>
/// <param name="Key">Source-qualified key ("hetrec:user:2").</param>
/// <param name="Name">Name (HetRec users are numbers).</param>
/// <param name="Artists">Distinct artists the user engaged with (played, liked).</param>
/// <param name="Plays">Play counts of the user's play engagements (artists and tracks) plus the user's listens.</param>
/// <param name="Friends">Distinct users the user follows or is followed by.</param>
/// <param name="TopArtists">At most 10 artists by the user's play count on them (descending), then id.</param>
public sealed record UserView(long Id, string Key, string Name, long Artists, long Plays, long Friends, IReadOnlyList<ArtistPlays> TopArtists);

/// <summary>An artist and a user's play count on it.</summary>
public sealed record ArtistPlays(long Id, string Name, long Plays);

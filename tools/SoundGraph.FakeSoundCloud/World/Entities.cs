namespace SoundGraph.FakeSoundCloud.World;

// The synthetic world's entities. Every name, title, text and number here is made up by FakeWorldGenerator;
// none of it describes a real SoundCloud account. Counts (track_count, favoritings_count, …) are the exact sizes
// of the world's collections, so a harvest can be checked against them.

/// <summary>A synthetic SoundCloud user (an uploader, a liker or both).</summary>
/// <param name="Id">User id, 6–9 digits, ascending with <paramref name="CreatedAt"/>.</param>
/// <param name="Username">Display name; may hold non-ASCII letters (Icelandic, Japanese, Cyrillic, …).</param>
/// <param name="Permalink">URL slug, unique in the world, lower-case ASCII (<c>user-ID</c> for names with no Latin letters).</param>
/// <param name="FullName">Full name ("" when the user gave none).</param>
/// <param name="Description">Profile text, or null.</param>
/// <param name="City">City, or null.</param>
/// <param name="Country">Country, or null.</param>
/// <param name="CreatedAt">Account creation time (UTC, whole seconds).</param>
/// <param name="AvatarUrl">Avatar image URL (synthetic; it does not exist).</param>
/// <param name="FollowersCount">Follower count (synthetic number; the world has no follow graph).</param>
/// <param name="FollowingsCount">Followings count (synthetic number).</param>
/// <param name="TrackCount">Number of public tracks = <see cref="FakeWorld.TracksBy"/>.Count.</param>
/// <param name="PlaylistCount">Number of playlists = <see cref="FakeWorld.PlaylistsBy"/>.Count.</param>
/// <param name="PublicFavoritesCount">Number of liked tracks = <see cref="FakeWorld.LikedTracks"/>.Count.</param>
public sealed record FakeUser(
    long Id,
    string Username,
    string Permalink,
    string FullName,
    string? Description,
    string? City,
    string? Country,
    DateTimeOffset CreatedAt,
    string AvatarUrl,
    int FollowersCount,
    int FollowingsCount,
    int TrackCount,
    int PlaylistCount,
    int PublicFavoritesCount);

/// <summary>Label and rights data some tracks carry (SoundCloud's <c>publisher_metadata</c>).</summary>
/// <param name="Id">Equal to the track id, as SoundCloud sends it.</param>
/// <param name="Artist">Artist name.</param>
/// <param name="AlbumTitle">Album title, or null.</param>
/// <param name="ContainsMusic">Always true here.</param>
/// <param name="Isrc">ISRC (synthetic, country code <c>ZZ</c>), or null.</param>
/// <param name="Publisher">Publisher (a world label), or null.</param>
/// <param name="PLine">Sound-recording copyright line, e.g. "℗ 2019 Kettle Sound", or null.</param>
/// <param name="CLine">Copyright line, or null.</param>
/// <param name="ReleaseTitle">Release title, or null.</param>
/// <param name="UpcOrEan">UPC/EAN (synthetic), or null.</param>
/// <param name="WriterComposer">Writer/composer, or null.</param>
public sealed record FakePublisherMetadata(
    long Id,
    string Artist,
    string? AlbumTitle,
    bool ContainsMusic,
    string? Isrc,
    string? Publisher,
    string? PLine,
    string? CLine,
    string? ReleaseTitle,
    string? UpcOrEan,
    string? WriterComposer);

/// <summary>A synthetic track.</summary>
/// <param name="Id">Track id, 9 digits, ascending with <paramref name="CreatedAt"/>.</param>
/// <param name="UserId">Uploader's user id.</param>
/// <param name="Title">Title; often with credits ("X (feat. Y)", "A x B - Song", "Song (Y Remix)", …) naming other world users.</param>
/// <param name="Permalink">URL slug, unique per uploader.</param>
/// <param name="Description">Description text (may be "" or null), may hold "@permalink" mentions, an e-mail address at example.com/example.org and "Out now on &lt;Label&gt;".</param>
/// <param name="CreatedAt">Upload time (UTC, whole seconds).</param>
/// <param name="DurationMs">Duration in milliseconds.</param>
/// <param name="Genre">Genre ("" for some).</param>
/// <param name="TagList">Space-separated tags, multi-word tags in double quotes (SoundCloud's tag_list format).</param>
/// <param name="LabelName">Label name, or null.</param>
/// <param name="ReleaseYear">Release year, or null.</param>
/// <param name="ReleaseMonth">Release month 1–12, or null.</param>
/// <param name="ReleaseDay">Release day 1–28, or null.</param>
/// <param name="Bpm">Tempo in beats per minute, or null.</param>
/// <param name="Isrc">ISRC, or null.</param>
/// <param name="KeySignature">Key ("A minor"), or "".</param>
/// <param name="PlaybackCount">Play count (synthetic, grows with likes).</param>
/// <param name="DownloadCount">Download count (synthetic).</param>
/// <param name="FavoritingsCount">Number of likers = <see cref="FakeWorld.Favoriters"/>.Count.</param>
/// <param name="RepostsCount">Number of reposters = <see cref="FakeWorld.Reposters"/>.Count.</param>
/// <param name="CommentCount">Number of comments = <see cref="FakeWorld.Comments"/>.Count.</param>
/// <param name="IsPrivate">True for a private track: the API answers 403 for it and lists it nowhere.</param>
/// <param name="PublisherMetadata">Publisher metadata, or null.</param>
/// <param name="ArtworkUrl">Artwork URL (synthetic), or null.</param>
/// <param name="WaveformUrl">Waveform URL (synthetic).</param>
public sealed record FakeTrack(
    long Id,
    long UserId,
    string Title,
    string Permalink,
    string? Description,
    DateTimeOffset CreatedAt,
    int DurationMs,
    string Genre,
    string TagList,
    string? LabelName,
    int? ReleaseYear,
    int? ReleaseMonth,
    int? ReleaseDay,
    int? Bpm,
    string? Isrc,
    string KeySignature,
    int PlaybackCount,
    int DownloadCount,
    int FavoritingsCount,
    int RepostsCount,
    int CommentCount,
    bool IsPrivate,
    FakePublisherMetadata? PublisherMetadata,
    string? ArtworkUrl,
    string WaveformUrl);

/// <summary>A synthetic playlist, album or EP.</summary>
/// <param name="Id">Playlist id, 6–9 digits.</param>
/// <param name="UserId">Owner's user id.</param>
/// <param name="Title">Title.</param>
/// <param name="Permalink">URL slug, unique per owner (URL <c>https://soundcloud.com/{user}/sets/{permalink}</c>).</param>
/// <param name="Description">Description, or null.</param>
/// <param name="CreatedAt">Creation time (UTC, whole seconds).</param>
/// <param name="PlaylistType">"playlist", "album" or "ep" (albums and EPs hold the owner's own tracks).</param>
/// <param name="Genre">Genre, or "".</param>
/// <param name="TagList">Tags in tag_list format.</param>
/// <param name="LabelName">Label, or null.</param>
/// <param name="TrackIds">Public track ids in playlist order (no duplicates).</param>
/// <param name="DurationMs">Sum of the tracks' durations in milliseconds.</param>
public sealed record FakePlaylist(
    long Id,
    long UserId,
    string Title,
    string Permalink,
    string? Description,
    DateTimeOffset CreatedAt,
    string PlaylistType,
    string Genre,
    string TagList,
    string? LabelName,
    IReadOnlyList<long> TrackIds,
    int DurationMs);

/// <summary>A synthetic comment on a track.</summary>
/// <param name="Id">Comment id (9–10 digits).</param>
/// <param name="TrackId">Commented track.</param>
/// <param name="UserId">Author.</param>
/// <param name="CreatedAt">Time written (UTC, whole seconds).</param>
/// <param name="TimestampMs">Position in the track in milliseconds, or null (a comment on the whole track).</param>
/// <param name="Body">Text; may mention "@permalink" of a world user.</param>
public sealed record FakeComment(long Id, long TrackId, long UserId, DateTimeOffset CreatedAt, long? TimestampMs, string Body);

/// <summary>What a soundcloud.com URL names.</summary>
public enum FakeResourceKind
{
    /// <summary>A user (<c>/users/{id}</c>).</summary>
    User,

    /// <summary>A track (<c>/tracks/{id}</c>).</summary>
    Track,

    /// <summary>A playlist (<c>/playlists/{id}</c>).</summary>
    Playlist,
}

/// <summary>The resource a URL resolves to.</summary>
/// <param name="Kind">User, track or playlist.</param>
/// <param name="Id">Its id.</param>
public sealed record FakeResource(FakeResourceKind Kind, long Id)
{
    /// <summary>API path relative to the base, e.g. <c>tracks/123456789</c>.</summary>
    public string ApiPath => Kind switch
    {
        FakeResourceKind.User => $"users/{Id}",
        FakeResourceKind.Track => $"tracks/{Id}",
        _ => $"playlists/{Id}",
    };
}

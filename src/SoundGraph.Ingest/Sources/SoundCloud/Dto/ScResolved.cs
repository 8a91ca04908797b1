namespace SoundGraph.Ingest.Sources.SoundCloud.Dto;

/// <summary>What a soundcloud.com URL resolved to.</summary>
/// <param name="Kind">The resource's <c>kind</c>: "track", "user", "playlist", or another kind SoundGraph does not parse.</param>
/// <param name="Track">The track when <paramref name="Kind"/> is "track".</param>
/// <param name="User">The user when <paramref name="Kind"/> is "user".</param>
/// <param name="Playlist">The playlist (with tracks) when <paramref name="Kind"/> is "playlist".</param>
public sealed record ScResolved(string Kind, ScTrack? Track, ScUser? User, ScPlaylist? Playlist);

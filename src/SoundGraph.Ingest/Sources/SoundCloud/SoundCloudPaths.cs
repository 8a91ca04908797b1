using System.Globalization;

namespace SoundGraph.Ingest.Sources.SoundCloud;

/// <summary>Relative API paths (against <see cref="SoundCloudOptions.ApiBaseUri"/>) of the endpoints SoundGraph uses,
/// with query values escaped. Collection paths are first pages: <see cref="SoundCloudClient.GetPageAsync{T}"/> adds
/// <c>limit</c> and <c>linked_partitioning</c>.</summary>
public static class SoundCloudPaths
{
    /// <summary><c>/tracks/{id}</c>: one track.</summary>
    /// <param name="trackId">Track id.</param>
    /// <returns>The path.</returns>
    public static string Track(long trackId) => "/tracks/" + Id(trackId);

    /// <summary><c>/users/{id}</c>: one user.</summary>
    /// <param name="userId">User id.</param>
    /// <returns>The path.</returns>
    public static string User(long userId) => "/users/" + Id(userId);

    /// <summary><c>/playlists/{id}</c>: one playlist with its tracks.</summary>
    /// <param name="playlistId">Playlist id.</param>
    /// <returns>The path.</returns>
    public static string Playlist(long playlistId) => "/playlists/" + Id(playlistId);

    /// <summary><c>/me</c>: the user a user token belongs to.</summary>
    public const string Me = "/me";

    /// <summary><c>/resolve?url=…</c>: turns a soundcloud.com URL into an API resource.</summary>
    /// <param name="url">A soundcloud.com page URL.</param>
    /// <returns>The path.</returns>
    public static string Resolve(string url) => "/resolve?url=" + Uri.EscapeDataString(url);

    /// <summary><c>/users/{id}/tracks</c>: tracks a user uploaded (collection of tracks).</summary>
    /// <param name="userId">User id.</param>
    /// <returns>The path.</returns>
    public static string UserTracks(long userId) => "/users/" + Id(userId) + "/tracks";

    /// <summary><c>/users/{id}/playlists</c>: a user's playlists (collection of playlists).</summary>
    /// <param name="userId">User id.</param>
    /// <returns>The path.</returns>
    public static string UserPlaylists(long userId) => "/users/" + Id(userId) + "/playlists";

    /// <summary><c>/users/{id}/likes/tracks</c>: tracks a user liked (collection of tracks).</summary>
    /// <param name="userId">User id.</param>
    /// <returns>The path.</returns>
    public static string UserLikedTracks(long userId) => "/users/" + Id(userId) + "/likes/tracks";

    /// <summary><c>/tracks/{id}/favoriters</c>: users who liked a track (collection of users).</summary>
    /// <param name="trackId">Track id.</param>
    /// <returns>The path.</returns>
    public static string TrackFavoriters(long trackId) => "/tracks/" + Id(trackId) + "/favoriters";

    /// <summary><c>/tracks/{id}/reposters</c>: users who reposted a track (collection of users).</summary>
    /// <param name="trackId">Track id.</param>
    /// <returns>The path.</returns>
    public static string TrackReposters(long trackId) => "/tracks/" + Id(trackId) + "/reposters";

    /// <summary><c>/tracks/{id}/comments</c>: comments on a track (collection of comments).</summary>
    /// <param name="trackId">Track id.</param>
    /// <returns>The path.</returns>
    public static string TrackComments(long trackId) => "/tracks/" + Id(trackId) + "/comments";

    /// <summary><c>/tracks/{id}/related</c>: tracks SoundCloud relates to a track (collection of tracks).</summary>
    /// <param name="trackId">Track id.</param>
    /// <returns>The path.</returns>
    public static string TrackRelated(long trackId) => "/tracks/" + Id(trackId) + "/related";

    /// <summary><c>/tracks?q=…&amp;created_at[from]=…&amp;created_at[to]=…</c>: track search. Dates are sent in UTC as
    /// <c>yyyy-MM-dd HH:mm:ss</c>; the brackets and values are percent-escaped.</summary>
    /// <param name="query">Search text.</param>
    /// <param name="createdFrom">Earliest creation time, or null for no bound.</param>
    /// <param name="createdTo">Latest creation time, or null for no bound.</param>
    /// <returns>The path.</returns>
    public static string SearchTracks(string query, DateTimeOffset? createdFrom, DateTimeOffset? createdTo)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = "/tracks?q=" + Uri.EscapeDataString(query);
        if (createdFrom is { } from)
        {
            path += "&created_at%5Bfrom%5D=" + Uri.EscapeDataString(SearchDate(from));
        }

        if (createdTo is { } to)
        {
            path += "&created_at%5Bto%5D=" + Uri.EscapeDataString(SearchDate(to));
        }

        return path;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string SearchDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}

namespace SoundGraph.FakeSoundCloud.World;

public sealed partial class FakeWorld
{
    /// <summary>Web site host the world's permalink URLs use.</summary>
    public const string WebHost = "soundcloud.com";

    private readonly Dictionary<string, long> userByPermalink = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(long UserId, string Permalink), long> trackByPermalink = new(PermalinkKeyComparer.Instance);
    private readonly Dictionary<(long UserId, string Permalink), long> playlistByPermalink = new(PermalinkKeyComparer.Instance);

    /// <summary>The user's web URL, <c>https://soundcloud.com/{permalink}</c>.</summary>
    public static string UserUrl(FakeUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return $"https://{WebHost}/{user.Permalink}";
    }

    /// <summary>The track's web URL, <c>https://soundcloud.com/{user.permalink}/{permalink}</c> (SoundCloud's permalink_url).</summary>
    /// <exception cref="ArgumentException">The track is not from this world.</exception>
    public string TrackUrl(FakeTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        var user = User(track.UserId) ?? throw new ArgumentException("The track is not from this world.", nameof(track));
        return $"https://{WebHost}/{user.Permalink}/{track.Permalink}";
    }

    /// <summary>The playlist's web URL, <c>https://soundcloud.com/{user.permalink}/sets/{permalink}</c>.</summary>
    /// <exception cref="ArgumentException">The playlist is not from this world.</exception>
    public string PlaylistUrl(FakePlaylist playlist)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        var user = User(playlist.UserId) ?? throw new ArgumentException("The playlist is not from this world.", nameof(playlist));
        return $"https://{WebHost}/{user.Permalink}/sets/{playlist.Permalink}";
    }

    /// <summary>What <c>/resolve?url=…</c> answers for a web URL.</summary>
    /// <param name="url">An http(s) URL on soundcloud.com, www.soundcloud.com or m.soundcloud.com: <c>/{user}</c>,
    /// <c>/{user}/{track}</c> or <c>/{user}/sets/{playlist}</c>; permalinks match case-insensitively; a trailing
    /// slash, query and fragment are ignored.</param>
    /// <returns>The resource, or null (unknown URL, other host, other path shape). A private track resolves too:
    /// fetching it then gives 403, as on SoundCloud.</returns>
    public FakeResource? ResolveUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        var host = uri.Host.ToLowerInvariant();
        if (host is not (WebHost or "www." + WebHost or "m." + WebHost))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length == 0 || !userByPermalink.TryGetValue(segments[0], out var userId))
        {
            return null;
        }

        return segments switch
        {
            [_] => new FakeResource(FakeResourceKind.User, userId),
            [_, var track] when trackByPermalink.TryGetValue((userId, track), out var id) => new FakeResource(FakeResourceKind.Track, id),
            [_, "sets", var set] when playlistByPermalink.TryGetValue((userId, set), out var id) => new FakeResource(FakeResourceKind.Playlist, id),
            _ => null,
        };
    }

    private void BuildPermalinkIndex()
    {
        foreach (var user in Users)
        {
            userByPermalink.Add(user.Permalink, user.Id);
        }

        foreach (var track in Tracks)
        {
            trackByPermalink.Add((track.UserId, track.Permalink), track.Id);
        }

        foreach (var playlist in Playlists)
        {
            playlistByPermalink.Add((playlist.UserId, playlist.Permalink), playlist.Id);
        }
    }

    private sealed class PermalinkKeyComparer : IEqualityComparer<(long UserId, string Permalink)>
    {
        public static readonly PermalinkKeyComparer Instance = new();

        public bool Equals((long UserId, string Permalink) x, (long UserId, string Permalink) y) =>
            x.UserId == y.UserId && string.Equals(x.Permalink, y.Permalink, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((long UserId, string Permalink) obj) =>
            HashCode.Combine(obj.UserId, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Permalink));
    }
}

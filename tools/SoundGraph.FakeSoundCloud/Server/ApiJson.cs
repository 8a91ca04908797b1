using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using SoundGraph.FakeSoundCloud.World;

namespace SoundGraph.FakeSoundCloud.Server;

// Wire shapes, property order and names as SoundCloud sends them (snake_case; see /work/sc-contract.md and the
// recorded bodies in shared/data/api-fixtures/soundcloud). Nulls are written, as SoundCloud does.

internal sealed record UserMiniJson(
    long Id, string Kind, string Urn, string Username, string Permalink, string PermalinkUrl, string AvatarUrl, string Uri,
    string FullName, int FollowersCount);

internal sealed record UserJson(
    long Id, string Kind, string Urn, string Username, string Permalink, string PermalinkUrl, string FullName, string? Description,
    string? City, string? Country, int FollowersCount, int FollowingsCount, int TrackCount, int PlaylistCount,
    int PublicFavoritesCount, int LikesCount, string AvatarUrl, string Uri, string CreatedAt);

internal sealed record PublisherMetadataJson(
    long Id, string Urn, string Artist, string? AlbumTitle, bool ContainsMusic, string? Isrc, string? Publisher, string? PLine,
    string? CLine, string? ReleaseTitle, string? UpcOrEan, string? WriterComposer);

internal sealed record TrackJson(
    long Id, string Kind, string Urn, string Title, string? Description, string CreatedAt, long UserId, UserMiniJson User,
    int Duration, string Genre, string TagList, string? LabelName, int? ReleaseYear, int? ReleaseMonth, int? ReleaseDay,
    int? Bpm, string? Isrc, string KeySignature, int PlaybackCount, int FavoritingsCount, int RepostsCount, int CommentCount,
    int DownloadCount, bool Downloadable, string Permalink, string PermalinkUrl, string Uri, bool Streamable, string Sharing,
    string License, PublisherMetadataJson? PublisherMetadata, string? ArtworkUrl, string WaveformUrl);

internal sealed record PlaylistJson(
    long Id, string Kind, string Urn, string Title, string? Description, string CreatedAt, long UserId, UserMiniJson User,
    int TrackCount, int Duration, string TagList, string Genre, string? LabelName, string Permalink, string PermalinkUrl,
    string Uri, string PlaylistType, string Sharing, IReadOnlyList<TrackJson>? Tracks);

internal sealed record CommentJson(
    long Id, string Kind, string Urn, string CreatedAt, long UserId, long TrackId, long? Timestamp, string Body, string Uri,
    UserMiniJson User);

internal sealed record PageJson<T>(IReadOnlyList<T> Collection, string? NextHref);

/// <summary>Maps world entities to wire records; <c>uri</c> fields point at this server's base.</summary>
internal sealed class ApiJson(FakeWorld world, BaseAddress baseAddress)
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // SoundCloud sends UTF-8 text unescaped; these bodies never go into HTML.
    };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public string Api(string path) => new Uri(baseAddress.Value, path).AbsoluteUri;

    public UserMiniJson UserMini(FakeUser u) => new(
        u.Id, "user", $"soundcloud:users:{u.Id}", u.Username, u.Permalink, FakeWorld.UserUrl(u), u.AvatarUrl, Api($"users/{u.Id}"),
        u.FullName, u.FollowersCount);

    public UserJson User(FakeUser u) => new(
        u.Id, "user", $"soundcloud:users:{u.Id}", u.Username, u.Permalink, FakeWorld.UserUrl(u), u.FullName, u.Description, u.City,
        u.Country, u.FollowersCount, u.FollowingsCount, u.TrackCount, u.PlaylistCount, u.PublicFavoritesCount, u.PublicFavoritesCount,
        u.AvatarUrl, Api($"users/{u.Id}"), SoundCloudDate.Format(u.CreatedAt));

    public TrackJson Track(FakeTrack t)
    {
        var user = world.User(t.UserId)!;
        var p = t.PublisherMetadata;
        var publisher = p is null ? null : new PublisherMetadataJson(
            p.Id, $"soundcloud:tracks:{p.Id}", p.Artist, p.AlbumTitle, p.ContainsMusic, p.Isrc, p.Publisher, p.PLine, p.CLine,
            p.ReleaseTitle, p.UpcOrEan, p.WriterComposer);
        return new TrackJson(
            t.Id, "track", $"soundcloud:tracks:{t.Id}", t.Title, t.Description, SoundCloudDate.Format(t.CreatedAt), t.UserId,
            UserMini(user), t.DurationMs, t.Genre, t.TagList, t.LabelName, t.ReleaseYear, t.ReleaseMonth, t.ReleaseDay, t.Bpm, t.Isrc,
            t.KeySignature, t.PlaybackCount, t.FavoritingsCount, t.RepostsCount, t.CommentCount, t.DownloadCount, t.DownloadCount > 0,
            t.Permalink, world.TrackUrl(t), Api($"tracks/{t.Id}"), !t.IsPrivate, t.IsPrivate ? "private" : "public",
            "all-rights-reserved", publisher, t.ArtworkUrl, t.WaveformUrl);
    }

    public PlaylistJson Playlist(FakePlaylist p, bool withTracks)
    {
        var user = world.User(p.UserId)!;
        var tracks = withTracks ? p.TrackIds.Select(id => Track(world.Track(id)!)).ToArray() : null;
        return new PlaylistJson(
            p.Id, "playlist", $"soundcloud:playlists:{p.Id}", p.Title, p.Description, SoundCloudDate.Format(p.CreatedAt), p.UserId,
            UserMini(user), p.TrackIds.Count, p.DurationMs, p.TagList, p.Genre, p.LabelName, p.Permalink, world.PlaylistUrl(p),
            Api($"playlists/{p.Id}"), p.PlaylistType, "public", tracks);
    }

    public CommentJson Comment(FakeComment c) => new(
        c.Id, "comment", $"soundcloud:comments:{c.Id}", SoundCloudDate.Format(c.CreatedAt), c.UserId, c.TrackId, c.TimestampMs, c.Body,
        Api($"comments/{c.Id}"), UserMini(world.User(c.UserId)!));
}

/// <summary>The server's base URI, known only once Kestrel has bound its port (set before the first request is served).</summary>
internal sealed class BaseAddress
{
    public Uri Value { get; set; } = new("http://127.0.0.1/");
}

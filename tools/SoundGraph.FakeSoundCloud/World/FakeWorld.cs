using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SoundGraph.FakeSoundCloud.World;

/// <summary>A deterministic synthetic SoundCloud: users, tracks, playlists, likes, reposts and comments made up
/// by a seeded generator. It is the ground truth the fake server serves and tests compute expected harvests from.</summary>
/// <remarks>
/// Collection orders (the server pages exactly these lists):
/// <list type="bullet">
/// <item><see cref="TracksBy"/>: the user's public tracks, newest upload first (created_at desc, then id desc).</item>
/// <item><see cref="PlaylistsBy"/>: newest first (created_at desc, then id desc).</item>
/// <item><see cref="LikedTracks"/>, <see cref="Favoriters"/>, <see cref="Reposters"/>: newest like/repost first (time desc, then id desc).</item>
/// <item><see cref="Comments"/>: newest first (created_at desc, then id desc).</item>
/// <item><see cref="Related"/>, <see cref="Search"/>: playback_count desc, then id asc.</item>
/// </list>
/// Private tracks appear in no collection; only <see cref="Track"/> returns them (the server answers 403).
/// The world is immutable and safe to share between threads.
/// </remarks>
public sealed partial class FakeWorld
{
    private const int RelatedLimit = 50;

    private readonly Dictionary<long, FakeUser> usersById;
    private readonly Dictionary<long, FakeTrack> tracksById;
    private readonly Dictionary<long, FakePlaylist> playlistsById;
    private readonly Dictionary<long, long[]> tracksByUser = [];
    private readonly Dictionary<long, long[]> playlistsByUser = [];
    private readonly Dictionary<long, long[]> likesByUser = [];
    private readonly Dictionary<long, long[]> likersByTrack = [];
    private readonly Dictionary<long, long[]> repostersByTrack = [];
    private readonly Dictionary<long, FakeComment[]> commentsByTrack = [];
    private readonly Dictionary<string, long[]> tracksByGenre = new(StringComparer.Ordinal);
    private readonly long[] searchOrder;
    private readonly Dictionary<long, string> searchText = [];
    private readonly IReadOnlyList<Edge> likes;
    private readonly IReadOnlyList<Edge> reposts;

    internal FakeWorld(
        WorldOptions options,
        IReadOnlyList<FakeUser> users,
        IReadOnlyList<FakeTrack> tracks,
        IReadOnlyList<FakePlaylist> playlists,
        IReadOnlyList<FakeComment> comments,
        IReadOnlyList<Edge> likes,
        IReadOnlyList<Edge> reposts)
    {
        Options = options;
        Users = users;
        Tracks = tracks;
        Playlists = playlists;
        AllComments = comments;
        this.likes = likes;
        this.reposts = reposts;
        usersById = users.ToDictionary(u => u.Id);
        tracksById = tracks.ToDictionary(t => t.Id);
        playlistsById = playlists.ToDictionary(p => p.Id);
        var publicTracks = tracks.Where(t => !t.IsPrivate).ToList();

        foreach (var g in publicTracks.GroupBy(t => t.UserId))
        {
            tracksByUser[g.Key] = g.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Select(t => t.Id).ToArray();
        }

        foreach (var g in playlists.GroupBy(p => p.UserId))
        {
            playlistsByUser[g.Key] = g.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Select(p => p.Id).ToArray();
        }

        Index(likes, e => e.UserId, e => e.TrackId, likesByUser);
        Index(likes, e => e.TrackId, e => e.UserId, likersByTrack);
        Index(reposts, e => e.TrackId, e => e.UserId, repostersByTrack);
        foreach (var g in comments.GroupBy(c => c.TrackId))
        {
            commentsByTrack[g.Key] = g.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).ToArray();
        }

        searchOrder = publicTracks.OrderByDescending(t => t.PlaybackCount).ThenBy(t => t.Id).Select(t => t.Id).ToArray();
        foreach (var g in searchOrder.GroupBy(id => tracksById[id].Genre))
        {
            tracksByGenre[g.Key] = g.ToArray();
        }

        foreach (var t in publicTracks)
        {
            searchText[t.Id] = string.Join('\n', t.Title, usersById[t.UserId].Username, t.TagList, t.LabelName ?? "", t.Description ?? "")
                .ToLowerInvariant();
        }

        Labels = tracks.Select(t => t.LabelName).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        BuildPermalinkIndex();
    }

    /// <summary>The options the world was generated from.</summary>
    public WorldOptions Options { get; }

    /// <summary>All users, id ascending.</summary>
    public IReadOnlyList<FakeUser> Users { get; }

    /// <summary>All tracks, private ones included, id ascending.</summary>
    public IReadOnlyList<FakeTrack> Tracks { get; }

    /// <summary>All playlists, id ascending.</summary>
    public IReadOnlyList<FakePlaylist> Playlists { get; }

    /// <summary>All comments, id ascending.</summary>
    public IReadOnlyList<FakeComment> AllComments { get; }

    /// <summary>The distinct label names tracks carry, ordinal order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Number of users.</summary>
    public int UserCount => Users.Count;

    /// <summary>Number of tracks, private ones included.</summary>
    public int TrackCount => Tracks.Count;

    /// <summary>Number of public tracks.</summary>
    public int PublicTrackCount => searchOrder.Length;

    /// <summary>Number of playlists.</summary>
    public int PlaylistCount => Playlists.Count;

    /// <summary>Number of (user, track) likes.</summary>
    public int LikeCount => likes.Count;

    /// <summary>Number of (user, track) reposts.</summary>
    public int RepostCount => reposts.Count;

    /// <summary>Number of comments.</summary>
    public int CommentCount => AllComments.Count;

    /// <summary>Generates the world for <paramref name="options"/>; same options, same world.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="WorldOptions"/>).</exception>
    public static FakeWorld Generate(WorldOptions options) => FakeWorldGenerator.Generate(options);

    /// <summary>The user with this id, or null.</summary>
    public FakeUser? User(long id) => usersById.GetValueOrDefault(id);

    /// <summary>The track with this id (private ones too), or null.</summary>
    public FakeTrack? Track(long id) => tracksById.GetValueOrDefault(id);

    /// <summary>The playlist with this id, or null.</summary>
    public FakePlaylist? Playlist(long id) => playlistsById.GetValueOrDefault(id);

    /// <summary>The user's public tracks, newest first (what <c>/users/{id}/tracks</c> pages); empty for an unknown user.</summary>
    public IReadOnlyList<FakeTrack> TracksBy(long userId) => Map(tracksByUser, userId, tracksById);

    /// <summary>The user's playlists, newest first (<c>/users/{id}/playlists</c>).</summary>
    public IReadOnlyList<FakePlaylist> PlaylistsBy(long userId) => Map(playlistsByUser, userId, playlistsById);

    /// <summary>Tracks the user liked, newest like first (<c>/users/{id}/likes/tracks</c>); empty for users with no likes.</summary>
    public IReadOnlyList<FakeTrack> LikedTracks(long userId) => Map(likesByUser, userId, tracksById);

    /// <summary>Users who liked the track, newest like first (<c>/tracks/{id}/favoriters</c>).</summary>
    public IReadOnlyList<FakeUser> Favoriters(long trackId) => Map(likersByTrack, trackId, usersById);

    /// <summary>Users who reposted the track, newest repost first (<c>/tracks/{id}/reposters</c>).</summary>
    public IReadOnlyList<FakeUser> Reposters(long trackId) => Map(repostersByTrack, trackId, usersById);

    /// <summary>Comments on the track, newest first (<c>/tracks/{id}/comments</c>).</summary>
    public IReadOnlyList<FakeComment> Comments(long trackId) => commentsByTrack.GetValueOrDefault(trackId) ?? [];

    /// <summary>Up to 50 public tracks with the same genre string (ordinal), the track itself excluded, by
    /// playback_count desc then id asc (<c>/tracks/{id}/related</c>); empty for private or unknown tracks.</summary>
    public IReadOnlyList<FakeTrack> Related(long trackId)
    {
        if (Track(trackId) is not { IsPrivate: false } track)
        {
            return [];
        }

        return tracksByGenre[track.Genre].Where(id => id != trackId).Take(RelatedLimit).Select(id => tracksById[id]).ToArray();
    }

    /// <summary>Track search as the server runs it for <c>/tracks?q=…&amp;created_at[from]=…&amp;created_at[to]=…</c>.</summary>
    /// <param name="q">Query; split on white space into words. Null, empty or blank matches every public track.</param>
    /// <param name="from">Inclusive lower bound on created_at, or null.</param>
    /// <param name="to">Inclusive upper bound on created_at, or null.</param>
    /// <returns>Public tracks where every word occurs (case-insensitive substring, invariant lower-casing) in one of
    /// title, uploader username, tag_list, label_name or description; ordered by playback_count desc, then id asc.</returns>
    public IReadOnlyList<FakeTrack> Search(string? q, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var words = (q ?? "").ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var result = new List<FakeTrack>();
        foreach (var id in searchOrder)
        {
            var track = tracksById[id];
            if ((from is { } f && track.CreatedAt < f) || (to is { } t && track.CreatedAt > t))
            {
                continue;
            }

            var text = searchText[id];
            if (words.All(w => text.Contains(w, StringComparison.Ordinal)))
            {
                result.Add(track);
            }
        }

        return result;
    }

    /// <summary>The <paramref name="count"/> public tracks with the most likers (ties: lower id first): good harvest seeds.</summary>
    public IReadOnlyList<FakeTrack> PopularTracks(int count) =>
        Tracks.Where(t => !t.IsPrivate).OrderByDescending(t => t.FavoritingsCount).ThenBy(t => t.Id).Take(count).ToArray();

    /// <summary>SHA-256 (hex) over every entity and edge of the world: equal digests mean equal worlds.</summary>
    public string ComputeDigest()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add<T>(T value) => hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(value));
        Add(Users);
        Add(Tracks);
        Add(Playlists);
        Add(AllComments);
        Add(likes);
        Add(reposts);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Groups edges by <paramref name="key"/>, each group newest first (time desc, then value desc): one sort, no LINQ grouping.</summary>
    private static void Index(IReadOnlyList<Edge> edges, Func<Edge, long> key, Func<Edge, long> value, Dictionary<long, long[]> into)
    {
        var sorted = edges.ToArray();
        Array.Sort(sorted, (a, b) =>
        {
            var c = key(a).CompareTo(key(b));
            if (c == 0)
            {
                c = b.At.CompareTo(a.At);
            }

            return c != 0 ? c : value(b).CompareTo(value(a));
        });
        for (var start = 0; start < sorted.Length;)
        {
            var end = start;
            var k = key(sorted[start]);
            while (end < sorted.Length && key(sorted[end]) == k)
            {
                end++;
            }

            var ids = new long[end - start];
            for (var i = start; i < end; i++)
            {
                ids[i - start] = value(sorted[i]);
            }

            into[k] = ids;
            start = end;
        }
    }

    private static T[] Map<T>(Dictionary<long, long[]> index, long key, Dictionary<long, T> byId) =>
        index.TryGetValue(key, out var ids) ? Array.ConvertAll(ids, id => byId[id]) : [];

    /// <summary>A dated (user, track) like or repost.</summary>
    internal readonly record struct Edge(long UserId, long TrackId, DateTimeOffset At);
}

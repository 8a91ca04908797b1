using System.Globalization;
using System.Text;
using SoundGraph.FakeSoundCloud.World;

namespace SoundGraph.FakeSoundCloud.Server;

/// <summary>The API's answers, computed from the world. Collections page the world's lists in their documented
/// order: <c>limit</c> 1–200 (default 50, else 400), <c>offset</c> ≥ 0 (default 0, else 400); with
/// <c>linked_partitioning=true</c> (or 1) the body is <c>{"collection":[…],"next_href":…}</c>, otherwise a bare array.</summary>
internal sealed class ApiEndpoints(FakeWorld world, ApiJson json)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    private const string SearchFromKey = "created_at[from]";
    private const string SearchToKey = "created_at[to]";

    public ApiResponse Resolve(HttpContext context)
    {
        var url = context.Request.Query["url"].ToString();
        if (url.Length == 0 || world.ResolveUrl(url) is not { } resource)
        {
            return ApiResponse.NotFound();
        }

        var location = json.Api(resource.ApiPath);
        return ApiResponse.Json(new { status = "302 - Found", location }, 302) with { Location = location };
    }

    public ApiResponse Track(HttpContext context) => WithTrack(context, t => ApiResponse.Json(json.Track(t)));

    public ApiResponse User(HttpContext context) => WithUser(context, u => ApiResponse.Json(json.User(u)));

    public ApiResponse Playlist(HttpContext context) =>
        Id(context) is { } id && world.Playlist(id) is { } p ? ApiResponse.Json(json.Playlist(p, ShowTracks(context))) : ApiResponse.NotFound();

    public ApiResponse UserTracks(HttpContext context) =>
        WithUser(context, u => Page(context, world.TracksBy(u.Id), json.Track, $"users/{u.Id}/tracks"));

    public ApiResponse UserPlaylists(HttpContext context) =>
        WithUser(context, u => Page(context, world.PlaylistsBy(u.Id), p => json.Playlist(p, ShowTracks(context)), $"users/{u.Id}/playlists"));

    public ApiResponse UserLikedTracks(HttpContext context) =>
        WithUser(context, u => Page(context, world.LikedTracks(u.Id), json.Track, $"users/{u.Id}/likes/tracks"));

    public ApiResponse Favoriters(HttpContext context) =>
        WithTrack(context, t => Page(context, world.Favoriters(t.Id), json.UserMini, $"tracks/{t.Id}/favoriters"));

    public ApiResponse Reposters(HttpContext context) =>
        WithTrack(context, t => Page(context, world.Reposters(t.Id), json.UserMini, $"tracks/{t.Id}/reposters"));

    public ApiResponse Comments(HttpContext context) =>
        WithTrack(context, t => Page(context, world.Comments(t.Id), json.Comment, $"tracks/{t.Id}/comments"));

    public ApiResponse Related(HttpContext context) =>
        WithTrack(context, t => Page(context, world.Related(t.Id), json.Track, $"tracks/{t.Id}/related"));

    /// <summary><c>/tracks?q=…&amp;created_at[from]=yyyy-MM-dd HH:mm:ss&amp;created_at[to]=…</c>: <see cref="FakeWorld.Search"/>.</summary>
    public ApiResponse Search(HttpContext context)
    {
        var query = context.Request.Query;
        var q = query["q"].ToString();
        if (!TryDate(query[SearchFromKey].ToString(), out var from) || !TryDate(query[SearchToKey].ToString(), out var to))
        {
            return ApiResponse.BadRequest();
        }

        var carried = new StringBuilder();
        foreach (var key in new[] { "q", SearchFromKey, SearchToKey })
        {
            if (query.ContainsKey(key))
            {
                carried.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(query[key].ToString())).Append('&');
            }
        }

        return Page(context, world.Search(q, from, to), json.Track, "tracks", carried.ToString());
    }

    private static bool TryDate(string text, out DateTimeOffset? value)
    {
        value = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = new DateTimeOffset(parsed, TimeSpan.Zero);
            return true;
        }

        return false;
    }

    private ApiResponse Page<T, TJson>(HttpContext context, IReadOnlyList<T> items, Func<T, TJson> map, string path, string carriedQuery = "")
    {
        var query = context.Request.Query;
        if (!TryInt(query["limit"].ToString(), DefaultLimit, out var limit) || limit is < 1 or > MaxLimit
            || !TryInt(query["offset"].ToString(), 0, out var offset) || offset < 0)
        {
            return ApiResponse.BadRequest();
        }

        var page = items.Skip(offset).Take(limit).Select(map).ToArray();
        var linked = query["linked_partitioning"].ToString() is var lp && (lp == "1" || lp.Equals("true", StringComparison.OrdinalIgnoreCase));
        if (!linked)
        {
            return ApiResponse.Json(page);
        }

        var next = (long)offset + limit < items.Count
            ? json.Api($"{path}?{carriedQuery}limit={limit}&linked_partitioning=true&offset={offset + limit}")
            : null;
        return ApiResponse.Json(new PageJson<TJson>(page, next));
    }

    private static bool TryInt(string text, int fallback, out int value)
    {
        if (text.Length == 0)
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool ShowTracks(HttpContext context) =>
        !context.Request.Query["show_tracks"].ToString().Equals("false", StringComparison.OrdinalIgnoreCase);

    private static long? Id(HttpContext context) =>
        long.TryParse(context.Request.RouteValues["id"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private ApiResponse WithTrack(HttpContext context, Func<FakeTrack, ApiResponse> answer) => Id(context) is { } id && world.Track(id) is { } track
        ? track.IsPrivate ? ApiResponse.Forbidden() : answer(track)
        : ApiResponse.NotFound();

    private ApiResponse WithUser(HttpContext context, Func<FakeUser, ApiResponse> answer) =>
        Id(context) is { } id && world.User(id) is { } user ? answer(user) : ApiResponse.NotFound();
}

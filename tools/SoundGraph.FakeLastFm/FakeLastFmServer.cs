using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using SoundGraph.Fakes;

namespace SoundGraph.FakeLastFm;

/// <summary>Options of <see cref="FakeLastFmServer"/>.</summary>
public sealed class FakeLastFmOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    /// <value>Default 0.</value>
    public int Port { get; init; }

    /// <summary>API keys answered normally.</summary>
    /// <value>Default one demo key of this fake only: "synthetic-key".</value>
    public IReadOnlySet<string> ApiKeys { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "synthetic-key" };

    /// <summary>API keys answered error 26 (suspended).</summary>
    /// <value>Default "suspended-key".</value>
    public IReadOnlySet<string> SuspendedKeys { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "suspended-key" };

    /// <summary>Requests one API key may make per <see cref="Window"/> (sliding); the next is answered error 29.</summary>
    /// <value>Default 5 (Last.fm's 5 requests/s).</value>
    public int RateLimit { get; init; } = 5;

    /// <summary>The rate-limit window.</summary>
    /// <value>Default 1 s; at least 100 ms.</value>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a key stays blocked after an error 29; requests in that time are counted as violations (and answered 29).</summary>
    /// <value>Default 1 s.</value>
    public TimeSpan Penalty { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Answer every Nth request error 29 although the limit is not reached; 0 never.</summary>
    /// <value>Default 0.</value>
    public int Inject29Every { get; init; }

    /// <summary>Answer every Nth request the rate limit admits with a temporary error, alternately 11 (HTTP 200) and 16 (HTTP
    /// 503); 0 never.</summary>
    /// <value>Default 0.</value>
    public int InjectTemporaryEvery { get; init; }

    /// <summary>Recorded answers served verbatim instead of the synthetic world, by method (e.g. <c>user.getRecentTracks</c>)
    /// → a JSON file path (the recorded Last.fm responses under ../shared, which stay there).</summary>
    /// <value>Default none.</value>
    public IReadOnlyDictionary<string, string> Recorded { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Counters of what a <see cref="FakeLastFmServer"/> saw and did; read from any thread.</summary>
public sealed class FakeLastFmStats
{
    private long _requests;
    private long _recentPages;
    private long _served29;
    private long _servedTemporary;
    private long _violations;

    /// <summary>Requests received.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary><c>user.getRecentTracks</c> pages answered.</summary>
    public long RecentTrackPages => Interlocked.Read(ref _recentPages);

    /// <summary>Error 29 answers sent (limit reached, blocked or injected).</summary>
    public long Served29 => Interlocked.Read(ref _served29);

    /// <summary>Error 11/16 answers sent (injected).</summary>
    public long ServedTemporary => Interlocked.Read(ref _servedTemporary);

    /// <summary>Requests that arrived while their key was blocked after an error 29: a client that backs off makes none.</summary>
    public long RateLimitViolations => Interlocked.Read(ref _violations);

    /// <summary>Requests by method.</summary>
    public ConcurrentDictionary<string, int> ByMethod { get; } = new(StringComparer.Ordinal);

    /// <summary>User-Agent headers seen.</summary>
    public ConcurrentDictionary<string, int> UserAgents { get; } = new(StringComparer.Ordinal);

    internal void AddRequest() => Interlocked.Increment(ref _requests);

    internal void AddRecentPage() => Interlocked.Increment(ref _recentPages);

    internal void Add29() => Interlocked.Increment(ref _served29);

    internal void AddTemporary() => Interlocked.Increment(ref _servedTemporary);

    internal void AddViolation() => Interlocked.Increment(ref _violations);
}

/// <summary>A fake Last.fm API 2.0 (Kestrel on 127.0.0.1, <c>GET /2.0/?method=…&amp;api_key=…&amp;format=json</c>) over a
/// SYNTHETIC <see cref="FakeLastFmWorld"/>, answering in Last.fm's JSON shapes (numbers as strings, <c>#text</c>,
/// <c>@attr</c>, a one-element list as an object): <c>user.getRecentTracks</c>, <c>track.getTopTags</c>,
/// <c>artist.getTopTags</c>, <c>track.getInfo</c>. Errors come in the body like Last.fm's: 6 unknown user/track/artist,
/// 10 unknown key, 17 private user, 26 suspended key, 29 rate limit (alternately HTTP 200 and 429), injected 11/16.</summary>
public sealed class FakeLastFmServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeLastFmServer(WebApplication app, Uri baseUri, FakeLastFmStats stats)
    {
        _app = app;
        BaseUri = baseUri;
        Stats = stats;
    }

    /// <summary>API root, e.g. <c>http://127.0.0.1:5005/2.0/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Counters.</summary>
    public FakeLastFmStats Stats { get; }

    /// <summary>Starts the server on 127.0.0.1 and returns once it listens.</summary>
    /// <param name="world">The world to serve.</param>
    /// <param name="options">Port, keys, limits, injections.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static async Task<FakeLastFmServer> StartAsync(FakeLastFmWorld world, FakeLastFmOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RateLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Window, TimeSpan.FromMilliseconds(100));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Inject29Every);
        ArgumentOutOfRangeException.ThrowIfNegative(options.InjectTemporaryEvery);
        var builder = LoopbackHost.CreateBuilder(options.Port);
        var app = builder.Build();
        var stats = new FakeLastFmStats();
        var limiter = new KeyLimiter(options, stats);
        long seen = 0, admitted = 0;
        app.MapGet("/2.0/", async (HttpContext context) =>
        {
            stats.AddRequest();
            var n = Interlocked.Increment(ref seen);
            var q = context.Request.Query;
            var method = q["method"].ToString();
            stats.ByMethod.AddOrUpdate(method, 1, (_, c) => c + 1);
            stats.UserAgents.AddOrUpdate(context.Request.Headers.UserAgent.ToString(), 1, (_, c) => c + 1);
            var key = q["api_key"].ToString();
            if (options.SuspendedKeys.Contains(key))
            {
                return Error(26, "Suspended API key - Access for your account has been suspended, please contact Last.fm", 403);
            }

            if (!options.ApiKeys.Contains(key))
            {
                return Error(10, "Invalid API key - You must be granted a valid key by last.fm", 403);
            }

            if (limiter.Refuse(key, options.Inject29Every > 0 && n % options.Inject29Every == 0) is { } status)
            {
                stats.Add29();
                return Error(29, "Rate Limit Exceeded - Your IP has made too many requests in a short period", status);
            }

            // Counted over admitted requests, so how many 29s timing produced does not decide whether an 11/16 comes.
            var a = Interlocked.Increment(ref admitted);
            if (options.InjectTemporaryEvery > 0 && a % options.InjectTemporaryEvery == 0)
            {
                stats.AddTemporary();
                return a / options.InjectTemporaryEvery % 2 == 1
                    ? Error(11, "Service Offline - This service is temporarily offline. Try again later.", 200)
                    : Error(16, "There was a temporary error processing your request. Please try again", 503);
            }

            if (options.Recorded.TryGetValue(method, out var file))
            {
                return Results.Text(await File.ReadAllTextAsync(file, context.RequestAborted).ConfigureAwait(false), "application/json");
            }

            return method.ToLowerInvariant() switch
            {
                "user.getrecenttracks" => RecentTracks(world, stats, context),
                "track.gettoptags" => FakeLastFmAnswers.TrackTopTags(world, q["artist"], q["track"], q["mbid"]),
                "artist.gettoptags" => FakeLastFmAnswers.ArtistTopTags(q["artist"], q["mbid"]),
                "track.getinfo" => FakeLastFmAnswers.TrackInfo(world, q["artist"], q["track"], q["mbid"]),
                _ => Error(3, "Invalid Method - No method with that name in this package", 400),
            };
        });
        var port = await LoopbackHost.StartAsync(app, cancellationToken).ConfigureAwait(false);
        return new FakeLastFmServer(app, new Uri($"http://127.0.0.1:{port}/2.0/"), stats);
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when it stopped.</returns>
    public ValueTask DisposeAsync() => LoopbackHost.StopAsync(_app);

    internal static IResult Error(int code, string message, int status) =>
        Results.Json(new JsonObject { ["error"] = code, ["message"] = message, ["links"] = new JsonArray() }, statusCode: status);

    private static IResult RecentTracks(FakeLastFmWorld world, FakeLastFmStats stats, HttpContext context)
    {
        var q = context.Request.Query;
        var user = q["user"].ToString();
        if (user.Length == 0)
        {
            return Error(6, "Invalid parameters - Your request is missing the [user] parameter", 400);
        }

        if (!world.HasUser(user))
        {
            return Error(6, "User not found", 404);
        }

        if (user.Equals(FakeLastFmWorld.Private, StringComparison.OrdinalIgnoreCase))
        {
            return Error(17, "Login: User required to be logged in", 200);
        }

        if (!Int(q["limit"], 50, out var limit) || !Int(q["page"], 1, out var page) || !Long(q["from"], out var from) || !Long(q["to"], out var to) || page < 1 || limit < 1)
        {
            return Error(6, "Invalid parameters - page, limit, from and to must be positive integers", 400);
        }

        stats.AddRecentPage();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var (items, total, totalPages) = world.Page(user, page, Math.Min(limit, 200), from, to, now);
        var extended = q["extended"].ToString() == "1";
        var nowPlaying = page == 1 && user.Equals(FakeLastFmWorld.Scrobbler, StringComparison.OrdinalIgnoreCase) ? world.NowPlayingTrack : (int?)null;
        return Results.Text(FakeLastFmAnswers.RecentTracks(user, items, nowPlaying, page, Math.Min(limit, 200), total, totalPages, extended).ToJsonString(), "application/json");
    }

    private static bool Int(Microsoft.Extensions.Primitives.StringValues value, int fallback, out int result)
    {
        result = fallback;
        return value.Count == 0 || string.IsNullOrEmpty(value[0]) || int.TryParse(value[0], NumberStyles.None, CultureInfo.InvariantCulture, out result);
    }

    private static bool Long(Microsoft.Extensions.Primitives.StringValues value, out long? result)
    {
        result = null;
        if (value.Count == 0 || string.IsNullOrEmpty(value[0]))
        {
            return true;
        }

        if (long.TryParse(value[0], NumberStyles.None, CultureInfo.InvariantCulture, out var v))
        {
            result = v;
            return true;
        }

        return false;
    }

    /// <summary>A sliding-window limit per API key; after an error 29 the key is blocked for the penalty and requests in
    /// it count as violations. Refusals alternate HTTP 200 and 429 (both occur on the real service).</summary>
    private sealed class KeyLimiter(FakeLastFmOptions options, FakeLastFmStats stats)
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, (Queue<DateTimeOffset> Starts, DateTimeOffset BlockedUntil)> _keys = new(StringComparer.Ordinal);
        private long _refusals;

        /// <summary>Null to admit; else the HTTP status of the error-29 answer.</summary>
        public int? Refuse(string key, bool inject)
        {
            lock (_lock)
            {
                var now = DateTimeOffset.UtcNow;
                if (!_keys.TryGetValue(key, out var state))
                {
                    state = (new Queue<DateTimeOffset>(), DateTimeOffset.MinValue);
                }

                while (state.Starts.Count > 0 && state.Starts.Peek() <= now - options.Window)
                {
                    state.Starts.Dequeue();
                }

                int? refused = null;
                if (now < state.BlockedUntil)
                {
                    stats.AddViolation();
                    refused = Status();
                }
                else if (inject || state.Starts.Count >= options.RateLimit)
                {
                    state.BlockedUntil = now + options.Penalty;
                    refused = Status();
                }
                else
                {
                    state.Starts.Enqueue(now);
                }

                _keys[key] = state;
                return refused;
            }
        }

        private int Status() => ++_refusals % 2 == 0 ? 429 : 200;
    }
}

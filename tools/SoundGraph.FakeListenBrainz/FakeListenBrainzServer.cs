using System.Globalization;
using System.Text.Json.Nodes;
using SoundGraph.Fakes;

namespace SoundGraph.FakeListenBrainz;

/// <summary>Options of <see cref="FakeListenBrainzServer"/>.</summary>
public sealed class FakeListenBrainzOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    /// <value>Default 0.</value>
    public int Port { get; init; }

    /// <summary>Valid user tokens (for <c>/1/validate-token</c> and the <c>Authorization: Token …</c> header), token → user name.</summary>
    /// <value>Default one demo token of this fake only: "synthetic-token" → "synthetic-listener".</value>
    public IReadOnlyDictionary<string, string> Tokens { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal) { ["synthetic-token"] = "synthetic-listener" };

    /// <summary>Requests allowed per rate-limit window (ListenBrainz's <c>X-RateLimit-Limit</c>).</summary>
    /// <value>Default 10 requests; at least 1.</value>
    public int RateLimit { get; init; } = 10;

    /// <summary>Length of a fixed rate-limit window.</summary>
    /// <value>Default 1 s; at least 100 ms.</value>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Answer every Nth request with a 429 (and <c>X-RateLimit-Reset-In</c>) although the limit is not reached; 0 never.</summary>
    /// <value>Default 0.</value>
    public int Inject429Every { get; init; }

    /// <summary>Most listens one page returns (the server's <c>MAX_ITEMS_PER_GET</c>; a larger <c>count</c> is clamped).</summary>
    /// <value>Default 1,000.</value>
    public int MaxItemsPerGet { get; init; } = 1000;
}

/// <summary>Counters of what a <see cref="FakeListenBrainzServer"/> saw and did; read from any thread.</summary>
public sealed class FakeListenBrainzStats
{
    private long _requests;
    private long _listenPages;
    private long _metadataRequests;
    private long _served429;
    private long _violations;

    /// <summary>Requests received.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary><c>/1/user/{user}/listens</c> requests answered 200.</summary>
    public long ListenPages => Interlocked.Read(ref _listenPages);

    /// <summary><c>POST /1/metadata/recording/</c> requests answered.</summary>
    public long MetadataRequests => Interlocked.Read(ref _metadataRequests);

    /// <summary>429 answers sent (limit reached or injected).</summary>
    public long Served429 => Interlocked.Read(ref _served429);

    /// <summary>Requests that arrived before the reset the server had announced (after <c>X-RateLimit-Remaining: 0</c> or a 429): a client that honours the headers makes none.</summary>
    public long RateLimitViolations => Interlocked.Read(ref _violations);

    internal void AddRequest() => Interlocked.Increment(ref _requests);

    internal void AddListenPage() => Interlocked.Increment(ref _listenPages);

    internal void AddMetadataRequest() => Interlocked.Increment(ref _metadataRequests);

    internal void Add429() => Interlocked.Increment(ref _served429);

    internal void AddViolation() => Interlocked.Increment(ref _violations);
}

/// <summary>A fake ListenBrainz API v1 (Kestrel on 127.0.0.1) serving a SYNTHETIC <see cref="FakeListenWorld"/>:
/// <c>GET /1/user/{user}/listens</c> (<c>count</c>, exclusive <c>max_ts</c>/<c>min_ts</c>, newest first),
/// <c>GET /1/user/{user}/listen-count</c>, <c>GET /1/validate-token</c>, <c>POST /1/metadata/recording/</c> and
/// <c>POST /1/playlist/create</c> (<see cref="FakePlaylists"/>), with ListenBrainz's rate-limit headers
/// (<c>X-RateLimit-Limit</c>, <c>-Remaining</c>, <c>-Reset-In</c>, <c>-Reset</c>) over a fixed window, 429s when the
/// window is spent (and injected ones), and a count of rate-limit violations.</summary>
public sealed class FakeListenBrainzServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeListenBrainzServer(WebApplication app, Uri baseUri, FakeListenBrainzStats stats, FakePlaylists playlists)
    {
        _app = app;
        BaseUri = baseUri;
        Stats = stats;
        Playlists = playlists;
    }

    /// <summary>API base with a trailing slash, e.g. <c>http://127.0.0.1:5005/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Counters.</summary>
    public FakeListenBrainzStats Stats { get; }

    /// <summary>The playlists accepted by <c>POST /1/playlist/create</c>, with their bodies as received.</summary>
    public FakePlaylists Playlists { get; }

    /// <summary>Starts the server on 127.0.0.1 and returns once it listens.</summary>
    /// <param name="world">The listens to serve (it may grow while served: <see cref="FakeListenWorld.AddNewer"/>).</param>
    /// <param name="options">Port, tokens and limits.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static async Task<FakeListenBrainzServer> StartAsync(FakeListenWorld world, FakeListenBrainzOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RateLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Window, TimeSpan.FromMilliseconds(100));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Inject429Every);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxItemsPerGet, 1);
        var builder = LoopbackHost.CreateBuilder(options.Port);
        var app = builder.Build();
        var stats = new FakeListenBrainzStats();
        var limiter = new WindowLimiter(options, stats);
        app.Use(async (context, next) =>
        {
            stats.AddRequest();
            if (!limiter.Admit(context.Response))
            {
                stats.Add429();
                context.Response.StatusCode = 429;
                await context.Response.WriteAsJsonAsync(new JsonObject { ["code"] = 429, ["error"] = "Too many requests. Please wait and try again." }, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.MapGet("/1/validate-token", (HttpContext context) =>
        {
            var token = Token(context);
            return token is not null && options.Tokens.TryGetValue(token, out var user)
                ? Results.Json(new JsonObject { ["code"] = 200, ["message"] = "Token valid.", ["user_name"] = user, ["valid"] = true })
                : Results.Json(new JsonObject { ["code"] = 200, ["message"] = "Token invalid.", ["valid"] = false });
        });
        app.MapGet("/1/user/{user}/listen-count", (string user, HttpContext context) =>
        {
            if (Unauthorized(context, options) is { } denied)
            {
                return denied;
            }

            return user == world.UserName
                ? Results.Json(new JsonObject { ["payload"] = new JsonObject { ["count"] = world.Count } })
                : NoSuchUser(user);
        });
        app.MapGet("/1/user/{user}/listens", (string user, HttpContext context) =>
        {
            if (Unauthorized(context, options) is { } denied)
            {
                return denied;
            }

            if (user != world.UserName)
            {
                return NoSuchUser(user);
            }

            var q = context.Request.Query;
            if (!Long(q["max_ts"], out var maxTs) || !Long(q["min_ts"], out var minTs) || !Long(q["count"], out var count) || count is < 0)
            {
                return Results.Json(new JsonObject { ["code"] = 400, ["error"] = "max_ts, min_ts and count must be non-negative integers." }, statusCode: 400);
            }

            var n = (int)Math.Min(count ?? 25, options.MaxItemsPerGet);
            var listens = world.Page(maxTs, minTs, n);
            stats.AddListenPage();
            var array = new JsonArray();
            foreach (var l in listens)
            {
                array.Add(l);
            }

            return Results.Json(new JsonObject
            {
                ["payload"] = new JsonObject
                {
                    ["count"] = listens.Count,
                    ["latest_listen_ts"] = world.LatestTs,
                    ["listens"] = array,
                    ["user_id"] = world.UserName,
                },
            });
        });
        app.MapPost("/1/metadata/recording/", async (HttpContext context) =>
        {
            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            }
            catch (System.Text.Json.JsonException)
            {
                return Results.Json(new JsonObject { ["code"] = 400, ["error"] = "The body is not JSON." }, statusCode: 400);
            }

            if (body?["recording_mbids"] is not JsonArray ids || ids.Count == 0)
            {
                return Results.Json(new JsonObject { ["code"] = 400, ["error"] = "recording_mbids must be a non-empty list." }, statusCode: 400);
            }

            if (ids.Count > 1000)
            {
                return Results.Json(new JsonObject { ["code"] = 400, ["error"] = "Too many recording mbids, at most 1000." }, statusCode: 400);
            }

            stats.AddMetadataRequest();
            var answer = new JsonObject();
            foreach (var id in ids)
            {
                if (!Guid.TryParse(id?.GetValue<string>(), out var mbid))
                {
                    return Results.Json(new JsonObject { ["code"] = 400, ["error"] = $"{id} is not a valid recording MBID." }, statusCode: 400);
                }

                if (world.RecordingTags(mbid) is { } tags)
                {
                    var recordingTags = new JsonArray();
                    foreach (var (tag, count) in tags)
                    {
                        recordingTags.Add(new JsonObject { ["count"] = count, ["tag"] = tag });
                    }

                    answer[mbid.ToString("D")] = new JsonObject { ["tag"] = new JsonObject { ["recording"] = recordingTags, ["artist"] = new JsonArray() } };
                }
            }

            return Results.Json(answer);
        });
        var playlists = new FakePlaylists();
        playlists.Map(app, options);
        var port = await LoopbackHost.StartAsync(app, cancellationToken).ConfigureAwait(false);
        return new FakeListenBrainzServer(app, new Uri($"http://127.0.0.1:{port}/"), stats, playlists);
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when it stopped.</returns>
    public ValueTask DisposeAsync() => LoopbackHost.StopAsync(_app);

    private static string? Token(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Token ", StringComparison.Ordinal) ? header[6..].Trim() : null;
    }

    private static IResult? Unauthorized(HttpContext context, FakeListenBrainzOptions options) =>
        Token(context) is { } token && !options.Tokens.ContainsKey(token)
            ? Results.Json(new JsonObject { ["code"] = 401, ["error"] = "Invalid authorization token." }, statusCode: 401)
            : null;

    private static IResult NoSuchUser(string user) => Results.Json(new JsonObject { ["code"] = 404, ["error"] = "Cannot find user: " + user }, statusCode: 404);

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

    /// <summary>A fixed-window limit that writes ListenBrainz's headers and notes requests sent before an announced reset.</summary>
    private sealed class WindowLimiter(FakeListenBrainzOptions options, FakeListenBrainzStats stats)
    {
        private readonly Lock _lock = new();
        private DateTimeOffset _windowEnd = DateTimeOffset.MinValue;
        private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;
        private int _used;
        private long _seen;

        public bool Admit(HttpResponse response)
        {
            lock (_lock)
            {
                var now = DateTimeOffset.UtcNow;
                if (now < _blockedUntil)
                {
                    stats.AddViolation();
                }

                if (now >= _windowEnd)
                {
                    _windowEnd = now + options.Window;
                    _used = 0;
                }

                _seen++;
                var injected = options.Inject429Every > 0 && _seen % options.Inject429Every == 0;
                var admitted = !injected && _used < options.RateLimit;
                if (admitted)
                {
                    _used++;
                }

                var remaining = options.RateLimit - _used;
                var resetIn = (int)Math.Ceiling((_windowEnd - now).TotalSeconds);
                if (!admitted || remaining == 0)
                {
                    _blockedUntil = _windowEnd; // the client is told to wait until then
                }

                response.Headers["X-RateLimit-Limit"] = options.RateLimit.ToString(CultureInfo.InvariantCulture);
                response.Headers["X-RateLimit-Remaining"] = (admitted ? remaining : 0).ToString(CultureInfo.InvariantCulture);
                response.Headers["X-RateLimit-Reset-In"] = resetIn.ToString(CultureInfo.InvariantCulture);
                response.Headers["X-RateLimit-Reset"] = _windowEnd.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                return admitted;
            }
        }
    }
}

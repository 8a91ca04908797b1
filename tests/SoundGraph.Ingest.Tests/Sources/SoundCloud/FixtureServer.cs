using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using SoundGraph.Ingest.Sources.SoundCloud;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Sources.SoundCloud;

/// <summary>One request the server received.</summary>
internal sealed record ServerRequest(string Method, string Path, string Query, string? Authorization, long Timestamp);

/// <summary>One request to the token endpoint.</summary>
internal sealed record TokenCall(string? GrantType, string? RefreshToken, bool BasicAuthOk);

/// <summary>A real Kestrel server on 127.0.0.1 (random port) that speaks SoundCloud's wire contract: an OAuth token
/// endpoint with single-use refresh tokens, <c>Authorization: OAuth</c> checks, and replay of recorded interactions
/// from shared/data/api-fixtures/soundcloud.</summary>
/// <remarks>
/// Matching rule: method + path (a trailing <c>.json</c> dropped, as the 2014-era recordings used it) + query parameters
/// compared after decoding and sorting, ignoring <c>limit</c>, <c>page_size</c>, <c>linked_partitioning</c>,
/// <c>client_id</c> and <c>oauth_token</c> (the recordings were made with other page sizes and their credentials were
/// redacted); <c>q</c>, <c>url</c>, <c>cursor</c>, <c>offset</c> must match. The host is ignored. Interactions recorded
/// twice under one key are served in order, the last one repeating. <c>next_href</c> and <c>location</c> values on
/// api(-v2).soundcloud.com are rewritten to this server. Unmatched requests get 418 so a test cannot mistake them for
/// a recorded 404.
/// </remarks>
internal sealed class FixtureServer : IAsyncDisposable
{
    public const string ClientId = "test-client-id";
    public const string ClientSecret = "test-client-secret-5f2b";

    private static readonly string[] IgnoredQueryKeys = ["limit", "page_size", "linked_partitioning", "client_id", "oauth_token"];
    private static readonly string[] RecordedHosts = ["https://api.soundcloud.com:443", "https://api.soundcloud.com", "https://api-v2.soundcloud.com:443", "https://api-v2.soundcloud.com"];

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Recorded> _recorded = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ServerRequest> _requests = new();
    private readonly ConcurrentQueue<TokenCall> _tokenCalls = new();
    private readonly ConcurrentDictionary<string, bool> _validTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _refreshTokens = new(StringComparer.Ordinal);
    private readonly List<Func<HttpContext, Task<bool>>> _overrides = [];
    private readonly Lock _bucketLock = new();
    private int _issued;
    private int _inFlight;
    private int _maxInFlight;
    private int _server429;
    private double _bucketTokens;
    private long _bucketStamp;

    private FixtureServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>API requests received (token requests excluded), in arrival order.</summary>
    public IReadOnlyList<ServerRequest> Requests => [.. _requests];

    public IReadOnlyList<TokenCall> TokenCalls => [.. _tokenCalls];

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>429s the server's own token bucket sent (see <see cref="RateLimitPerSecond"/>).</summary>
    public int Server429s => Volatile.Read(ref _server429);

    /// <summary>Require <c>Authorization: OAuth &lt;issued token&gt;</c> on API requests (else 401, empty body).</summary>
    public bool RequireAuth { get; set; } = true;

    public long ExpiresIn { get; set; } = 3599;

    /// <summary>Answer every refresh-token grant with 400 invalid_grant.</summary>
    public bool RejectRefresh { get; set; }

    /// <summary>When set, a token bucket of this many tokens refilled at this many per second (real time) guards the
    /// API; an empty bucket answers 429 with SoundCloud's body.</summary>
    public int? RateLimitPerSecond { get; set; }

    /// <summary>Real-time delay before each API answer (to observe concurrency).</summary>
    public TimeSpan ResponseDelay { get; set; }

    public static async Task<FixtureServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FixtureServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    public SoundCloudOptions Options(double requestsPerSecond = 1000, int maxRetries = 3, int maxConcurrent = 8) => new()
    {
        ApiBaseUri = BaseUri,
        TokenUri = new Uri(BaseUri, "oauth/token"),
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        RequestsPerSecond = requestsPerSecond,
        MaxRetries = maxRetries,
        MaxConcurrentRequests = maxConcurrent,
    };

    /// <summary>Loads every interaction of a cassette (path under api-fixtures/soundcloud).</summary>
    /// <returns>How many interactions were loaded.</returns>
    public int LoadCassette(string relativePath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestData.Shared("api-fixtures", "soundcloud", relativePath)));
        var count = 0;
        foreach (var interaction in doc.RootElement.GetProperty("interactions").EnumerateArray())
        {
            var uri = new Uri(interaction.GetProperty("uri").GetString()!);
            var body = interaction.GetProperty("body");
            var contentType = interaction.TryGetProperty("content_type", out var ct) && ct.ValueKind == JsonValueKind.String ? ct.GetString() : null;
            Add(interaction.GetProperty("method").GetString()!, uri.AbsolutePath, uri.Query, interaction.GetProperty("status").GetInt32(),
                body.ValueKind == JsonValueKind.Null ? null : body.GetRawText(), contentType);
            count++;
        }

        return count;
    }

    /// <summary>Serves a file under api-fixtures/soundcloud (a bare body, such as prayzzz's) at a path of the test's choosing.</summary>
    public void MapFile(string pathAndQuery, string relativePath) =>
        Map(pathAndQuery, 200, File.ReadAllText(TestData.Shared("api-fixtures", "soundcloud", relativePath)).TrimStart('\uFEFF'));

    /// <summary>Serves a GET at <paramref name="pathAndQuery"/> with a status and body.</summary>
    public void Map(string pathAndQuery, int status, string? body)
    {
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        Add("GET", q < 0 ? pathAndQuery : pathAndQuery[..q], q < 0 ? string.Empty : pathAndQuery[q..], status, body, "application/json; charset=utf-8");
    }

    /// <summary>Adds a handler run before the recordings (after authentication); it returns true when it answered.</summary>
    public void Override(Func<HttpContext, Task<bool>> handler)
    {
        lock (_overrides)
        {
            _overrides.Add(handler);
        }
    }

    /// <summary>Forgets every issued access token (API calls then get 401 until a new token is fetched).</summary>
    public void RevokeAccessTokens() => _validTokens.Clear();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A SoundCloud 429 body with the given reset time.</summary>
    public static string RateLimitBody(DateTimeOffset resetTime, int maxRequests) =>
        "{\"errors\":[{\"meta\":{\"rate_limit\":{\"bucket\":\"by-client\",\"max_nr_of_requests\":" + maxRequests.ToString(CultureInfo.InvariantCulture)
        + ",\"time_window\":\"PT1S\",\"group\":\"api\"},\"remaining_requests\":0,\"reset_time\":\"" + SoundCloudDates.Format(resetTime) + "\"}}]}";

    private void Add(string method, string path, string query, int status, string? body, string? contentType)
    {
        var recorded = _recorded.GetOrAdd(Key(method, path, query), _ => new Recorded());
        lock (recorded)
        {
            recorded.Answers.Add(new Answer(status, body, contentType));
        }
    }

    private static string Key(string method, string path, string query)
    {
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^5];
        }

        var pairs = QueryHelpers.ParseQuery(query)
            .Where(p => !IgnoredQueryKeys.Contains(p.Key, StringComparer.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => p.Key + "=" + v))
            .Order(StringComparer.Ordinal);
        return method.ToUpperInvariant() + " " + path + "?" + string.Join('&', pairs);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path == "/oauth/token" && HttpMethods.IsPost(request.Method))
        {
            await TokenAsync(context);
            return;
        }

        var authorization = request.Headers.Authorization.ToString();
        _requests.Enqueue(new ServerRequest(request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty,
            authorization.Length == 0 ? null : authorization, Stopwatch.GetTimestamp()));
        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        try
        {
            if (ResponseDelay > TimeSpan.Zero)
            {
                await Task.Delay(ResponseDelay);
            }

            if (RequireAuth && !(authorization.StartsWith("OAuth ", StringComparison.Ordinal) && _validTokens.ContainsKey(authorization[6..])))
            {
                context.Response.StatusCode = 401;
                return;
            }

            if (RateLimitPerSecond is { } limit && !TakeBucketToken(limit))
            {
                Interlocked.Increment(ref _server429);
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
                await context.Response.WriteAsync(RateLimitBody(DateTimeOffset.UtcNow.AddSeconds(1), limit));
                return;
            }

            Func<HttpContext, Task<bool>>[] overrides;
            lock (_overrides)
            {
                overrides = [.. _overrides];
            }

            foreach (var handler in overrides)
            {
                if (await handler(context))
                {
                    return;
                }
            }

            if (!_recorded.TryGetValue(Key(request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty), out var recorded))
            {
                context.Response.StatusCode = 418;
                await context.Response.WriteAsync("no recorded interaction for " + request.Method + " " + request.Path + request.QueryString);
                return;
            }

            Answer answer;
            lock (recorded)
            {
                answer = recorded.Answers[Math.Min(recorded.Served, recorded.Answers.Count - 1)];
                recorded.Served++;
            }

            await WriteAsync(context, answer);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task WriteAsync(HttpContext context, Answer answer)
    {
        var response = context.Response;
        response.StatusCode = answer.Status;
        if (answer.Body is null)
        {
            return;
        }

        var body = answer.Body;
        if (JsonNode.Parse(body) is JsonObject obj)
        {
            foreach (var name in new[] { "next_href", "location" })
            {
                if (obj[name] is JsonValue v && v.TryGetValue<string>(out var href))
                {
                    obj[name] = Rewrite(href);
                    if (name == "location" && answer.Status is >= 300 and < 400)
                    {
                        response.Headers.Location = Rewrite(href);
                    }
                }
            }

            body = obj.ToJsonString();
        }

        response.ContentType = answer.ContentType ?? "application/json; charset=utf-8";
        await response.WriteAsync(body, Encoding.UTF8);
    }

    private string Rewrite(string href)
    {
        foreach (var host in RecordedHosts)
        {
            if (href.StartsWith(host + "/", StringComparison.OrdinalIgnoreCase))
            {
                return BaseUri.AbsoluteUri.TrimEnd('/') + href[host.Length..];
            }
        }

        return href;
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientId + ":" + ClientSecret));
        var basicOk = context.Request.Headers.Authorization.ToString() == expected
            || (form["client_id"] == ClientId && form["client_secret"] == ClientSecret);
        var grant = form["grant_type"].ToString();
        var refresh = form["refresh_token"].ToString();
        _tokenCalls.Enqueue(new TokenCall(grant, refresh.Length == 0 ? null : refresh, basicOk));
        if (!basicOk)
        {
            await Json(context, 401, "{\"error\":\"invalid_client\"}");
            return;
        }

        if (grant == "refresh_token" && (RejectRefresh || !_refreshTokens.TryRemove(refresh, out _)))
        {
            await Json(context, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }

        if (grant is not ("client_credentials" or "refresh_token"))
        {
            await Json(context, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }

        var n = Interlocked.Increment(ref _issued);
        var access = "token-" + n.ToString(CultureInfo.InvariantCulture);
        var newRefresh = "refresh-" + n.ToString(CultureInfo.InvariantCulture);
        _validTokens[access] = true;
        _refreshTokens[newRefresh] = true;
        await Json(context, 200, "{\"access_token\":\"" + access + "\",\"token_type\":\"bearer\",\"expires_in\":"
            + ExpiresIn.ToString(CultureInfo.InvariantCulture) + ",\"refresh_token\":\"" + newRefresh + "\",\"scope\":\"\"}");
    }

    private static async Task Json(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    private bool TakeBucketToken(int limit)
    {
        lock (_bucketLock)
        {
            var now = Stopwatch.GetTimestamp();
            if (_bucketStamp == 0)
            {
                _bucketTokens = limit;
            }
            else
            {
                _bucketTokens = Math.Min(limit, _bucketTokens + (Stopwatch.GetElapsedTime(_bucketStamp, now).TotalSeconds * limit));
            }

            _bucketStamp = now;
            if (_bucketTokens < 1)
            {
                return false;
            }

            _bucketTokens -= 1;
            return true;
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class Recorded
    {
        public List<Answer> Answers { get; } = [];

        public int Served { get; set; }
    }

    private sealed record Answer(int Status, string? Body, string? ContentType);
}

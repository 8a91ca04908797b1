using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace SoundGraph.FakeSoundCloud.Server;

/// <summary>What every request goes through, in order: count it, add latency, check the OAuth token (401), take
/// from the rate-limit bucket and the client's own bucket (429), draw a fault (5xx / 429 / truncation), answer.</summary>
internal sealed class ApiPipeline
{
    private readonly FakeServerOptions options;
    private readonly FakeServerStats stats;
    private readonly TokenStore tokens;
    private readonly TokenBucket? bucket;
    private readonly ConcurrentDictionary<string, TokenBucket> clientBuckets = new(StringComparer.Ordinal);
    private readonly Random faultRandom;
    private readonly Lock faultGate = new();
    private static readonly int[] ServerErrorStatuses = [500, 503, 502];

    public ApiPipeline(FakeServerOptions options, FakeServerStats stats, TokenStore tokens)
    {
        this.options = options;
        this.stats = stats;
        this.tokens = tokens;
        faultRandom = new Random(options.FaultSeed);
        bucket = options.RateLimitPerSecond is { } limit ? new TokenBucket(limit, options.TimeProvider.GetUtcNow()) : null;
    }

    private DateTimeOffset Now => options.TimeProvider.GetUtcNow();

    /// <summary>An API endpoint: authenticated, rate-limited, faulty.</summary>
    public async Task HandleApiAsync(HttpContext context, string endpoint, Func<HttpContext, ApiResponse> handler)
    {
        var ct = context.RequestAborted;
        stats.Request(endpoint, Now);
        if (options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(options.Latency, ct).ConfigureAwait(false);
        }

        if (tokens.ClientOf(BearerToken(context.Request), Now) is not { } client)
        {
            stats.Unauthenticated();
            await ApiResponse.Unauthorized().WriteAsync(context.Response, ct).ConfigureAwait(false);
            return;
        }

        stats.ClientRequest(client, context.Request.Path + context.Request.QueryString);
        if ((RateLimited(bucket) ?? RateLimited(ClientBucket(client))) is { } limited)
        {
            stats.RateLimitViolation();
            await ApiResponse.RateLimited(limited.Bucket.RatePerSecond, SoundCloudDate.CeilingToSecond(limited.NextTokenAt), Now)
                .WriteAsync(context.Response, ct).ConfigureAwait(false);
            return;
        }

        await AnswerWithFaultsAsync(context, handler).ConfigureAwait(false);
    }

    /// <summary>The bucket and the time of its next token when <paramref name="b"/> is empty now; null when it gave a token (or there is none).</summary>
    private (TokenBucket Bucket, DateTimeOffset NextTokenAt)? RateLimited(TokenBucket? b) =>
        b is not null && !b.TryTake(Now, out var next) ? (b, next) : null;

    private TokenBucket? ClientBucket(string client) => options.RateLimitPerClientPerSecond is { } limit
        ? clientBuckets.GetOrAdd(client, _ => new TokenBucket(limit, Now))
        : null;

    /// <summary>The token endpoint: counted; faulty only when <see cref="FakeServerOptions.FaultsOnToken"/>.</summary>
    public async Task HandleTokenAsync(HttpContext context, Func<HttpContext, Task<ApiResponse>> handler)
    {
        stats.Request("POST /oauth/token", Now);
        if (options.FaultsOnToken)
        {
            var response = await handler(context).ConfigureAwait(false);
            await AnswerWithFaultsAsync(context, _ => response).ConfigureAwait(false);
            return;
        }

        await (await handler(context).ConfigureAwait(false)).WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Unknown path: counted as "other", 404 with SoundCloud's body.</summary>
    public Task HandleUnknownAsync(HttpContext context)
    {
        stats.Request("other", Now);
        return ApiResponse.NotFound().WriteAsync(context.Response, context.RequestAborted);
    }

    private async Task AnswerWithFaultsAsync(HttpContext context, Func<HttpContext, ApiResponse> handler)
    {
        var ct = context.RequestAborted;
        double draw;
        lock (faultGate)
        {
            draw = faultRandom.NextDouble();
        }

        if (draw < options.ServerErrorRate)
        {
            var n = stats.ServerError();
            var status = ServerErrorStatuses[(n - 1) % ServerErrorStatuses.Length];
            var body = status == 500 ? """{"errors":[{"error_message":"500 - Internal Server Error"}]}"""u8.ToArray() : null;
            await new ApiResponse(status, body, RetryAfterSeconds: status == 503 ? 1 : null).WriteAsync(context.Response, ct).ConfigureAwait(false);
            return;
        }

        draw -= options.ServerErrorRate;
        if (draw < options.RateLimitErrorRate)
        {
            stats.InjectedRateLimit();
            var now = Now;
            var limit = options.RateLimitPerSecond ?? 15;
            await ApiResponse.RateLimited(limit, SoundCloudDate.CeilingToSecond(now.AddSeconds(1)), now).WriteAsync(context.Response, ct).ConfigureAwait(false);
            return;
        }

        draw -= options.RateLimitErrorRate;
        var response = handler(context);
        if (draw < options.TruncatedBodyRate && response.Status == 200 && response.Body is { Length: > 1 } full)
        {
            stats.Truncated();
            response = response with { Body = full[..(full.Length / 2)] };
        }

        await response.WriteAsync(context.Response, ct).ConfigureAwait(false);
    }

    /// <summary>The token of <c>Authorization: OAuth &lt;token&gt;</c>, or null (other schemes do not count).</summary>
    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!AuthenticationHeaderValue.TryParse(header, out var value) || !string.Equals(value.Scheme, "OAuth", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return value.Parameter;
    }
}

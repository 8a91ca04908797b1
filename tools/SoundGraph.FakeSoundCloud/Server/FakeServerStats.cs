namespace SoundGraph.FakeSoundCloud.Server;

/// <summary>What the fake server saw and did; thread-safe, read at any time (each property is a snapshot).</summary>
public sealed class FakeServerStats
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> byEndpoint = new(StringComparer.Ordinal);
    private readonly List<DateTimeOffset> requestStarts = [];
    private readonly Dictionary<string, long> byClient = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Client, string Url), long> byClientAndUrl = [];
    private long requests;
    private long tokensIssued;
    private long injected5xx;
    private long injected429;
    private long injectedTruncated;
    private long rateLimitViolations;
    private long unauthorized;

    /// <summary>All requests received, token endpoint and unknown paths included.</summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <summary>Requests per endpoint, keyed by method and route template: "POST /oauth/token", "GET /resolve",
    /// "GET /tracks/{id}", "GET /tracks/{id}/favoriters", "GET /tracks" (search), …, "other" for unknown paths.</summary>
    public IReadOnlyDictionary<string, long> ByEndpoint
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, long>(byEndpoint, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Authenticated API requests per client id (the client the request's access token was issued to), counted
    /// before the rate limits, so 429 answers are included.</summary>
    public IReadOnlyDictionary<string, long> ByClient
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, long>(byClient, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Authenticated API requests per path and query string exactly as sent (e.g.
    /// <c>/users/5012/likes/tracks?limit=10&amp;linked_partitioning=true&amp;offset=20</c>): a page fetched twice has a count of 2.
    /// Counted before the rate limits, so a request answered 429 (and then retried) counts too.</summary>
    public IReadOnlyDictionary<string, long> ByUrl
    {
        get
        {
            lock (gate)
            {
                return byClientAndUrl.GroupBy(e => e.Key.Url, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);
            }
        }
    }

    /// <summary><see cref="ByUrl"/> split by client id: which client fetched a page, and how often.</summary>
    public IReadOnlyDictionary<(string Client, string Url), long> ByClientAndUrl
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<(string Client, string Url), long>(byClientAndUrl);
            }
        }
    }

    /// <summary>Access tokens issued (client credentials and refresh grants).</summary>
    public long TokensIssued => Interlocked.Read(ref tokensIssued);

    /// <summary>Injected 500/502/503 answers.</summary>
    public long Injected5xx => Interlocked.Read(ref injected5xx);

    /// <summary>Injected 429 answers (not counting those of the real bucket).</summary>
    public long Injected429 => Interlocked.Read(ref injected429);

    /// <summary>200 answers cut to half their body.</summary>
    public long InjectedTruncated => Interlocked.Read(ref injectedTruncated);

    /// <summary>API requests that arrived while the rate-limit bucket was empty (each answered 429).</summary>
    public long RateLimitViolations => Interlocked.Read(ref rateLimitViolations);

    /// <summary>API requests answered 401 (no, unknown or expired token) plus token requests with bad client credentials.</summary>
    public long Unauthorized => Interlocked.Read(ref unauthorized);

    /// <summary>Arrival time of every request on the server's <see cref="FakeServerOptions.TimeProvider"/>, in arrival order.</summary>
    public IReadOnlyList<DateTimeOffset> RequestStarts
    {
        get
        {
            lock (gate)
            {
                return requestStarts.ToArray();
            }
        }
    }

    internal void Request(string endpoint, DateTimeOffset at)
    {
        Interlocked.Increment(ref requests);
        lock (gate)
        {
            byEndpoint[endpoint] = byEndpoint.GetValueOrDefault(endpoint) + 1;
            requestStarts.Add(at);
        }
    }

    internal void ClientRequest(string client, string url)
    {
        lock (gate)
        {
            byClient[client] = byClient.GetValueOrDefault(client) + 1;
            byClientAndUrl[(client, url)] = byClientAndUrl.GetValueOrDefault((client, url)) + 1;
        }
    }

    internal void TokenIssued() => Interlocked.Increment(ref tokensIssued);

    internal long ServerError() => Interlocked.Increment(ref injected5xx);

    internal void InjectedRateLimit() => Interlocked.Increment(ref injected429);

    internal void Truncated() => Interlocked.Increment(ref injectedTruncated);

    internal void RateLimitViolation() => Interlocked.Increment(ref rateLimitViolations);

    internal void Unauthenticated() => Interlocked.Increment(ref unauthorized);
}

namespace SoundGraph.Ingest.Sources.SoundCloud;

/// <summary>Counters of one <see cref="SoundCloudClient"/>; updated atomically, readable from any thread.</summary>
public sealed class SoundCloudStats
{
    private long _requests;
    private long _retries;
    private long _rateLimited;
    private long _notFound;
    private long _forbidden;
    private long _tokenRequests;

    /// <summary>API request attempts sent (each retry is one more; token requests are not included).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Attempts repeated after a 429, 5xx, timeout, connection failure, truncated body or 401.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>429 responses received.</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>404 responses received.</summary>
    public long NotFound => Interlocked.Read(ref _notFound);

    /// <summary>403 responses received.</summary>
    public long Forbidden => Interlocked.Read(ref _forbidden);

    /// <summary>Requests sent to the token endpoint.</summary>
    public long TokenRequests => Interlocked.Read(ref _tokenRequests);

    /// <summary>A copy of the counters at this moment (each counter read atomically).</summary>
    /// <returns>A new, independent <see cref="SoundCloudStats"/>.</returns>
    public SoundCloudStats Snapshot() => new()
    {
        _requests = Requests,
        _retries = Retries,
        _rateLimited = RateLimited,
        _notFound = NotFound,
        _forbidden = Forbidden,
        _tokenRequests = TokenRequests,
    };

    /// <inheritdoc/>
    public override string ToString() =>
        $"requests={Requests} retries={Retries} rate_limited={RateLimited} not_found={NotFound} forbidden={Forbidden} token_requests={TokenRequests}";

    internal void AddRequest() => Interlocked.Increment(ref _requests);

    internal void AddRetry() => Interlocked.Increment(ref _retries);

    internal void AddRateLimited() => Interlocked.Increment(ref _rateLimited);

    internal void AddNotFound() => Interlocked.Increment(ref _notFound);

    internal void AddForbidden() => Interlocked.Increment(ref _forbidden);

    internal void AddTokenRequest() => Interlocked.Increment(ref _tokenRequests);
}

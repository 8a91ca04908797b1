namespace SoundGraph.Ingest.Sources.LastFm;

/// <summary>Counters of one <see cref="LastFmClient"/>; updated atomically, readable from any thread.</summary>
public sealed class LastFmStats
{
    private long _requests;
    private long _retries;
    private long _rateLimited;
    private long _unavailable;
    private long _pages;
    private long _notFound;

    /// <summary>HTTP requests sent (each retry is one more).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Attempts repeated after error 29, 8/11/16, a 5xx, a timeout, a connection failure or an unusable body.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Rate-limit answers (error 29, with HTTP 200 or 429, or a bare 429) received and answered by backing off.</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Temporary failures received and retried: error 8/11/16, HTTP 503 and other 5xx.</summary>
    public long Unavailable => Interlocked.Read(ref _unavailable);

    /// <summary><c>user.getRecentTracks</c> pages received.</summary>
    public long Pages => Interlocked.Read(ref _pages);

    /// <summary>Error 6 answers (no such user, track or artist).</summary>
    public long NotFound => Interlocked.Read(ref _notFound);

    /// <inheritdoc/>
    public override string ToString() =>
        $"requests={Requests} retries={Retries} rate_limited={RateLimited} unavailable={Unavailable} pages={Pages} not_found={NotFound}";

    internal void AddRequest() => Interlocked.Increment(ref _requests);

    internal void AddRetry() => Interlocked.Increment(ref _retries);

    internal void AddRateLimited() => Interlocked.Increment(ref _rateLimited);

    internal void AddUnavailable() => Interlocked.Increment(ref _unavailable);

    internal void AddPage() => Interlocked.Increment(ref _pages);

    internal void AddNotFound() => Interlocked.Increment(ref _notFound);
}

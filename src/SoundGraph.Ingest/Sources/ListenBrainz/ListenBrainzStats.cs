namespace SoundGraph.Ingest.Sources.ListenBrainz;

/// <summary>Counters of one <see cref="ListenBrainzClient"/>; updated atomically, readable from any thread.</summary>
public sealed class ListenBrainzStats
{
    private long _requests;
    private long _retries;
    private long _rateLimited;
    private long _resetWaits;
    private long _pages;
    private long _secondsSteppedPast;

    /// <summary>Requests sent (each retry is one more).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Attempts repeated after a 429, 5xx, timeout, connection failure or unparseable body.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>429 responses received and answered by waiting for the announced reset.</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Times a request waited because the previous answer said <c>X-RateLimit-Remaining: 0</c>.</summary>
    public long ResetWaits => Interlocked.Read(ref _resetWaits);

    /// <summary>Listens pages received by the walks.</summary>
    public long Pages => Interlocked.Read(ref _pages);

    /// <summary>Full pages whose listens all shared one second, stepped past (listens of that second beyond one page cannot be reached through the API).</summary>
    public long SecondsSteppedPast => Interlocked.Read(ref _secondsSteppedPast);

    /// <inheritdoc/>
    public override string ToString() =>
        $"requests={Requests} retries={Retries} rate_limited={RateLimited} reset_waits={ResetWaits} pages={Pages} seconds_stepped_past={SecondsSteppedPast}";

    internal void AddRequest() => Interlocked.Increment(ref _requests);

    internal void AddRetry() => Interlocked.Increment(ref _retries);

    internal void AddRateLimited() => Interlocked.Increment(ref _rateLimited);

    internal void AddResetWait() => Interlocked.Increment(ref _resetWaits);

    internal void AddPage() => Interlocked.Increment(ref _pages);

    internal void AddSecondSteppedPast() => Interlocked.Increment(ref _secondsSteppedPast);
}

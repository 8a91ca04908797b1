using System.Diagnostics;
using System.Threading.RateLimiting;

namespace SoundGraph.Ingest.Sources.SoundCloud;

/// <summary>A rate limiter that hands out one permit at a time, each at least <c>interval</c> after the previous one
/// (in arrival order, roughly: waiters queue on a semaphore), on the real clock.</summary>
/// <remarks>
/// Why not <see cref="TokenBucketRateLimiter"/> with a bucket of 1: its refill timer ticks independently of use, so a
/// request taking the idle bucket's token just before a tick is followed by another right after the tick; with
/// <c>r</c> ticks per second that allows r + 1 starts in one second. Here permit k is granted no earlier than slot k,
/// slots are <c>interval</c> apart, and no permit is granted within 1 s of the grant <c>maxPerSecond</c> permits before
/// it, so no 1-s window ever holds more than <c>maxPerSecond</c> starts. A waiter that wakes late (timer overshoot,
/// thread hand-off) by less than one interval does not push the following slots back — otherwise every few milliseconds
/// of overshoot would be lost for good, costing 5–10 % of the rate at 20 requests/s — while a limiter left idle for
/// longer restarts its schedule at the next grant, so idleness never builds up a burst. Waits use real time: the
/// limiter paces real network traffic.
/// </remarks>
internal sealed class RequestSpacingLimiter : RateLimiter
{
    private readonly long _intervalTicks;
    private readonly TimeSpan _interval;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _queue = new(1, 1);
    private readonly Queue<long> _recent = new();
    private readonly int _maxPerSecond;
    private long _nextSlot;
    private long _lastGrant = Stopwatch.GetTimestamp();
    private bool _disposed;

    public RequestSpacingLimiter(TimeSpan interval, int maxPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerSecond, 1);
        _maxPerSecond = maxPerSecond;
        _interval = interval;
        _intervalTicks = (long)Math.Ceiling(interval.TotalSeconds * Stopwatch.Frequency);
        _nextSlot = Stopwatch.GetTimestamp();
    }

    /// <summary>The minimum spacing between two permits.</summary>
    public TimeSpan Interval => _interval;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                var now = Stopwatch.GetTimestamp();
                return now >= _nextSlot ? Stopwatch.GetElapsedTime(_lastGrant, now) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckPermits(permitCount);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = Stopwatch.GetTimestamp();
            var earliest = Earliest();
            if (permitCount == 0 || now < earliest)
            {
                return permitCount == 0 && now >= earliest ? Lease.Granted : Lease.Denied;
            }

            Grant(now);
            return Lease.Granted;
        }
    }

    // Called under _lock: the first moment the next permit may be granted.
    private long Earliest() =>
        _recent.Count == _maxPerSecond ? Math.Max(_nextSlot, _recent.Peek() + Stopwatch.Frequency) : _nextSlot;

    // Called under _lock with now ≥ Earliest().
    private void Grant(long now)
    {
        _nextSlot = (now - _nextSlot < _intervalTicks ? _nextSlot : now) + _intervalTicks;
        _lastGrant = now;
        if (_recent.Count == _maxPerSecond)
        {
            _recent.Dequeue();
        }

        _recent.Enqueue(now);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckPermits(permitCount);
        if (permitCount == 0)
        {
            return Lease.Granted;
        }

        // One waiter at a time, each granted at or after its slot (see Grant for how lateness is absorbed).
        await _queue.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                long remaining;
                lock (_lock)
                {
                    ObjectDisposedException.ThrowIf(_disposed, this);
                    var now = Stopwatch.GetTimestamp();
                    remaining = Earliest() - now;
                    if (remaining <= 0)
                    {
                        Grant(now);
                        return Lease.Granted;
                    }
                }

                // Task.Delay may wake a little early (coarse timer): loop until the slot is reached.
                var ms = Math.Max(1, (int)Math.Ceiling(remaining * 1000.0 / Stopwatch.Frequency));
                await Task.Delay(ms, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _queue.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        lock (_lock)
        {
            _disposed = true;
        }

        if (disposing)
        {
            _queue.Dispose();
        }

        base.Dispose(disposing);
    }

    private static void CheckPermits(int permitCount)
    {
        if (permitCount is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "This limiter grants one permit at a time.");
        }
    }

    private sealed class Lease : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease Denied = new(false);

        private Lease(bool acquired) => IsAcquired = acquired;

        public override bool IsAcquired { get; }

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

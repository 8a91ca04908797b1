using System.Diagnostics;
using System.Threading.RateLimiting;

namespace SoundGraph.Ingest.Sources.SoundCloud;

/// <summary>A rate limiter that hands out one permit at a time, each at least <c>interval</c> after the previous one
/// (in arrival order, roughly: waiters queue on a semaphore), on the real clock.</summary>
/// <remarks>
/// Why not <see cref="TokenBucketRateLimiter"/> with a bucket of 1: its refill timer ticks independently of use, so a
/// request taking the idle bucket's token just before a tick is followed by another right after the tick; with
/// <c>r</c> ticks per second that allows r + 1 starts in one second. Strict spacing allows at most ⌈1 s / interval⌉
/// starts in any 1-s window. Waits use real time: the limiter paces real network traffic.
/// </remarks>
internal sealed class RequestSpacingLimiter : RateLimiter
{
    private readonly long _intervalTicks;
    private readonly TimeSpan _interval;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _queue = new(1, 1);
    private long _nextSlot;
    private long _lastGrant = Stopwatch.GetTimestamp();
    private bool _disposed;

    public RequestSpacingLimiter(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
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
            if (permitCount == 0 || now < _nextSlot)
            {
                return permitCount == 0 && now >= _nextSlot ? Lease.Granted : Lease.Denied;
            }

            _nextSlot = now + _intervalTicks;
            _lastGrant = now;
            return Lease.Granted;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckPermits(permitCount);
        if (permitCount == 0)
        {
            return Lease.Granted;
        }

        // One waiter at a time. The next slot is set from the moment a permit is actually granted (not from a
        // precomputed schedule), so waiters that wake late cannot bunch up behind one another.
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
                    remaining = _nextSlot - now;
                    if (remaining <= 0)
                    {
                        _nextSlot = now + _intervalTicks;
                        _lastGrant = now;
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

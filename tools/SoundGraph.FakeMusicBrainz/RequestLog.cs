using System.Diagnostics;

namespace SoundGraph.FakeMusicBrainz;

/// <summary>One request the fake server handled: start and end in seconds since the server started, path and status.</summary>
/// <param name="Start">When the handler began, s since start.</param>
/// <param name="End">When the handler finished writing the answer, s since start.</param>
/// <param name="Path">Path and query.</param>
/// <param name="Status">HTTP status answered.</param>
/// <param name="UserAgent">The request's User-Agent, or null.</param>
public sealed record LoggedRequest(double Start, double End, string Path, int Status, string? UserAgent);

/// <summary>The server's request log (thread-safe), with the figures the pacing tests assert on.</summary>
public sealed class RequestLog
{
    private readonly Lock _lock = new();
    private readonly List<LoggedRequest> _entries = [];
    private readonly long _origin = Stopwatch.GetTimestamp();
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Seconds since the server started (the log's clock).</summary>
    public double Now => Stopwatch.GetElapsedTime(_origin).TotalSeconds;

    /// <summary>A copy of the entries in completion order.</summary>
    public IReadOnlyList<LoggedRequest> Entries
    {
        get
        {
            lock (_lock)
            {
                return _entries.ToList();
            }
        }
    }

    /// <summary>The most requests the server was handling at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Total seconds during which more than one request was being handled (from the logged intervals).</summary>
    /// <returns>Seconds, ≥ 0.</returns>
    public double SecondsWithMoreThanOneInFlight()
    {
        var events = Entries.SelectMany(e => new[] { (T: e.Start, D: 1), (T: e.End, D: -1) }).OrderBy(e => e.T).ThenBy(e => e.D).ToList();
        double total = 0, since = 0;
        var open = 0;
        foreach (var (t, d) in events)
        {
            if (open > 1)
            {
                total += t - since;
            }

            open += d;
            since = t;
        }

        return total;
    }

    /// <summary>Mean gap between consecutive request starts in seconds (NaN with fewer than two requests).</summary>
    /// <returns>Seconds.</returns>
    public double MeanStartSpacing()
    {
        var starts = Entries.Select(e => e.Start).Order().ToList();
        return starts.Count < 2 ? double.NaN : (starts[^1] - starts[0]) / (starts.Count - 1);
    }

    internal double Begin()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }

        return Now;
    }

    internal void End(double start, string path, int status, string? userAgent)
    {
        var entry = new LoggedRequest(start, Now, path, status, userAgent);
        Interlocked.Decrement(ref _inFlight);
        lock (_lock)
        {
            _entries.Add(entry);
        }
    }
}

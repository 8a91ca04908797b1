using System.Diagnostics;
using System.Globalization;

namespace SoundGraph.Cli.Rendering;

/// <summary>Progress of long work for a console that is not a terminal (redirected, piped, CI), where Spectre.Console's
/// live bars draw nothing: a line now and then on standard error, so a 4-minute harvest or a 35-s training run is never
/// silent and <c>--json</c> or redirected tables on standard output stay clean. On a terminal it writes nothing (the
/// commands show bars there).</summary>
/// <remarks>Lines look like <c>train sage: epoch 12/200, loss 0.8123 (4 s)</c>. <see cref="Line"/> writes at once (an
/// epoch, a stage); a heartbeat with <c>status()</c> follows whenever <see cref="Interval"/> passed without a line.</remarks>
public sealed class ProgressReporter : IDisposable
{
    /// <summary>Longest silence between two lines.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    private readonly TextWriter? _writer;
    private readonly string _label;
    private readonly Func<string>? _status;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private readonly Lock _gate = new();
    private TimeSpan _lastLine;
    private bool _disposed;

    private ProgressReporter(TextWriter? writer, string label, Func<string>? status, TimeSpan interval)
    {
        _writer = writer;
        _label = label;
        _status = status;
        Interval = interval;
        if (writer is not null)
        {
            // Checks at a fifth of the interval, so a heartbeat is late by at most that much.
            var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, interval.Ticks / 5));
            _timer = new Timer(_ => Heartbeat(), null, tick, tick);
        }
    }

    /// <summary>Longest silence between two lines.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Starts reporting <paramref name="label"/> to <paramref name="context"/>'s standard error when its console
    /// is not interactive; on a terminal the reporter is silent.</summary>
    /// <param name="context">The command's consoles.</param>
    /// <param name="label">What runs, e.g. "train sage"; starts every line.</param>
    /// <param name="status">The heartbeat's text (read on a timer thread: it must be thread-safe); null: "working".</param>
    /// <param name="interval">Longest silence; default <see cref="DefaultInterval"/>.</param>
    public static ProgressReporter Start(CliContext context, string label, Func<string>? status = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Start(context.Console.Profile.Capabilities.Interactive ? null : context.Error, label, status, interval);
    }

    /// <summary>Starts reporting to <paramref name="writer"/> (null: silent).</summary>
    public static ProgressReporter Start(TextWriter? writer, string label, Func<string>? status = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(label);
        var every = interval ?? DefaultInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(every, TimeSpan.Zero, nameof(interval));
        return new ProgressReporter(writer, label, status, every);
    }

    /// <summary>Writes one line now (an epoch, a stage).</summary>
    public void Line(string text)
    {
        if (_writer is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _lastLine = _watch.Elapsed;
            _writer.WriteLine($"{_label}: {text} ({Seconds(_watch.Elapsed)})");
            _writer.Flush();
        }
    }

    /// <summary>Stops the heartbeat. No line is written after it returns, not even by a heartbeat already running on the
    /// timer thread (it takes the same lock and finds the reporter disposed), so nothing follows a command's last output.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer?.Dispose();
    }

    private void Heartbeat()
    {
        lock (_gate)
        {
            if (_watch.Elapsed - _lastLine < Interval)
            {
                return;
            }
        }

        string text;
        try
        {
            text = _status?.Invoke() ?? "working";
        }
#pragma warning disable CA1031 // A status callback failing must not kill the process from a timer thread; the work reports its own errors.
        catch (Exception)
#pragma warning restore CA1031
        {
            text = "working";
        }

        Line(text);
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";
}

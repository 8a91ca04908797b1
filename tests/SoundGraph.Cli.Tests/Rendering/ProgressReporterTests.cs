using SoundGraph.Cli.Rendering;

namespace SoundGraph.Cli.Tests.Rendering;

public sealed class ProgressReporterTests
{
    [Fact]
    public async Task Start_SilentWork_WritesAHeartbeatWithTheStatusEveryInterval()
    {
        var writer = new StringWriter();
        var calls = 0;
        var synchronized = TextWriter.Synchronized(writer);
        string[] lines = [];
        using (ProgressReporter.Start(synchronized, "harvest", () => $"{Interlocked.Increment(ref calls)} walks", TimeSpan.FromMilliseconds(50)))
        {
            // Polls rather than sleeping a fixed time: on a loaded machine the timer thread may start late.
            for (var waited = 0; waited < 10_000 && lines.Length < 2; waited += 25)
            {
                await Task.Delay(25);
                lock (synchronized)
                {
                    // The synchronized writer locks on itself, so this read cannot interleave with a write.
                    lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
                }
            }
        }

        lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2, $"{lines.Length} heartbeat lines");
        Assert.All(lines, l => Assert.Matches(@"^harvest: \d+ walks \(\d+ s\)\r?$", l));
    }

    [Fact]
    public async Task Line_WrittenMoreOftenThanTheInterval_SuppressesTheHeartbeat()
    {
        var writer = new TimedLines();
        // 2.5 s of lines 50 ms apart against a 1 s heartbeat: without the suppression two or three heartbeats would appear,
        // each soon after a line. With it, a heartbeat may appear only after a whole second without a line (a stalled
        // machine: CI once stalled 2 s inside one 50 ms wait), so each heartbeat must follow the line before it by at least
        // the interval (less 50 ms for the clocks of the reporter's timer and of this stopwatch).
        using (var progress = ProgressReporter.Start(TextWriter.Synchronized(writer), "train sage", () => "heartbeat", TimeSpan.FromSeconds(1)))
        {
            for (var epoch = 1; epoch <= 50; epoch++)
            {
                progress.Line($"epoch {epoch}/50");
                await Task.Delay(50);
            }
        }

        var lines = writer.Lines;
        Assert.Equal(["train sage: epoch 1/50", "train sage: epoch 50/50"], new[] { lines[0].Text, lines[^1].Text }.Select(l => l[..l.IndexOf(" (", StringComparison.Ordinal)]));
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].Text.Contains("heartbeat", StringComparison.Ordinal))
            {
                var gap = lines[i].At - lines[i - 1].At;
                Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"a heartbeat {gap.TotalMilliseconds:F0} ms after the line before it: {lines[i - 1].Text} / {lines[i].Text}");
            }
        }
    }

    /// <summary>A writer that records each completed line with the time it was completed.</summary>
    private sealed class TimedLines : TextWriter
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private readonly System.Text.StringBuilder _current = new();

        public List<(string Text, TimeSpan At)> Lines { get; } = [];

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                Lines.Add((_current.ToString().TrimEnd('\r'), _clock.Elapsed));
                _current.Clear();
            }
            else
            {
                _current.Append(value);
            }
        }
    }

    [Fact]
    public void Start_NoWriter_IsSilent()
    {
        using var progress = ProgressReporter.Start((TextWriter?)null, "x", () => throw new InvalidOperationException(), TimeSpan.FromMilliseconds(1));
        progress.Line("nothing to see");
    }
}

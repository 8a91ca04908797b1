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
        var writer = new StringWriter();
        // 2.5 s of lines 50 ms apart against a 1 s heartbeat: without the suppression two or three heartbeats would appear;
        // with it, one appears only if a 50 ms wait stalls past a whole second (a machine far busier than any test run).
        using (var progress = ProgressReporter.Start(TextWriter.Synchronized(writer), "train sage", () => "heartbeat", TimeSpan.FromSeconds(1)))
        {
            for (var epoch = 1; epoch <= 50; epoch++)
            {
                progress.Line($"epoch {epoch}/50");
                await Task.Delay(50);
            }
        }

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["train sage: epoch 1/50", "train sage: epoch 50/50"], new[] { lines[0], lines[^1] }.Select(l => l[..l.IndexOf(" (", StringComparison.Ordinal)]));
        Assert.DoesNotContain(lines, l => l.Contains("heartbeat", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_NoWriter_IsSilent()
    {
        using var progress = ProgressReporter.Start((TextWriter?)null, "x", () => throw new InvalidOperationException(), TimeSpan.FromMilliseconds(1));
        progress.Line("nothing to see");
    }
}

using SoundGraph.Cli.Rendering;

namespace SoundGraph.Cli.Tests.Rendering;

public sealed class ProgressReporterTests
{
    [Fact]
    public async Task Start_SilentWork_WritesAHeartbeatWithTheStatusEveryInterval()
    {
        var writer = new StringWriter();
        var calls = 0;
        using (ProgressReporter.Start(TextWriter.Synchronized(writer), "harvest", () => $"{Interlocked.Increment(ref calls)} walks", TimeSpan.FromMilliseconds(50)))
        {
            await Task.Delay(400);
        }

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 3, 9);
        Assert.All(lines, l => Assert.Matches(@"^harvest: \d+ walks \(\d+ s\)\r?$", l));
    }

    [Fact]
    public async Task Line_WrittenMoreOftenThanTheInterval_SuppressesTheHeartbeat()
    {
        var writer = new StringWriter();
        using (var progress = ProgressReporter.Start(TextWriter.Synchronized(writer), "train sage", () => "heartbeat", TimeSpan.FromMilliseconds(300)))
        {
            for (var epoch = 1; epoch <= 5; epoch++)
            {
                progress.Line($"epoch {epoch}/5");
                await Task.Delay(40);
            }
        }

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["train sage: epoch 1/5", "train sage: epoch 5/5"], new[] { lines[0], lines[^1] }.Select(l => l[..l.IndexOf(" (", StringComparison.Ordinal)]));
        Assert.DoesNotContain(lines, l => l.Contains("heartbeat", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_NoWriter_IsSilent()
    {
        using var progress = ProgressReporter.Start((TextWriter?)null, "x", () => throw new InvalidOperationException(), TimeSpan.FromMilliseconds(1));
        progress.Line("nothing to see");
    }
}

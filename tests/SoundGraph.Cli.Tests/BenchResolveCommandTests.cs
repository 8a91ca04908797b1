namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr bench resolve</c> end to end on the first demo tracks (a SYNTHETIC world seeded from their names).</summary>
public sealed class BenchResolveCommandTests
{
    [Fact]
    public async Task BenchResolve_Limit60_WritesFiguresSweepAndSample_No503()
    {
        var (code, output, error) = await CliRunner.RunAsync("bench", "resolve", "--limit", "60");

        Assert.True(code == 0, error);
        Assert.Contains("SYNTHETIC world seeded from 6513 demo track names", output, StringComparison.Ordinal);
        Assert.Contains("| tracks looked up | 60 |", output, StringComparison.Ordinal);
        Assert.Matches(@"\| requests, 503 answers, seconds \| \d+, 0, ", output);
        Assert.Contains("| precision of search matches |", output, StringComparison.Ordinal);
        Assert.Contains("| 10 (default) |", output, StringComparison.Ordinal);
        Assert.Contains("## Hand-check sample (seed 1): 20 accepted search matches", output, StringComparison.Ordinal);
    }
}

namespace SoundGraph.FakeSoundCloud.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void TryParse_AllOptions_FillWorldAndServerOptions()
    {
        var ok = CommandLine.TryParse(
            ["--seed", "7", "--users", "100", "--port", "0", "--rate-limit", "20", "--latency-ms", "100", "--fault-5xx", "0.1", "--fault-429", "0.05", "--fault-truncated", "0.02", "--fault-seed", "9"],
            out var parsed,
            out var error);

        Assert.True(ok, error);
        Assert.Equal(7, parsed.World.Seed);
        Assert.Equal(100, parsed.World.Users);
        Assert.Equal(0, parsed.Server.Port);
        Assert.Equal(20, parsed.Server.RateLimitPerSecond);
        Assert.Equal(TimeSpan.FromMilliseconds(100), parsed.Server.Latency);
        Assert.Equal(0.1, parsed.Server.ServerErrorRate);
        Assert.Equal(0.05, parsed.Server.RateLimitErrorRate);
        Assert.Equal(0.02, parsed.Server.TruncatedBodyRate);
        Assert.Equal(9, parsed.Server.FaultSeed);
        Assert.False(parsed.Help);
    }

    [Fact]
    public void TryParse_NoArguments_Defaults()
    {
        Assert.True(CommandLine.TryParse([], out var parsed, out _));

        Assert.Equal(42, parsed.World.Seed);
        Assert.Equal(3000, parsed.World.Users);
        Assert.Equal(5005, parsed.Server.Port);
        Assert.Null(parsed.Server.RateLimitPerSecond);
    }

    [Theory]
    [InlineData("--bogus", "1")]
    [InlineData("--seed", "x")]
    [InlineData("--users", "5")]
    [InlineData("--fault-5xx", "1.5")]
    [InlineData("--rate-limit", "0")]
    [InlineData("--seed")]
    public void TryParse_BadInput_FalseWithMessage(params string[] args)
    {
        Assert.False(CommandLine.TryParse(args, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TryParse_Help_SetsHelp()
    {
        Assert.True(CommandLine.TryParse(["--help"], out var parsed, out _));
        Assert.True(parsed.Help);
    }
}

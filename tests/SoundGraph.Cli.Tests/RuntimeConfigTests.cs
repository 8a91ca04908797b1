using System.Text.Json;

namespace SoundGraph.Cli.Tests;

/// <summary>The runtime settings sgr is built with (<c>sgr.runtimeconfig.json</c> next to this test build's
/// <c>sgr.dll</c>).</summary>
public sealed class RuntimeConfigTests
{
    /// <summary>Dynamic PGO is off: with it on, <c>sgr serve</c> spent a third of a 2-core machine recompiling for its
    /// first ~13 s under load, and the uncached unveil p99 after a 5 s warm-up rose from 39–45 ms to 53–73 ms
    /// (docs/benchmarks.md, seventh session).</summary>
    [Fact]
    public void RuntimeConfig_Sgr_TurnsDynamicPgoOffAndKeepsTieredCompilation()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "sgr.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        Assert.False(properties.TryGetProperty("System.Runtime.TieredCompilation", out _), "tiered compilation keeps its default (on)");
    }
}

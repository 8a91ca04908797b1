namespace SoundGraph.Cli.Tests;

/// <summary>The tests that kill <c>sgr</c> child processes at moments drawn inside the time one uninterrupted run took:
/// run one after another, so another such test's children cannot stretch or shrink that window between its measurement
/// and its kills.</summary>
[CollectionDefinition(Name)]
public sealed class KillTests
{
    /// <summary>The collection's name, for <c>[Collection(KillTests.Name)]</c>.</summary>
    public const string Name = "sgr child processes killed at random moments";
}

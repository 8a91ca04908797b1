using SoundGraph.FakeSoundCloud.World;

namespace SoundGraph.FakeSoundCloud.Tests.TestSupport;

/// <summary>Worlds shared read-only by tests (a world is immutable, so sharing it couples no test to another).</summary>
internal static class TestWorlds
{
    private static readonly Lazy<FakeWorld> SmallWorld = new(() => FakeWorld.Generate(new WorldOptions { Seed = 7, Users = 400 }));
    private static readonly Lazy<FakeWorld> DefaultWorld = new(() => FakeWorld.Generate(new WorldOptions()));

    /// <summary>Seed 7, 400 users: quick to serve.</summary>
    public static FakeWorld Small => SmallWorld.Value;

    /// <summary>The default world (seed 42, 3000 users) the demo serves.</summary>
    public static FakeWorld Default => DefaultWorld.Value;
}

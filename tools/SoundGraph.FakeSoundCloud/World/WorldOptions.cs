namespace SoundGraph.FakeSoundCloud.World;

/// <summary>Size and seed of a generated <see cref="FakeWorld"/>.</summary>
public sealed record WorldOptions
{
    /// <summary>Seed of the generator's <see cref="Random"/>.</summary>
    /// <value>Default 42. The same options always give the same world.</value>
    public int Seed { get; init; } = 42;

    /// <summary>Number of users.</summary>
    /// <value>Default 3000 (about 30,000 tracks, generated in well under a second). Range 10–200,000.</value>
    public int Users { get; init; } = 3000;

    /// <summary>The world's "now": every timestamp lies before it.</summary>
    /// <value>Default 2025-06-01 00:00:00 UTC.</value>
    public DateTimeOffset Now { get; init; } = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Users"/> outside 10–200,000.</exception>
    public void Validate()
    {
        if (Users is < 10 or > 200_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Users), Users, "Users must lie in 10–200,000.");
        }
    }
}

namespace SoundGraph.Storage.Export;

/// <summary>The edge set an ML export splits into train, validation and test (link prediction target).</summary>
public enum MlExportTarget
{
    /// <summary>User → track likes (<c>edges_user_like_track.csv</c>).</summary>
    Likes,

    /// <summary>Playlist → track memberships, one edge per distinct (playlist, track) pair (<c>edges_playlist_track.csv</c>).</summary>
    Playlists,

    /// <summary>User → artist play counts (<c>edges_user_play_artist.csv</c>).</summary>
    Plays,
}

/// <summary>Options of <see cref="MlExporter.ExportAsync"/>.</summary>
public sealed record MlExportOptions
{
    /// <summary>Folder the bundle is written to; created when missing.</summary>
    /// <value>Required. Must be empty unless <see cref="Overwrite"/> is set.</value>
    public required string OutputDirectory { get; init; }

    /// <summary>Seed of the split shuffle (SplitMix64): the same store, seed and fractions give the same split.</summary>
    /// <value>Default 42.</value>
    public int Seed { get; init; } = 42;

    /// <summary>Share of the target edges held out for validation.</summary>
    /// <value>Default 0.1; in [0, 1), and <see cref="ValidationFraction"/> + <see cref="TestFraction"/> &lt; 1.</value>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Share of the target edges held out for testing.</summary>
    /// <value>Default 0.1; in [0, 1), and <see cref="ValidationFraction"/> + <see cref="TestFraction"/> &lt; 1.</value>
    public double TestFraction { get; init; } = 0.1;

    /// <summary>The edge set that is split.</summary>
    /// <value>Default <see cref="MlExportTarget.Likes"/>.</value>
    public MlExportTarget Target { get; init; } = MlExportTarget.Likes;

    /// <summary>Write into a non-empty folder: the files of an earlier bundle there (<c>nodes_*.csv</c>, <c>edges_*.csv</c>,
    /// <c>track_features.csv</c>, <c>metadata.json</c>, <c>README.md</c>) are deleted first; other files are kept.</summary>
    /// <value>Default false: a non-empty folder is an error.</value>
    public bool Overwrite { get; init; }

    /// <summary>Checks every option against its documented range.</summary>
    /// <exception cref="ArgumentException"><see cref="OutputDirectory"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A fraction is out of range, or they add up to 1 or more.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OutputDirectory, nameof(OutputDirectory));
        CheckFraction(ValidationFraction, nameof(ValidationFraction));
        CheckFraction(TestFraction, nameof(TestFraction));
        if (ValidationFraction + TestFraction >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TestFraction), TestFraction, "ValidationFraction + TestFraction must be below 1 (some edges must stay for training).");
        }

        if (!Enum.IsDefined(Target))
        {
            throw new ArgumentOutOfRangeException(nameof(Target), Target, "Unknown target.");
        }
    }

    private static void CheckFraction(double value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be in [0, 1).");
        }
    }
}

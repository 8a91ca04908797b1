namespace SoundGraph.Learning.SongGraph;

/// <summary>How the song-similarity graph is built.</summary>
public sealed record SongGraphOptions
{
    /// <summary>Neighbours taken per track before symmetrization.</summary>
    /// <value>Default 10; 1–1000.</value>
    public int K { get; init; } = 10;

    /// <summary>Minimum cosine of the standardized feature vectors for an edge.</summary>
    /// <value>Default 0.5; −1…1.</value>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (K is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(K), K, "k must be between 1 and 1000.");
        }

        if (!(Threshold >= -1 && Threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "The threshold must be between -1 and 1.");
        }
    }
}

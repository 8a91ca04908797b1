namespace SoundGraph.Taste.Mixtape;

/// <summary>The space the mixtape's clustering and selection measure tracks in: the vector (energy, valence,
/// danceability, tempo / <see cref="TempoScaleBpm"/>) with the Euclidean distance.</summary>
/// <remarks>Tempo is divided by 200 BPM so that the 0–200 BPM span nearly all music occupies maps onto 0–1 like the other
/// three axes: a 20 BPM difference weighs like a 0.1 difference in energy. A tempo a detector doubled (a 170 BPM
/// drum-and-bass track read as 85) is therefore far from its neighbours; the axes' producers settle the octave.</remarks>
public static class MixtapeSpace
{
    /// <summary>BPM that one unit of the tempo coordinate stands for: 200.</summary>
    public const double TempoScaleBpm = 200;

    /// <summary>Dimensions of the space: 4.</summary>
    public const int Dimensions = 4;

    /// <summary>Index of energy in a vector.</summary>
    public const int Energy = 0;

    /// <summary>Index of valence in a vector.</summary>
    public const int Valence = 1;

    /// <summary>Index of danceability in a vector.</summary>
    public const int Danceability = 2;

    /// <summary>Index of the scaled tempo in a vector.</summary>
    public const int Tempo = 3;

    /// <summary>The axes' names by index, as explanations spell them: energy, valence, danceability, tempo.</summary>
    public static IReadOnlyList<string> AxisNames { get; } = ["energy", "valence", "danceability", "tempo"];

    /// <summary>The candidate's vector: [energy, valence, danceability, tempo / 200].</summary>
    /// <exception cref="ArgumentNullException"><paramref name="candidate"/> is null.</exception>
    public static double[] Vector(MixtapeCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return [candidate.Energy, candidate.Valence, candidate.Danceability, candidate.TempoBpm / TempoScaleBpm];
    }

    /// <summary>Euclidean distance between two vectors of <see cref="Dimensions"/> values.</summary>
    /// <exception cref="ArgumentException">The vectors differ in length.</exception>
    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors of {a.Length} and {b.Length} values cannot be compared.", nameof(b));
        }

        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }
}

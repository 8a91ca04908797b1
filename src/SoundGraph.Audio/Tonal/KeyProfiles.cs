namespace SoundGraph.Audio.Tonal;

/// <summary>A pair of 12-value key profiles (major, minor), tonic first: how strongly each pitch class, counted in semitones
/// above the tonic, belongs to a key.</summary>
/// <param name="Name">The profile's name.</param>
/// <param name="Major">Weights of the 12 pitch classes in a major key, tonic first.</param>
/// <param name="Minor">Weights in a minor key, tonic first.</param>
public sealed record KeyProfile(string Name, IReadOnlyList<double> Major, IReadOnlyList<double> Minor)
{
    /// <summary>Krumhansl and Kessler (1982), "Tracing the dynamic changes in perceived tonal organization in a spatial
    /// representation of musical keys", Psychological Review 89(4): probe-tone ratings.</summary>
    public static KeyProfile KrumhanslKessler { get; } = new(
        "krumhansl-kessler",
        [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88],
        [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17]);

    /// <summary>Temperley (1999), "What's key for key? The Krumhansl–Schmuckler key-finding algorithm reconsidered", Music
    /// Perception 17(1): the revised (CBMS) profiles.</summary>
    public static KeyProfile Temperley { get; } = new(
        "temperley",
        [5.0, 2.0, 3.5, 2.0, 4.5, 4.0, 2.0, 4.5, 2.0, 3.5, 1.5, 4.0],
        [5.0, 2.0, 3.5, 4.5, 2.0, 4.0, 2.0, 4.5, 3.5, 2.0, 1.5, 4.0]);

    /// <summary>The profiles by name ("krumhansl-kessler", "temperley").</summary>
    public static KeyProfile Named(string name) => name.ToLowerInvariant() switch
    {
        "krumhansl-kessler" or "kk" => KrumhanslKessler,
        "temperley" => Temperley,
        _ => throw new ArgumentException($"Unknown key profile '{name}': krumhansl-kessler or temperley.", nameof(name)),
    };
}

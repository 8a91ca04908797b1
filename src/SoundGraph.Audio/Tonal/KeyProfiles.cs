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

    /// <summary>Faraldo, Gómez, Jordà and Herrera (2016), "Key Estimation in Electronic Dance Music", ECIR 2016 (LNCS 9626,
    /// pp. 335–347): <b>edma</b>, profiles extracted automatically from a corpus of electronic dance music (each sums to 1).
    /// The numbers as the first author entered them in Essentia (MTG/essentia commit 9ce66d9d, 25 Nov 2015,
    /// src/algorithms/tonal/key.cpp, "edma").</summary>
    public static KeyProfile Edma { get; } = new(
        "edma",
        [0.16519551, 0.04749026, 0.08293076, 0.06687112, 0.09994645, 0.09274123, 0.05294487, 0.13159476, 0.05218986, 0.07443653, 0.06940723, 0.0642515],
        [0.17235348, 0.05336489, 0.0761009, 0.10043649, 0.05621498, 0.08527853, 0.0497915, 0.13451001, 0.07458916, 0.05003023, 0.09187879, 0.05545106]);

    /// <summary>Faraldo et al. (2016), as <see cref="Edma"/>: <b>edmm</b>, the EDM minor profile tweaked by hand (minor second
    /// lowered, minor third raised) and a flat major profile, so every key is reported as minor (major keys are rare in
    /// EDM; the paper found this scores better on EDM). A flat profile correlates 0 with anything, so major wins only when
    /// no minor key correlates positively. Numbers from the same Essentia commit ("edmm").</summary>
    public static KeyProfile Edmm { get; } = new(
        "edmm",
        [0.083, 0.083, 0.083, 0.083, 0.083, 0.083, 0.083, 0.083, 0.083, 0.083, 0.083, 0.083],
        [0.17235348, 0.04, 0.0761009, 0.12, 0.05621498, 0.08527853, 0.0497915, 0.13451001, 0.07458916, 0.05003023, 0.09187879, 0.05545106]);

    /// <summary>Faraldo, Jordà and Herrera (2017), "A multi-profile method for key estimation in EDM", AES International
    /// Conference on Semantic Audio: <b>braw</b>, the median profile of each mode over a subset of the Beatport dataset
    /// (tonic = 1). Numbers from Essentia's key.cpp ("braw", MTG/essentia commit 6bffb361, 2018). Essentia's third,
    /// "majmin" profile for ambiguous tracks is not used here: only major and minor are scored.</summary>
    public static KeyProfile Braw { get; } = new(
        "braw",
        [1.0000, 0.1573, 0.4200, 0.1570, 0.5296, 0.3669, 0.1632, 0.7711, 0.1676, 0.3827, 0.2113, 0.2965],
        [1.0000, 0.2330, 0.3615, 0.3905, 0.2925, 0.3777, 0.1961, 0.7425, 0.2701, 0.2161, 0.4228, 0.2272]);

    /// <summary>Faraldo, Jordà and Herrera (2017), as <see cref="Braw"/>: <b>bgate</b>, the same profiles with the four least
    /// relevant pitch classes of each mode set to 0. Numbers from Essentia's key.cpp ("bgate").</summary>
    public static KeyProfile Bgate { get; } = new(
        "bgate",
        [1.00, 0.00, 0.42, 0.00, 0.53, 0.37, 0.00, 0.77, 0.00, 0.38, 0.21, 0.30],
        [1.00, 0.00, 0.36, 0.39, 0.00, 0.38, 0.00, 0.74, 0.27, 0.00, 0.42, 0.23]);

    /// <summary>Every profile, by <see cref="Name"/>.</summary>
    public static IReadOnlyList<KeyProfile> All { get; } = [KrumhanslKessler, Temperley, Edma, Edmm, Braw, Bgate];

    /// <summary>The profiles by name ("krumhansl-kessler" or "kk", "temperley", "edma", "edmm", "braw", "bgate"), any case.</summary>
    /// <exception cref="ArgumentException">No profile has that name (the message lists them).</exception>
    public static KeyProfile Named(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var wanted = string.Equals(name, "kk", StringComparison.OrdinalIgnoreCase) ? KrumhanslKessler.Name : name;
        return All.FirstOrDefault(p => string.Equals(p.Name, wanted, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown key profile '{name}': {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));
    }
}

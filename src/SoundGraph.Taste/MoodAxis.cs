namespace SoundGraph.Taste;

/// <summary>The interpretable "vibe axes" a track is placed on (issue 16). Each value is 0–1 unless its unit says otherwise
/// (<see cref="MoodAxes.Unit"/>).</summary>
public enum MoodAxis
{
    /// <summary>Intensity and activity, 0–1 (Spotify's energy where known).</summary>
    Energy,

    /// <summary>Musical positiveness, 0–1 (Spotify's valence where known).</summary>
    Valence,

    /// <summary>Suitability for dancing, 0–1 (Spotify's danceability where known).</summary>
    Danceability,

    /// <summary>Spectral brightness, 0–1.</summary>
    Brightness,

    /// <summary>Tempo, beats per minute.</summary>
    Tempo,

    /// <summary>Rhythmic complexity, 0–1.</summary>
    RhythmicComplexity,

    /// <summary>Side-chain pump, 0–1.</summary>
    Pumpiness,

    /// <summary>Texture density, 0–1.</summary>
    TextureDensity,

    /// <summary>Stereo size, 0–1.</summary>
    StereoSize,

    /// <summary>How clearly major or minor, 0–1.</summary>
    ModeConfidence,
}

/// <summary>Names and units of the <see cref="MoodAxis"/> values.</summary>
public static class MoodAxes
{
    /// <summary>Every axis, in declaration order.</summary>
    public static IReadOnlyList<MoodAxis> All { get; } = Enum.GetValues<MoodAxis>();

    /// <summary>The axis's snake_case code as the issue and the API spell it (e.g. "rhythmic_complexity").</summary>
    public static string Code(this MoodAxis axis) => axis switch
    {
        MoodAxis.Energy => "energy",
        MoodAxis.Valence => "valence",
        MoodAxis.Danceability => "danceability",
        MoodAxis.Brightness => "brightness",
        MoodAxis.Tempo => "tempo",
        MoodAxis.RhythmicComplexity => "rhythmic_complexity",
        MoodAxis.Pumpiness => "pumpiness",
        MoodAxis.TextureDensity => "texture_density",
        MoodAxis.StereoSize => "stereo_size",
        MoodAxis.ModeConfidence => "mode_confidence",
        _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "Unknown mood axis."),
    };

    /// <summary>The unit of the axis's values: "BPM" for <see cref="MoodAxis.Tempo"/>, "0–1" for the others.</summary>
    public static string Unit(this MoodAxis axis) => axis == MoodAxis.Tempo ? "BPM" : "0–1";

    /// <summary>The axis with code <paramref name="code"/> (case-insensitive); null when there is none.</summary>
    public static MoodAxis? FromCode(string code) =>
        All.Cast<MoodAxis?>().FirstOrDefault(a => string.Equals(a!.Value.Code(), code, StringComparison.OrdinalIgnoreCase));
}

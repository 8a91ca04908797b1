namespace SoundGraph.Core.Catalog;

/// <summary>Spotify-style audio features of one track, with units in the names; null = unknown.</summary>
/// <remarks>Source: Spotify Web API "Get Track's Audio Features". 0–1 features are unitless confidences or
/// perceptual measures; <see cref="LoudnessDb"/> is in dB (typically −60…0); <see cref="TempoBpm"/> in beats per
/// minute; <see cref="Key"/> is the pitch class 0–11 (C = 0); <see cref="Mode"/> 1 = major, 0 = minor;
/// <see cref="TimeSignature"/> is beats per bar (3–7 in the API; the top-songs file also says 1).
/// <para>Unknown policy (schema 0004): every member is null when unknown — the source's layout has no column for it,
/// its cell is empty, or the source itself says unknown (Spotify's key −1 and time signature 0). Null is the only
/// unknown marker: stores from before 0004 had −1 and 0 there, and migration 0004 turned them into NULL. Readers that
/// need a complete vector (relate's audio kNN, SAGE, the CVAE) use <see cref="HasVector"/> and leave the other tracks
/// out.</para></remarks>
/// <param name="Danceability">0–1, null when unknown.</param>
/// <param name="Energy">0–1, null when unknown.</param>
/// <param name="Speechiness">0–1, null when unknown.</param>
/// <param name="Acousticness">0–1, null when unknown.</param>
/// <param name="Instrumentalness">0–1, null when unknown.</param>
/// <param name="Liveness">0–1, null when unknown.</param>
/// <param name="Valence">0–1, null when unknown.</param>
/// <param name="LoudnessDb">Loudness in dB, null when unknown.</param>
/// <param name="TempoBpm">Tempo in beats per minute, null when unknown.</param>
/// <param name="Key">Pitch class 0–11, null when unknown.</param>
/// <param name="Mode">1 major, 0 minor, null when unknown.</param>
/// <param name="TimeSignature">Beats per bar, null when unknown.</param>
public sealed record AudioFeatures(
    double? Danceability,
    double? Energy,
    double? Speechiness,
    double? Acousticness,
    double? Instrumentalness,
    double? Liveness,
    double? Valence,
    double? LoudnessDb,
    double? TempoBpm,
    int? Key,
    int? Mode,
    int? TimeSignature)
{
    /// <summary>Names of the nine continuous features in <see cref="ToVector"/> order.</summary>
    public static IReadOnlyList<string> VectorNames { get; } =
    [
        "danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "loudness_db", "tempo_bpm",
    ];

    /// <summary>Names of all twelve features (the <c>audio_features</c> columns), in parameter order.</summary>
    public static IReadOnlyList<string> AllNames { get; } = [.. VectorNames, "musical_key", "mode", "time_signature"];

    /// <summary>True when the nine continuous features are all known.</summary>
    public bool HasVector => ToVector() is not null;

    /// <summary>True when no feature at all is known.</summary>
    public bool IsEmpty => Values().All(v => v is null);

    /// <summary>The twelve features in <see cref="AllNames"/> order, null where unknown.</summary>
    public double?[] Values() =>
        [Danceability, Energy, Speechiness, Acousticness, Instrumentalness, Liveness, Valence, LoudnessDb, TempoBpm, Key, Mode, TimeSignature];

    /// <summary>The nine continuous features as a vector (length 9, order of <see cref="VectorNames"/>), or null when any of
    /// them is unknown.</summary>
    public double[]? ToVector()
    {
        double?[] v = [Danceability, Energy, Speechiness, Acousticness, Instrumentalness, Liveness, Valence, LoudnessDb, TempoBpm];
        return v.All(x => x.HasValue) ? [.. v.Select(x => x!.Value)] : null;
    }
}

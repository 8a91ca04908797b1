namespace SoundGraph.Core.Catalog;

/// <summary>Spotify-style audio features of one track, with units in the names.</summary>
/// <remarks>Source: Spotify Web API "Get Track's Audio Features". 0–1 features are unitless confidences or
/// perceptual measures; <see cref="LoudnessDb"/> is in dB (typically −60…0); <see cref="TempoBpm"/> in beats per
/// minute; <see cref="Key"/> is the pitch class 0–11 (C = 0, −1 when unknown); <see cref="Mode"/> 1 = major, 0 = minor;
/// <see cref="TimeSignature"/> is beats per bar (3–7; 0 when unknown, as the Spotify API itself reports for some tracks
/// and as importers store it for a file without a time-signature column).</remarks>
public sealed record AudioFeatures(
    double Danceability,
    double Energy,
    double Speechiness,
    double Acousticness,
    double Instrumentalness,
    double Liveness,
    double Valence,
    double LoudnessDb,
    double TempoBpm,
    int Key,
    int Mode,
    int TimeSignature)
{
    /// <summary>Names of the nine continuous features in <see cref="ToVector"/> order.</summary>
    public static IReadOnlyList<string> VectorNames { get; } =
    [
        "danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "loudness_db", "tempo_bpm",
    ];

    /// <summary>The nine continuous features as a vector (length 9, order of <see cref="VectorNames"/>).</summary>
    public double[] ToVector() =>
        [Danceability, Energy, Speechiness, Acousticness, Instrumentalness, Liveness, Valence, LoudnessDb, TempoBpm];
}

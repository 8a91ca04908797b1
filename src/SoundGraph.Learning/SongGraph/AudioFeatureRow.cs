namespace SoundGraph.Learning.SongGraph;

/// <summary>One track's Spotify audio features, as stored in the <c>audio_features</c> table.</summary>
/// <param name="TrackId">Store id of the track.</param>
/// <param name="Danceability">0–1.</param>
/// <param name="Energy">0–1.</param>
/// <param name="Speechiness">0–1.</param>
/// <param name="Acousticness">0–1.</param>
/// <param name="Instrumentalness">0–1.</param>
/// <param name="Liveness">0–1.</param>
/// <param name="Valence">0–1.</param>
/// <param name="LoudnessDb">Integrated loudness, dB (typically −60…0).</param>
/// <param name="TempoBpm">Beats per minute.</param>
/// <param name="MusicalKey">Pitch class 0–11 (C = 0), −1 unknown.</param>
/// <param name="Mode">1 major, 0 minor.</param>
/// <param name="TimeSignature">Beats per bar.</param>
public sealed record AudioFeatureRow(
    long TrackId,
    double Danceability,
    double Energy,
    double Speechiness,
    double Acousticness,
    double Instrumentalness,
    double Liveness,
    double Valence,
    double LoudnessDb,
    double TempoBpm,
    int MusicalKey,
    int Mode,
    int TimeSignature);

namespace SoundGraph.Taste.Axes;

/// <summary>A track's Spotify audio features (Web API "Get Track's Audio Features", as in the Spotify features CSV); every
/// field nullable because exports and datasets drop columns.</summary>
/// <param name="Danceability">0–1.</param>
/// <param name="Energy">0–1.</param>
/// <param name="Valence">0–1.</param>
/// <param name="TempoBpm">Beats per minute; Spotify writes 0 when it found no beat.</param>
/// <param name="Mode">1 major, 0 minor.</param>
/// <param name="Acousticness">0–1.</param>
/// <param name="Instrumentalness">0–1.</param>
/// <param name="Speechiness">0–1.</param>
/// <param name="Liveness">0–1.</param>
/// <param name="LoudnessDb">Average loudness, dB (typically −60–0).</param>
public sealed record SpotifyDescriptors(
    double? Danceability = null,
    double? Energy = null,
    double? Valence = null,
    double? TempoBpm = null,
    int? Mode = null,
    double? Acousticness = null,
    double? Instrumentalness = null,
    double? Speechiness = null,
    double? Liveness = null,
    double? LoudnessDb = null);

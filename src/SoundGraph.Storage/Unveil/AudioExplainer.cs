using Dapper;
using SoundGraph.Storage.Audio;

namespace SoundGraph.Storage.Unveil;

/// <summary>
/// The "why" of a <c>track_audio_similarity</c> pair (unveil's audio section and the graph's audio edges). Relate builds
/// the kind in two spaces (Spotify's descriptors and the local-audio vector, <see cref="LocalAudioVector"/>) and keeps
/// the stronger weight of a pair, so a pair is explained in the Spotify space when both tracks have Spotify descriptors
/// ("both low instrumentalness 0.00/0.00, …"), else in the local space when both have an analysed file ("from your files:
/// both high pumpiness 0.41/0.38, fast tempo 128/126 BPM"), else with <see cref="Generic"/>.
/// </summary>
internal sealed class AudioExplainer(AudioFeatureSpace spotify, AudioFeatureSpace local)
{
    /// <summary>The "why" when no dimension stands out for both tracks, or no space covers them.</summary>
    public const string Generic = "close in standardized audio features";

    /// <summary>The Spotify space: the nine continuous descriptors of <c>audio_features</c> rows with extractor
    /// "spotify".</summary>
    public static IReadOnlyList<AudioDimension> SpotifyDimensions { get; } =
    [
        new("danceability", "danceability", "danceability", "0.00"), new("energy", "energy", "energy", "0.00"),
        new("speechiness", "speechiness", "speechiness", "0.00"), new("acousticness", "acousticness", "acousticness", "0.00"),
        new("instrumentalness", "instrumentalness", "instrumentalness", "0.00"), new("liveness", "liveness", "liveness", "0.00"),
        new("valence", "valence", "valence", "0.00"), new("loudness_db", "loudness_db", "loudness", "0.0"),
        new("tempo_bpm", "tempo_bpm", "tempo", "0"),
    ];

    /// <summary>The four statements, each ending in ';', that <see cref="ReadAsync"/> reads, to append to a batch: the
    /// Spotify statistics over the store, the Spotify vectors of the tracks to explain, the local-audio statistics over
    /// every track's latest analysis, and the local-audio vectors of the tracks to explain.</summary>
    /// <param name="trackIn">Given a track-id column (<c>track_id</c>, <c>a.track_id</c>), a condition limiting it to the
    /// tracks to explain; it may use the batch's parameters.</param>
    public static string Sql(Func<string, string> trackIn)
    {
        ArgumentNullException.ThrowIfNull(trackIn);
        return AudioFeatureSpace.StatsSql(SpotifyDimensions, "audio_features WHERE extractor = 'spotify'") + ";\n" +
            "SELECT track_id, " + string.Join(", ", SpotifyDimensions.Select(d => d.Name)) + " FROM audio_features WHERE extractor = 'spotify' AND " + trackIn("track_id") + ";\n" +
            AudioFeatureSpace.StatsSql(LocalAudioVector.Dimensions, "(" + LocalAudioVector.LatestSql() + ") AS local_vectors") + ";\n" +
            LocalAudioVector.LatestSql(trackIn("a.track_id")) + ";\n";
    }

    /// <summary>Reads the four result sets of <see cref="Sql"/> from <paramref name="batch"/>.</summary>
    public static async Task<AudioExplainer> ReadAsync(SqlMapper.GridReader batch)
    {
        var spotify = await AudioFeatureSpace.ReadAsync(SpotifyDimensions, batch, imputed: false).ConfigureAwait(false);
        var local = await AudioFeatureSpace.ReadAsync(LocalAudioVector.Dimensions, batch, imputed: true).ConfigureAwait(false);
        return new AudioExplainer(spotify, local);
    }

    /// <summary>The "why" of the pair (<paramref name="a"/>, <paramref name="b"/>), values in that order.</summary>
    public string Explain(long a, long b)
    {
        if (spotify.Covers(a, b))
        {
            return Both(spotify.SharedTraits(a, b));
        }

        return local.Covers(a, b) ? "from your files: " + Both(local.SharedTraits(a, b)) : Generic;
    }

    private static string Both(IReadOnlyList<string> traits) => traits.Count == 0 ? Generic : "both " + string.Join(", ", traits);
}

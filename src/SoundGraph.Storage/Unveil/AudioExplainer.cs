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
    /// <param name="withStatistics">False: only the two vector statements, for <see cref="ReadAsync"/> with the
    /// <see cref="AudioExplainerBases"/> of an earlier read over the same store state (the statistics scan every
    /// <c>audio_features</c> row: about 7 ms of the 10 ms of a track's audio section on the demo store).</param>
    public static string Sql(Func<string, string> trackIn, bool withStatistics = true)
    {
        ArgumentNullException.ThrowIfNull(trackIn);
        return (withStatistics ? AudioFeatureSpace.StatsSql(SpotifyDimensions, "audio_features WHERE extractor = 'spotify'") + ";\n" : string.Empty) +
            "SELECT track_id, " + string.Join(", ", SpotifyDimensions.Select(d => d.Name)) + " FROM audio_features WHERE extractor = 'spotify' AND " + trackIn("track_id") + ";\n" +
            (withStatistics ? AudioFeatureSpace.StatsSql(LocalAudioVector.Dimensions, "(" + LocalAudioVector.LatestSql() + ") AS local_vectors") + ";\n" : string.Empty) +
            LocalAudioVector.LatestSql(trackIn("a.track_id")) + ";\n";
    }

    /// <summary>Reads the result sets of <see cref="Sql"/> from <paramref name="batch"/>: all four, or with
    /// <paramref name="bases"/> (the batch built without statistics) the two vector sets.</summary>
    public static async Task<AudioExplainer> ReadAsync(SqlMapper.GridReader batch, AudioExplainerBases? bases = null)
    {
        var spotify = bases is null
            ? await AudioFeatureSpace.ReadAsync(SpotifyDimensions, batch, imputed: false).ConfigureAwait(false)
            : await AudioFeatureSpace.ReadAsync(SpotifyDimensions, batch, bases.Spotify).ConfigureAwait(false);
        var local = bases is null
            ? await AudioFeatureSpace.ReadAsync(LocalAudioVector.Dimensions, batch, imputed: true).ConfigureAwait(false)
            : await AudioFeatureSpace.ReadAsync(LocalAudioVector.Dimensions, batch, bases.Local).ConfigureAwait(false);
        return new AudioExplainer(spotify, local);
    }

    /// <summary>The z-score bases this explainer was read with, to reuse while the store is unchanged.</summary>
    public AudioExplainerBases Bases => new(spotify.Basis, local.Basis);

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

/// <summary>The z-score bases of both audio spaces of an <see cref="AudioExplainer"/>.</summary>
internal sealed record AudioExplainerBases(AudioFeatureBasis Spotify, AudioFeatureBasis Local);

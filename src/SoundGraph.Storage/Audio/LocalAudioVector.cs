namespace SoundGraph.Storage.Audio;

/// <summary>
/// The local-audio similarity vector: which <c>audio_analysis</c> columns (migration 0010) describe a track's sound for
/// relate's audio kNN (<see cref="IRelationStore.LoadLocalAudioFeaturesAsync"/>) and for unveil's "why" of such a pair.
/// This list is the one definition both use.
/// </summary>
/// <remarks>
/// Dimensions (16, in vector order): tempo (BPM), integrated loudness (LUFS), loudness range (LU), spectral centroid
/// (Hz), spectral flatness (0–1), spectral flux, zero-crossing rate (per sample), onset rate (per s), MFCC 2–6 frame
/// means (timbre shape; MFCC 1, the overall level, is left out, as are MFCC 7–13, the fine spectral detail), side/mid
/// energy ratio, percussive share and pumpiness (0–1).
/// The percussive share is r / (1 + r) = P / (P + H) of the stored percussive/harmonic energy ratio r: r is heavy-tailed
/// (a pad ≈ 0.01, a drum loop 50 and more), so one drum-heavy file would set the column's standard deviation and squeeze
/// every other track towards the mean; the share is bounded to 0–1 like Spotify's descriptors, monotone in r and, unlike
/// log1p, plain arithmetic in both SQL dialects (the bundled SQLite has no LN).
/// Rows: one per track, the analysis of its most recently analysed file (<c>audio_files.analyzed_at</c> descending, then
/// <c>audio_files.id</c> descending, as the track summary's "your file" line). Unknown values (NULL: tempo without a
/// steady beat, loudness of silence) are imputed by <see cref="Impute"/>.
/// </remarks>
public static class LocalAudioVector
{
    /// <summary>The dimensions in vector order.</summary>
    public static IReadOnlyList<AudioDimension> Dimensions { get; } =
    [
        new("tempo_bpm", "a.tempo_bpm", "tempo", "0", " BPM", "fast", "slow"),
        new("integrated_lufs", "a.integrated_lufs", "loudness", "0.0", " LUFS"),
        new("loudness_range_lu", "a.loudness_range_lu", "loudness range", "0.0", " LU"),
        new("spectral_centroid_mean_hz", "a.spectral_centroid_mean_hz", "spectral centroid", "0", " Hz"),
        new("spectral_flatness_mean", "a.spectral_flatness_mean", "spectral flatness", "0.000"),
        new("spectral_flux_mean", "a.spectral_flux_mean", "spectral flux", "G3"),
        new("zero_crossing_rate", "a.zero_crossing_rate", "zero-crossing rate", "0.000"),
        new("onset_rate", "a.onset_rate", "onset rate", "0.0", " per s"),
        new("mfcc2_mean", "a.mfcc2_mean", "MFCC 2", "G3"),
        new("mfcc3_mean", "a.mfcc3_mean", "MFCC 3", "G3"),
        new("mfcc4_mean", "a.mfcc4_mean", "MFCC 4", "G3"),
        new("mfcc5_mean", "a.mfcc5_mean", "MFCC 5", "G3"),
        new("mfcc6_mean", "a.mfcc6_mean", "MFCC 6", "G3"),
        new("side_to_mid", "a.side_to_mid", "side/mid ratio", "0.00"),
        new("percussive_to_harmonic", "a.percussive_to_harmonic / (1 + a.percussive_to_harmonic)", "percussive share", "0.00"),
        new("pumpiness", "a.pumpiness", "pumpiness", "0.00"),
    ];

    /// <summary>A statement returning (<c>track_id</c>, one column per dimension named by <see cref="AudioDimension.Name"/>)
    /// for the most recently analysed file of each track; NULL where the stored value is NULL.</summary>
    /// <param name="trackCondition">A condition on <c>a.track_id</c> that limits the tracks read (evaluated before the
    /// latest file is picked, so it can use the track index), or null for every track.</param>
    internal static string LatestSql(string? trackCondition = null) =>
        "SELECT track_id, " + string.Join(", ", Dimensions.Select(d => d.Name)) + " FROM (" +
        "SELECT a.track_id, " + string.Join(", ", Dimensions.Select(d => $"{d.Sql} AS {d.Name}")) +
        ", ROW_NUMBER() OVER (PARTITION BY a.track_id ORDER BY f.analyzed_at DESC, f.id DESC) AS file_rank" +
        " FROM audio_analysis a JOIN audio_files f ON f.id = a.file_id" +
        (trackCondition is null ? string.Empty : " WHERE " + trackCondition) +
        ") AS latest WHERE latest.file_rank = 1";

    /// <summary>Replaces every unknown value by its column's mean over the known values (z-score 0, so the dimension
    /// neither adds to nor takes from any cosine of the track); a column with no known value becomes 0.</summary>
    /// <param name="rows">n rows of <see cref="Dimensions"/>.Count values, null = unknown; not modified.</param>
    /// <returns>n new vectors of the same length with no unknown value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or a row is null.</exception>
    /// <exception cref="ArgumentException">A row's length is not the dimension count.</exception>
    /// <remarks>Cost O(n·d). The mean is Σ known / known count, so after imputation the column's mean is unchanged and its
    /// population standard deviation is √(k/n) times that of the k known values.</remarks>
    public static double[][] Impute(IReadOnlyList<double?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var d = Dimensions.Count;
        var sums = new double[d];
        var counts = new int[d];
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(rows));
            if (row.Length != d)
            {
                throw new ArgumentException($"A row has {row.Length} values, expected {d}.", nameof(rows));
            }

            for (var j = 0; j < d; j++)
            {
                if (row[j] is { } v)
                {
                    sums[j] += v;
                    counts[j]++;
                }
            }
        }

        var result = new double[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            var vector = new double[d];
            for (var j = 0; j < d; j++)
            {
                vector[j] = rows[i][j] ?? (counts[j] == 0 ? 0 : sums[j] / counts[j]);
            }

            result[i] = vector;
        }

        return result;
    }
}

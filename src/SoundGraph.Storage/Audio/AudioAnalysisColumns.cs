namespace SoundGraph.Storage.Audio;

/// <summary>One feature column of <c>audio_analysis</c> (migration 0010).</summary>
/// <param name="Name">The column name, units in the name where they have one (<c>tempo_bpm</c>, <c>integrated_lufs</c>).</param>
/// <param name="Unit">The unit or range as shown to a user ("BPM", "LUFS", "0–1"); empty for unitless values.</param>
/// <param name="Description">What the value is, in a few words.</param>
public sealed record AudioFeatureColumn(string Name, string Unit, string Description);

/// <summary>The feature columns of <c>audio_analysis</c> in table order: the one list the store's SQL, <c>sgr audio show</c>
/// and the tests share. Definitions and sources: SoundGraph.Audio (<c>AudioAnalysis</c>, <c>LoudnessResult</c>,
/// <c>KeyEstimate</c>); the migration's comments say the same per column.</summary>
public static class AudioAnalysisColumns
{
    /// <summary>Every feature column (56), in table order; <c>key_profile</c> (text) is kept apart on
    /// <see cref="StoredAudioAnalysis.KeyProfile"/>.</summary>
    public static IReadOnlyList<AudioFeatureColumn> All { get; } =
    [
        new("duration_s", "s", "the file's duration"),
        new("analyzed_s", "s", "seconds analysed (the whole file, or the excerpt)"),
        new("channels", "", "the file's channel count (1 = mono)"),
        new("tempo_bpm", "BPM", "tempo; null when no steady beat was found"),
        new("tempo_confidence", "0–1", "autocorrelation of the onset envelope at the beat period"),
        new("key_pitch_class", "0–11", "tonic pitch class, 0 = C; null for silence"),
        new("mode", "1/0", "1 major, 0 minor; null for silence"),
        new("key_confidence", "0–1", "(best − runner-up correlation) / best"),
        new("key_correlation", "−1…1", "Pearson correlation with the winning key profile"),
        new("integrated_lufs", "LUFS", "BS.1770-4 gated integrated loudness; null when nothing passes the gates"),
        new("loudness_range_lu", "LU", "EBU Tech 3342 loudness range"),
        new("max_momentary_lufs", "LUFS", "highest 400 ms loudness"),
        new("max_short_term_lufs", "LUFS", "highest 3 s loudness; null when shorter than 3 s"),
        new("sample_peak_dbfs", "dBFS", "largest sample value"),
        new("true_peak_dbtp", "dBTP", "4× oversampled peak (BS.1770-4 Annex 2)"),
        new("plr_db", "dB", "peak-to-loudness ratio, true peak − integrated loudness"),
        new("spectral_centroid_mean_hz", "Hz", "spectral centroid, frame mean"),
        new("spectral_centroid_sd_hz", "Hz", "spectral centroid, frame sd"),
        new("spectral_rolloff_mean_hz", "Hz", "85 % rolloff, frame mean"),
        new("spectral_rolloff_sd_hz", "Hz", "85 % rolloff, frame sd"),
        new("spectral_flatness_mean", "0–1", "spectral flatness, frame mean"),
        new("spectral_flatness_sd", "0–1", "spectral flatness, frame sd"),
        new("spectral_flux_mean", "", "spectral flux, frame mean"),
        new("spectral_flux_sd", "", "spectral flux, frame sd"),
        new("zero_crossing_rate", "per sample", "zero crossings per sample"),
        new("onset_rate", "per s", "onsets per second"),
        new("mfcc1_mean", "", "MFCC 1, frame mean"),
        new("mfcc2_mean", "", "MFCC 2, frame mean"),
        new("mfcc3_mean", "", "MFCC 3, frame mean"),
        new("mfcc4_mean", "", "MFCC 4, frame mean"),
        new("mfcc5_mean", "", "MFCC 5, frame mean"),
        new("mfcc6_mean", "", "MFCC 6, frame mean"),
        new("mfcc7_mean", "", "MFCC 7, frame mean"),
        new("mfcc8_mean", "", "MFCC 8, frame mean"),
        new("mfcc9_mean", "", "MFCC 9, frame mean"),
        new("mfcc10_mean", "", "MFCC 10, frame mean"),
        new("mfcc11_mean", "", "MFCC 11, frame mean"),
        new("mfcc12_mean", "", "MFCC 12, frame mean"),
        new("mfcc13_mean", "", "MFCC 13, frame mean"),
        new("mfcc1_sd", "", "MFCC 1, frame sd"),
        new("mfcc2_sd", "", "MFCC 2, frame sd"),
        new("mfcc3_sd", "", "MFCC 3, frame sd"),
        new("mfcc4_sd", "", "MFCC 4, frame sd"),
        new("mfcc5_sd", "", "MFCC 5, frame sd"),
        new("mfcc6_sd", "", "MFCC 6, frame sd"),
        new("mfcc7_sd", "", "MFCC 7, frame sd"),
        new("mfcc8_sd", "", "MFCC 8, frame sd"),
        new("mfcc9_sd", "", "MFCC 9, frame sd"),
        new("mfcc10_sd", "", "MFCC 10, frame sd"),
        new("mfcc11_sd", "", "MFCC 11, frame sd"),
        new("mfcc12_sd", "", "MFCC 12, frame sd"),
        new("mfcc13_sd", "", "MFCC 13, frame sd"),
        new("side_to_mid", "ratio", "side/mid energy ratio; 0 for mono"),
        new("lr_correlation", "−1…1", "left–right correlation; 1 for mono"),
        new("percussive_to_harmonic", "ratio", "percussive / harmonic energy (Fitzgerald 2010, centred 30 s)"),
        new("pumpiness", "0–1", "side-chain pump (SoundGraph's heuristic)"),
    ];

    /// <summary>The column names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(c => c.Name).ToArray();

    /// <summary>Columns that are NULL when the value is not defined for a file (silence, no steady beat, too short); every
    /// other column is always set.</summary>
    public static IReadOnlySet<string> Nullable { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "tempo_bpm", "key_pitch_class", "mode", "key_confidence", "key_correlation", "integrated_lufs", "max_momentary_lufs",
        "max_short_term_lufs", "sample_peak_dbfs", "true_peak_dbtp", "plr_db",
    };
}

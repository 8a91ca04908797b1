using SoundGraph.Audio;
using SoundGraph.Audio.Tonal;
using SoundGraph.Storage.Audio;

namespace SoundGraph.Ingest.LocalAudio;

/// <summary>Maps SoundGraph.Audio's <see cref="AudioAnalysis"/> onto the named columns of <c>audio_analysis</c>
/// (<see cref="AudioAnalysisColumns"/>); Storage does not reference Audio, so the mapping lives here.</summary>
public static class AudioAnalysisRows
{
    /// <summary>The key profile <see cref="AudioAnalyzer"/> finds keys with (<see cref="KeyDetector.Estimate(KeyProfile?)"/>'s default).</summary>
    public static string KeyProfileName => KeyProfile.KrumhanslKessler.Name;

    /// <summary>Every feature of <paramref name="a"/> by column name; undefined values (no beat, no key, silence) are null,
    /// and so are non-finite ones (−∞ LUFS of silence).</summary>
    /// <param name="a">The analysis.</param>
    /// <returns>One value per <see cref="AudioAnalysisColumns.Names"/>.</returns>
    public static Dictionary<string, double?> Features(AudioAnalysis a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var l = a.Loudness;
        var v = new Dictionary<string, double?>(StringComparer.Ordinal)
        {
            ["duration_s"] = a.DurationSeconds,
            ["analyzed_s"] = a.AnalyzedSeconds,
            ["channels"] = a.Channels,
            ["tempo_bpm"] = a.TempoBpm,
            ["tempo_confidence"] = a.TempoConfidence,
            ["key_pitch_class"] = a.Key?.PitchClass,
            ["mode"] = a.Key?.Mode,
            ["key_confidence"] = a.Key?.Confidence,
            ["key_correlation"] = a.Key?.Correlation,
            ["integrated_lufs"] = Finite(l.IntegratedLufs),
            ["loudness_range_lu"] = Finite(l.LoudnessRangeLu) ?? 0,
            ["max_momentary_lufs"] = Finite(l.MaxMomentaryLufs),
            ["max_short_term_lufs"] = Finite(l.MaxShortTermLufs),
            ["sample_peak_dbfs"] = Finite(l.SamplePeakDbfs),
            ["true_peak_dbtp"] = Finite(l.TruePeakDbtp),
            ["plr_db"] = Finite(l.PeakToLoudnessRatio),
            ["spectral_centroid_mean_hz"] = a.SpectralCentroidHz.Mean,
            ["spectral_centroid_sd_hz"] = a.SpectralCentroidHz.Sd,
            ["spectral_rolloff_mean_hz"] = a.SpectralRolloffHz.Mean,
            ["spectral_rolloff_sd_hz"] = a.SpectralRolloffHz.Sd,
            ["spectral_flatness_mean"] = a.SpectralFlatness.Mean,
            ["spectral_flatness_sd"] = a.SpectralFlatness.Sd,
            ["spectral_flux_mean"] = a.SpectralFlux.Mean,
            ["spectral_flux_sd"] = a.SpectralFlux.Sd,
            ["zero_crossing_rate"] = a.ZeroCrossingRate,
            ["onset_rate"] = a.OnsetRate,
            ["side_to_mid"] = a.SideToMid,
            ["lr_correlation"] = a.LeftRightCorrelation,
            ["percussive_to_harmonic"] = a.PercussiveToHarmonic,
            ["pumpiness"] = a.Pumpiness,
        };
        for (var i = 0; i < 13; i++)
        {
            v[$"mfcc{i + 1}_mean"] = i < a.MfccMean.Count ? a.MfccMean[i] : 0;
            v[$"mfcc{i + 1}_sd"] = i < a.MfccSd.Count ? a.MfccSd[i] : 0;
        }

        return v;
    }

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;
}

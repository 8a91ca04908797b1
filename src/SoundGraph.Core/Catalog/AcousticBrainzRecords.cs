namespace SoundGraph.Core.Catalog;

/// <summary>The AcousticBrainz low-level descriptors of one track that have no <see cref="AudioFeatures"/> column, stored in
/// <c>acousticbrainz_lowlevel</c> (one row per track); null = the document does not carry the descriptor.</summary>
/// <remarks>Source: an AcousticBrainz low-level document (Essentia's music extractor output, https://acousticbrainz.org/data;
/// descriptor definitions at https://essentia.upf.edu/streaming_extractor_music.html). Frame statistics are the document's
/// <c>mean</c> over the track's frames. Scales are Essentia's, not Spotify's: nothing here is comparable with the 0–1
/// Spotify features without a calibration.</remarks>
/// <param name="KeyProfile">Which key estimate <see cref="KeyStrength"/> (and the stored key and mode) come from:
/// "key" (<c>tonal.key_key</c>/<c>key_scale</c>/<c>key_strength</c>, extractor "music 1.0"), or "edma", "krumhansl",
/// "temperley" (<c>tonal.key_&lt;profile&gt;</c>, later extractors).</param>
/// <param name="KeyStrength">Strength of the key estimate, 0–1.</param>
/// <param name="RhythmDanceability">Essentia's Danceability (<c>rhythm.danceability</c>, detrended fluctuation analysis),
/// 0 to about 3 (higher = more danceable); not the 0–1 Spotify feature.</param>
/// <param name="AverageLoudness">Essentia's dynamic-range measure (<c>lowlevel.average_loudness</c>), 0–1 (1 = little
/// dynamic range); not a level in dB.</param>
/// <param name="IntegratedLoudnessLufs">EBU R128 integrated loudness in LUFS (<c>lowlevel.loudness_ebu128.integrated</c>,
/// later extractors only).</param>
/// <param name="ReplayGainDb">ReplayGain in dB (<c>metadata.audio_properties.replay_gain</c>).</param>
/// <param name="DynamicComplexity">Average absolute loudness deviation in dB (<c>lowlevel.dynamic_complexity</c>).</param>
/// <param name="OnsetRate">Onsets per second (<c>rhythm.onset_rate</c>).</param>
/// <param name="SpectralCentroidHz">Mean spectral centroid in Hz (<c>lowlevel.spectral_centroid.mean</c>).</param>
/// <param name="SpectralRolloffHz">Mean spectral roll-off frequency in Hz (<c>lowlevel.spectral_rolloff.mean</c>).</param>
/// <param name="SpectralFlatnessDb">Mean Bark-band spectral flatness (<c>lowlevel.barkbands_flatness_db.mean</c>, Essentia's
/// FlatnessDB, 0–1; the documents carry no full-spectrum <c>spectral_flatness_db</c>).</param>
/// <param name="SpectralFlux">Mean spectral flux (<c>lowlevel.spectral_flux.mean</c>, L2 norm of the normalized spectrum difference).</param>
/// <param name="SpectralEntropy">Mean spectral entropy in bits (<c>lowlevel.spectral_entropy.mean</c>).</param>
/// <param name="ZeroCrossingRate">Mean zero-crossing rate, 0–1 (<c>lowlevel.zerocrossingrate.mean</c>).</param>
/// <param name="MfccMean">The 13 mean MFCC coefficients (<c>lowlevel.mfcc.mean</c>, coefficient 0 first; Essentia's MFCC in
/// dB-scaled mel bands), or null when the document has none; when not null it has exactly <see cref="MfccCount"/> values.</param>
public sealed record AcousticBrainzLowLevel(
    string? KeyProfile = null,
    double? KeyStrength = null,
    double? RhythmDanceability = null,
    double? AverageLoudness = null,
    double? IntegratedLoudnessLufs = null,
    double? ReplayGainDb = null,
    double? DynamicComplexity = null,
    double? OnsetRate = null,
    double? SpectralCentroidHz = null,
    double? SpectralRolloffHz = null,
    double? SpectralFlatnessDb = null,
    double? SpectralFlux = null,
    double? SpectralEntropy = null,
    double? ZeroCrossingRate = null,
    IReadOnlyList<double>? MfccMean = null)
{
    /// <summary>Number of MFCC coefficients AcousticBrainz keeps (and the <c>mfcc_0</c>…<c>mfcc_12</c> columns).</summary>
    public const int MfccCount = 13;

    /// <summary>True when no descriptor at all is known.</summary>
    public bool IsEmpty =>
        KeyProfile is null && MfccMean is null && new[]
        {
            KeyStrength, RhythmDanceability, AverageLoudness, IntegratedLoudnessLufs, ReplayGainDb, DynamicComplexity, OnsetRate,
            SpectralCentroidHz, SpectralRolloffHz, SpectralFlatnessDb, SpectralFlux, SpectralEntropy, ZeroCrossingRate,
        }.All(v => v is null);
}

/// <summary>The AcousticBrainz low-level descriptors of the track <paramref name="TrackKey"/> (which must be in the same batch
/// or already stored).</summary>
public sealed record AcousticBrainzLowLevelRecord(string TrackKey, AcousticBrainzLowLevel Values);

/// <summary>One AcousticBrainz high-level classifier output for a track, stored in <c>acousticbrainz_highlevel</c> keyed by
/// (track, model).</summary>
/// <remarks>Source: an AcousticBrainz high-level document (<c>highlevel.&lt;model&gt;</c>: Gaia SVM models trained on
/// Essentia low-level descriptors, https://acousticbrainz.org/datasets/accuracy).</remarks>
/// <param name="TrackKey">The track (in the same batch or already stored).</param>
/// <param name="Model">The classifier name as AcousticBrainz gives it: <c>danceability</c>, <c>mood_happy</c>,
/// <c>genre_rosamerica</c>, <c>ismir04_rhythm</c>, <c>voice_instrumental</c>, …</param>
/// <param name="Value">The winning label (e.g. "not_danceable", "happy", "cla", "Waltz").</param>
/// <param name="Probability">The classifier's probability of <paramref name="Value"/>, 0–1.</param>
/// <param name="Distribution">The whole <c>all</c> distribution as compact JSON, labels in ordinal order and probabilities
/// 0–1 in round-trip form (<c>{"danceable":0.0353,"not_danceable":0.9647}</c>); null when the document has none.</param>
public sealed record AcousticBrainzHighLevelRecord(string TrackKey, string Model, string Value, double Probability, string? Distribution);

namespace SoundGraph.Taste.Axes;

/// <summary>The SoundGraph.Audio measurements the axes are read from (the fields of <c>SoundGraph.Audio.AudioAnalysis</c>
/// that matter here, copied by the caller so this project need not reference the audio project); every field nullable,
/// a missing one leaves the axes that need it out.</summary>
/// <param name="SpectralCentroidMeanHz">Mean spectral centroid, Hz.</param>
/// <param name="OnsetRatePerSecond">Onsets per second.</param>
/// <param name="TempoConfidence">Tempo confidence, 0–1.</param>
/// <param name="Pumpiness">Side-chain pump, 0–1.</param>
/// <param name="SideToMid">Side/mid energy ratio Σ(L−R)²/Σ(L+R)², ≥ 0 (0 for mono).</param>
/// <param name="SpectralFlatnessMean">Mean spectral flatness (geometric over arithmetic mean of the power spectrum), 0–1.</param>
/// <param name="PercussiveToHarmonic">Percussive over harmonic energy (Fitzgerald median filtering), ≥ 0.</param>
/// <param name="KeyConfidence">Key confidence (margin of the best key profile rotation over the runner-up), 0–1.</param>
/// <param name="TempoBpm">Tempo, BPM; null when no steady beat was found.</param>
/// <param name="IntegratedLufs">Integrated loudness, LUFS (BS.1770). Carried but mapped to no axis: loudness says more about
/// the mastering era than about a track's energy.</param>
public sealed record LocalAudioDescriptors(
    double? SpectralCentroidMeanHz = null,
    double? OnsetRatePerSecond = null,
    double? TempoConfidence = null,
    double? Pumpiness = null,
    double? SideToMid = null,
    double? SpectralFlatnessMean = null,
    double? PercussiveToHarmonic = null,
    double? KeyConfidence = null,
    double? TempoBpm = null,
    double? IntegratedLufs = null);

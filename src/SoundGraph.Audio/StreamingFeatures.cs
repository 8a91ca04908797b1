using SoundGraph.Audio.Loudness;
using SoundGraph.Audio.Rhythm;
using SoundGraph.Audio.Tonal;

namespace SoundGraph.Audio;

/// <summary>What <see cref="StreamingAnalysis.Finish"/> measured (see <see cref="AudioAnalysis"/> for each value's unit).</summary>
/// <param name="Frames">Frames analysed.</param>
/// <param name="Tempo">Tempo and beats; null when no steady beat was found.</param>
/// <param name="Key">Key under Krumhansl–Kessler; null for silence.</param>
/// <param name="PitchClassProfile">Energy per pitch class, C first, sum 1.</param>
/// <param name="Loudness">Integrated loudness, range, peaks.</param>
/// <param name="SpectralCentroidHz">Mean and sd, Hz.</param>
/// <param name="SpectralRolloffHz">Mean and sd, Hz.</param>
/// <param name="SpectralFlatness">Mean and sd, 0–1.</param>
/// <param name="SpectralFlux">Mean and sd.</param>
/// <param name="ZeroCrossingRate">Crossings per sample.</param>
/// <param name="OnsetRate">Onsets per second.</param>
/// <param name="MfccMean">MFCC 0–12 means.</param>
/// <param name="MfccSd">MFCC 0–12 standard deviations.</param>
/// <param name="SideToMid">Side/mid energy ratio.</param>
/// <param name="LeftRightCorrelation">Left–right correlation.</param>
/// <param name="PercussiveToHarmonic">Percussive over harmonic energy.</param>
/// <param name="Pumpiness">Side-chain pump, 0–1.</param>
public sealed record StreamingFeatures(
    long Frames,
    TempoEstimate? Tempo,
    KeyEstimate? Key,
    IReadOnlyList<double> PitchClassProfile,
    LoudnessResult Loudness,
    (double Mean, double Sd) SpectralCentroidHz,
    (double Mean, double Sd) SpectralRolloffHz,
    (double Mean, double Sd) SpectralFlatness,
    (double Mean, double Sd) SpectralFlux,
    double ZeroCrossingRate,
    double OnsetRate,
    IReadOnlyList<double> MfccMean,
    IReadOnlyList<double> MfccSd,
    double SideToMid,
    double LeftRightCorrelation,
    double PercussiveToHarmonic,
    double Pumpiness);

using SoundGraph.Audio.Loudness;
using SoundGraph.Audio.Tonal;

namespace SoundGraph.Audio;

/// <summary>Everything <see cref="AudioAnalyzer"/> measures in one file, with units.</summary>
/// <param name="Path">The file.</param>
/// <param name="SizeBytes">File size in bytes.</param>
/// <param name="ModifiedUtc">Last modification time, UTC.</param>
/// <param name="Sha256">Hex SHA-256 of the file's bytes (the identity a re-analysis is skipped by).</param>
/// <param name="ExtractorVersion">Which analysis produced the values (<see cref="AudioAnalyzer.ExtractorVersion"/>).</param>
/// <param name="DurationSeconds">The file's duration, s.</param>
/// <param name="AnalyzedSeconds">Seconds analysed (the whole file, or the excerpt).</param>
/// <param name="Channels">The file's channel count (1 = mono: the stereo fields say so).</param>
/// <param name="Tags">The file's tags (artist, title, album, isrc, MusicBrainz ids, …), lower-case keys.</param>
/// <param name="TempoBpm">Tempo, BPM; null when no steady beat was found.</param>
/// <param name="TempoConfidence">0–1.</param>
/// <param name="Key">Key and mode (Krumhansl–Kessler); null for silence.</param>
/// <param name="Loudness">Integrated loudness, range, peaks.</param>
/// <param name="SpectralCentroidHz">Mean and sd, Hz.</param>
/// <param name="SpectralRolloffHz">Mean and sd of the 85 % rolloff, Hz.</param>
/// <param name="SpectralFlatness">Mean and sd, 0–1.</param>
/// <param name="SpectralFlux">Mean and sd.</param>
/// <param name="ZeroCrossingRate">Crossings per sample, 0–1.</param>
/// <param name="OnsetRate">Onsets per second (peaks of the onset envelope above its mean + 1 sd, at least 50 ms apart).</param>
/// <param name="MfccMean">MFCC 1–13 means (NWaves, 26 mel bands, Hann, 2,048/1,024).</param>
/// <param name="MfccSd">MFCC 1–13 standard deviations.</param>
/// <param name="SideToMid">Side/mid energy ratio (0 for mono or identical channels).</param>
/// <param name="LeftRightCorrelation">Left–right correlation (1 for mono).</param>
/// <param name="PercussiveToHarmonic">Energy of the percussive over the harmonic part (<see cref="Spectral.HarmonicPercussive"/>,
/// Fitzgerald 2010, on a centred 30 s mono slice).</param>
/// <param name="Pumpiness">Side-chain pump, 0–1 (<see cref="Rhythm.Pumpiness"/>).</param>
public sealed record AudioAnalysis(
    string Path,
    long SizeBytes,
    DateTime ModifiedUtc,
    string Sha256,
    string ExtractorVersion,
    double DurationSeconds,
    double AnalyzedSeconds,
    int Channels,
    IReadOnlyDictionary<string, string> Tags,
    double? TempoBpm,
    double TempoConfidence,
    KeyEstimate? Key,
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
    double Pumpiness)
{
    /// <summary>The pitch-class profile the key was read from (energy per pitch class, C first, sum 1; empty when not
    /// kept), so the key can be read again under another profile with <see cref="KeyUnder"/>.</summary>
    public IReadOnlyList<double> PitchClassProfile { get; init; } = [];

    /// <summary>The key under <paramref name="profile"/> (e.g. <see cref="KeyProfile.Edma"/>) from
    /// <see cref="PitchClassProfile"/>; null for silence or when the profile was not kept.</summary>
    public KeyEstimate? KeyUnder(KeyProfile profile) =>
        PitchClassProfile.Count == 12 ? KeyDetector.Estimate(PitchClassProfile, profile) : null;

    /// <summary>True when the file has one channel.</summary>
    public bool IsMono => Channels == 1;
}

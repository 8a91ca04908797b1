namespace SoundGraph.Audio.Loudness;

/// <summary>Loudness and dynamics of a programme per ITU-R BS.1770-4 and EBU Tech 3341/3342.</summary>
/// <param name="IntegratedLufs">Gated integrated loudness in LUFS (absolute gate −70 LUFS, relative gate −10 LU);
/// <see cref="double.NegativeInfinity"/> when no 400 ms block passes the gates (silence, or shorter than 400 ms).</param>
/// <param name="LoudnessRangeLu">Loudness range in LU (EBU Tech 3342: the 10th to 95th percentile of 3 s short-term loudness
/// after an absolute gate at −70 LUFS and a relative gate 20 LU below); 0 when fewer than two short-term values pass.</param>
/// <param name="MaxMomentaryLufs">Highest momentary loudness (400 ms window, 100 ms steps), LUFS.</param>
/// <param name="MaxShortTermLufs">Highest short-term loudness (3 s window, 100 ms steps), LUFS; −∞ when shorter than 3 s.</param>
/// <param name="SamplePeakDbfs">Largest absolute sample value in dBFS (0 dBFS = full scale 1.0).</param>
/// <param name="TruePeakDbtp">Largest absolute value of the 4× oversampled signal in dBTP (BS.1770-4 Annex 2), ≥ the sample peak.</param>
/// <param name="DurationSeconds">Programme length in seconds.</param>
public sealed record LoudnessResult(
    double IntegratedLufs,
    double LoudnessRangeLu,
    double MaxMomentaryLufs,
    double MaxShortTermLufs,
    double SamplePeakDbfs,
    double TruePeakDbtp,
    double DurationSeconds)
{
    /// <summary>Peak-to-loudness ratio in dB (true peak − integrated loudness; AES TD1004 "PLR"), a measure of dynamics:
    /// heavily limited masters score ~8 dB, open mixes 15 dB and more. NaN when the integrated loudness is −∞.</summary>
    public double PeakToLoudnessRatio => double.IsNegativeInfinity(IntegratedLufs) ? double.NaN : TruePeakDbtp - IntegratedLufs;
}

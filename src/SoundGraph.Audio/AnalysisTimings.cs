using System.Diagnostics;

namespace SoundGraph.Audio;

/// <summary>Where an analysis spends its time: wall-clock seconds per stage of <see cref="AudioAnalyzer"/>, summed over
/// every analysis it is passed to (so one instance can total an album). Filled only when a caller passes one; the cost of
/// measuring is two timestamp reads per stage and block.</summary>
/// <remarks>Stages: <c>probe</c> (ffprobe), <c>decode wait</c> (time blocked on ffmpeg's pipe: decoding that did not
/// overlap the analysis), <c>downmix</c>, <c>loudness</c> (K-weighting, gating, true peak), <c>stereo</c>, <c>key</c>,
/// <c>onsets</c>, <c>spectral</c>, <c>pumpiness</c> (each including its own STFT), <c>tempo</c> (autocorrelation and
/// beat tracking), <c>mfcc</c>, <c>hpss</c>, <c>hash</c> (SHA-256 of the file). Not thread-safe: one instance per
/// thread, then <see cref="Add(AnalysisTimings)"/> them together.</remarks>
public sealed class AnalysisTimings
{
    private readonly Dictionary<string, long> _ticks = new(StringComparer.Ordinal);

    /// <summary>Seconds per stage, in the order the stages first ran.</summary>
    public IReadOnlyList<(string Stage, double Seconds)> Stages =>
        [.. _ticks.Select(p => (p.Key, p.Value / (double)Stopwatch.Frequency))];

    /// <summary>Seconds of all stages together.</summary>
    public double TotalSeconds => _ticks.Values.Sum() / (double)Stopwatch.Frequency;

    /// <summary>Adds the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>) to
    /// <paramref name="stage"/> and returns the current timestamp, so consecutive stages chain.</summary>
    public long Lap(string stage, long startTimestamp)
    {
        var now = Stopwatch.GetTimestamp();
        _ticks[stage] = _ticks.GetValueOrDefault(stage) + (now - startTimestamp);
        return now;
    }

    /// <summary>Adds every stage of <paramref name="other"/> to this one.</summary>
    public void Add(AnalysisTimings other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (stage, ticks) in other._ticks)
        {
            _ticks[stage] = _ticks.GetValueOrDefault(stage) + ticks;
        }
    }
}

namespace SoundGraph.Taste.Time;

/// <summary>A self-starting CUSUM run (<see cref="SelfStartingCusum.Run"/>): the score and both sums at every step, and
/// the alarms.</summary>
/// <param name="Scores">Per input value, its score uₜ (N(0, 1) in control), or null in a warm-up (the value only builds
/// the baseline).</param>
/// <param name="Upper">S⁺ₜ per input value, score units, before any reset at that step; 0 in a warm-up.</param>
/// <param name="Lower">S⁻ₜ likewise.</param>
/// <param name="Alarms">The alarms, in order.</param>
public sealed record SelfStartingTrace(
    IReadOnlyList<double?> Scores,
    IReadOnlyList<double> Upper,
    IReadOnlyList<double> Lower,
    IReadOnlyList<SelfStartingAlarm> Alarms);

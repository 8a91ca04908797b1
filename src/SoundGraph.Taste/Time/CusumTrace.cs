namespace SoundGraph.Taste.Time;

/// <summary>A tabular CUSUM run: both sums at every step, and the alarms.</summary>
/// <param name="Upper">S⁺ₜ per input value, sd, before any reset at that step (so an alarm's step shows the sum that
/// exceeded h).</param>
/// <param name="Lower">S⁻ₜ likewise.</param>
/// <param name="Alarms">The alarms, in order.</param>
public sealed record CusumTrace(IReadOnlyList<double> Upper, IReadOnlyList<double> Lower, IReadOnlyList<CusumAlarm> Alarms);

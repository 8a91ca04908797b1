namespace SoundGraph.Taste.Time;

/// <summary>One axis's smoothed weekly centroid and its week-over-week change (<see cref="MomentumAnalyzer"/>).</summary>
/// <param name="Ema">Per week, the EMA of the centroid (<see cref="Time.Ema"/>), axis unit; null before the first
/// value.</param>
/// <param name="Momentum">Per week, EMAₜ − EMAₜ₋₁, axis unit per week; null up to and including the first value's
/// week, 0 in a week without a value (the EMA is carried).</param>
/// <param name="Baseline">The axis's whole-history weekly mean and sd; null with fewer than two weekly values.</param>
public sealed record AxisMomentum(IReadOnlyList<double?> Ema, IReadOnlyList<double?> Momentum, AxisBaseline? Baseline);

namespace SoundGraph.Taste.Time;

/// <summary>One mood axis over one week of counted plays, each play weighted by its minutes
/// (<see cref="PlayFilter.CountedMinutes"/>).</summary>
/// <param name="Mean">The centroid: Σ wᵢxᵢ / Σ wᵢ, in the axis's unit (<see cref="MoodAxes.Unit"/>).</param>
/// <param name="Variance">Σ wᵢ(xᵢ − mean)² / Σ wᵢ, the axis's unit squared: the population form with minutes as
/// frequency weights (a play of 4 minutes counts as four one-minute observations), 0 for a single play.</param>
/// <param name="Plays">Counted plays whose track had a value on this axis, ≥ 1.</param>
/// <param name="Minutes">Their total weight, minutes, &gt; 0.</param>
public sealed record AxisWeek(double Mean, double Variance, int Plays, double Minutes)
{
    /// <summary>The weighted standard deviation, √<see cref="Variance"/>, in the axis's unit.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);
}

namespace SoundGraph.Taste.Time;

/// <summary>A listener's own level and spread on one axis: the mean and sample standard deviation of the weekly
/// centroids over the whole history (every week with a value), the yardstick of momentum, of the
/// <see cref="CusumBaseline.WholeHistory"/> change points, and the scale of the self-starting baseline's sd floor
/// (<see cref="CusumOptions.SdFloorFraction"/>).</summary>
/// <param name="Mean">Mean of the weekly centroids, axis unit.</param>
/// <param name="StandardDeviation">Their sample standard deviation (n − 1 in the denominator), axis unit, ≥ 0.</param>
/// <param name="Weeks">Weeks with a value, ≥ 2.</param>
/// <remarks>The whole history, not a trailing window: a listener's taste is compared with itself over everything we
/// know. A lasting shift therefore also moves the baseline (half-way for a shift in the middle of the history), which
/// makes a change point later and its estimated size smaller than against a clean before-the-change baseline; the
/// synthetic evaluation (<see cref="SyntheticCusumEvaluation"/>) measures how much, and is why the change-point detector
/// standardizes by a self-starting baseline by default (<see cref="SelfStartingCusum"/>).</remarks>
public sealed record AxisBaseline(double Mean, double StandardDeviation, int Weeks)
{
    /// <summary>The baseline of <paramref name="centroids"/> (null = no value that week); null with fewer than two
    /// values.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="centroids"/> is null.</exception>
    public static AxisBaseline? Of(IReadOnlyList<double?> centroids)
    {
        ArgumentNullException.ThrowIfNull(centroids);
        var values = centroids.Where(c => c.HasValue).Select(c => c!.Value).ToArray();
        if (values.Length < 2)
        {
            return null;
        }

        var mean = values.Average();
        var squares = values.Sum(v => (v - mean) * (v - mean));
        return new AxisBaseline(mean, Math.Sqrt(squares / (values.Length - 1)), values.Length);
    }
}

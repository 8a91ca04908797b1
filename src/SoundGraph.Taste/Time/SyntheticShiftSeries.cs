namespace SoundGraph.Taste.Time;

/// <summary>SYNTHETIC weekly series with one planted shift, the test bed of the change-point detector: no listener's
/// data.</summary>
public static class SyntheticShiftSeries
{
    /// <summary>A SYNTHETIC series xₜ = εₜ + (t ≥ <paramref name="shiftWeek"/> ? δ : 0), εₜ ~ N(0, 1) independent.</summary>
    /// <param name="random">The seeded source (e.g. <c>new Random(42)</c>); the series is a pure function of its
    /// state.</param>
    /// <param name="weeks">Length, ≥ 1.</param>
    /// <param name="shiftWeek">First shifted week, 0–<paramref name="weeks"/> (= <paramref name="weeks"/>: no shift).</param>
    /// <param name="delta">The shift δ in noise sd; 0 for none.</param>
    /// <returns><paramref name="weeks"/> values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A length, week or shift out of range (δ not finite).</exception>
    public static double[] Generate(Random random, int weeks, int shiftWeek, double delta)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shiftWeek);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shiftWeek, weeks);
        if (!double.IsFinite(delta))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "The shift must be finite.");
        }

        var series = new double[weeks];
        for (var t = 0; t < weeks; t++)
        {
            series[t] = Gaussian(random) + (t >= shiftWeek ? delta : 0);
        }

        return series;
    }

    /// <summary>One N(0, 1) draw by the Box–Muller transform (its cosine half): √(−2 ln u₁) cos(2π u₂), u₁ ∈ (0, 1].</summary>
    internal static double Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

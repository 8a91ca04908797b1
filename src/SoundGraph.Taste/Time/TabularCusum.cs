namespace SoundGraph.Taste.Time;

/// <summary>The two-sided tabular CUSUM on a standardized series (Page 1954, "Continuous inspection schemes",
/// Biometrika 41; in the tabular form of Montgomery, Introduction to Statistical Quality Control, ch. 9).</summary>
/// <remarks>
/// With S⁺₀ = S⁻₀ = 0: S⁺ₜ = max(0, S⁺ₜ₋₁ + zₜ − k), S⁻ₜ = max(0, S⁻ₜ₋₁ − zₜ − k). An alarm is raised when either sum
/// exceeds h (strictly); if both do at once, the one further above h raises it (S⁺ on a tie). After an alarm both sums
/// restart from 0, so a lasting shift gives a new alarm about every ARL₁ steps until the baseline catches up (the
/// self-starting chart, <see cref="SelfStartingCusum"/>, moves its baseline to the new level instead).
/// </remarks>
public static class TabularCusum
{
    /// <summary>Runs the CUSUM over <paramref name="z"/>.</summary>
    /// <param name="z">The standardized values (zₜ = (xₜ − μ₀) / σ), in order, no gaps.</param>
    /// <param name="options">k and h; null for k = 0.5, h = 4.</param>
    /// <returns>S⁺ and S⁻ at every step and the alarms. Cost O(n).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    public static CusumTrace Run(IReadOnlyList<double> z, CusumOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(z);
        options ??= new CusumOptions();
        var (k, h) = (options.K, options.H);
        var upper = new double[z.Count];
        var lower = new double[z.Count];
        var alarms = new List<CusumAlarm>();
        double plus = 0, minus = 0;
        int lastZeroPlus = -1, lastZeroMinus = -1;
        for (var t = 0; t < z.Count; t++)
        {
            if (!double.IsFinite(z[t]))
            {
                throw new ArgumentException($"z[{t}] is {z[t]}; CUSUM needs finite values.", nameof(z));
            }

            plus = Math.Max(0, plus + z[t] - k);
            minus = Math.Max(0, minus - z[t] - k);
            upper[t] = plus;
            lower[t] = minus;
            if (plus > h || minus > h)
            {
                var up = plus - h >= minus - h;
                var sum = up ? plus : minus;
                var lastZero = up ? lastZeroPlus : lastZeroMinus;
                var shift = k + (sum / (t - lastZero));
                alarms.Add(new CusumAlarm(t, up ? ShiftDirection.Up : ShiftDirection.Down, sum, lastZero, up ? shift : -shift));
                (plus, minus) = (0, 0);
            }

            if (plus == 0)
            {
                lastZeroPlus = t;
            }

            if (minus == 0)
            {
                lastZeroMinus = t;
            }
        }

        return new CusumTrace(upper, lower, alarms);
    }
}

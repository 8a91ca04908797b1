namespace SoundGraph.Taste.Time;

/// <summary>The exponential moving average of a weekly series with gaps.</summary>
/// <remarks>
/// pandas' convention (<c>Series.ewm(span=…, adjust=False)</c>): α = 2 / (span + 1), y₀ = x₀,
/// yₜ = (1 − α)·yₜ₋₁ + α·xₜ. A week without a value carries the average forward unchanged, and the next value updates
/// it as if the gap were not there, which is pandas' <c>ewm(span, adjust=False, ignore_na=True).mean()</c>. Weeks before
/// the first value have no average.
/// </remarks>
public static class Ema
{
    /// <summary>The smoothing factor α = 2 / (<paramref name="span"/> + 1): 0.4 for the default span of 4 weeks.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="span"/> &lt; 1.</exception>
    public static double Alpha(int span)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span, 1);
        return 2.0 / (span + 1);
    }

    /// <summary>The EMA of <paramref name="values"/> (null = no value that week), same length.</summary>
    /// <param name="values">One value per week, in order; null for a week without one.</param>
    /// <param name="span">Span in weeks, ≥ 1 (1: the average is the last value).</param>
    /// <returns>Per week the average after that week; null until the first value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="span"/> &lt; 1.</exception>
    public static IReadOnlyList<double?> Series(IReadOnlyList<double?> values, int span = 4)
    {
        ArgumentNullException.ThrowIfNull(values);
        var alpha = Alpha(span);
        var result = new double?[values.Count];
        double? average = null;
        for (var t = 0; t < values.Count; t++)
        {
            if (values[t] is { } x)
            {
                average = average is { } previous ? ((1 - alpha) * previous) + (alpha * x) : x;
            }

            result[t] = average;
        }

        return result;
    }
}

namespace SoundGraph.Taste.Time;

/// <summary>Parameters of the tabular CUSUM (<see cref="TabularCusum"/>), both in standard deviations of the
/// standardized series.</summary>
/// <remarks>Defaults k = 0.5, h = 4: one of the designs Montgomery recommends (k = 0.5 with h = 4 or 5; Introduction to
/// Statistical Quality Control, ch. 9, the tabular CUSUM), tuned to a 1-sd shift. Two-sided, its in-control ARL₀ is 168
/// weeks (0.31 false alarms a year; a single side alone would be ≈ 336) and its ARL₁ ≈ 8.4 weeks for a 1-sd shift and
/// 3.3 for 2 sd (his table of two-sided ARLs for h = 4, k = 0.5; <see cref="SiegmundArl"/> approximates them).</remarks>
public sealed record CusumOptions
{
    private readonly double _k = 0.5;
    private readonly double _h = 4;

    /// <summary>The reference value (allowance) k, sd; half the shift the chart is tuned to find.</summary>
    /// <value>Default 0.5 (tuned to a 1-sd shift). Finite and ≥ 0.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative or non-finite value.</exception>
    public double K
    {
        get => _k;
        init => _k = double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(K), value, "k must be finite and ≥ 0.");
    }

    /// <summary>The decision interval h, sd: an alarm when a sum exceeds it.</summary>
    /// <value>Default 4. Finite and &gt; 0.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a non-positive or non-finite value.</exception>
    public double H
    {
        get => _h;
        init => _h = double.IsFinite(value) && value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(H), value, "h must be finite and > 0.");
    }
}

namespace SoundGraph.Taste.Time;

/// <summary>Parameters of the change-point CUSUM: the chart's k and h, in standard deviations of the standardized
/// series (all that <see cref="TabularCusum"/> uses), and how <see cref="ChangePointDetector"/> standardizes each axis
/// (<see cref="Baseline"/>, and for the self-starting baseline <see cref="WarmUpWeeks"/> and
/// <see cref="SdFloorFraction"/>).</summary>
/// <remarks>Defaults k = 0.5, h = 4: one of the designs Montgomery recommends (k = 0.5 with h = 4 or 5; Introduction to
/// Statistical Quality Control, ch. 9, the tabular CUSUM), tuned to a 1-sd shift. Two-sided, its in-control ARL₀ is 168
/// weeks (0.31 false alarms a year; a single side alone would be ≈ 336) and its ARL₁ ≈ 8.4 weeks for a 1-sd shift and
/// 3.3 for 2 sd (his table of two-sided ARLs for h = 4, k = 0.5; <see cref="SiegmundArl"/> approximates them). The
/// self-starting transformation turns in-control weeks into exact N(0, 1) scores, so the same k, h and ARLs apply to
/// it after the warm-up.</remarks>
public sealed record CusumOptions
{
    private readonly double _k = 0.5;
    private readonly double _h = 4;
    private readonly CusumBaseline _baseline = CusumBaseline.SelfStarting;
    private readonly int _warmUpWeeks = 8;
    private readonly double _sdFloorFraction = 0.25;

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

    /// <summary>What <see cref="ChangePointDetector"/> standardizes each week against.</summary>
    /// <value>Default <see cref="CusumBaseline.SelfStarting"/>; or <see cref="CusumBaseline.WholeHistory"/>.
    /// <see cref="CusumBaseline.Known"/> is refused: a listener has no known in-control mean and sd (the synthetic
    /// evaluation takes its baseline as a separate argument and ignores this one).</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to <see cref="CusumBaseline.Known"/> or an undefined
    /// value.</exception>
    public CusumBaseline Baseline
    {
        get => _baseline;
        init => _baseline = value is CusumBaseline.SelfStarting or CusumBaseline.WholeHistory
            ? value
            : throw new ArgumentOutOfRangeException(
                nameof(Baseline), value, "The detector standardizes by SelfStarting or WholeHistory; Known is for synthetic series only.");
    }

    /// <summary>Self-starting baseline only: weeks with a value, after the start of the history or after a change
    /// point's first shifted week, that only build the baseline (no score, no sums, no alarm).</summary>
    /// <value>Default 8 (two months: the first score is then a t with 7 degrees of freedom; the measured trade-off is
    /// on <see cref="ChangePointDetector"/>). ≥ 2, the fewest values with a sample sd.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set below 2.</exception>
    public int WarmUpWeeks
    {
        get => _warmUpWeeks;
        init => _warmUpWeeks = value >= 2
            ? value
            : throw new ArgumentOutOfRangeException(nameof(WarmUpWeeks), value, "The warm-up needs at least 2 weeks.");
    }

    /// <summary>Self-starting baseline only: the floor under the running sd, as a fraction of the axis's whole-history
    /// sample sd (<see cref="AxisBaseline"/>), so that a near-flat warm-up (the same album for two months) does not make
    /// every later small move an alarm.</summary>
    /// <value>Default 0.25. Finite and &gt; 0.</value>
    /// <remarks>The only look-ahead of the self-starting baseline: the floor's scale comes from the whole history, but it
    /// only binds when the running sd is below a quarter of it, which a Gaussian baseline of 8 values does with
    /// probability 3.6 × 10⁻⁴ (χ²₇ &lt; 7/16); where it binds, the score is smaller than the t-transformation's (conservative).</remarks>
    /// <exception cref="ArgumentOutOfRangeException">Set to a non-positive or non-finite value.</exception>
    public double SdFloorFraction
    {
        get => _sdFloorFraction;
        init => _sdFloorFraction = double.IsFinite(value) && value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(SdFloorFraction), value, "The sd floor fraction must be finite and > 0.");
    }
}

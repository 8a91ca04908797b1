using MathNet.Numerics.Distributions;

namespace SoundGraph.Taste.Time;

/// <summary>The self-starting two-sided tabular CUSUM for location (Hawkins 1987, "Self-starting CUSUM charts for
/// location and scale", The Statistician 36(4); Hawkins &amp; Olwell 1998, Cumulative Sum Charts and Charting for
/// Quality Improvement, ch. 7): each value is scored against the mean and sd of the values of its baseline before it, so
/// no later value, and no later shift, moves the yardstick of an earlier one.</summary>
/// <remarks>
/// <para>Baseline: the values from the start (index 0), or from the last alarm's first shifted index, up to but not
/// including the value scored. The first w values of a baseline (w = <see cref="CusumOptions.WarmUpWeeks"/>) only build
/// it: no score, the sums held at 0, no alarm.</para>
/// <para>Score, Hawkins's exact transformation: with n ≥ w values before it, their mean x̄ₙ and sample sd sₙ (raised to
/// the sd floor where below it), Tₜ = (xₜ − x̄ₙ) / sₙ · √(n / (n + 1)), which for independent N(μ, σ²) values is Student's
/// t with n − 1 degrees of freedom, whatever μ and σ; uₜ = Φ⁻¹(F_{t,n−1}(Tₜ)) is then exactly N(0, 1), and successive uₜ
/// are independent (Hawkins's result). So in control the chart on uₜ is the known-baseline chart, with its ARL₀, and
/// k and h keep their meaning. The plain z = (xₜ − x̄ₙ) / sₙ would be heavier-tailed than N(0, 1) (variance
/// (1 + 1/n)(n − 1)/(n − 3): 1.58 at n = 8) and raise extra alarms after every warm-up; the transformation costs one t CDF
/// and one normal quantile per week (MathNet.Numerics). The floor, where it binds, makes |Tₜ| smaller than the t law
/// (conservative); |uₜ| is capped at 40 where the t tail underflows.</para>
/// <para>Sums: S⁺ₜ = max(0, S⁺ₜ₋₁ + uₜ − k), S⁻ₜ = max(0, S⁻ₜ₋₁ − uₜ − k), an alarm when one exceeds h, the one further
/// above h on a tie (S⁺ on an exact tie), as <see cref="TabularCusum"/>. The last zero of a sum is the last index at
/// which it was 0, warm-up weeks included. At an alarm at t with last zero L, the change is estimated to start at L + 1:
/// the alarm reports the mean of the baseline through L, its sd, and the mean of L + 1…t; the new baseline starts at
/// L + 1 (the new level becomes the new normal), both sums restart from 0, and scoring resumes at
/// max(t + 1, L + 1 + w) — the values L + 1…t already seen count towards the new warm-up, and none is scored twice.</para>
/// <para>Costs of having no look-ahead: the shifted values before the alarm already enter the running baseline of the
/// values after them (Hawkins's chart, slightly slower than the known baseline's), and after an alarm the chart is blind
/// for the rest of the new warm-up.</para>
/// </remarks>
public static class SelfStartingCusum
{
    /// <summary>The cap on |uₜ|, where the t tail underflows (Φ⁻¹ of the smallest double is ≈ −38.5).</summary>
    public const double MaxScore = 40;

    /// <summary>Runs the self-starting CUSUM over <paramref name="values"/>.</summary>
    /// <param name="values">The raw values (not standardized), in order, no gaps, any unit.</param>
    /// <param name="sdFloor">The least sd a baseline is taken to have, the values' unit, &gt; 0 (the detector passes
    /// <see cref="CusumOptions.SdFloorFraction"/> × the whole-history sd).</param>
    /// <param name="options">k, h and <see cref="CusumOptions.WarmUpWeeks"/>; null for 0.5, 4 and 8.</param>
    /// <returns>Scores, sums and alarms at every step. Cost O(n) but for the O(n) recount of a new baseline after each
    /// alarm.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sdFloor"/> is not positive and finite.</exception>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    public static SelfStartingTrace Run(IReadOnlyList<double> values, double sdFloor, CusumOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!(sdFloor > 0) || !double.IsFinite(sdFloor))
        {
            throw new ArgumentOutOfRangeException(nameof(sdFloor), sdFloor, "The sd floor must be positive and finite.");
        }

        options ??= new CusumOptions();
        var (k, h, warmUp) = (options.K, options.H, options.WarmUpWeeks);
        var scores = new double?[values.Count];
        var upper = new double[values.Count];
        var lower = new double[values.Count];
        var alarms = new List<SelfStartingAlarm>();
        var start = 0;
        var firstScored = warmUp;
        var baseline = new Moments();
        double plus = 0, minus = 0;
        int lastZeroPlus = -1, lastZeroMinus = -1;
        for (var t = 0; t < values.Count; t++)
        {
            var x = values[t];
            if (!double.IsFinite(x))
            {
                throw new ArgumentException($"values[{t}] is {x}; CUSUM needs finite values.", nameof(values));
            }

            if (t >= firstScored)
            {
                var u = Score(x, baseline.Mean, Math.Max(baseline.Sd, sdFloor), baseline.Count);
                scores[t] = u;
                plus = Math.Max(0, plus + u - k);
                minus = Math.Max(0, minus - u - k);
                upper[t] = plus;
                lower[t] = minus;
                if (plus > h || minus > h)
                {
                    var up = plus - h >= minus - h;
                    var lastZero = up ? lastZeroPlus : lastZeroMinus;
                    var before = Moments.Of(values, start, lastZero + 1);
                    alarms.Add(new SelfStartingAlarm(
                        t,
                        up ? ShiftDirection.Up : ShiftDirection.Down,
                        up ? plus : minus,
                        lastZero,
                        start,
                        before.Mean,
                        Math.Max(before.Sd, sdFloor),
                        Moments.Of(values, lastZero + 1, t + 1).Mean));
                    start = lastZero + 1;
                    firstScored = Math.Max(t + 1, start + warmUp);
                    baseline = Moments.Of(values, start, t + 1);
                    (plus, minus) = (0, 0);
                    (lastZeroPlus, lastZeroMinus) = (t, t);
                    continue;
                }
            }

            baseline.Add(x);
            if (plus == 0)
            {
                lastZeroPlus = t;
            }

            if (minus == 0)
            {
                lastZeroMinus = t;
            }
        }

        return new SelfStartingTrace(scores, upper, lower, alarms);
    }

    /// <summary>Hawkins's score of <paramref name="value"/> against a baseline of <paramref name="count"/> earlier
    /// values: Φ⁻¹(F_{t,n−1}(T)) with T = (x − mean) / sd · √(n / (n + 1)), exactly N(0, 1) for Gaussian values when
    /// <paramref name="sd"/> is their sample sd.</summary>
    /// <param name="value">The value scored, xₜ.</param>
    /// <param name="mean">The baseline's mean x̄ₙ.</param>
    /// <param name="sd">The baseline's sample sd sₙ (or the floor), &gt; 0.</param>
    /// <param name="count">n, the baseline's values, ≥ 2.</param>
    /// <returns>uₜ, sign of xₜ − x̄ₙ, |uₜ| ≤ <see cref="MaxScore"/>. Computed from the lower tail of |T| so that large
    /// scores keep their precision.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sd"/> not positive or <paramref name="count"/>
    /// &lt; 2.</exception>
    public static double Score(double value, double mean, double sd, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        if (!(sd > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(sd), sd, "The sd must be positive.");
        }

        var t = (value - mean) / sd * Math.Sqrt(count / (count + 1.0));
        var tail = StudentT.CDF(0, 1, count - 1, -Math.Abs(t));
        var u = tail > 0 ? Math.Min(-Normal.InvCDF(0, 1, tail), MaxScore) : MaxScore;
        return t < 0 ? -u : u;
    }

    /// <summary>Welford's running mean and sum of squared deviations.</summary>
    private struct Moments
    {
        private double _m2;

        public int Count { get; private set; }

        public double Mean { get; private set; }

        /// <summary>The sample sd (n − 1); 0 below two values.</summary>
        public readonly double Sd => Count > 1 ? Math.Sqrt(_m2 / (Count - 1)) : 0;

        public static Moments Of(IReadOnlyList<double> values, int from, int to)
        {
            var moments = new Moments();
            for (var i = from; i < to; i++)
            {
                moments.Add(values[i]);
            }

            return moments;
        }

        public void Add(double x)
        {
            Count++;
            var delta = x - Mean;
            Mean += delta / Count;
            _m2 += delta * (x - Mean);
        }
    }
}

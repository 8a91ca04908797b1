namespace SoundGraph.Taste.Time;

/// <summary>Finds the weeks where a listener's taste shifted, axis by axis, with a two-sided tabular CUSUM on the
/// weekly centroids, by default self-starting (<see cref="SelfStartingCusum"/>).</summary>
/// <remarks>
/// Weeks without a value on an axis are skipped (they neither add to nor reset the sums, nor count towards a warm-up).
/// An axis with fewer than two weekly values or a zero whole-history sd has no change points. k and h are in sd units of
/// the standardized series (defaults 0.5 and 4); <see cref="CusumOptions.Baseline"/> chooses the standardization:
/// <list type="bullet">
/// <item><see cref="CusumBaseline.SelfStarting"/> (default; Hawkins 1987, <see cref="SelfStartingCusum"/>): each week
/// against the mean and sd of the weeks before it since the start of the history or the last change point's first
/// shifted week, through Hawkins's t-to-normal transformation; the first <see cref="CusumOptions.WarmUpWeeks"/> (8)
/// weeks with a value of each such stretch only build the baseline. The sd has a floor of
/// <see cref="CusumOptions.SdFloorFraction"/> (¼) of the axis's whole-history sd. After a change point the new level is
/// the new normal, so one lasting change gives one change point, not a train of them.</item>
/// <item><see cref="CusumBaseline.WholeHistory"/>: zₜ = (xₜ − mean) / sd with the whole-history mean and sample sd
/// (<see cref="AxisBaseline"/>) and a plain <see cref="TabularCusum"/>, whose sums restart after an alarm against the
/// same baseline.</item>
/// </list>
/// <para>Measured on SYNTHETIC two-year series with the shift after the first year (<see cref="SyntheticCusumEvaluation"/>,
/// 2,000 runs, seed 16). Mean weeks to find a 1 / 1.5 / 2 / 3-sd shift: self-starting 10.1 / 5.5 / 3.6 / 2.4 (found in
/// 94 / 98 / 98.5 / 99 % of series within the year), true baseline 7.9 / 4.4 / 3.1 / 2.0 (100 %), whole history 25.6 /
/// 20.7 / 16.3 / 12.3 (82 / 99 / 100 / 100 %). The self-starting chart is 1.2–1.3 × the true baseline's, because the
/// shifted weeks before the alarm already enter the running baseline; it misses a shift mostly when a false alarm just
/// before it restarts the baseline, whose warm-up then absorbs the shift. Alarms before the shift per series:
/// self-starting 0.25, true baseline 0.28, whole history 1.1 / 1.8 / 2.6 / 3.8 (the pre-shift weeks fall below a
/// baseline the shift has moved). Alarms after the detecting one, per series, over the rest of the year: self-starting
/// 0.25–0.31 (in-control alarms), true baseline 5–23 and whole history 0.3–2.8 (trains of "up" alarms against a
/// baseline that stays below the new level). Without a shift, false alarms a year: self-starting 0.26 over a first year
/// (its first 8 weeks score nothing) and 0.35 over ten years, true baseline 0.29 / 0.31 (theory 0.31), whole history
/// 0.16 / 0.29. The long-run excess of the self-starting chart comes from its restarts: a false alarm's new baseline
/// starts with the run of high (or low) weeks that raised it, so the next alarm, if soon, is nearly always back the
/// other way (39 % of the follow-up alarms come within 30 weeks, 98 % of those the other way, against ≈ 15 % for
/// independent alarms).</para>
/// <para>Options tried (same runs; seed 17 ranks them alike): warm-up 2 / 4 / 6 / 8 / 12 / 16 weeks gives 1-sd delays
/// 9.9 / 9.9 / 10.0 / 10.1 / 10.1 / 10.2 and 3-sd 2.30 / 2.31 / 2.31 / 2.38 / 2.44 / 2.60 weeks, first-year false alarms
/// 0.31 / 0.30 / 0.28 / 0.26 / 0.22 / 0.19 and ten-year 0.39 / 0.39 / 0.37 / 0.35 / 0.32 / 0.29 a year: 8 halves the
/// long-run excess of short warm-ups at almost no cost in delay, and keeps a fresh baseline's sd from resting on 2–4
/// weeks of a real listener. The sd floor at ≈ 0 / ¼ / ½ of the whole-history sd: ¼ changes nothing measurable on
/// Gaussian weeks (it binds with probability 4 × 10⁻⁴ on 8 values), ½ binds often once a 3-sd shift has inflated the
/// whole-history sd and removes 30 % of the 3-sd series' pre-shift alarms, real or not — ¼ guards the flat warm-up
/// (the same album for two months, sd ≈ 0) without that.</para>
/// </remarks>
public static class ChangePointDetector
{
    /// <summary>Change points on every axis of <paramref name="taste"/>.</summary>
    /// <param name="taste">The weekly aggregate.</param>
    /// <param name="options">k, h and the baseline; null for the defaults (self-starting, k = 0.5, h = 4).</param>
    /// <returns>The change points ordered by alarm week, then axis.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="taste"/> is null.</exception>
    public static IReadOnlyList<ChangePoint> Detect(WeeklyTaste taste, CusumOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(taste);
        var weeks = taste.Weeks.Select(w => w.Week).ToArray();
        return MoodAxes.All
            .SelectMany(axis => Detect(axis, weeks, taste.Centroids(axis), options))
            .OrderBy(c => c.Week)
            .ThenBy(c => c.Axis)
            .ToArray();
    }

    /// <summary>Change points of one axis's weekly series.</summary>
    /// <param name="axis">The axis, copied into the results.</param>
    /// <param name="weeks">The weeks, in order.</param>
    /// <param name="centroids">One centroid per week (null = no value), axis unit.</param>
    /// <param name="options">k, h and the baseline; null for the defaults (self-starting, k = 0.5, h = 4).</param>
    /// <returns>The change points in week order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="weeks"/> or <paramref name="centroids"/> is null.</exception>
    /// <exception cref="ArgumentException">The two lists differ in length, or a centroid is not finite.</exception>
    public static IReadOnlyList<ChangePoint> Detect(
        MoodAxis axis,
        IReadOnlyList<IsoWeek> weeks,
        IReadOnlyList<double?> centroids,
        CusumOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        ArgumentNullException.ThrowIfNull(centroids);
        if (weeks.Count != centroids.Count)
        {
            throw new ArgumentException($"{weeks.Count} weeks but {centroids.Count} centroids.", nameof(centroids));
        }

        if (Find(centroids, options ?? new CusumOptions()) is not var (valued, alarms))
        {
            return [];
        }

        return alarms
            .Select(a => new ChangePoint(
                axis,
                weeks[valued[a.Index]],
                a.Direction,
                a.LastZeroIndex < 0 ? null : weeks[valued[a.LastZeroIndex]],
                weeks[valued[a.LastZeroIndex + 1]],
                a.ShiftSd,
                a.Shift))
            .ToArray();
    }

    /// <summary>The positions of the valued weeks and the alarms, positions as indices into the valued weeks; null
    /// when there is no usable baseline (fewer than two values, or a whole-history sd of 0).</summary>
    /// <param name="centroids">One centroid per week (null = no value).</param>
    /// <param name="options">The options; <see cref="CusumOptions.Baseline"/> chooses the standardization.</param>
    /// <exception cref="ArgumentException">A centroid is not finite.</exception>
    internal static (int[] Valued, IReadOnlyList<Alarm> Alarms)? Find(IReadOnlyList<double?> centroids, CusumOptions options)
    {
        for (var t = 0; t < centroids.Count; t++)
        {
            if (centroids[t] is { } c && !double.IsFinite(c))
            {
                throw new ArgumentException($"centroids[{t}] is {c}; CUSUM needs finite values.", nameof(centroids));
            }
        }

        if (AxisBaseline.Of(centroids) is not { StandardDeviation: > 0 } baseline)
        {
            return null;
        }

        var valued = Enumerable.Range(0, centroids.Count).Where(t => centroids[t].HasValue).ToArray();
        var values = valued.Select(t => centroids[t]!.Value).ToArray();
        if (options.Baseline == CusumBaseline.WholeHistory)
        {
            var sd = baseline.StandardDeviation;
            var z = values.Select(x => (x - baseline.Mean) / sd).ToArray();
            return (valued, TabularCusum.Run(z, options).Alarms
                .Select(a => new Alarm(a.Index, a.Direction, a.LastZeroIndex, a.ShiftSd, a.ShiftSd * sd))
                .ToArray());
        }

        return (valued, SelfStartingCusum.Run(values, options.SdFloorFraction * baseline.StandardDeviation, options).Alarms
            .Select(a => new Alarm(a.Index, a.Direction, a.LastZeroIndex, a.ShiftSd, a.Shift))
            .ToArray());
    }

    /// <summary>An alarm of either baseline as <see cref="ChangePoint"/> reports it, positions as indices into the
    /// valued weeks.</summary>
    internal sealed record Alarm(int Index, ShiftDirection Direction, int LastZeroIndex, double ShiftSd, double Shift);
}

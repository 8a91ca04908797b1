namespace SoundGraph.Taste.Time;

/// <summary>Measures the change-point detector on SYNTHETIC series (<see cref="SyntheticShiftSeries"/>): how many weeks it
/// takes to find a planted shift, and how often it alarms when nothing changed.</summary>
/// <remarks>Every figure is a pure function of its arguments (seeded <see cref="Random"/>, one per call, drawn in
/// order run by run, so every baseline sees the same series). With <see cref="CusumBaseline.Known"/> the figures should
/// match the ARL theory (<see cref="SiegmundArl"/>); <see cref="CusumBaseline.WholeHistory"/> and
/// <see cref="CusumBaseline.SelfStarting"/> run <see cref="ChangePointDetector"/> as shipped (the options' warm-up and
/// sd floor included) and show what not knowing the baseline costs. The self-starting chart scores nothing in its first
/// <see cref="CusumOptions.WarmUpWeeks"/> weeks, so on a 52-week series it has fewer weeks to alarm in than the known
/// chart. The measured figures (2,000 runs, seed 16, all three baselines) are on <see cref="ChangePointDetector"/>.</remarks>
public static class SyntheticCusumEvaluation
{
    /// <summary>Weeks in a delay series: 104 (two years).</summary>
    public const int SeriesWeeks = 104;

    /// <summary>The planted shift's first week in a delay series: 52 (the second year shifted).</summary>
    public const int ShiftWeek = 52;

    /// <summary>The shifts of <see cref="Delays"/>: 1, 1.5, 2 and 3 sd.</summary>
    public static IReadOnlyList<double> StandardDeltas { get; } = [1, 1.5, 2, 3];

    /// <summary>Mean detection delay of an upward shift of <paramref name="delta"/> sd.</summary>
    /// <param name="delta">The planted shift, sd, &gt; 0 and finite.</param>
    /// <param name="runs">SYNTHETIC series of <see cref="SeriesWeeks"/> weeks, shifted from <see cref="ShiftWeek"/>, ≥ 1.</param>
    /// <param name="seed">Seed of the <see cref="Random"/>.</param>
    /// <param name="baseline">How each series is standardized (this, not <see cref="CusumOptions.Baseline"/>).</param>
    /// <param name="options">k, h, and for <see cref="CusumBaseline.SelfStarting"/> the warm-up and sd floor; null for
    /// the defaults.</param>
    /// <returns>Detected runs (first upward alarm at or after the shift week; earlier alarms reset the sums as they
    /// would, and are counted) and their mean delay in weeks, the shift week counting as week 1; the alarms before the
    /// shift and after the detecting one.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="runs"/> &lt; 1 or <paramref name="delta"/> not
    /// positive and finite.</exception>
    public static SyntheticDelay MeanDetectionDelay(
        double delta, int runs, int seed, CusumBaseline baseline = CusumBaseline.Known, CusumOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        if (!(delta > 0) || !double.IsFinite(delta))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "The shift must be positive and finite.");
        }

        options ??= new CusumOptions();
        var random = new Random(seed);
        var detected = 0;
        var totalDelay = 0L;
        var early = 0;
        var late = 0;
        for (var run = 0; run < runs; run++)
        {
            var series = SyntheticShiftSeries.Generate(random, SeriesWeeks, ShiftWeek, delta);
            var alarms = Alarms(series, baseline, options);
            early += alarms.Count(a => a.Index < ShiftWeek);
            var alarm = alarms.FirstOrDefault(a => a.Direction == ShiftDirection.Up && a.Index >= ShiftWeek);
            if (alarm is not null)
            {
                detected++;
                totalDelay += alarm.Index - ShiftWeek + 1;
                late += alarms.Count(a => a.Index > alarm.Index);
            }
        }

        var mean = detected > 0 ? (double)totalDelay / detected : double.NaN;
        return new SyntheticDelay(delta, runs, detected, mean, SiegmundArl.TwoSided(delta, options.K, options.H), early, late);
    }

    /// <summary>Delays for each of <see cref="StandardDeltas"/>, each from the same <paramref name="seed"/> (common
    /// random numbers, so the shifts differ only by δ).</summary>
    /// <inheritdoc cref="MeanDetectionDelay" path="/param"/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="runs"/> &lt; 1.</exception>
    public static IReadOnlyList<SyntheticDelay> Delays(
        int runs, int seed, CusumBaseline baseline = CusumBaseline.Known, CusumOptions? options = null) =>
        StandardDeltas.Select(d => MeanDetectionDelay(d, runs, seed, baseline, options)).ToArray();

    /// <summary>False alarms per year (52 weeks) on SYNTHETIC series without a shift.</summary>
    /// <param name="runs">Series, ≥ 1.</param>
    /// <param name="seed">Seed of the <see cref="Random"/>.</param>
    /// <param name="weeksPerRun">Weeks per series, ≥ 2 (52: a year of listening, the sums starting from 0).</param>
    /// <param name="baseline">How each series is standardized (this, not <see cref="CusumOptions.Baseline"/>).</param>
    /// <param name="options">k, h, and for <see cref="CusumBaseline.SelfStarting"/> the warm-up and sd floor; null for
    /// the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="runs"/> &lt; 1 or
    /// <paramref name="weeksPerRun"/> &lt; 2.</exception>
    public static SyntheticFalseAlarms FalseAlarmsPerYear(
        int runs, int seed, int weeksPerRun = 52, CusumBaseline baseline = CusumBaseline.Known, CusumOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeksPerRun, 2);
        options ??= new CusumOptions();
        var random = new Random(seed);
        var alarms = 0;
        for (var run = 0; run < runs; run++)
        {
            alarms += Alarms(SyntheticShiftSeries.Generate(random, weeksPerRun, weeksPerRun, 0), baseline, options).Count;
        }

        var perYear = 52.0 * alarms / ((double)runs * weeksPerRun);
        return new SyntheticFalseAlarms(runs, weeksPerRun, alarms, perYear, 52 / SiegmundArl.TwoSided(0, options.K, options.H));
    }

    private static IReadOnlyList<ChangePointDetector.Alarm> Alarms(double[] series, CusumBaseline baseline, CusumOptions options)
    {
        if (baseline == CusumBaseline.Known)
        {
            // Mean 0 and sd 1: z = x, and a shift in sd is one in units.
            return TabularCusum.Run(series, options).Alarms
                .Select(a => new ChangePointDetector.Alarm(a.Index, a.Direction, a.LastZeroIndex, a.ShiftSd, a.ShiftSd))
                .ToArray();
        }

        // The detector as shipped. No gaps in a synthetic series, so the valued positions are 0…n−1 and alarm indices
        // are weeks.
        var centroids = series.Select(x => (double?)x).ToArray();
        return ChangePointDetector.Find(centroids, options with { Baseline = baseline }) is var (_, alarms) ? alarms : [];
    }
}

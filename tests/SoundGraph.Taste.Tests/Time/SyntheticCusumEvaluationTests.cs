using SoundGraph.Taste.Time;
using Xunit.Abstractions;

namespace SoundGraph.Taste.Tests.Time;

/// <summary>The detector on SYNTHETIC series. Bounds come from the ARL theory (Siegmund's approximation and Montgomery's
/// table for k = 0.5, h = 4), not from the measured figures; the figures are printed for ARCHITECTURE.md
/// (<c>--logger "console;verbosity=detailed"</c>).</summary>
public sealed class SyntheticCusumEvaluationTests(ITestOutputHelper output)
{
    private const int Runs = 2000;
    private const int Seed = 16;

    [Fact]
    public void Generate_SameSeed_SameSeries()
    {
        var a = SyntheticShiftSeries.Generate(new Random(7), 30, 10, 2);
        var b = SyntheticShiftSeries.Generate(new Random(7), 30, 10, 2);

        Assert.Equal(a, b);
        Assert.NotEqual(a, SyntheticShiftSeries.Generate(new Random(8), 30, 10, 2));
    }

    [Fact]
    public void Generate_LongSeries_UnitNoiseAndPlantedShift()
    {
        var series = SyntheticShiftSeries.Generate(new Random(1), 200_000, 100_000, 1.5);
        var before = series[..100_000];
        var after = series[100_000..];

        // Standard error of each mean is 1/√100000 ≈ 0.003, of each sd ≈ 0.002.
        Assert.InRange(before.Average(), -0.015, 0.015);
        Assert.InRange(after.Average() - before.Average(), 1.5 - 0.02, 1.5 + 0.02);
        Assert.InRange(Math.Sqrt(before.Sum(x => x * x) / before.Length), 0.99, 1.01);
    }

    [Fact]
    public void Generate_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticShiftSeries.Generate(new Random(1), 10, 11, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticShiftSeries.Generate(new Random(1), 0, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticShiftSeries.Generate(new Random(1), 10, 5, double.NaN));
    }

    [Fact]
    public void MeanDetectionDelay_KnownBaselineTwoSd_WithinTheoreticalArl()
    {
        var delay = SyntheticCusumEvaluation.MeanDetectionDelay(2, Runs, Seed);

        output.WriteLine($"δ = 2: {delay.MeanDelayWeeks:F2} weeks ({delay.Detected}/{delay.Runs}), Siegmund {delay.TheoreticalArl:F2}");
        Assert.Equal(Runs, delay.Detected);
        // Siegmund 3.22, Montgomery's exact zero-state ARL₁ 3.34; starting from the sums' state after 52 in-control
        // weeks instead of 0 can only shorten it a little. The mean's standard error is ≈ 0.03.
        Assert.InRange(delay.MeanDelayWeeks, 2.9, 3.5);
    }

    [Fact]
    public void Delays_KnownBaseline_WithinFifteenPercentOfSiegmundAndFallingWithDelta()
    {
        var delays = SyntheticCusumEvaluation.Delays(Runs, Seed);

        foreach (var d in delays)
        {
            output.WriteLine($"Known baseline, δ = {d.Delta}: {d.MeanDelayWeeks:F2} weeks ({d.Detected}/{d.Runs}), Siegmund {d.TheoreticalArl:F2}, {d.AlarmsBeforeShift} alarms before the shift");
            Assert.Equal(Runs, d.Detected);
            Assert.InRange(d.MeanDelayWeeks, 0.85 * d.TheoreticalArl, 1.15 * d.TheoreticalArl);
            // 52 in-control weeks per run at ARL₀ ≈ 169: about 0.31 false alarms a run, 615 over 2,000 runs.
            Assert.InRange(d.AlarmsBeforeShift, 0.2 * Runs, 0.45 * Runs);
        }

        Assert.Equal([1, 1.5, 2, 3], delays.Select(d => d.Delta));
        Assert.Equal(delays.Select(d => d.MeanDelayWeeks).OrderDescending(), delays.Select(d => d.MeanDelayWeeks));
    }

    [Fact]
    public void FalseAlarmsPerYear_KnownBaseline_NearTwoSidedArl()
    {
        var alarms = SyntheticCusumEvaluation.FalseAlarmsPerYear(Runs, Seed);

        output.WriteLine($"Known baseline: {alarms.PerYear:F3} false alarms/year ({alarms.Alarms} in {alarms.Runs} × {alarms.WeeksPerRun} weeks), Siegmund {alarms.TheoreticalPerYear:F3}");
        // Two-sided ARL₀ ≈ 168–169 weeks → 0.31 a year (one side alone, ARL₀ ≈ 336–338, would give 0.15). About 600
        // alarms are expected, so the rate's standard error is ≈ 0.013.
        Assert.Equal(52 / SiegmundArl.TwoSided(0, 0.5, 4), alarms.TheoreticalPerYear, 12);
        Assert.InRange(alarms.PerYear, 0.24, 0.38);
    }

    [Fact]
    public void FalseAlarmsPerYear_WholeHistoryBaseline_BelowKnownBaselineBound()
    {
        var alarms = SyntheticCusumEvaluation.FalseAlarmsPerYear(Runs, Seed, baseline: CusumBaseline.WholeHistory);

        output.WriteLine($"Whole-history baseline: {alarms.PerYear:F3} false alarms/year ({alarms.Alarms} in {alarms.Runs} × {alarms.WeeksPerRun} weeks)");
        // Standardizing by the series' own mean pulls every sum back towards 0, so it alarms less than the theory's
        // known-baseline chart (0.31 a year).
        Assert.InRange(alarms.PerYear, 0, 0.31);
    }

    [Fact]
    public void Delays_WholeHistoryBaseline_SlowerThanKnownBaseline()
    {
        var known = SyntheticCusumEvaluation.Delays(Runs, Seed);
        var whole = SyntheticCusumEvaluation.Delays(Runs, Seed, CusumBaseline.WholeHistory);

        foreach (var (k, w) in known.Zip(whole))
        {
            output.WriteLine($"Whole-history baseline, δ = {w.Delta}: {w.MeanDelayWeeks:F2} weeks ({w.Detected}/{w.Runs}), {w.AlarmsBeforeShift} alarms before the shift; known baseline {k.MeanDelayWeeks:F2}");
            // Half of a mid-history shift goes into the baseline mean, so the shifted weeks stand out by about half as
            // much: detection is later.
            Assert.True(w.MeanDelayWeeks > k.MeanDelayWeeks, $"δ = {w.Delta}: {w.MeanDelayWeeks} ≤ {k.MeanDelayWeeks}");
            // ... and the pre-shift weeks fall below the shifted baseline: more alarms before the shift.
            Assert.True(w.AlarmsBeforeShift > k.AlarmsBeforeShift, $"δ = {w.Delta}: {w.AlarmsBeforeShift} ≤ {k.AlarmsBeforeShift}");
        }
    }

    [Fact]
    public void Delays_SelfStartingBaseline_BetweenKnownAndOneAndAHalfTimesIt()
    {
        var known = SyntheticCusumEvaluation.Delays(Runs, Seed);
        var whole = SyntheticCusumEvaluation.Delays(Runs, Seed, CusumBaseline.WholeHistory);
        var self = SyntheticCusumEvaluation.Delays(Runs, Seed, CusumBaseline.SelfStarting);

        foreach (var ((k, w), s) in known.Zip(whole).Zip(self))
        {
            output.WriteLine($"Self-starting baseline, δ = {s.Delta}: {s.MeanDelayWeeks:F2} weeks ({s.Detected}/{s.Runs}), {s.AlarmsBeforeShift} alarms before the shift, {s.AlarmsAfterDetection} after the detection; known {k.MeanDelayWeeks:F2} ({k.AlarmsBeforeShift}, {k.AlarmsAfterDetection}), whole history {w.MeanDelayWeeks:F2} ({w.Detected}/{w.Runs}, {w.AlarmsBeforeShift}, {w.AlarmsAfterDetection})");
            // In control the scores are exactly N(0, 1), so the chart is the known-baseline chart, except that the
            // shifted weeks before the alarm enter the running baseline (mean and sd) of the weeks after them: slower
            // than the known baseline, but by far less than half the shift (the whole history's loss) — 52 baseline
            // weeks against a few shifted ones.
            Assert.InRange(s.MeanDelayWeeks, k.MeanDelayWeeks, 1.5 * k.MeanDelayWeeks);
            Assert.True(s.MeanDelayWeeks < w.MeanDelayWeeks, $"δ = {s.Delta}: {s.MeanDelayWeeks} ≥ {w.MeanDelayWeeks}");
            // Missed mostly when a false alarm in the last weeks before the shift restarts the baseline and its warm-up
            // (with the run of weeks that raised the alarm) absorbs the shift: about (8 + a few) / ARL₀ 168 ≈ 7 % of
            // series at most, never 10 %.
            Assert.InRange(s.Detected, 0.9 * Runs, Runs);
            // Before the shift the chart only sees in-control weeks 8–51: about 44 / 168 ≈ 0.26 false alarms a series,
            // and no "down" alarms from a baseline the shift has moved (the whole history's 1–4 a series).
            Assert.InRange(s.AlarmsBeforeShift, 0.15 * Runs, 0.4 * Runs);
            Assert.True(s.AlarmsBeforeShift < w.AlarmsBeforeShift, $"δ = {s.Delta}: {s.AlarmsBeforeShift} ≥ {w.AlarmsBeforeShift}");
            // After the detection the new level is the new normal: in-control alarms only over the ≤ 50 weeks left,
            // less the new warm-up (≈ 40 / 168 ≈ 0.25 a series), where the known baseline raises one about every ARL₁
            // weeks (≥ 5 a series even at 1 sd).
            Assert.InRange(s.AlarmsAfterDetection, 0, 0.45 * Runs);
            Assert.True(k.AlarmsAfterDetection > 5 * Runs, $"δ = {k.Delta}: known {k.AlarmsAfterDetection}");
        }

        Assert.Equal(self.Select(d => d.MeanDelayWeeks).OrderDescending(), self.Select(d => d.MeanDelayWeeks));
    }

    [Fact]
    public void FalseAlarmsPerYear_SelfStartingBaseline_NearKnownBaseline()
    {
        var year = SyntheticCusumEvaluation.FalseAlarmsPerYear(Runs, Seed, baseline: CusumBaseline.SelfStarting);
        var decade = SyntheticCusumEvaluation.FalseAlarmsPerYear(Runs, Seed, 520, CusumBaseline.SelfStarting);

        output.WriteLine($"Self-starting baseline: {year.PerYear:F3} false alarms/year over 52 weeks ({year.Alarms} in {year.Runs} × {year.WeeksPerRun}), {decade.PerYear:F3} over 520 weeks ({decade.Alarms} in {decade.Runs} × {decade.WeeksPerRun}); Siegmund {year.TheoreticalPerYear:F3}");
        // Scores exactly N(0, 1) in control: the known chart's 0.31 a year over the weeks it scores. A first year
        // scores only 44 of 52 weeks (≈ 0.26); over ten years the warm-ups after each false alarm take little, but the
        // new baseline starts at the run of high (or low) weeks that raised the alarm, a bias towards an alarm back
        // the other way. Bounds: the year within 0.15–0.40, the long run at most 0.45 (standard errors ≈ 0.01).
        Assert.InRange(year.PerYear, 0.15, 0.40);
        Assert.InRange(decade.PerYear, year.PerYear, 0.45);
    }

    [Fact]
    public void MeanDetectionDelay_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticCusumEvaluation.MeanDetectionDelay(0, 10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticCusumEvaluation.MeanDetectionDelay(1, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticCusumEvaluation.FalseAlarmsPerYear(10, 1, weeksPerRun: 1));
    }
}

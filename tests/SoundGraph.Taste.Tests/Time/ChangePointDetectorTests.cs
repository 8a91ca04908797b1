using SoundGraph.Taste.Time;

namespace SoundGraph.Taste.Tests.Time;

public sealed class ChangePointDetectorTests
{
    private static readonly CusumOptions WholeHistoryLowH = new() { H = 2, Baseline = CusumBaseline.WholeHistory };

    /// <summary>12 weeks from 2020-W52 (through 2020-W53): energy 0 for six weeks with a value, no value in the fifth
    /// week (2021-W03), then 1 for five weeks.</summary>
    private static readonly IsoWeek[] Weeks = Enumerable.Range(0, 12).Select(i => new IsoWeek(2020, 52).AddWeeks(i)).ToArray();

    private static readonly double?[] Energy = [0, 0, 0, 0, null, 0, 0, 1, 1, 1, 1, 1];

    [Fact]
    public void Detect_WholeHistoryStepWithGap_HandWorkedAlarms()
    {
        // Whole-history baseline over the 11 values: mean 5/11, sample sd √((6 (5/11)² + 5 (6/11)²) / 10) = √(3/11).
        // z = −5/√33 = −0.870388 at 0, 6/√33 = 1.044466 at 1. With k = 0.5, h = 2:
        //   S⁻ grows by 0.370388 per 0-week (the gap adds nothing): 0.370, 0.741, 1.111, 1.482, 1.852, 2.222 > 2 →
        //   down alarm at the sixth valued week, 2021-W05; positive since the start, N = 6,
        //   shift −(0.5 + 2.222330 / 6) = −0.870388 sd = −5/11 in energy (level 0 against the mean 5/11).
        //   After the reset, S⁺ grows by 0.544466 per 1-week: 0.544, 1.089, 1.633, 2.178 > 2 → up alarm at 2021-W09;
        //   last 0 at the reset week 2021-W05, first shifted 2021-W06, N = 4, shift 0.5 + 0.544466 = 6/√33 sd = 6/11.
        var points = ChangePointDetector.Detect(MoodAxis.Energy, Weeks, Energy, WholeHistoryLowH);

        Assert.Equal(2, points.Count);
        var down = points[0];
        Assert.Equal((MoodAxis.Energy, "2021-W05", ShiftDirection.Down), (down.Axis, down.Week.ToString(), down.Direction));
        Assert.Null(down.LastZeroWeek);
        Assert.Equal("2020-W52", down.FirstShiftedWeek.ToString());
        Assert.Equal(-5 / Math.Sqrt(33), down.ShiftSd, 12);
        Assert.Equal(-5.0 / 11, down.Shift, 12);
        var up = points[1];
        Assert.Equal(("2021-W09", ShiftDirection.Up), (up.Week.ToString(), up.Direction));
        Assert.Equal("2021-W05", up.LastZeroWeek!.Value.ToString());
        Assert.Equal("2021-W06", up.FirstShiftedWeek.ToString());
        Assert.Equal(6 / Math.Sqrt(33), up.ShiftSd, 12);
        Assert.Equal(6.0 / 11, up.Shift, 12);
    }

    [Fact]
    public void Detect_WholeHistoryDefaultH_StepTooShortForAlarm()
    {
        // With h = 4 the same sums (at most 2.22 and 2.72) never exceed it.
        Assert.Empty(ChangePointDetector.Detect(MoodAxis.Energy, Weeks, Energy, new CusumOptions { Baseline = CusumBaseline.WholeHistory }));
    }

    [Fact]
    public void Detect_SelfStartingStepInsideWarmUp_OneLateUpAlarm()
    {
        // Default self-starting baseline, warm-up 8: the 11 values 0 0 0 0 0 0 1 1 | 1 1 1 (the gap skipped); the step at
        // the 7th value (2021-W06) falls inside the warm-up, which only builds the baseline (mean 1/4, sd √(3/14) =
        // 0.462910, above the floor ¼ · √(3/11) = 0.130558). Then, n values before, T = (1 − x̄) / s · √(n / (n + 1)):
        //   2021-W08  n = 8   x̄ 1/4  s 0.462910  T 1.527525  7 df  u 1.370693  S⁺ 0.870693
        //   2021-W09  n = 9   x̄ 1/3  s 1/2       T 1.264911  8 df  u 1.171236  S⁺ 1.541929
        //   2021-W10  n = 10  x̄ 2/5  s 0.516398  T 1.107823  9 df  u 1.043612  S⁺ 2.085541
        // h = 4: nothing. h = 2: up at 2021-W10, S⁺ 0 through the warm-up's last week 2021-W07, so the estimated start
        // is 2021-W08, two weeks late; the level 1 against the baseline's 1/4: shift 3/4 in energy, 0.75 / 0.462910 sd.
        // One change, one change point (the whole-history baseline reads it as a drop, then a rise).
        Assert.Empty(ChangePointDetector.Detect(MoodAxis.Energy, Weeks, Energy));

        var point = Assert.Single(ChangePointDetector.Detect(MoodAxis.Energy, Weeks, Energy, new CusumOptions { H = 2 }));

        Assert.Equal(("2021-W10", ShiftDirection.Up), (point.Week.ToString(), point.Direction));
        Assert.Equal(("2021-W07", "2021-W08"), (point.LastZeroWeek!.Value.ToString(), point.FirstShiftedWeek.ToString()));
        Assert.Equal(0.75, point.Shift, 12);
        Assert.Equal(0.75 / Math.Sqrt(3.0 / 14), point.ShiftSd, 12);
    }

    [Fact]
    public void Detect_SelfStartingWithGap_WeeksOfTheHandWorkedRun()
    {
        // The run of SelfStartingCusumTests.Run_HandWorkedTwelveWeeks (warm-up 3), its first 11 values in tenths of
        // energy, with no value in the sixth week (2021-W04). The floor, ¼ of the whole-history sd 0.228433, is 0.057108,
        // below every baseline sd up to the alarm. Valued index 7 (up alarm) is 2021-W07; last zero, valued 4, is
        // 2021-W03; the first shifted week, valued 5, is 2021-W05, after the gap. Shift 13/30 in energy, 6.128 sd.
        double?[] energy = [0.1, 0.3, 0.2, 0.2, 0.2, null, 0.6, 0.7, 0.6, 0.7, 0.5, 0.6];

        var point = Assert.Single(ChangePointDetector.Detect(MoodAxis.Energy, Weeks, energy, new CusumOptions { WarmUpWeeks = 3 }));

        Assert.Equal((MoodAxis.Energy, "2021-W07", ShiftDirection.Up), (point.Axis, point.Week.ToString(), point.Direction));
        Assert.Equal(("2021-W03", "2021-W05"), (point.LastZeroWeek!.Value.ToString(), point.FirstShiftedWeek.ToString()));
        Assert.Equal(13.0 / 30, point.Shift, 12);
        Assert.Equal(13.0 / 3 / Math.Sqrt(0.5), point.ShiftSd, 10);
    }

    [Fact]
    public void Detect_SelfStartingFlatWarmUp_FloorKeepsItQuiet()
    {
        // Eight weeks at exactly 0.5 (the same album), then 0.45 and 0.55 alternating: the whole-history sd is
        // √(0.01 / 11) = 0.030151, the floor 0.007538. First score T = −0.05 / 0.007538 · √(8/9) = −6.254, 7 df,
        // u = −3.526: S⁻ 3.026 < 4; the next week's baseline has a real sd (1/60) and u = +2.474 pulls S⁻ to 0.051. With a
        // floor of 10⁻⁶ of the sd, T = −1.6 × 10⁶ and u = −13.5: a "down" change point of −1.7 million sd at once.
        double?[] valence = [.. Enumerable.Repeat<double?>(0.5, 8), 0.45, 0.55, 0.45, 0.55];

        Assert.Empty(ChangePointDetector.Detect(MoodAxis.Valence, Weeks, valence));
        var spurious = Assert.Single(ChangePointDetector.Detect(MoodAxis.Valence, Weeks, valence, new CusumOptions { SdFloorFraction = 1e-6 }));
        Assert.Equal((8, ShiftDirection.Down), (Array.IndexOf(Weeks, spurious.Week), spurious.Direction));
        Assert.True(spurious.ShiftSd < -1e5, $"{spurious.ShiftSd}");
    }

    [Fact]
    public void Detect_NonFiniteCentroid_Throws() =>
        Assert.Throws<ArgumentException>(() => ChangePointDetector.Detect(MoodAxis.Energy, Weeks[..3], [0.1, double.NaN, 0.3]));

    [Fact]
    public void Detect_ConstantOrSingleValue_NoChangePoints()
    {
        foreach (var options in new[] { WholeHistoryLowH, new CusumOptions { H = 2, WarmUpWeeks = 2 } })
        {
            Assert.Empty(ChangePointDetector.Detect(MoodAxis.Energy, Weeks, Enumerable.Repeat<double?>(0.5, 12).ToArray(), options));
            Assert.Empty(ChangePointDetector.Detect(MoodAxis.Energy, Weeks[..2], [0.5, null], options));
        }
    }

    [Fact]
    public void Detect_LengthMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => ChangePointDetector.Detect(MoodAxis.Energy, Weeks, [0.5]));

    [Fact]
    public void Detect_WeeklyTaste_FindsEnergyShiftOnly_BothBaselines()
    {
        // The same step through the aggregator: one 2-minute play a week (Wednesday noon UTC), no play in 2021-W03;
        // track 1 has energy 0, track 2 energy 1; both valence 0.5 (constant: no change point).
        var tracks = new Dictionary<long, IReadOnlyDictionary<MoodAxis, double>>
        {
            [1] = new Dictionary<MoodAxis, double> { [MoodAxis.Energy] = 0, [MoodAxis.Valence] = 0.5 },
            [2] = new Dictionary<MoodAxis, double> { [MoodAxis.Energy] = 1, [MoodAxis.Valence] = 0.5 },
        };
        var plays = Enumerable.Range(0, 12)
            .Where(i => Energy[i].HasValue)
            .Select(i => new Play(
                new DateTimeOffset(Weeks[i].Monday.AddDays(2).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
                Energy[i] == 0 ? 1 : 2,
                120_000));
        var taste = WeeklyAggregator.Aggregate(plays, id => tracks[id], TimeZoneInfo.Utc);

        var points = ChangePointDetector.Detect(taste, WholeHistoryLowH);

        Assert.Equal(12, taste.Weeks.Count);
        Assert.Equal(
            [(MoodAxis.Energy, "2021-W05", ShiftDirection.Down), (MoodAxis.Energy, "2021-W09", ShiftDirection.Up)],
            points.Select(p => (p.Axis, p.Week.ToString(), p.Direction)));
        // Self-starting (Detect_SelfStartingStepInsideWarmUp_OneLateUpAlarm): one up change point.
        Assert.Equal(
            [(MoodAxis.Energy, "2021-W10", ShiftDirection.Up)],
            ChangePointDetector.Detect(taste, new CusumOptions { H = 2 }).Select(p => (p.Axis, p.Week.ToString(), p.Direction)));
    }
}

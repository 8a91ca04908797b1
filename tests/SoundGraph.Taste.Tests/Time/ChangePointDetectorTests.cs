using SoundGraph.Taste.Time;

namespace SoundGraph.Taste.Tests.Time;

public sealed class ChangePointDetectorTests
{
    private static readonly CusumOptions LowH = new() { H = 2 };

    /// <summary>12 weeks from 2020-W52 (through 2020-W53): energy 0 for six weeks with a value, no value in the fifth
    /// week (2021-W03), then 1 for five weeks.</summary>
    private static readonly IsoWeek[] Weeks = Enumerable.Range(0, 12).Select(i => new IsoWeek(2020, 52).AddWeeks(i)).ToArray();

    private static readonly double?[] Energy = [0, 0, 0, 0, null, 0, 0, 1, 1, 1, 1, 1];

    [Fact]
    public void Detect_StepWithGap_HandWorkedAlarms()
    {
        // Whole-history baseline over the 11 values: mean 5/11, sample sd √((6 (5/11)² + 5 (6/11)²) / 10) = √(3/11).
        // z = −5/√33 = −0.870388 at 0, 6/√33 = 1.044466 at 1. With k = 0.5, h = 2:
        //   S⁻ grows by 0.370388 per 0-week (the gap adds nothing): 0.370, 0.741, 1.111, 1.482, 1.852, 2.222 > 2 →
        //   down alarm at the sixth valued week, 2021-W05; positive since the start, N = 6,
        //   shift −(0.5 + 2.222330 / 6) = −0.870388 sd = −5/11 in energy (level 0 against the mean 5/11).
        //   After the reset, S⁺ grows by 0.544466 per 1-week: 0.544, 1.089, 1.633, 2.178 > 2 → up alarm at 2021-W09;
        //   last 0 at the reset week 2021-W05, first shifted 2021-W06, N = 4, shift 0.5 + 0.544466 = 6/√33 sd = 6/11.
        var points = ChangePointDetector.Detect(MoodAxis.Energy, Weeks, Energy, LowH);

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
    public void Detect_DefaultH_StepTooShortForAlarm()
    {
        // With h = 4 the same sums (at most 2.22 and 2.72) never exceed it.
        Assert.Empty(ChangePointDetector.Detect(MoodAxis.Energy, Weeks, Energy));
    }

    [Fact]
    public void Detect_ConstantOrSingleValue_NoChangePoints()
    {
        Assert.Empty(ChangePointDetector.Detect(MoodAxis.Energy, Weeks, Enumerable.Repeat<double?>(0.5, 12).ToArray(), LowH));
        Assert.Empty(ChangePointDetector.Detect(MoodAxis.Energy, Weeks[..2], [0.5, null], LowH));
    }

    [Fact]
    public void Detect_LengthMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => ChangePointDetector.Detect(MoodAxis.Energy, Weeks, [0.5]));

    [Fact]
    public void Detect_WeeklyTaste_FindsEnergyShiftOnly()
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

        var points = ChangePointDetector.Detect(taste, LowH);

        Assert.Equal(12, taste.Weeks.Count);
        Assert.Equal(
            [(MoodAxis.Energy, "2021-W05", ShiftDirection.Down), (MoodAxis.Energy, "2021-W09", ShiftDirection.Up)],
            points.Select(p => (p.Axis, p.Week.ToString(), p.Direction)));
    }
}

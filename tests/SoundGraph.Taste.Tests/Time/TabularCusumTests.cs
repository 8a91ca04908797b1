using SoundGraph.Taste.Time;

namespace SoundGraph.Taste.Tests.Time;

public sealed class TabularCusumTests
{
    [Fact]
    public void Run_HandWorkedTenSteps_SumsAndTwoAlarms()
    {
        // k = 0.5, h = 4.
        //  t   z     S⁺ = max(0, S⁺ + z − 0.5)    S⁻ = max(0, S⁻ − z − 0.5)
        //  0   0.2   0                           0
        //  1  −0.4   0                           0                (−0.1 → 0)
        //  2   1.5   1.0                         0
        //  3   2.0   2.5                         0
        //  4   1.0   3.0                         0
        //  5   1.6   4.1 > 4: up alarm           0     S⁺ last 0 at t = 1, N = 4, shift 0.5 + 4.1 / 4 = 1.525; reset
        //  6   0.3   0                           0
        //  7  −1.0   0                           0.5
        //  8  −2.5   0                           2.5
        //  9  −2.2   0                           4.2 > 4: down alarm; S⁻ last 0 at t = 6, N = 3, shift −(0.5 + 1.4) = −1.9
        var trace = TabularCusum.Run([0.2, -0.4, 1.5, 2.0, 1.0, 1.6, 0.3, -1.0, -2.5, -2.2]);

        Assert.Equal([0, 0, 1.0, 2.5, 3.0, 4.1, 0, 0, 0, 0], trace.Upper.Select(s => Math.Round(s, 12)));
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0.5, 2.5, 4.2], trace.Lower.Select(s => Math.Round(s, 12)));
        Assert.Equal(2, trace.Alarms.Count);
        var up = trace.Alarms[0];
        Assert.Equal((5, ShiftDirection.Up, 1, 4), (up.Index, up.Direction, up.LastZeroIndex, up.RunLength));
        Assert.Equal(4.1, up.Sum, 12);
        Assert.Equal(1.525, up.ShiftSd, 12);
        var down = trace.Alarms[1];
        Assert.Equal((9, ShiftDirection.Down, 6, 3), (down.Index, down.Direction, down.LastZeroIndex, down.RunLength));
        Assert.Equal(4.2, down.Sum, 12);
        Assert.Equal(-1.9, down.ShiftSd, 12);
    }

    [Fact]
    public void Run_SumEqualToH_NoAlarmUntilItExceeds()
    {
        // S⁺ = 4.5 − 0.5 = 4.0, not above h; then 4.0 + 0.6 − 0.5 = 4.1: alarm, positive since before the first value.
        var trace = TabularCusum.Run([4.5, 0.6]);

        var alarm = Assert.Single(trace.Alarms);
        Assert.Equal(1, alarm.Index);
        Assert.Equal(-1, alarm.LastZeroIndex);
        Assert.Equal(2, alarm.RunLength);
        Assert.Equal(0.5 + (4.1 / 2), alarm.ShiftSd, 12);
    }

    [Fact]
    public void Run_OtherKAndH_UsesThem()
    {
        // k = 0, h = 1: S⁺ = 0.6, 1.2 > 1 → alarm at t = 1, shift 0 + 1.2 / 2 = 0.6.
        var trace = TabularCusum.Run([0.6, 0.6], new CusumOptions { K = 0, H = 1 });

        var alarm = Assert.Single(trace.Alarms);
        Assert.Equal(1, alarm.Index);
        Assert.Equal(0.6, alarm.ShiftSd, 12);
    }

    [Fact]
    public void Run_NoShift_NoAlarm()
    {
        var trace = TabularCusum.Run([0.4, -0.4, 0.5, -0.5, 1.0, -1.0]);

        Assert.Empty(trace.Alarms);
        Assert.All(trace.Upper.Concat(trace.Lower), s => Assert.True(s <= 0.5 + 1e-12));
    }

    [Fact]
    public void Run_NonFiniteValue_Throws() =>
        Assert.Throws<ArgumentException>(() => TabularCusum.Run([0.1, double.NaN]));

    [Fact]
    public void Options_InvalidKOrH_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CusumOptions { K = -0.1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new CusumOptions { H = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new CusumOptions { H = double.PositiveInfinity });
        Assert.Equal((0.5, 4.0), (new CusumOptions().K, new CusumOptions().H));
    }
}

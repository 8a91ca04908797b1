using SoundGraph.Taste.Time;

namespace SoundGraph.Taste.Tests.Time;

public sealed class ListeningClockTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static ListeningClock ClockOf(params Play[] plays) =>
        WeeklyAggregator.Aggregate(plays, _ => null, Berlin).Clock;

    [Fact]
    public void Clock_PlayAcrossLocalHour_SplitsMinutes()
    {
        // Ends Wednesday 13:10 UTC = 14:10 CET after 20 minutes: 10 min in 13:00–14:00, 10 in 14:00–15:00.
        var clock = ClockOf(new Play(new DateTimeOffset(2021, 1, 6, 13, 10, 0, TimeSpan.Zero), 1, 20 * 60_000));

        Assert.Equal(10, clock.Minutes(DayOfWeek.Wednesday, 13), 12);
        Assert.Equal(10, clock.Minutes(DayOfWeek.Wednesday, 14), 12);
        Assert.Equal(20, clock.TotalMinutes, 12);
        Assert.Equal(10, clock.Cells[(2 * 24) + 13], 12);   // Monday first: Wednesday is day 2
    }

    [Fact]
    public void Clock_PlayAcrossLocalMidnight_SplitsSundayAndMonday()
    {
        // Ends 2021-01-10 23:05 UTC = Monday 00:05 CET after 10 minutes.
        var clock = ClockOf(new Play(new DateTimeOffset(2021, 1, 10, 23, 5, 0, TimeSpan.Zero), 1, 10 * 60_000));

        Assert.Equal(5, clock.Minutes(DayOfWeek.Sunday, 23), 12);
        Assert.Equal(5, clock.Minutes(DayOfWeek.Monday, 0), 12);
        Assert.Equal(5, clock.Cells[0], 12);
        Assert.Equal(5, clock.Cells[ListeningClock.CellCount - 1], 12);
    }

    [Fact]
    public void Clock_SpringForward_SkippedHourGetsNothing()
    {
        // 2021-03-28 00:30–01:30 UTC is 01:30 CET to 03:30 CEST: 30 min at 01:00, none at 02:00, 30 at 03:00.
        var clock = ClockOf(new Play(new DateTimeOffset(2021, 3, 28, 1, 30, 0, TimeSpan.Zero), 1, 60 * 60_000));

        Assert.Equal(30, clock.Minutes(DayOfWeek.Sunday, 1), 12);
        Assert.Equal(0, clock.Minutes(DayOfWeek.Sunday, 2));
        Assert.Equal(30, clock.Minutes(DayOfWeek.Sunday, 3), 12);
    }

    [Fact]
    public void Clock_FallBack_RepeatedHourGathersBothPasses()
    {
        // 2021-10-31 00:00–01:30 UTC is 02:00 CEST to 02:30 CET: 90 minutes, all of them in the local hour 02:00.
        var clock = ClockOf(new Play(new DateTimeOffset(2021, 10, 31, 1, 30, 0, TimeSpan.Zero), 1, 90 * 60_000));

        Assert.Equal(90, clock.Minutes(DayOfWeek.Sunday, 2), 12);
        Assert.Equal(90, clock.TotalMinutes, 12);
    }

    [Fact]
    public void Clock_CappedAndSkippedPlays_CountsOnlyCountedMinutes()
    {
        var end = new DateTimeOffset(2021, 1, 6, 13, 50, 0, TimeSpan.Zero);   // 14:50 CET

        var clock = ClockOf(new Play(end, 1, 600_000, 240_000), new Play(end, 2, 4_000));

        Assert.Equal(4, clock.Minutes(DayOfWeek.Wednesday, 14), 12);
        Assert.Equal(4, clock.TotalMinutes, 12);
    }

    [Fact]
    public void Minutes_HourOutOfRange_Throws()
    {
        var clock = ClockOf();

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Minutes(DayOfWeek.Monday, 24));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Minutes((DayOfWeek)7, 0));
    }
}

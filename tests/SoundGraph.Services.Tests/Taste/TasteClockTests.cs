using SoundGraph.Services.Taste;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Services.Tests.Taste;

/// <summary><see cref="TasteClocks"/> on <see cref="TasteFixture"/>'s ann, worked by hand: each counted play's minutes
/// laid back from its end time into the local weekday × hour cell.</summary>
public sealed class TasteClockTests
{
    private static int Cell(int day, int hour) => (24 * day) + hour;

    /// <remarks>UTC: Tue 09:56–10:00 One 4 min; Wed 09:58–10:00 Two 2; Wed 11:56–12:00 One 4 (5 min capped at the
    /// track's 4); Thu 11:59–12:00 Three 1; Sun 23:27–23:30 Two 3; Wed 08:58:30–09:00 Two 1.5; Thu 08:59–09:00 Four 1.
    /// The 10 s skip is out. Busiest: Tue 09 and Wed 11 tie at 4, the earlier cell wins.</remarks>
    [Theory]
    [StoreProviders]
    public async Task Build_WholeHistoryInUtc_HandWorkedCells(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await TasteFixture.WriteAsync(temp.Store);

        var clock = await TasteClocks.BuildAsync(temp.Store.Taste, ids.Ann, 12);

        var expected = new double[168];
        expected[Cell(1, 9)] = 4;
        expected[Cell(2, 9)] = 2;
        expected[Cell(2, 11)] = 4;
        expected[Cell(3, 11)] = 1;
        expected[Cell(6, 23)] = 3;
        expected[Cell(2, 8)] = 1.5;
        expected[Cell(3, 8)] = 1;
        Assert.Equal(expected, clock.Minutes.Select(m => Math.Round(m, 9)));
        Assert.Equal(16.5, clock.TotalMinutes, 9);
        Assert.Equal(("UTC", "2023-W45", "2024-W04", 1, 9), (clock.TimeZone, clock.FirstWeek, clock.LastWeek, clock.PeakDay!.Value, clock.PeakHour!.Value));
    }

    [Theory]
    [StoreProviders]
    public async Task Build_OneWeekInTheStoredZone_OnlyTheLastWeekOnBerlinTime(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await TasteFixture.WriteAsync(temp.Store);
        await TasteAggregation.RunAsync(temp.Store, ids.Ann, "Europe/Berlin");

        var all = await TasteClocks.BuildAsync(temp.Store.Taste, ids.Ann, 12);
        var last = await TasteClocks.BuildAsync(temp.Store.Taste, ids.Ann, 1);

        // Sunday 23:27–23:30 UTC is Monday 00:27–00:30 in Berlin (UTC+1 in January).
        Assert.Equal(3, all.Minutes[Cell(0, 0)], 9);
        Assert.Equal(0, all.Minutes[Cell(6, 23)]);
        Assert.Equal(4, all.Minutes[Cell(1, 10)], 9); // Tue 10:56–11:00 Berlin
        // 2024-W04 only: Wed 09:58:30–10:00 Two 1.5 and Thu 09:59–10:00 Four 1 (Berlin).
        Assert.Equal(("Europe/Berlin", "2024-W04", "2024-W04", 2.5), (last.TimeZone, last.FirstWeek, last.LastWeek, Math.Round(last.TotalMinutes, 9)));
        Assert.Equal(1.5, last.Minutes[Cell(2, 9)], 9);
        Assert.Equal(1, last.Minutes[Cell(3, 9)], 9);
    }

    [Theory]
    [StoreProviders]
    public async Task Build_ListenerWithoutPlays_EmptyClock(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await TasteFixture.WriteAsync(temp.Store);
        var carl = await Dapper.SqlMapper.ExecuteScalarAsync<long>(temp.Store.Connection, "SELECT id FROM users WHERE key = 'test:user:carl'");

        var clock = await TasteClocks.BuildAsync(temp.Store.Taste, carl);

        Assert.Null(clock.FirstWeek);
        Assert.Null(clock.PeakDay);
        Assert.Equal(168, clock.Minutes.Count);
        Assert.All(clock.Minutes, m => Assert.Equal(0, m));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TasteClocks.BuildAsync(temp.Store.Taste, carl, 0));
    }
}

using SoundGraph.Services.Taste;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Services.Tests.Taste;

/// <summary><see cref="TasteReports"/> over <see cref="TasteFixture"/>'s stored aggregates: the window, its KPIs, the
/// axes' trends and the outliers, worked by hand.</summary>
public sealed class TasteReportTests
{
    private const double Eps = 1e-12;

    private static double Entropy(params double[] minutes)
    {
        var total = minutes.Sum();
        return -minutes.Sum(m => m / total * Math.Log2(m / total)) / Math.Log2(9);
    }

    [Theory]
    [StoreProviders]
    public async Task Build_BeforeAggregation_IsNull_AndTheWindowIsChecked(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await TasteFixture.WriteAsync(temp.Store);

        Assert.Null(await TasteReports.BuildAsync(temp.Store, ids.Ann));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TasteReports.BuildAsync(temp.Store, ids.Ann, weeks: 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TasteReports.BuildAsync(temp.Store, ids.Ann, weeks: 521));
    }

    /// <remarks>The last three weeks, W02–W04: 3 + 0 + 2 counted plays, 8 + 0 + 2.5 minutes, coverage (8·7/8 + 2.5)/10.5,
    /// diversity the minute-weighted mean of W02's and W04's (W03 has none). Energy: centroids 3.8/7, none, 0.32; the
    /// last EMA and momentum are W04's (see <see cref="TasteAggregationTests"/>).</remarks>
    [Theory]
    [StoreProviders]
    public async Task Build_LastThreeWeeks_WindowTotalsAndTrendsByHand(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await TasteFixture.WriteAsync(temp.Store);
        await TasteAggregation.RunAsync(temp.Store, ids.Ann);

        var report = (await TasteReports.BuildAsync(temp.Store, ids.Ann, weeks: 3))!;

        Assert.Equal((ids.Ann, "UTC", "2024-W01", "2024-W04"), (report.UserId, report.TimeZone, report.FirstWeek, report.LastWeek));
        Assert.Equal(["2024-W02", "2024-W03", "2024-W04"], report.Weeks);
        Assert.Equal((5L, 10.5), (report.CountedPlays, report.Minutes));
        Assert.Equal(9.5 / 10.5, report.Coverage, Eps);
        Assert.Equal(((8 * Entropy(4, 3)) + (2.5 * Entropy(1.5, 1))) / 10.5, report.Diversity!.Value, Eps);
        Assert.Equal((await temp.Store.Taste.TotalsAsync(ids.Ann))[^1].MomentumIndex, report.MomentumIndex);
        Assert.NotNull(report.MomentumIndex);

        Assert.Equal(["energy", "valence", "tempo"], report.Axes.Select(a => a.Axis));
        Assert.Equal(["0–1", "0–1", "BPM"], report.Axes.Select(a => a.Unit));
        var energy = report.Axes[0];
        Assert.Equal(3, energy.Centroids.Count);
        Assert.Equal(3.8 / 7, energy.Centroids[0]!.Value, Eps);
        Assert.Null(energy.Centroids[1]);
        Assert.Equal(0.32, energy.Centroids[2]!.Value, Eps);
        var ema2 = (0.6 * 0.6) + (0.4 * 3.8 / 7);
        var ema4 = (0.6 * ema2) + (0.4 * 0.32);
        Assert.Equal(ema4, energy.Ema!.Value, Eps);
        Assert.Equal(ema4 - ema2, energy.Momentum!.Value, Eps);
        Assert.Equal(126, report.Axes[2].Centroids[2]!.Value, 1e-9);
        Assert.Empty(report.Changes);

        // A window longer than the history holds every week.
        var all = (await TasteReports.BuildAsync(temp.Store, ids.Ann))!;
        Assert.Equal(["2024-W01", "2024-W02", "2024-W03", "2024-W04"], all.Weeks);
        Assert.Equal((7L, 16.5), (all.CountedPlays, all.Minutes));
        Assert.Equal(15.5 / 16.5, all.Coverage, Eps);
    }

    /// <remarks>Counted minutes of the last 90 days per track: One 4 + 4 = 8, Two 2 + 3 + 1.5 = 6.5 (the skip left out),
    /// Four 1 (Three has no axes). Per axis the minute-weighted centroid and sd over these three: energy
    /// (6.4 + 1.3 + 0.5)/15.5 = 0.529032…, sd 0.288705…; valence (4.8 + 2.6 + 0.9)/15.5 = 0.535484…, sd 0.135714…; tempo
    /// (960 + 585 + 180)/15.5 = 111.290…, sd 23.1045…. z of Four: energy −0.1006, valence 2.6859, tempo 2.9739 → axis
    /// tempo, distance √(mean z²) = 2.3143; Two: −1.1397, −0.9983, −0.9215 → energy, 1.0238; One: 0.9386, 0.4754, 0.3770
    /// → energy, 0.6452. A play of Four 97 days before the last listen is outside the period and changes nothing.</remarks>
    [Theory]
    [StoreProviders]
    public async Task Build_Outliers_FarthestFromTheNinetyDayCentreWithTheirAxis(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await TasteFixture.WriteAsync(temp.Store);
        await TasteFixture.AddListenAsync(temp.Store, TasteFixture.Listen("ann", "Four", "2023-10-20T09:00:00Z", 60_000));
        await TasteAggregation.RunAsync(temp.Store, ids.Ann);

        var report = (await TasteReports.BuildAsync(temp.Store, ids.Ann, weeks: 4, outliers: 5))!;

        Assert.Equal("2023-W42", report.FirstWeek);
        Assert.Equal(
        [
            (ids.Tracks["Four"], "Four — Artist A", 2.314310286, "tempo", 180.0, 111.290322581, 2.973862749),
            (ids.Tracks["Two"], "Two — Artist A", 1.023817917, "energy", 0.2, 0.529032258, -1.139682589),
            (ids.Tracks["One"], "One — Artist A", 0.645237124, "energy", 0.8, 0.529032258, 0.938562132),
        ], report.Outliers.Select(o => (o.TrackId, o.Name, Math.Round(o.Distance, 9), o.Axis, Math.Round(o.Value, 9), Math.Round(o.Centre, 9), Math.Round(o.Z, 9))));

        var two = (await TasteReports.BuildAsync(temp.Store, ids.Ann, outliers: 2))!;
        Assert.Equal([ids.Tracks["Four"], ids.Tracks["Two"]], two.Outliers.Select(o => o.TrackId));
        Assert.Empty((await TasteReports.BuildAsync(temp.Store, ids.Ann, outliers: 0))!.Outliers);
    }
}

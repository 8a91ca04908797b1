using SoundGraph.Services.Taste;
using SoundGraph.Storage.Taste;
using SoundGraph.Storage.Tests;
using SoundGraph.Taste;
using SoundGraph.Taste.Time;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Services.Tests.Taste;

/// <summary><see cref="TasteAggregation"/> on <see cref="TasteFixture"/>: weekly centroids worked by hand, minute
/// weighting, the skip left out, the stored state, and when a second run recomputes.</summary>
public sealed class TasteAggregationTests
{
    private const double Eps = 1e-12;

    private static TasteWeekRow Row(IEnumerable<TasteWeekRow> rows, string week, string axis) => rows.Single(r => r.Week == week && r.Axis == axis);

    /// <remarks>UTC weeks (minutes in brackets). W01: One (4) and Two (2), the 10 s skip of Two left out: energy
    /// (0.8·4 + 0.2·2)/6 = 0.6, variance (4·0.2² + 2·0.4²)/6 = 0.08; valence 3.2/6; tempo (120·4 + 90·2)/6 = 110. W02:
    /// One (300 s capped at 240 s: 4), Three (1, no axes), Two (3, Sunday 23:30): energy (3.2 + 0.6)/7, over 7 of 8
    /// minutes, coverage 7/8. W03: empty. W04: Two (1.5) and Four (1): energy (0.3 + 0.5)/2.5 = 0.32, valence
    /// (0.6 + 0.9)/2.5 = 0.6, tempo (135 + 180)/2.5 = 126. EMA (α = 0.4) of energy: 0.6, 0.6·0.6 + 0.4·3.8/7, carried over
    /// W03, then 0.6·that + 0.4·0.32. Diversity: W01 4 min in cell 7 (high energy, mid valence) and 2 in cell 1,
    /// H(2/3, 1/3)/log₂ 9.</remarks>
    [Theory]
    [StoreProviders]
    public async Task Run_Fixture_StoresHandWorkedWeeklyCentroidsTotalsAndState(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await TasteFixture.WriteAsync(temp.Store);

        var result = await TasteAggregation.RunAsync(temp.Store, ids.Ann);

        Assert.Equal((ids.Ann, true, 4, 7L, 8L, 0), (result.UserId, result.Recomputed, result.Weeks, result.CountedPlays, result.Plays!.Value, result.ChangePoints));
        Assert.Equal((6 + 7 + 2.5) / 16.5, result.Coverage, Eps); // covered minutes over counted minutes
        var totals = await temp.Store.Taste.TotalsAsync(ids.Ann);
        Assert.Equal(["2024-W01", "2024-W02", "2024-W03", "2024-W04"], totals.Select(t => t.Week));
        Assert.Equal([2L, 3, 0, 2], totals.Select(t => t.Plays));
        Assert.Equal([6.0, 8, 0, 2.5], totals.Select(t => t.Minutes));
        Assert.Equal([1.0, 7.0 / 8, 0, 1], totals.Select(t => t.Coverage));
        Assert.Equal(Entropy(4, 2), totals[0].Diversity!.Value, Eps);
        Assert.Equal(Entropy(4, 3), totals[1].Diversity!.Value, Eps);
        Assert.Null(totals[2].Diversity);
        Assert.Equal(Entropy(1.5, 1), totals[3].Diversity!.Value, Eps);
        Assert.Null(totals[0].MomentumIndex); // no EMA change before the second week

        var weeks = await temp.Store.Taste.WeeksAsync(ids.Ann);
        Assert.Equal(9, weeks.Count); // three axes in three weeks with values; none in W03
        Assert.DoesNotContain(weeks, w => w.Week == "2024-W03");
        var w01 = Row(weeks, "2024-W01", "energy");
        Assert.Equal((0.6, 0.08, 2L, 6.0), (Math.Round(w01.Mean, 12), Math.Round(w01.Variance, 12), w01.Plays, w01.Minutes));
        Assert.Equal(3.2 / 6, Row(weeks, "2024-W01", "valence").Mean, Eps);
        Assert.Equal(110, Row(weeks, "2024-W01", "tempo").Mean, 1e-9);
        Assert.Equal(200, Row(weeks, "2024-W01", "tempo").Variance, 1e-9); // (4·10² + 2·20²)/6
        var w02 = Row(weeks, "2024-W02", "energy");
        Assert.Equal((2L, 7.0), (w02.Plays, w02.Minutes));
        Assert.Equal(3.8 / 7, w02.Mean, Eps);
        Assert.Equal((4 * 0.8 * 0.8 + 3 * 0.2 * 0.2) / 7 - (3.8 / 7 * 3.8 / 7), w02.Variance, Eps);
        var w04 = Row(weeks, "2024-W04", "energy");
        Assert.Equal(0.32, w04.Mean, Eps);
        Assert.Equal(0.6, Row(weeks, "2024-W04", "valence").Mean, Eps);
        Assert.Equal(126, Row(weeks, "2024-W04", "tempo").Mean, 1e-9);

        // EMA and momentum of energy.
        var ema2 = (0.6 * 0.6) + (0.4 * 3.8 / 7);
        var ema4 = (0.6 * ema2) + (0.4 * 0.32);
        Assert.Equal(0.6, w01.Ema!.Value, Eps);
        Assert.Null(w01.Momentum);
        Assert.Equal(ema2, w02.Ema!.Value, Eps);
        Assert.Equal(ema2 - 0.6, w02.Momentum!.Value, Eps);
        Assert.Equal(ema4, w04.Ema!.Value, Eps);
        Assert.Equal(ema4 - ema2, w04.Momentum!.Value, Eps); // W03 carried the EMA unchanged

        var state = await temp.Store.Taste.StateAsync(ids.Ann);
        Assert.Equal("UTC", state!.TimeZone);
        Assert.Equal(await temp.Store.Taste.MaxListenIdAsync(ids.Ann), state.MaxListenId);
        Assert.Empty(await temp.Store.Taste.ChangesAsync(ids.Ann));

        // bob's listens are not ann's, and ann's aggregation stored nothing for bob.
        Assert.Empty(await temp.Store.Taste.TotalsAsync(ids.Bob));
        Assert.Null(await temp.Store.Taste.StateAsync(ids.Bob));
        var bob = await TasteAggregation.RunAsync(temp.Store, ids.Bob);
        Assert.Equal((2, 2L, 2L), (bob.Weeks, bob.CountedPlays, bob.Plays!.Value));
        Assert.Equal([("2024-W02", 0.8), ("2024-W03", 0.2)], (await temp.Store.Taste.WeeksAsync(ids.Bob)).Where(w => w.Axis == "energy").Select(w => (w.Week, w.Mean)));
        Assert.Equal(4, (await temp.Store.Taste.TotalsAsync(ids.Ann)).Count);
    }

    [Theory]
    [StoreProviders]
    public async Task Run_SecondRun_SkipsUnlessNewListenOtherZoneNewAxesOrForce(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var store = temp.Store;
        var ids = await TasteFixture.WriteAsync(store);

        Assert.True((await TasteAggregation.RunAsync(store, ids.Ann)).Recomputed);
        var again = await TasteAggregation.RunAsync(store, ids.Ann);
        Assert.Equal(new AggregationResult(ids.Ann, false, 4, 7, null, again.Coverage, 0), again);
        Assert.Equal((6 + 7 + 2.5) / 16.5, again.Coverage, Eps); // read back from the stored totals
        Assert.True((await TasteAggregation.RunAsync(store, ids.Ann, force: true)).Recomputed);

        // A new listen (W05) makes the aggregates stale.
        await TasteFixture.AddListenAsync(store, TasteFixture.Listen("ann", "One", "2024-01-31T10:00:00Z", 240_000));
        var fresh = await TasteAggregation.RunAsync(store, ids.Ann);
        Assert.Equal((true, 5, 8L, 9L), (fresh.Recomputed, fresh.Weeks, fresh.CountedPlays, fresh.Plays!.Value));
        Assert.False((await TasteAggregation.RunAsync(store, ids.Ann)).Recomputed);

        // A listen of another listener does not.
        await TasteFixture.AddListenAsync(store, TasteFixture.Listen("bob", "One", "2024-02-01T10:00:00Z", 240_000));
        Assert.False((await TasteAggregation.RunAsync(store, ids.Ann)).Recomputed);

        // Another time zone recomputes and is kept for the next runs.
        Assert.True((await TasteAggregation.RunAsync(store, ids.Ann, "Europe/Berlin")).Recomputed);
        Assert.Equal("Europe/Berlin", (await store.Taste.StateAsync(ids.Ann))!.TimeZone);
        Assert.False((await TasteAggregation.RunAsync(store, ids.Ann)).Recomputed);
        Assert.False((await TasteAggregation.RunAsync(store, ids.Ann, "Europe/Berlin")).Recomputed);
        Assert.True((await TasteAggregation.RunAsync(store, ids.Ann, "UTC")).Recomputed);

        // Track axes scored after the aggregation, even within the same second as its stored time, recompute it.
        var state = (await store.Taste.StateAsync(ids.Ann))!;
        var axes = await store.Taste.TrackAxesAsync();
        await store.Taste.ReplaceTrackAxesAsync([.. axes.Select(a => a.Axis == "energy" && a.TrackId == ids.Tracks["One"] ? a with { Value = 0.9 } : a)], state.ComputedAt);
        Assert.True((await TasteAggregation.RunAsync(store, ids.Ann)).Recomputed);
        Assert.Equal(0.9, Row(await store.Taste.WeeksAsync(ids.Ann), "2024-W05", "energy").Mean, Eps);
    }

    /// <remarks>In Europe/Berlin (UTC+1 in January) ann's Sunday 23:30 UTC play of Two is Monday 00:30, in W03: W02 keeps
    /// One (4 min, energy 0.8) and Three (1 min, no axes), coverage 4/5; W03 has Two alone (3 min, energy 0.2).</remarks>
    [Theory]
    [StoreProviders]
    public async Task Run_TimeZone_PlayNearTheWeekBoundaryMovesToTheNextWeek(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await TasteFixture.WriteAsync(temp.Store);

        var result = await TasteAggregation.RunAsync(temp.Store, ids.Ann, "Europe/Berlin");

        Assert.Equal((4, 7L), (result.Weeks, result.CountedPlays));
        var totals = await temp.Store.Taste.TotalsAsync(ids.Ann);
        Assert.Equal([(2L, 6.0, 1.0), (2, 5, 0.8), (1, 3, 1), (2, 2.5, 1)], totals.Select(t => (t.Plays, t.Minutes, t.Coverage)));
        var energy = (await temp.Store.Taste.WeeksAsync(ids.Ann)).Where(w => w.Axis == "energy").ToList();
        Assert.Equal(["2024-W01", "2024-W02", "2024-W03", "2024-W04"], energy.Select(w => w.Week));
        Assert.Equal(0.8, energy[1].Mean, Eps);
        Assert.Equal(0.2, energy[2].Mean, Eps);
        Assert.Equal(0, energy[1].Variance, Eps);
    }

    [Theory]
    [StoreProviders]
    public async Task Run_UnknownTimeZone_ThrowsNamingItAndStoresNothing(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await TasteFixture.WriteAsync(temp.Store);

        var error = await Assert.ThrowsAsync<TimeZoneNotFoundException>(() => TasteAggregation.RunAsync(temp.Store, ids.Ann, "Mars/Olympus_Mons"));

        Assert.Equal("Unknown time zone 'Mars/Olympus_Mons': give an IANA id such as Europe/Berlin or America/New_York (or UTC).", error.Message);
        Assert.Null(await temp.Store.Taste.StateAsync(ids.Ann));
    }

    /// <remarks>One play a week of a track with a known energy: eleven weeks alternating 0.2 and 0.3, then five at 0.8 and
    /// 0.9. The stored change points are the detector's on those weekly centroids, and the shift up is among them.</remarks>
    [Theory]
    [StoreProviders]
    public async Task Run_LevelShift_StoresTheDetectorsChangePoints(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var store = temp.Store;
        var ids = await TasteFixture.WriteAsync(store);
        double[] levels = [0.2, 0.3, 0.2, 0.3, 0.2, 0.3, 0.2, 0.3, 0.2, 0.3, 0.2, 0.8, 0.9, 0.8, 0.9, 0.8];
        var batch = new Core.Catalog.CatalogBatch();
        batch.Users.Add(new Core.Catalog.UserRecord(TasteFixture.UserKey("dee"), "dee"));
        var first = new DateTimeOffset(2024, 3, 6, 12, 0, 0, TimeSpan.Zero); // a Wednesday of 2024-W10
        for (var i = 0; i < levels.Length; i++)
        {
            batch.Tracks.Add(new Core.Catalog.TrackRecord("test:track:level" + i, "Level " + i, "Artist A", DurationMs: 200_000));
            batch.Listens.Add(new Core.Catalog.ListenRecord(TasteFixture.UserKey("dee"), "test:track:level" + i, first.AddDays(7 * i), 200_000, "test"));
        }

        await store.Catalog.WriteAsync(batch);
        var rows = new List<TrackAxisRow>(await store.Taste.TrackAxesAsync());
        for (var i = 0; i < levels.Length; i++)
        {
            rows.Add(new TrackAxisRow((await store.Identifiers.TrackIdByKeyAsync("test:track:level" + i))!.Value, "energy", levels[i], "spotify", 1));
        }

        await store.Taste.ReplaceTrackAxesAsync(rows, TasteFixture.AxesAt);
        var dee = (await store.Taste.ListenersAsync()).Single(l => l.Name == "dee").Id;

        var result = await TasteAggregation.RunAsync(store, dee);

        var weeks = Enumerable.Range(0, levels.Length).Select(i => new IsoWeek(2024, 10 + i)).ToArray();
        var expected = ChangePointDetector.Detect(MoodAxis.Energy, weeks, [.. levels.Select(l => (double?)l)]);
        var stored = await store.Taste.ChangesAsync(dee);
        Assert.Equal(expected.Count, result.ChangePoints);
        Assert.Equal(
            expected.Select(p => ("energy", p.Week.ToString(), p.FirstShiftedWeek.ToString(), p.Direction == ShiftDirection.Up ? "up" : "down", p.Shift)),
            stored.Select(c => (c.Axis, c.Week, c.StartWeek, c.Direction, c.Size)));
        Assert.Contains(stored, c => c.Direction == "up" && c.StartWeek == "2024-W21" && c.Size > 0.4);
    }

    /// <remarks>Artist A is tagged "electronic" by ann and bob (weight 2) and "house" by ann (1); track Two has its own
    /// tag "ambient", which replaces its artist's. W01: One 4 min → electronic 8/3, house 4/3; Two 2 min → ambient 2;
    /// p = (4/9, 2/9, 3/9). W02: One 4 and Three 1 (artist tags) → electronic 10/3, house 5/3; Two 3 → ambient 3; of 8.
    /// W03 is empty: no tag diversity and no tagged share.</remarks>
    [Theory]
    [StoreProviders]
    public async Task Run_WithTags_StoresWeeklyTagEntropyAndTaggedShare(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await TasteFixture.WriteAsync(temp.Store);
        var b = new SoundGraph.Core.Catalog.CatalogBatch();
        var artist = SoundGraph.Core.Identity.EntityKeys.ArtistByName("Artist A");
        b.TagAssignments.AddRange(
        [
            new(SoundGraph.Core.Catalog.TargetType.Artist, artist, "electronic", TasteFixture.UserKey("ann")),
            new(SoundGraph.Core.Catalog.TargetType.Artist, artist, "electronic", TasteFixture.UserKey("bob")),
            new(SoundGraph.Core.Catalog.TargetType.Artist, artist, "house", TasteFixture.UserKey("ann")),
            new(SoundGraph.Core.Catalog.TargetType.Track, TasteFixture.TrackKey("Two"), "ambient", TasteFixture.UserKey("ann")),
        ]);
        await temp.Store.Catalog.WriteAsync(b);

        await TasteAggregation.RunAsync(temp.Store, ids.Ann);

        var totals = await temp.Store.Taste.TotalsAsync(ids.Ann);
        Assert.Equal(Bits(4.0 / 9, 2.0 / 9, 3.0 / 9), totals[0].TagDiversity!.Value, Eps);
        Assert.Equal(Bits(10.0 / 24, 5.0 / 24, 9.0 / 24), totals[1].TagDiversity!.Value, Eps);
        Assert.Equal([1.0, 1, 1], new[] { totals[0], totals[1], totals[3] }.Select(t => t.TaggedShare!.Value));
        Assert.Null(totals[2].TagDiversity);
        Assert.Null(totals[2].TaggedShare);

        var report = await TasteReports.BuildAsync(temp.Store, ids.Ann, 2);
        Assert.NotNull(report);
        Assert.Equal(1, report.TaggedShare, Eps);
        Assert.Equal(totals[3].TagDiversity!.Value, report.TagDiversity!.Value, Eps); // W03 has no minutes
    }

    private static double Bits(params double[] p) => -p.Sum(x => x * Math.Log2(x));

    private static double Entropy(params double[] minutes)
    {
        var total = minutes.Sum();
        return -minutes.Sum(m => m / total * Math.Log2(m / total)) / Math.Log2(9);
    }
}

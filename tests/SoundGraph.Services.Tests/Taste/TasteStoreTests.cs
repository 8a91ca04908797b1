using System.Data.Common;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Storage;
using SoundGraph.Storage.Resolution;
using SoundGraph.Storage.Taste;
using SoundGraph.Storage.Tests;
using SoundGraph.Storage.Tests.Audio;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Services.Tests.Taste;

/// <summary><see cref="TasteStore"/> (migration 0012) on both providers: what the loaders read and how the writers
/// replace.</summary>
public sealed class TasteStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static AudioFeatures Features(double? energy, double? valence, double? tempo = 100, int? mode = 1, double? loudness = -8) =>
        new(0.5, energy, 0.05, 0.1, 0.0, 0.2, valence, loudness, tempo, 5, mode, 4);

    private static async Task<long> TrackIdAsync(SoundGraphStore store, string key) => (await store.Identifiers.TrackIdByKeyAsync(key))!.Value;

    private static async Task<Dictionary<string, long>> TracksAsync(SoundGraphStore store, params string[] names)
    {
        var b = new CatalogBatch();
        b.Tracks.AddRange(names.Select(n => new TrackRecord("test:track:" + n, n)));
        await store.Catalog.WriteAsync(b);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var n in names)
        {
            ids[n] = await TrackIdAsync(store, "test:track:" + n);
        }

        return ids;
    }

    [Theory]
    [StoreProviders]
    public async Task Descriptors_SpotifyRowFirstElseTheFirstExtractorByNameWithEnergyOrValence(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var store = temp.Store;
        var ids = await TracksAsync(store, "a", "b", "c", "d");
        var b = new CatalogBatch();
        b.AudioFeatures.AddRange(
        [
            new AudioFeaturesRecord("test:track:a", "acousticbrainz", Features(0.1, 0.1)),
            new AudioFeaturesRecord("test:track:a", "spotify", Features(0.7, 0.3, 128, 0, -5.5)),
            new AudioFeaturesRecord("test:track:b", "zeta", Features(0.3, 0.3)),
            new AudioFeaturesRecord("test:track:b", "alpha", Features(0.4, null, null, null, null)),
            new AudioFeaturesRecord("test:track:c", "alpha", Features(null, null, 90)), // no energy nor valence: passed over
            new AudioFeaturesRecord("test:track:c", "beta", Features(null, 0.6)),
            new AudioFeaturesRecord("test:track:d", "spotify", Features(null, null)), // nothing the axes use
        ]);
        await store.Catalog.WriteAsync(b);

        var rows = await store.Taste.DescriptorsAsync();

        Assert.Equal(
        [
            new TrackDescriptorRow(ids["a"], 0.5, 0.7, 0.3, 128, 0, 0.1, 0.0, 0.05, 0.2, -5.5),
            new TrackDescriptorRow(ids["b"], 0.5, 0.4, null, null, null, 0.1, 0.0, 0.05, 0.2, null),
            new TrackDescriptorRow(ids["c"], 0.5, null, 0.6, 100, 1, 0.1, 0.0, 0.05, 0.2, -8),
        ], rows);
    }

    [Theory]
    [StoreProviders]
    public async Task LocalAudio_TheMostRecentlyAnalysedFileOfEachTrack(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var store = temp.Store;
        var ids = await TracksAsync(store, "l", "m");
        // The newer analysis is saved first, so the later file id is the older analysis.
        await LocalAudioFixture.SaveAsync(store, ids["l"], "l-new", At.AddDays(1),
            ("tempo_bpm", 128), ("tempo_confidence", 0.75), ("key_confidence", 0.625), ("integrated_lufs", -9), ("spectral_centroid_mean_hz", 2000),
            ("spectral_flatness_mean", 0.125), ("onset_rate", 3), ("side_to_mid", 0.25), ("percussive_to_harmonic", 1.5), ("pumpiness", 0.375));
        await LocalAudioFixture.SaveAsync(store, ids["l"], "l-old", At, ("tempo_bpm", 90));
        await LocalAudioFixture.SaveAsync(store, ids["m"], "m", At, ("tempo_bpm", null), ("key_confidence", null), ("integrated_lufs", null));

        var rows = await store.Taste.LocalAudioAsync();

        Assert.Equal(
        [
            new LocalAudioRow(ids["l"], 128, 0.75, 0.625, -9, 2000, 0.125, 3, 0.25, 1.5, 0.375),
            new LocalAudioRow(ids["m"], null, 0.5, null, null, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5),
        ], rows);
    }

    /// <remarks>Track x (listened) by P (primary) feat. Q, where Q was stored first and so has the lower id. Own tags:
    /// "Rock" by u1 and "rock" by u2 (one tag once normalized) plus a user-less "rock" with Last.fm count 40: 1 + 1 + 40;
    /// a user-less "indie" without a count: 1. Artist tags: "pop" on P by u1 (1) and user-less on Q with count 7: 8;
    /// "rock" on P: 1 (kept apart from the track's own rock). Track y (no listens, no descriptors) by P: its own tag is
    /// read, its artists' are not. Track z (descriptors only) by P: its artists' tags are read.</remarks>
    [Theory]
    [StoreProviders]
    public async Task TrackTags_OwnAndCreditedArtistsTagsWithCountsSummed_ArtistsPrimaryFirst(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var store = temp.Store;
        string p = EntityKeys.ArtistByName("P"), q = EntityKeys.ArtistByName("Q");
        var first = new CatalogBatch();
        first.Artists.Add(new ArtistRecord(q, "Q"));
        first.Users.AddRange([new UserRecord("test:user:1", "u1"), new UserRecord("test:user:2", "u2")]);
        await store.Catalog.WriteAsync(first);
        var b = new CatalogBatch();
        b.Artists.Add(new ArtistRecord(p, "P"));
        b.Tracks.AddRange([new TrackRecord("test:track:x", "X", "P"), new TrackRecord("test:track:y", "Y", "P"), new TrackRecord("test:track:z", "Z", "P")]);
        b.Credits.AddRange(
        [
            new CreditRecord("test:track:x", p, CreditRole.Primary, 0), new CreditRecord("test:track:x", q, CreditRole.Featured, 1),
            new CreditRecord("test:track:y", p, CreditRole.Primary, 0), new CreditRecord("test:track:z", p, CreditRole.Primary, 0),
        ]);
        b.Listens.Add(new ListenRecord("test:user:1", "test:track:x", At, 200_000, "test"));
        b.AudioFeatures.Add(new AudioFeaturesRecord("test:track:z", "spotify", Features(0.5, 0.5)));
        b.TagAssignments.AddRange(
        [
            new TagAssignmentRecord(TargetType.Track, "test:track:x", "Rock", "test:user:1"),
            new TagAssignmentRecord(TargetType.Track, "test:track:x", "rock", "test:user:2"),
            new TagAssignmentRecord(TargetType.Track, "test:track:x", "rock"),
            new TagAssignmentRecord(TargetType.Track, "test:track:x", "indie"),
            new TagAssignmentRecord(TargetType.Track, "test:track:y", "jazz"),
            new TagAssignmentRecord(TargetType.Artist, p, "pop", "test:user:1"),
            new TagAssignmentRecord(TargetType.Artist, p, "rock", "test:user:1"),
            new TagAssignmentRecord(TargetType.Artist, q, "pop"),
        ]);
        await store.Catalog.WriteAsync(b);
        var x = await TrackIdAsync(store, "test:track:x");
        var y = await TrackIdAsync(store, "test:track:y");
        var z = await TrackIdAsync(store, "test:track:z");
        var artistIds = await ArtistIdsAsync(store);
        Assert.True(artistIds["Q"] < artistIds["P"]);
        await store.Identifiers.SetTrackTagCountsAsync(x, [new CountedTag("rock", 40)]);
        await store.Identifiers.SetArtistTagCountsAsync(artistIds["Q"], [new CountedTag("pop", 7)]);

        var tags = (await store.Taste.TrackTagsAsync()).OrderBy(t => t.TrackId).ThenBy(t => t.FromArtist).ThenBy(t => t.Tag, StringComparer.Ordinal).ToList();

        Assert.Equal(
        [
            new TrackTagRow(x, "indie", 1, false), new TrackTagRow(x, "rock", 42, false),
            new TrackTagRow(x, "pop", 8, true), new TrackTagRow(x, "rock", 1, true),
            new TrackTagRow(y, "jazz", 1, false),
            new TrackTagRow(z, "pop", 1, true), new TrackTagRow(z, "rock", 1, true),
        ], tags);

        // The primary artist first (scoring pools a track with its first artist), then the featured one; y has neither
        // listens nor descriptors.
        Assert.Equal([(x, artistIds["P"]), (x, artistIds["Q"]), (z, artistIds["P"])], await store.Taste.TrackArtistsAsync());
    }

    /// <remarks>Listens are written out of time order (the later one first, with a +02:00 offset) so that id order and
    /// time order differ; plays come back oldest first, at offset zero, with the track's duration.</remarks>
    [Theory]
    [StoreProviders]
    public async Task Plays_OldestFirstInUtc_AfterAListenId_AndListenerQueries(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var store = temp.Store;
        var b = new CatalogBatch();
        b.Users.AddRange([new UserRecord("test:user:1", "u1"), new UserRecord("test:user:2", "u2"), new UserRecord("test:user:3", "u3")]);
        b.Tracks.AddRange([new TrackRecord("test:track:s", "S", DurationMs: 200_000), new TrackRecord("test:track:t", "T")]);
        b.Listens.Add(new ListenRecord("test:user:1", "test:track:s", new DateTimeOffset(2024, 3, 2, 12, 0, 0, TimeSpan.FromHours(2)), 150_000, "test"));
        await store.Catalog.WriteAsync(b);
        b = new CatalogBatch();
        b.Listens.AddRange(
        [
            new ListenRecord("test:user:1", "test:track:t", new DateTimeOffset(2024, 3, 1, 23, 0, 0, TimeSpan.Zero), 40_000, "test"),
            new ListenRecord("test:user:2", "test:track:s", new DateTimeOffset(2024, 3, 1, 22, 0, 0, TimeSpan.Zero), 5_000, "test"),
        ]);
        await store.Catalog.WriteAsync(b);
        long s = await TrackIdAsync(store, "test:track:s"), t = await TrackIdAsync(store, "test:track:t");
        var listeners = await store.Taste.ListenersAsync();
        Assert.Equal(["u1", "u2"], listeners.Select(l => l.Name)); // u3 has no listens
        var u1 = listeners[0].Id;

        var plays = await store.Taste.PlaysAsync(u1);

        Assert.Equal(2, plays.Count);
        Assert.Equal((t, new DateTimeOffset(2024, 3, 1, 23, 0, 0, TimeSpan.Zero), 40_000L, (long?)null), (plays[0].TrackId, plays[0].ListenedAt, plays[0].MsPlayed, plays[0].DurationMs));
        Assert.Equal((s, new DateTimeOffset(2024, 3, 2, 10, 0, 0, TimeSpan.Zero), 150_000L, (long?)200_000), (plays[1].TrackId, plays[1].ListenedAt, plays[1].MsPlayed, plays[1].DurationMs));
        Assert.All(plays, p => Assert.Equal(TimeSpan.Zero, p.ListenedAt.Offset));
        Assert.True(plays[1].ListenId < plays[0].ListenId);
        Assert.Equal(plays[0].ListenId, await store.Taste.MaxListenIdAsync(u1));
        Assert.Equal([plays[0]], await store.Taste.PlaysAsync(u1, plays[1].ListenId));
        Assert.Empty(await store.Taste.PlaysAsync(u1, plays[0].ListenId));
        Assert.Equal(0, await store.Taste.MaxListenIdAsync(listeners[1].Id + 1000));

        Assert.Equal([(u1, plays[0].ListenedAt, t, 40_000L), (u1, plays[1].ListenedAt, s, 150_000L), (listeners[1].Id, new DateTimeOffset(2024, 3, 1, 22, 0, 0, TimeSpan.Zero), s, 5_000L)],
            await store.Taste.AllPlaysAsync());
        Assert.Equal(new Dictionary<long, long> { [s] = 2, [t] = 1 }, await store.Taste.ListenCountsAsync());
        Assert.Equal([Math.Min(s, t), Math.Max(s, t)], await store.Taste.ListenedTrackIdsAsync());
    }

    [Theory]
    [StoreProviders]
    public async Task ReplaceTrackAxes_ReplacesTheWholeSet_AndAFailingWriteLeavesThePreviousSet(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var store = temp.Store;
        var ids = await TracksAsync(store, "a", "b");
        Assert.Null(await store.Taste.AxesComputedAtAsync());
        await store.Taste.ReplaceTrackAxesAsync([new(ids["b"], "valence", 0.25, "tags", 0.5), new(ids["a"], "tempo", 120, "spotify", 1), new(ids["a"], "energy", 0.75, "spotify", 1)], At);
        Assert.Equal(
            [new TrackAxisRow(ids["a"], "energy", 0.75, "spotify", 1), new(ids["a"], "tempo", 120, "spotify", 1), new(ids["b"], "valence", 0.25, "tags", 0.5)],
            await store.Taste.TrackAxesAsync());

        var second = new TrackAxisRow[] { new(ids["b"], "energy", 0.5, "graph", 0.7) };
        await store.Taste.ReplaceTrackAxesAsync(second, At.AddHours(1));
        Assert.Equal(second, await store.Taste.TrackAxesAsync());
        Assert.Equal(At.AddHours(1), await store.Taste.AxesComputedAtAsync());

        // The second row repeats (track, axis): the primary key refuses it after the delete and the first insert ran.
        await Assert.ThrowsAnyAsync<DbException>(() => store.Taste.ReplaceTrackAxesAsync(
            [new(ids["a"], "energy", 0.1, "tags", 0.1), new(ids["a"], "energy", 0.2, "tags", 0.1)], At.AddHours(2)));

        Assert.Equal(second, await store.Taste.TrackAxesAsync());
        Assert.Equal(At.AddHours(1), await store.Taste.AxesComputedAtAsync());
        Assert.Equal(second, await store.Taste.TrackAxesAsync([ids["b"]]));
        Assert.Empty(await store.Taste.TrackAxesAsync([ids["a"]]));
        await store.Taste.ReplaceTrackAxesAsync([], At.AddHours(3));
        Assert.Empty(await store.Taste.TrackAxesAsync());
        Assert.Null(await store.Taste.AxesComputedAtAsync());
    }

    [Theory]
    [StoreProviders]
    public async Task ReplaceAggregate_ReplacesOneListenersRows_AndAFailingWriteLeavesThePreviousOnes(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var store = temp.Store;
        var fixture = await TasteFixture.WriteAsync(store);
        TasteAggregate Aggregate(long user, string week, double mean, string zone) => new(
            user, zone, 10,
            [new TasteWeekRow(week, "energy", mean, 0.01, 3, 9.5, mean, null), new TasteWeekRow(week, "tempo", 120, 4, 3, 9.5, null, null)],
            [new TasteWeekTotalRow(week, 4, 12.5, 0.76, 0.5, null)],
            [new TasteChangeRow("energy", week, "2024-W01", "up", 0.25)]);
        var ann = Aggregate(fixture.Ann, "2024-W02", 0.5, "UTC");
        var bob = Aggregate(fixture.Bob, "2024-W03", 0.75, "Europe/Berlin");
        await store.Taste.ReplaceAggregateAsync(ann, At);
        await store.Taste.ReplaceAggregateAsync(bob, At);
        var annAgain = Aggregate(fixture.Ann, "2024-W05", 0.25, "America/New_York") with { MaxListenId = 12, Changes = [] };
        await store.Taste.ReplaceAggregateAsync(annAgain, At.AddHours(1));

        await AssertStoredAsync(store, annAgain, At.AddHours(1));
        await AssertStoredAsync(store, bob, At);

        // Two totals of one week: the insert fails after the deletes ran, and the transaction undoes them.
        var broken = annAgain with { Totals = [.. annAgain.Totals, annAgain.Totals[0]], TimeZone = "UTC" };
        await Assert.ThrowsAnyAsync<DbException>(() => store.Taste.ReplaceAggregateAsync(broken, At.AddHours(2)));
        await AssertStoredAsync(store, annAgain, At.AddHours(1));
        await AssertStoredAsync(store, bob, At);
    }

    [Theory]
    [StoreProviders]
    public async Task TrackNames_TitleAndPrimaryArtist_AbsentIdsLeftOut(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await TasteFixture.WriteAsync(temp.Store);

        var names = await temp.Store.Taste.TrackNamesAsync([ids.Tracks["One"], ids.Tracks["Four"], ids.Tracks["One"], 987_654]);

        Assert.Equal(new Dictionary<long, string> { [ids.Tracks["One"]] = "One — Artist A", [ids.Tracks["Four"]] = "Four — Artist A" }, names);
    }

    private static async Task AssertStoredAsync(SoundGraphStore store, TasteAggregate expected, DateTimeOffset at)
    {
        Assert.Equal(expected.Weeks.OrderBy(w => w.Week, StringComparer.Ordinal).ThenBy(w => w.Axis, StringComparer.Ordinal), await store.Taste.WeeksAsync(expected.UserId));
        Assert.Equal(expected.Totals, await store.Taste.TotalsAsync(expected.UserId));
        Assert.Equal(expected.Changes, await store.Taste.ChangesAsync(expected.UserId));
        Assert.Equal(new TasteStateRow(expected.UserId, expected.TimeZone, expected.MaxListenId, at), await store.Taste.StateAsync(expected.UserId));
    }

    private static async Task<Dictionary<string, long>> ArtistIdsAsync(SoundGraphStore store) =>
        (await Dapper.SqlMapper.QueryAsync<(long, string)>(store.Connection, "SELECT id, name FROM artists")).ToDictionary(r => r.Item2, r => r.Item1, StringComparer.Ordinal);
}

using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Import;
using SoundGraph.FakeLastFm;
using SoundGraph.Ingest.Sources.LastFm;
using SoundGraph.Ingest.Tests.Sources.LastFm;
using SoundGraph.Storage.Sync;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.StoreIntegration;

/// <summary><see cref="LastFmSync"/> and <see cref="LastFmTagFill"/> against the fake Last.fm (a SYNTHETIC world) into
/// both stores: exact counts, now-playing skipped, incremental re-runs, pinned pages, resuming after a kill, tags.</summary>
public sealed class LastFmSyncTests
{
    [Theory]
    [StoreProviders]
    public async Task RunAsync_2000Scrobbles_StoresExactly2000SkipsNowPlayingThenAnIncrementalRunFetchesOnePage(string provider)
    {
        var world = FakeLastFmWorld.Generate(new FakeLastFmWorldOptions());
        await using var server = await LastFmClientTests.Start(new FakeLastFmOptions { Inject29Every = 4, InjectTemporaryEvery = 7, Penalty = TimeSpan.FromMilliseconds(100) }, world);
        await using var store = await TempStore.CreateAsync(provider);
        using var http = new HttpClient();
        var options = LastFmClientTests.Options(server, backoff: TimeSpan.FromMilliseconds(150));

        var full = await SyncAsync(http, options, store, new LastFmSyncRequest(FakeLastFmWorld.Scrobbler));
        world.AddScrobbles(FakeLastFmWorld.Scrobbler, 30, world.NewestUts(FakeLastFmWorld.Scrobbler)!.Value + 60);
        var incremental = await SyncAsync(http, options, store, new LastFmSyncRequest(FakeLastFmWorld.Scrobbler));
        var again = await SyncAsync(http, options, store, new LastFmSyncRequest(FakeLastFmWorld.Scrobbler, Full: true));

        Assert.Equal((2_000L, 2_000L, 0L, 0L, 10L), (full.Fetched, full.Stored, full.Skipped, full.Rejected, full.Pages));
        Assert.Equal((1L, 0L), (full.NowPlayingSkipped, incremental.NowPlayingSkipped - 1)); // page 1 of each walk carries it
        Assert.True(full.RateLimitedAnswered > 0 && full.UnavailableAnswered > 0);
        Assert.Equal((31L, 30L, 1L, 1L), (incremental.Fetched, incremental.Stored, incremental.Skipped, incremental.Pages)); // from = the newest stored second
        Assert.Equal((2_030L, 0L), (again.Fetched, again.Stored));
        Assert.Equal(0, server.Stats.RateLimitViolations);
        Assert.Equal(2_030, (await store.Store.CountRowsAsync())["listens"]);
        var cursor = await new LastFmSyncStore(store.Store.Connection).GetAsync(FakeLastFmWorld.Scrobbler);
        Assert.Equal((world.NewestUts(FakeLastFmWorld.Scrobbler), (int?)null, 2_030L), (cursor!.NewestUts, cursor.NextPage, cursor.ScrobblesStored));
        Assert.Equal(0, await store.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listens WHERE source <> 'lastfm' OR ms_played <> 0"));
    }

    [Theory]
    [StoreProviders]
    public async Task RunAsync_ScrobblesArriveDuringTheWalk_PinnedToKeepsPagesStableThenTheNextRunGetsThem(string provider)
    {
        var world = FakeLastFmWorld.Generate(new FakeLastFmWorldOptions { GrowingScrobbles = 500, GrowthPerRequest = 7 });
        await using var server = await LastFmClientTests.Start(new FakeLastFmOptions { RateLimit = 100 }, world);
        await using var store = await TempStore.CreateAsync(provider);
        using var http = new HttpClient();
        var options = LastFmClientTests.Options(server, pageSize: 50);

        var first = await SyncAsync(http, options, store, new LastFmSyncRequest(FakeLastFmWorld.Growing));
        var grownBy = world.Count(FakeLastFmWorld.Growing) - 500;
        world.GrowthPerRequest = 0;
        using var client = new LastFmClient(http, options);
        var anHourLater = new ShiftedTime(TimeSpan.FromHours(1)); // the new scrobbles were stamped after the first walk began
        var second = await new LastFmSync(client, store.Store.Catalog, store.Store.Connection, new ListRejectSink(), anHourLater).RunAsync(new LastFmSyncRequest(FakeLastFmWorld.Growing));

        Assert.Equal((500L, 500L, 0L, 10L), (first.Fetched, first.Stored, first.Skipped, first.Pages)); // 10 pages of 50, no repeats
        Assert.Equal(70, grownBy);
        Assert.Equal((71L, 70L, 1L), (second.Fetched, second.Stored, second.Skipped)); // what arrived during the first walk, plus the newest stored second again
        Assert.Equal(570, (await store.Store.CountRowsAsync())["listens"]);
    }

    [Theory]
    [StoreProviders]
    public async Task RunAsync_KilledAfterThreePages_ResumesAtPageFourAndStoresEveryScrobbleOnce(string provider)
    {
        var world = FakeLastFmWorld.Generate(new FakeLastFmWorldOptions { Scrobbles = 1_000 });
        await using var server = await LastFmClientTests.Start(new FakeLastFmOptions { RateLimit = 100 }, world);
        await using var store = await TempStore.CreateAsync(provider);
        using var http = new HttpClient();
        var options = LastFmClientTests.Options(server, pageSize: 100);
        using var kill = new CancellationTokenSource();
        var pages = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            using var client = new LastFmClient(http, options);
            await new LastFmSync(client, store.Store.Catalog, store.Store.Connection, new ListRejectSink())
                .RunAsync(new LastFmSyncRequest(FakeLastFmWorld.Scrobbler), new Inline(_ => { if (++pages == 3) { kill.Cancel(); } }), kill.Token);
        });
        var afterKill = (await store.Store.CountRowsAsync())["listens"];
        var cursor = await new LastFmSyncStore(store.Store.Connection).GetAsync(FakeLastFmWorld.Scrobbler);
        var resumed = await SyncAsync(http, options, store, new LastFmSyncRequest(FakeLastFmWorld.Scrobbler));

        Assert.Equal(300, afterKill);
        Assert.Equal((4, 10), (cursor!.NextPage, cursor.TotalPages));
        Assert.Equal((700L, 700L, 7L), (resumed.Fetched, resumed.Stored, resumed.Pages));
        Assert.Equal(1_000, (await store.Store.CountRowsAsync())["listens"]);
    }

    [Theory]
    [StoreProviders]
    public async Task RunAsync_BrokenItems_RejectsThemNamingUserPageAndFieldAndStoresTheRest(string provider)
    {
        await using var server = await LastFmClientTests.Start(new FakeLastFmOptions());
        await using var store = await TempStore.CreateAsync(provider);
        using var http = new HttpClient();
        var rejects = new ListRejectSink();
        using var client = new LastFmClient(http, LastFmClientTests.Options(server));

        var result = await new LastFmSync(client, store.Store.Catalog, store.Store.Connection, rejects).RunAsync(new LastFmSyncRequest(FakeLastFmWorld.Broken));

        Assert.Equal((10L, 8L, 2L), (result.Fetched, result.Stored, result.Rejected));
        Assert.Equal([("lastfm:synthetic-broken", "page 1 item 3", "name is empty"), ("lastfm:synthetic-broken", "page 1 item 6", "date.uts is missing")],
            rejects.Items.Select(r => (r.File, r.Location, r.Reason)));
    }

    [Theory]
    [StoreProviders]
    public async Task RunAsync_PrivateProfile_FailsInOneSentenceAndStoresNothing(string provider)
    {
        await using var server = await LastFmClientTests.Start(new FakeLastFmOptions());
        await using var store = await TempStore.CreateAsync(provider);
        using var http = new HttpClient();

        var ex = await Assert.ThrowsAsync<LastFmException>(() => SyncAsync(http, LastFmClientTests.Options(server), store, new LastFmSyncRequest(FakeLastFmWorld.Private)));

        Assert.StartsWith("Last.fm user synthetic-private's recent tracks are private (error 17", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await store.Store.CountRowsAsync())["listens"]);
    }

    [Theory]
    [StoreProviders]
    public async Task FillAsync_AfterASync_StoresTagsWithCountsForMostPlayedFirstAndNeverAsksTwice(string provider)
    {
        var world = FakeLastFmWorld.Generate(new FakeLastFmWorldOptions { Scrobbles = 300, Tracks = 40 });
        await using var server = await LastFmClientTests.Start(new FakeLastFmOptions { RateLimit = 100 }, world);
        await using var store = await TempStore.CreateAsync(provider);
        using var http = new HttpClient();
        var options = LastFmClientTests.Options(server);
        await SyncAsync(http, options, store, new LastFmSyncRequest(FakeLastFmWorld.Scrobbler));
        await store.Store.Catalog.WriteAsync(new Core.Catalog.CatalogBatch
        {
            Artists = { new Core.Catalog.ArtistRecord("test:artist:nobody", "Nobody") },
            Tracks = { new Core.Catalog.TrackRecord("test:track:ghost", "Ghost", "Nobody") },
            Credits = { new Core.Catalog.CreditRecord("test:track:ghost", "test:artist:nobody", Core.Catalog.CreditRole.Primary, 0) },
        });
        using var client = new LastFmClient(http, options);
        var fill = new LastFmTagFill(store.Store, client);

        var first = await fill.FillAsync(new LastFmTagFillRequest(Limit: 1000));
        var requestsAfterFirst = client.Stats.Requests;
        var second = await fill.FillAsync(new LastFmTagFillRequest(Limit: 1000));

        var tracks = await store.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tracks");
        var artists = await store.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM artists");
        Assert.Equal(tracks + artists, first.LookedUp);
        Assert.Equal((2L, 0L), (first.NotFound, first.Skipped)); // the ghost track and its artist
        Assert.Equal((0L, requestsAfterFirst), (second.LookedUp, client.Stats.Requests));
        var three = await store.Store.Connection.QueryAsync<(string, long)>(
            "SELECT g.name, tt.count FROM track_tags tt JOIN tracks t ON t.id = tt.track_id JOIN tags g ON g.id = tt.tag_id WHERE t.title = 'Synthetic Track 3' ORDER BY g.name");
        Assert.Equal([("synthetic-genre-3", 100L), ("synthetic-mood-3", 13L)], three); // the count-0 tag is left out
        var artist = await store.Store.Connection.QueryAsync<(string, long)>(
            "SELECT g.name, at.count FROM artist_tags at JOIN artists a ON a.id = at.artist_id JOIN tags g ON g.id = at.tag_id WHERE a.name = 'Synthetic Artist 5' ORDER BY g.name");
        Assert.Equal([("synthetic-era-1", 50L), ("synthetic-genre-5", 100L)], artist);
        Assert.Equal(LastFmTagStore.NotFound, await store.Store.Connection.ExecuteScalarAsync<string>(
            "SELECT f.status FROM lastfm_tag_fetches f JOIN tracks t ON t.id = f.target_id WHERE f.target_type = 'track' AND t.key = 'test:track:ghost'"));
    }

    [Theory]
    [StoreProviders]
    public async Task RunAsync_UnderAListener_ThenTheSamePlaysFromListenBrainz_AreCrossSourceDuplicates(string provider)
    {
        var world = FakeLastFmWorld.Generate(new FakeLastFmWorldOptions { Scrobbles = 300 });
        await using var server = await LastFmClientTests.Start(new FakeLastFmOptions { RateLimit = 100 }, world);
        await using var store = await TempStore.CreateAsync(provider);
        using var http = new HttpClient();

        var synced = await SyncAsync(http, LastFmClientTests.Options(server, pageSize: 200), store, new LastFmSyncRequest(FakeLastFmWorld.Scrobbler, Listener: "ann"));
        // ListenBrainz brings 50 of those plays again, 12 s later (another scrobbler's clock), and one play 45 s later.
        var plays = (await store.Store.Connection.QueryAsync<(string TrackKey, string ListenedAt)>(
            "SELECT t.key, l.listened_at FROM listens l JOIN tracks t ON t.id = l.track_id ORDER BY l.listened_at DESC, t.key LIMIT 51")).ToList();
        var fromListenBrainz = new CatalogBatch { Source = "listenbrainz" };
        foreach (var (play, i) in plays.Select((p, i) => (p, i)))
        {
            var at = DateTimeOffset.Parse(play.ListenedAt, System.Globalization.CultureInfo.InvariantCulture).AddSeconds(i < 50 ? 12 : 45);
            fromListenBrainz.Listens.Add(new ListenRecord("listener:user:ann", play.TrackKey, at, 0, "listenbrainz") { TrackRef = "msid:" + i });
        }

        var counts = await store.Store.Catalog.WriteAsync(fromListenBrainz);

        Assert.Equal(300L, synced.Stored);
        Assert.Equal((50L, 1L), (counts[ImportReport.CrossSourceDuplicateListens], counts["listens"]));
        Assert.Equal(301L, (await store.Store.CountRowsAsync())["listens"]);
        Assert.Equal(["listener:user:ann"], await store.Store.Connection.QueryAsync<string>("SELECT key FROM users ORDER BY key"));
        // Each scrobbled track keeps its Last.fm page as an identifier.
        Assert.Equal(
            await store.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT track_id) FROM listens"),
            await store.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT track_id) FROM track_identifiers WHERE kind = 'lastfm'"));
    }

    private static async Task<LastFmSyncResult> SyncAsync(HttpClient http, LastFmOptions options, TempStore store, LastFmSyncRequest request)
    {
        using var client = new LastFmClient(http, options);
        return await new LastFmSync(client, store.Store.Catalog, store.Store.Connection, new ListRejectSink()).RunAsync(request);
    }

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }

    private sealed class Inline(Action<string> action) : IProgress<string>
    {
        public void Report(string value) => action(value);
    }
}

using SoundGraph.FakeListenBrainz;
using SoundGraph.Ingest.Sources.ListenBrainz;
using SoundGraph.Storage.Sync;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.StoreIntegration;

/// <summary><see cref="ListenBrainzSync"/> against the fake ListenBrainz server (a synthetic history) into both stores:
/// exact counts, incremental re-runs, resuming after a kill, no rate-limit violations.</summary>
public sealed class ListenBrainzSyncTests
{
    [Theory]
    [StoreProviders]
    public async Task RunAsync_25000ListensWith300SameSecondPairs40AtPageCuts_StoresExactly25000ThenAnIncrementalSyncOf500TakesTwoPages(string provider)
    {
        var world = FakeListenWorld.Generate(new FakeListenWorldOptions { Listens = 25_000, SameSecondPairs = 300, BoundaryPairs = 40, BoundaryPageSize = 500 });
        await using var server = await FakeListenBrainzServer.StartAsync(world, new FakeListenBrainzOptions { RateLimit = 10, Inject429Every = 13 });
        await using var store = await TempStore.CreateAsync(provider);
        using var http = new HttpClient();

        // Pages of 500 so the 40 same-second pairs sit on page cuts (25,000 listens at 1,000 a page have only 25 cuts).
        var full = await SyncAsync(http, server, store, new ListenBrainzOptions { ApiBaseUri = server.BaseUri, PageSize = 500, Token = "synthetic-token" }, new ListenBrainzSyncRequest(world.UserName));
        var violationsAfterFull = server.Stats.RateLimitViolations;
        world.AddNewer(500);
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // each sync is one client (one process); the next may not start inside the last one's spent window
        var incremental = await SyncAsync(http, server, store, new ListenBrainzOptions { ApiBaseUri = server.BaseUri, Token = "synthetic-token" }, new ListenBrainzSyncRequest(world.UserName));
        var violationsAfterIncremental = server.Stats.RateLimitViolations;
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var again = await SyncAsync(http, server, store, new ListenBrainzOptions { ApiBaseUri = server.BaseUri, PageSize = 500 }, new ListenBrainzSyncRequest(world.UserName, Full: true));

        Assert.Equal((300, 40), (world.SameSecondPairs - 1, world.BoundaryPairs));
        Assert.Equal((25_000L, 25_000L, 0L, 0L), (full.Fetched, full.Stored, full.Skipped, full.Rejected));
        Assert.True(full.RateLimitedAnswered > 0, "the fake injected 429s");
        Assert.Equal((500L, 1L), (incremental.Stored, incremental.Skipped)); // the stored newest listen comes again with its second
        Assert.True(incremental.Pages <= 2, $"{incremental.Pages} pages");
        Assert.Equal((25_500L, 0L), (again.Fetched, again.Stored));
        Assert.Equal((0L, 0L, 0L), (violationsAfterFull, violationsAfterIncremental, server.Stats.RateLimitViolations));
        Assert.Equal(25_500, (await store.Store.CountRowsAsync())["listens"]);
        var cursor = await new ListenBrainzSyncStore(store.Store.Connection).GetAsync(world.UserName);
        Assert.Equal((world.LatestTs, true, 25_500L), (cursor!.NewestTs, cursor.BackfillDone, cursor.ListensStored));
    }

    [Theory]
    [StoreProviders]
    public async Task RunAsync_KilledAfterThreePages_ResumesWhereItStoppedAndStoresEveryListenOnce(string provider)
    {
        var world = FakeListenWorld.Generate(new FakeListenWorldOptions { Listens = 3_000, SameSecondPairs = 60, BoundaryPairs = 10, BoundaryPageSize = 200 });
        await using var server = await FakeListenBrainzServer.StartAsync(world, new FakeListenBrainzOptions { RateLimit = 50 });
        await using var store = await TempStore.CreateAsync(provider);
        using var http = new HttpClient();
        var options = new ListenBrainzOptions { ApiBaseUri = server.BaseUri, PageSize = 200 };
        using var kill = new CancellationTokenSource();
        var pages = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            using var client = new ListenBrainzClient(http, options);
            await new ListenBrainzSync(client, store.Store.Catalog, store.Store.Connection, new ListRejectSink())
                .RunAsync(new ListenBrainzSyncRequest(world.UserName), new Inline(_ => { if (++pages == 3) { kill.Cancel(); } }), kill.Token);
        });
        var afterKill = (await store.Store.CountRowsAsync())["listens"];
        var resumed = await SyncAsync(http, server, store, options, new ListenBrainzSyncRequest(world.UserName));

        Assert.Equal(3 * 200 - 2, afterKill); // three pages, each re-reading the previous page's oldest listen
        Assert.Equal(3_000 - afterKill, resumed.Stored);
        Assert.True(resumed.Fetched < 3_000 - afterKill + 10, $"resumed fetched {resumed.Fetched}");
        Assert.Equal(3_000, (await store.Store.CountRowsAsync())["listens"]);
    }

    [Theory]
    [StoreProviders]
    public async Task RunAsync_BadToken_FailsInOneSentenceBeforeWritingAnything(string provider)
    {
        var world = FakeListenWorld.Generate(new FakeListenWorldOptions { Listens = 100, SameSecondPairs = 0, BoundaryPairs = 0 });
        await using var server = await FakeListenBrainzServer.StartAsync(world, new FakeListenBrainzOptions());
        await using var store = await TempStore.CreateAsync(provider);
        using var http = new HttpClient();
        var digest = await store.Store.ContentDigestAsync();

        var ex = await Assert.ThrowsAsync<ListenBrainzException>(() =>
            SyncAsync(http, server, store, new ListenBrainzOptions { ApiBaseUri = server.BaseUri, Token = "not-the-token" }, new ListenBrainzSyncRequest(world.UserName)));

        Assert.Equal("ListenBrainz rejected the token (Token invalid): check LISTENBRAINZ_TOKEN or --token-file; nothing was fetched or stored.", ex.Message);
        Assert.Equal(digest, await store.Store.ContentDigestAsync());
        Assert.Null(await new ListenBrainzSyncStore(store.Store.Connection).GetAsync(world.UserName));
        Assert.Equal(1, server.Stats.Requests);
    }

    [Theory]
    [StoreProviders]
    public async Task RunAsync_Since_StoresOnlyListensFromThatTimeOn(string provider)
    {
        var world = FakeListenWorld.Generate(new FakeListenWorldOptions { Listens = 1_000, SameSecondPairs = 20, BoundaryPairs = 2, BoundaryPageSize = 100 });
        await using var server = await FakeListenBrainzServer.StartAsync(world, new FakeListenBrainzOptions { RateLimit = 50 });
        await using var store = await TempStore.CreateAsync(provider);
        using var http = new HttpClient();
        var all = world.Page(null, null, 1_000);
        var since = (long)all[400]["listened_at"]!;
        var expected = all.Count(l => (long)l["listened_at"]! >= since);

        var result = await SyncAsync(http, server, store, new ListenBrainzOptions { ApiBaseUri = server.BaseUri, PageSize = 100 }, new ListenBrainzSyncRequest(world.UserName, DateTimeOffset.FromUnixTimeSeconds(since)));

        Assert.Equal(expected, result.Stored);
        Assert.Equal(expected, (await store.Store.CountRowsAsync())["listens"]);
    }

    private static async Task<ListenBrainzSyncResult> SyncAsync(HttpClient http, FakeListenBrainzServer server, TempStore store, ListenBrainzOptions options, ListenBrainzSyncRequest request)
    {
        _ = server;
        using var client = new ListenBrainzClient(http, options);
        return await new ListenBrainzSync(client, store.Store.Catalog, store.Store.Connection, new ListRejectSink()).RunAsync(request);
    }

    private sealed class Inline(Action<string> action) : IProgress<string>
    {
        public void Report(string value) => action(value);
    }
}

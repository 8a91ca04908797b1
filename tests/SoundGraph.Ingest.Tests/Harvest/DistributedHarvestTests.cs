using Dapper;
using SoundGraph.FakeSoundCloud.Server;
using SoundGraph.Ingest.Harvest;
using SoundGraph.Storage;
using SoundGraph.Storage.Harvest;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Harvest;

/// <summary>Several harvest workers, each with its own credentials and store connection, sharing one run through
/// PostgreSQL (issue 18, goal 5). The reference is a single-process harvest of the same seed by the default client.</summary>
public sealed class DistributedHarvestTests
{
    private static readonly Dictionary<string, string> Workers = new(StringComparer.Ordinal) { ["w1"] = "s1", ["w2"] = "s2", ["w3"] = "s3" };

    /// <summary>Each answer takes 5 ms, so a run lasts long enough for every worker to claim walks while the others walk.</summary>
    private static FakeServerOptions ServerOptions() => new() { ExtraClients = Workers, Latency = TimeSpan.FromMilliseconds(5) };

    [PostgresFact]
    public async Task RunAsync_ThreeWorkersWithOwnCredentials_StoreExactlyTheRowsOfOneWorkerAndFetchNoPageTwice()
    {
        await using var harness = await HarvestHarness.StartAsync(ServerOptions());
        var options = HarvestHarness.SmallOptions();
        await using var one = await TempStore.CreateAsync("postgres");
        await harness.HarvestAsync(one.Store, options);

        await using var shared = await TempStore.CreateAsync("postgres");
        var results = await RunWorkersAsync(harness, shared, options, ["w1", "w2", "w3"], TimeSpan.FromSeconds(30));

        Assert.Equal(await KeyedSnapshot.TakeAsync(one.Store), await KeyedSnapshot.TakeAsync(shared.Store));
        Assert.Single(results.Select(r => r.RunId).Distinct());
        Assert.Equal(1, results.Count(r => !r.Resumed)); // one worker started the run, two joined it
        Assert.Equal("finished", await shared.Store.Connection.ExecuteScalarAsync<string>("SELECT status FROM harvest_runs"));
        Assert.All(await shared.Store.Harvest.LoadTasksAsync(results[0].RunId), t => Assert.NotEqual(FrontierStatus.Pending, t.Status));

        // Every page the single worker fetched was fetched exactly as often by the three together; only the seed track
        // itself, which each worker resolves on start, was fetched three times.
        var byClient = harness.Server.Stats.ByClientAndUrl;
        var single = PagesOf(byClient, ["fake-client-id"]);
        var three = PagesOf(byClient, Workers.Keys);
        var seedUrl = $"/tracks/{harness.SeedId}";
        Assert.Equal(1, single[seedUrl]);
        Assert.Equal(3, three[seedUrl]);
        Assert.Equal(single.Where(p => p.Key != seedUrl).OrderBy(p => p.Key, StringComparer.Ordinal), three.Where(p => p.Key != seedUrl).OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.All(Workers.Keys, w => Assert.True(harness.Server.Stats.ByClient.GetValueOrDefault(w) > 1, $"worker {w} claimed no walk"));
    }

    [PostgresFact]
    public async Task RunAsync_WorkerDiesHoldingWalksMidway_OthersTakeThemOverAfterTheLeaseAndStoreTheSameRows()
    {
        await using var harness = await HarvestHarness.StartAsync(ServerOptions(), users: 300);
        var options = HarvestHarness.SmallOptions();
        await using var one = await TempStore.CreateAsync("postgres");
        await harness.HarvestAsync(one.Store, options);

        // w1 walks a while and stops; then its crash is simulated: the walks it was in the middle of (those with a stored
        // cursor) are held under its name with a live lease that nobody renews, as after kill -9.
        await using var shared = await TempStore.CreateAsync("postgres");
        var before = harness.Server.Stats.Requests;
        using (var stop = new CancellationTokenSource())
        {
            var watcher = Task.Run(async () =>
            {
                while (harness.Server.Stats.Requests - before < 40)
                {
                    await Task.Delay(5);
                }

                await stop.CancelAsync();
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.HarvestAsWorkerAsync(
                shared.Store, options, new HarvestWorker("w1", TimeSpan.FromSeconds(2)), "w1", "s1", ct: stop.Token));
            await watcher;
        }

        var held = (await shared.Store.Connection.QueryAsync<string>(
            "UPDATE harvest_frontier SET claimed_by = 'w1', lease_until = now() + interval '2 seconds' WHERE status = 0 AND cursor IS NOT NULL RETURNING task")).ToList();
        Assert.True(held.Count > 0, "w1 was stopped before any walk was midway");

        var results = await RunWorkersAsync(harness, shared, options, ["w2", "w3"], TimeSpan.FromSeconds(2));

        Assert.Equal(await KeyedSnapshot.TakeAsync(one.Store), await KeyedSnapshot.TakeAsync(shared.Store));
        Assert.All(results, r => Assert.True(r.Resumed));
        Assert.Equal(0, await shared.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM harvest_frontier WHERE status = 0"));
        var finishers = await shared.Store.Connection.QueryAsync<string>("SELECT claimed_by FROM harvest_frontier WHERE task = ANY(@held)", new { held });
        Assert.All(finishers, w => Assert.True(w is "w2" or "w3", w)); // every walk w1 died holding was taken over
    }

    [Fact]
    public async Task RunAsync_SharedRunOnSqlite_FailsWithTheOneSentenceBeforeAnyRequest()
    {
        await using var harness = await HarvestHarness.StartAsync(ServerOptions(), users: 100);
        await using var temp = await TempStore.CreateAsync("sqlite");
        var e = await Assert.ThrowsAsync<HarvestException>(() => harness.HarvestAsWorkerAsync(
            temp.Store, HarvestHarness.SmallOptions(), new HarvestWorker("w1", HarvestWorker.DefaultLease), "w1", "s1"));
        Assert.Equal(HarvestLeaseStore.NeedsPostgres, e.Message);
        Assert.Equal(0, harness.Server.Stats.Requests);
    }

    /// <summary>Runs one worker per name at once, each on its own connection to <paramref name="shared"/>'s database.</summary>
    private static async Task<HarvestResult[]> RunWorkersAsync(HarvestHarness harness, TempStore shared, HarvestOptions options, string[] names, TimeSpan lease)
    {
        var stores = new List<SoundGraphStore>();
        try
        {
            foreach (var _ in names)
            {
                stores.Add(await SoundGraphStore.OpenAsync(shared.Db));
            }

            var gate = new StartGate(names.Length);
            return await Task.WhenAll(names.Select((name, i) =>
                Task.Run(() => harness.HarvestAsWorkerAsync(stores[i], options, new HarvestWorker(name, lease), name, Workers[name], gate: gate))));
        }
        finally
        {
            foreach (var s in stores)
            {
                await s.DisposeAsync();
            }
        }
    }

    /// <summary>Fetches per path and query of the given clients together.</summary>
    private static Dictionary<string, long> PagesOf(IReadOnlyDictionary<(string Client, string Url), long> byClient, IEnumerable<string> clients)
    {
        var set = clients.ToHashSet(StringComparer.Ordinal);
        return byClient.Where(e => set.Contains(e.Key.Client)).GroupBy(e => e.Key.Url, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);
    }
}

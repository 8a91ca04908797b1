using Dapper;
using SoundGraph.FakeSoundCloud.Server;
using SoundGraph.Ingest.Harvest;
using SoundGraph.Storage;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Harvest;

/// <summary>Workers that join a shared run late (issue 18, goal 5): w1 starts the run alone, and w2 and w3 join only after
/// w1's N-th API request (N = 1: w1 has resolved the seed but may not have written the run yet; larger N: w1 is walking).
/// DistributedHarvestTests starts its workers together, so it cannot see this. The reference is a single-process
/// harvest of the same seed by the default client.</summary>
public sealed class LateJoinHarvestTests
{
    private static readonly Dictionary<string, string> Workers = new(StringComparer.Ordinal) { ["w1"] = "s1", ["w2"] = "s2", ["w3"] = "s3" };
    private static readonly string[] Joiners = ["w2", "w3"];
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [PostgresTheory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(25)]
    public async Task RunAsync_TwoWorkersJoinAfterTheFirstWorkersNthRequest_FetchNoPageTwiceAndStoreTheRowsOfOneWorker(int joinAfter)
    {
        await using var harness = await HarvestHarness.StartAsync(ServerOptions());
        var options = HarvestHarness.SmallOptions();
        await using var one = await TempStore.CreateAsync("postgres");
        await harness.HarvestAsync(one.Store, options);

        await using var shared = await TempStore.CreateAsync("postgres");
        var results = await RunLateJoinersAsync(harness, shared, options, async w1 =>
        {
            while (harness.Server.Stats.ByClient.GetValueOrDefault("w1") < joinAfter && !w1.IsCompleted)
            {
                await Task.Delay(1);
            }

            Assert.False(w1.IsCompleted, $"w1 ended before its request {joinAfter}");
        });

        Assert.Single(results.Select(r => r.RunId).Distinct());
        Assert.Equal(1, results.Count(r => !r.Resumed)); // at N = 1 a joiner may be the one that writes the run
        Assert.Equal("finished", await shared.Store.Connection.ExecuteScalarAsync<string>("SELECT status FROM harvest_runs"));
        Assert.Equal(await KeyedSnapshot.TakeAsync(one.Store), await KeyedSnapshot.TakeAsync(shared.Store));

        // Only the seed track, which each worker resolves on start, is fetched more often than by the single worker.
        var (single, three, seedUrl) = Pages(harness);
        Assert.Equal(3, three[seedUrl]);
        var more = three.Where(p => p.Key != seedUrl && p.Value != single.GetValueOrDefault(p.Key)).Select(p => $"{p.Key} ×{p.Value}").ToList();
        Assert.True(more.Count == 0, $"{more.Count} pages fetched more often than by one worker: {string.Join(", ", more.Take(10))}");
        Assert.Equal(single.Keys.Order(StringComparer.Ordinal), three.Keys.Order(StringComparer.Ordinal));
        Assert.True(Joiners.Sum(w => harness.Server.Stats.ByClient.GetValueOrDefault(w)) > Joiners.Length, "the late workers claimed no walk");
    }

    /// <summary>By design (ARCHITECTURE.md, "Several machines, one PostgreSQL"): a <c>--join</c> worker that arrives after the
    /// run finished finds no unfinished run and starts a new one, as a repeated harvest does, so every page but the seed's
    /// is fetched once more (101 pages in HarvestWorkersKillTests' world: where the late-join experiment's "101 pages
    /// fetched twice" came from); the rows stay the same. <c>--run &lt;id&gt;</c> only ever joins, so it is refused.</summary>
    [PostgresFact]
    public async Task RunAsync_WorkersJoinAfterTheRunFinished_StartANewRunThatFetchesEveryPageAgainWhileRunIdIsRefused()
    {
        await using var harness = await HarvestHarness.StartAsync(ServerOptions(), users: 300);
        var options = HarvestHarness.SmallOptions();
        await using var one = await TempStore.CreateAsync("postgres");
        await harness.HarvestAsync(one.Store, options);

        await using var shared = await TempStore.CreateAsync("postgres");
        var results = await RunLateJoinersAsync(harness, shared, options, w1 => w1);

        var first = results[0].RunId;
        Assert.False(results[0].Resumed);
        Assert.Single(results.Skip(1).Select(r => r.RunId).Distinct());
        Assert.NotEqual(first, results[1].RunId);
        Assert.Equal(1, results.Skip(1).Count(r => !r.Resumed));
        Assert.Equal(await KeyedSnapshot.TakeAsync(one.Store), await KeyedSnapshot.TakeAsync(shared.Store));
        var (single, three, seedUrl) = Pages(harness);
        Assert.Equal(3, three[seedUrl]);
        Assert.All(single.Where(p => p.Key != seedUrl), p => Assert.Equal(2 * p.Value, three.GetValueOrDefault(p.Key)));

        var requests = harness.Server.Stats.Requests;
        var e = await Assert.ThrowsAsync<HarvestException>(() => harness.HarvestAsWorkerAsync(
            shared.Store, options, new HarvestWorker("w4", Lease, first), "w1", Workers["w1"]));
        Assert.Contains("is finished, not a running SoundCloud harvest", e.Message, StringComparison.Ordinal);
        Assert.Equal(requests, harness.Server.Stats.Requests);
    }

    /// <summary>Each answer takes 5 ms, so a run lasts long enough for late workers to join it.</summary>
    private static FakeServerOptions ServerOptions() => new() { ExtraClients = Workers, Latency = TimeSpan.FromMilliseconds(5) };

    /// <summary>Starts w1 alone, waits for <paramref name="joinWhen"/> (given w1's task), then starts w2 and w3; each worker
    /// has its own connection to <paramref name="shared"/>'s database.</summary>
    /// <returns>The results of w1, w2 and w3, in that order.</returns>
    private static async Task<HarvestResult[]> RunLateJoinersAsync(HarvestHarness harness, TempStore shared, HarvestOptions options, Func<Task<HarvestResult>, Task> joinWhen)
    {
        var stores = new List<SoundGraphStore>();
        try
        {
            foreach (var _ in Workers)
            {
                stores.Add(await SoundGraphStore.OpenAsync(shared.Db));
            }

            var w1 = Task.Run(() => harness.HarvestAsWorkerAsync(stores[0], options, new HarvestWorker("w1", Lease), "w1", Workers["w1"]));
            await joinWhen(w1);
            var joiners = Joiners.Select((name, i) =>
                Task.Run(() => harness.HarvestAsWorkerAsync(stores[i + 1], options, new HarvestWorker(name, Lease), name, Workers[name])));
            return await Task.WhenAll([w1, .. joiners]);
        }
        finally
        {
            foreach (var s in stores)
            {
                await s.DisposeAsync();
            }
        }
    }

    /// <summary>Fetches per path and query: by the single worker (the default client), by the three workers together, and
    /// the seed track's path.</summary>
    private static (Dictionary<string, long> Single, Dictionary<string, long> Three, string SeedUrl) Pages(HarvestHarness harness)
    {
        var byClient = harness.Server.Stats.ByClientAndUrl;
        return (Sum(byClient, ["fake-client-id"]), Sum(byClient, Workers.Keys), $"/tracks/{harness.SeedId}");
    }

    private static Dictionary<string, long> Sum(IReadOnlyDictionary<(string Client, string Url), long> byClient, IEnumerable<string> clients)
    {
        var set = clients.ToHashSet(StringComparer.Ordinal);
        return byClient.Where(e => set.Contains(e.Key.Client)).GroupBy(e => e.Key.Url, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);
    }
}

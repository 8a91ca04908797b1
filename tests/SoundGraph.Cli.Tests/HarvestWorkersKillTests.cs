using System.Diagnostics;
using System.Globalization;
using Dapper;
using SoundGraph.FakeSoundCloud.Server;
using SoundGraph.FakeSoundCloud.World;
using SoundGraph.Storage;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Cli.Tests;

/// <summary>Three <c>sgr harvest soundcloud --worker</c> processes, each with its own client credentials, share one run in
/// PostgreSQL; one is killed with SIGKILL midway (issue 18, goal 5). The other two finish the run, and the store holds
/// exactly the rows of a single-process harvest of the same seed. Each harvest runs <c>sgr.dll</c> as a child process.</summary>
[Collection(KillTests.Name)]
public sealed class HarvestWorkersKillTests : IAsyncLifetime
{
    private const string Config = """
        harvest:
          users: { max_likers: 25, max_reposters: 15, max_likes_per_user: 20 }
          playlists: { max_playlists: 8, max_tracks_per_playlist: 30 }
          artist: { max_tracks: 40 }
          semantic: { max_results: 30 }
          comments: { max_comments: 20 }
          labels: { max_labels: 2, max_tracks_per_label: 15 }
          entities: { max_entities: 4, max_tracks_per_entity: 8 }
        soundcloud:
          page_size: 10
          requests_per_second: 30
          max_concurrent_requests: 4
        """;

    private static readonly Dictionary<string, string> Workers = new(StringComparer.Ordinal) { ["w1"] = "s1", ["w2"] = "s2", ["w3"] = "s3" };

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-harvest-workers-" + Guid.NewGuid().ToString("N"));
    private FakeSoundCloudServer? _server;
    private long _seed;

    private FakeSoundCloudServer Server => _server!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(Path.Combine(_dir, "harvest.yaml"), Config);
        var world = FakeWorld.Generate(new WorldOptions { Seed = 5, Users = 500 });
        _seed = world.PopularTracks(1)[0].Id;
        _server = await FakeSoundCloudServer.StartAsync(world, new FakeServerOptions { Latency = TimeSpan.FromMilliseconds(20), ExtraClients = Workers });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [PostgresFact]
    public async Task HarvestWorkers_OneOfThreeKilledMidway_TheOthersFinishWithTheRowsOfOneWorkerAndRefetchOnlyItsInFlightPages()
    {
        await using var single = await TempStore.CreateAsync("postgres");
        using (var reference = Start(single.Db, "fake-client-id", "fake-client-secret", worker: null))
        {
            await WaitAsync(reference);
        }

        await using var shared = await TempStore.CreateAsync("postgres");
        var processes = Workers.Keys.Select(w => Start(shared.Db, w, Workers[w], w)).ToList();
        try
        {
            // kill -9 of w1 once it has made 12 API requests (the latest still unanswered: the fake server answers after 20 ms), so it
            // holds walks midway, under leases of 5 s nobody renews. At 25 requests it sometimes ended first: the other two
            // workers, started with it, had claimed the rest of the walks.
            var watch = Stopwatch.StartNew();
            while (Server.Stats.ByClient.GetValueOrDefault("w1") < 12 && !processes[0].HasExited && watch.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(5);
            }

            Assert.False(processes[0].HasExited, "w1 ended before it could be killed: " + await processes[0].StandardError.ReadToEndAsync());
            processes[0].Kill(entireProcessTree: true);
            await processes[0].WaitForExitAsync();
            await WaitAsync(processes[1]);
            await WaitAsync(processes[2]);
        }
        finally
        {
            foreach (var p in processes)
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                }

                p.Dispose();
            }
        }

        Assert.Equal(await KeyedSnapshot.TakeAsync(single.Store), await KeyedSnapshot.TakeAsync(shared.Store));
        Assert.Equal("finished", await shared.Store.Connection.ExecuteScalarAsync<string>("SELECT status FROM harvest_runs"));
        Assert.Equal(0, await shared.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM harvest_frontier WHERE status = 0"));

        // Every page was fetched as often as by the single worker, except the seed track (each worker resolves it) and at
        // most one re-fetch of each page w1 had in flight (4 walks at a time) when it was killed.
        var byClient = Server.Stats.ByClientAndUrl;
        var one = Pages(byClient, ["fake-client-id"]);
        var three = Pages(byClient, Workers.Keys);
        var seedUrl = $"/tracks/{_seed}";
        Assert.Equal(one.Keys.Order(StringComparer.Ordinal), three.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((1, 3), (one[seedUrl], three[seedUrl]));
        var refetched = three.Where(p => p.Key != seedUrl && p.Value != one[p.Key]).ToList();
        Assert.All(refetched, p => Assert.Equal(one[p.Key] + 1, p.Value));
        Assert.All(refetched, p => Assert.True(byClient.GetValueOrDefault(("w1", p.Key)) > 0, $"{p.Key} was fetched twice, but not by the killed worker"));
        Assert.True(refetched.Count <= 4, $"{refetched.Count} pages re-fetched; w1 had at most 4 in flight");
    }

    [Theory]
    [InlineData("--join", null, "error: " + SoundGraph.Storage.Harvest.HarvestLeaseStore.NeedsPostgres)]
    [InlineData("--worker", "w1", "error: " + SoundGraph.Storage.Harvest.HarvestLeaseStore.NeedsPostgres)]
    [InlineData("--run", "3", "error: " + SoundGraph.Storage.Harvest.HarvestLeaseStore.NeedsPostgres)]
    public async Task Harvest_SharedRunOnSqlite_OneSentenceAndNoStore(string option, string? value, string expected)
    {
        var db = Path.Combine(_dir, "shared.db");
        var args = new List<string> { "harvest", "soundcloud", "--track", _seed.ToString(CultureInfo.InvariantCulture), "--api", Server.BaseUri.ToString(), "--db", db, option };
        if (value is not null)
        {
            args.Add(value);
        }

        var (code, _, error) = await CliRunner.RunAsync([.. args]);
        Assert.Equal(1, code);
        Assert.Equal(expected, error.TrimEnd());
        Assert.False(File.Exists(db));
        Assert.Equal(0, Server.Stats.Requests);
    }

    [Theory]
    [InlineData("--lease", "0", "error: --lease must be 1–3600 seconds (got 0).")]
    [InlineData("--run", "0", "error: --run must be a run id of 1 or more (got 0).")]
    [InlineData("--worker", " ", "error: --worker: The worker name must be 1–100 characters without control characters.")]
    public async Task Harvest_BadWorkerOption_OneLineBeforeAnyConnection(string option, string value, string expected)
    {
        // A PostgreSQL --db that nothing listens on: the options are checked before it is opened.
        var (code, _, error) = await CliRunner.RunAsync(
            "harvest", "soundcloud", "--track", "1", "--api", Server.BaseUri.ToString(), "--db", "Host=127.0.0.1;Port=1;Database=none", option, value);
        Assert.Equal(1, code);
        Assert.Equal(expected, error.TrimEnd());
    }

    private Process Start(string db, string clientId, string clientSecret, string? worker)
    {
        var args = new List<string>
        {
            "harvest", "soundcloud", "--track", _seed.ToString(CultureInfo.InvariantCulture),
            "--api", Server.BaseUri.ToString(), "--config", Path.Combine(_dir, "harvest.yaml"), "--db", db,
            "--spill", Path.Combine(_dir, (worker ?? "single") + ".jsonl"),
        };
        if (worker is not null)
        {
            args.AddRange(["--worker", worker, "--lease", "5"]);
        }

        return SgrChild.Start(args, new Dictionary<string, string?>
        {
            ["SOUNDCLOUD_CLIENT_ID"] = clientId,
            ["SOUNDCLOUD_CLIENT_SECRET"] = clientSecret,
            ["SOUNDCLOUD_ACCESS_TOKEN"] = null,
        });
    }

    private static async Task WaitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
    }

    private static Dictionary<string, long> Pages(IReadOnlyDictionary<(string Client, string Url), long> byClient, IEnumerable<string> clients)
    {
        var set = clients.ToHashSet(StringComparer.Ordinal);
        return byClient.Where(e => set.Contains(e.Key.Client)).GroupBy(e => e.Key.Url, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Npgsql;
using SoundGraph.Cli.Rendering;
using SoundGraph.FakeSoundCloud.Server;
using SoundGraph.FakeSoundCloud.World;
using SoundGraph.Ingest.Harvest;
using SoundGraph.Ingest.Sources.SoundCloud;
using SoundGraph.Storage;
using Spectre.Console;

namespace SoundGraph.Cli.Bench;

/// <summary>Figures of one shared-run measurement.</summary>
/// <param name="Workers">Workers sharing the run.</param>
/// <param name="Requests">Authenticated API requests the server received from the workers in the window.</param>
/// <param name="Walks">Walks finished (done or gone) in the window.</param>
/// <param name="Seconds">Length of the window.</param>
/// <param name="RateLimited">429 answers the workers received.</param>
public sealed record DistributedHarvestBenchResult(int Workers, long Requests, long Walks, double Seconds, long RateLimited)
{
    /// <summary>Requests per second.</summary>
    public double RequestRate => Requests / Seconds;

    /// <summary>Walks finished per second.</summary>
    public double WalkRate => Walks / Seconds;
}

/// <summary><c>sgr bench harvest-distributed</c>: throughput of 1, 2, 3… harvest workers sharing one run through
/// PostgreSQL against the fake SoundCloud server (a SYNTHETIC world) that limits each client id on its own, as
/// SoundCloud limits each application. Each worker has its own credentials, its own client spaced to that limit and its
/// own store connection (the engine of <c>sgr harvest soundcloud --join</c>, in this process); each measurement runs on
/// a fresh schema of the given database against a fresh server.</summary>
public static class DistributedHarvestBench
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var counts = new Option<string[]>("--worker-counts") { Description = "Worker counts to measure, comma-separated or repeated, e.g. 1,3 (each 1–16; default 1,3).", AllowMultipleArgumentsPerToken = true };
        var users = new Option<int>("--users") { Description = "Users in the SYNTHETIC fake SoundCloud world.", DefaultValueFactory = _ => 3000 };
        var limit = new Option<double>("--rate-limit-per-client") { Description = "The fake server's limit per client id, requests/s (each worker's client is set to it).", DefaultValueFactory = _ => 4 };
        var latency = new Option<int>("--latency-ms") { Description = "Latency the fake server adds to each API request, ms.", DefaultValueFactory = _ => 100 };
        var walks = new Option<int>("--walks") { Description = "Concurrent walks per worker.", DefaultValueFactory = _ => 8 };
        var seconds = new Option<int>("--seconds") { Description = "Measuring window per worker count, seconds.", DefaultValueFactory = _ => 40 };
        var command = new Command("harvest-distributed", "Harvest throughput of several workers (own credentials, own per-client limit) sharing one run through PostgreSQL (--db), " +
            "against the fake SoundCloud server (SYNTHETIC world): requests/s and walks/s per worker count, and the speed-up over one worker.")
        {
            counts, users, limit, latency, walks, seconds,
        };
        command.SetAction(async (parse, ct) =>
        {
            var given = (parse.GetValue(counts) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var workerCounts = given.Count == 0 ? [1, 3] : given.Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList();
            if (workerCounts.Any(n => n is < 1 or > 16) || parse.GetValue(users) < 10 || parse.GetValue(limit) <= 0 || parse.GetValue(latency) < 0
                || parse.GetValue(walks) < 1 || parse.GetValue(seconds) < 1)
            {
                throw new ArgumentException("--worker-counts must be 1–16 each, --users at least 10, --rate-limit-per-client above 0, --latency-ms 0 or more, --walks and --seconds at least 1.");
            }

            var location = StoreLocation.Parse(CliContext.DbValue(parse));
            if (location.Provider != StoreProvider.Postgres)
            {
                throw new ArgumentException("sgr bench harvest-distributed needs --db to be a PostgreSQL connection string (Host=…): the workers share their run there.");
            }

            var world = FakeWorld.Generate(new WorldOptions { Users = parse.GetValue(users) });
            var seed = world.PopularTracks(1)[0];
            context.Console.MarkupLine($"[grey]SYNTHETIC fake SoundCloud world: {world.UserCount:N0} users, {world.TrackCount:N0} tracks; seed {seed.Id} with {world.Favoriters(seed.Id).Count:N0} likers; " +
                $"limit {parse.GetValue(limit).ToString(CultureInfo.InvariantCulture)} req/s per client id, latency {parse.GetValue(latency)} ms; {parse.GetValue(walks)} concurrent walks per worker; " +
                $"window {parse.GetValue(seconds)} s[/]");
            var results = new List<DistributedHarvestBenchResult>();
            foreach (var n in workerCounts)
            {
                results.Add(await RunAsync(location.Value, world, seed.Id, n, parse.GetValue(limit), TimeSpan.FromMilliseconds(parse.GetValue(latency)), parse.GetValue(walks),
                    TimeSpan.FromSeconds(parse.GetValue(seconds)), ct).ConfigureAwait(false));
            }

            var baseline = results.FirstOrDefault(r => r.Workers == 1);
            var table = new Table().Title("Shared harvest throughput — SYNTHETIC fake SoundCloud world on 127.0.0.1, one PostgreSQL")
                .AddColumns("workers", "requests", "seconds", "requests/s", "walks done", "walks/s", "429s", "requests/s vs 1 worker", "walks/s vs 1 worker");
            foreach (var r in results)
            {
                table.AddRow(
                    r.Workers.ToString(CultureInfo.InvariantCulture), Numbers.Count(r.Requests), Numbers.Seconds(r.Seconds, 1), Numbers.Seconds(r.RequestRate, 2), Numbers.Count(r.Walks),
                    Numbers.Seconds(r.WalkRate, 2), Numbers.Count(r.RateLimited),
                    baseline is null ? "-" : (r.RequestRate / baseline.RequestRate).ToString("0.00", CultureInfo.InvariantCulture) + "×",
                    baseline is null || baseline.Walks == 0 ? "-" : (r.WalkRate / baseline.WalkRate).ToString("0.00", CultureInfo.InvariantCulture) + "×");
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"[grey]{Environment.ProcessorCount} cores, .NET {Environment.Version}; each worker: own client id, own store connection, in this process.[/]");
            foreach (var r in results)
            {
                context.Console.Profile.Out.Writer.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"bench harvest-distributed (synthetic): workers={r.Workers} requests={r.Requests} seconds={r.Seconds:0.0} requests_per_s={r.RequestRate:0.00} walks={r.Walks} walks_per_s={r.WalkRate:0.00} rate_limited={r.RateLimited} speedup={(baseline is null ? double.NaN : r.RequestRate / baseline.RequestRate):0.00}"));
            }

            return 0;
        });
        return command;
    }

    /// <summary>Runs <paramref name="workers"/> workers on one shared run of <paramref name="seedId"/> for
    /// <paramref name="window"/> (or until the run ends) in a fresh schema, and measures what the server saw.</summary>
    public static async Task<DistributedHarvestBenchResult> RunAsync(
        string connectionString, FakeWorld world, long seedId, int workers, double limitPerClient, TimeSpan latency, int walksPerWorker, TimeSpan window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(world);
        var clients = Enumerable.Range(1, workers).ToDictionary(i => $"bench-worker-{i}", i => $"bench-secret-{i}", StringComparer.Ordinal);
        await using var server = await FakeSoundCloudServer.StartAsync(
            world, new FakeServerOptions { ExtraClients = clients, RateLimitPerClientPerSecond = limitPerClient, Latency = latency }, ct).ConfigureAwait(false);
        var schema = "sgbench_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(connectionString, $"CREATE SCHEMA {schema}", ct).ConfigureAwait(false);
        var db = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString;
        var stores = new List<SoundGraphStore>();
        try
        {
            foreach (var _ in clients)
            {
                stores.Add(await SoundGraphStore.OpenAsync(db, ct).ConfigureAwait(false));
            }

            using var http = new HttpClient(SoundCloudClient.CreateHandler());
            var soundClouds = clients.Select(c => new SoundCloudClient(http, new SoundCloudOptions
            {
                ApiBaseUri = server.BaseUri,
                TokenUri = server.TokenUri,
                ClientId = c.Key,
                ClientSecret = c.Value,
                RequestsPerSecond = limitPerClient,
                MaxConcurrentRequests = walksPerWorker,
            })).ToList();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            stop.CancelAfter(window);
            var watch = Stopwatch.StartNew();
            var runs = clients.Keys.Select((name, i) => RunWorkerAsync(stores[i], soundClouds[i], name, seedId, walksPerWorker, stop.Token)).ToList();
            await Task.WhenAll(runs).ConfigureAwait(false);
            var seconds = watch.Elapsed.TotalSeconds;
            var requests = server.Stats.ByClient.Where(c => clients.ContainsKey(c.Key)).Sum(c => c.Value);
            var rateLimited = soundClouds.Sum(c => c.Stats.RateLimited);
            foreach (var c in soundClouds)
            {
                c.Dispose();
            }

            var walks = await stores[0].Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM harvest_frontier WHERE status <> 0").ConfigureAwait(false);
            return new DistributedHarvestBenchResult(workers, requests, walks, seconds, rateLimited);
        }
        finally
        {
            foreach (var s in stores)
            {
                await s.DisposeAsync().ConfigureAwait(false);
            }

            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(connectionString, $"DROP SCHEMA IF EXISTS {schema} CASCADE", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task RunWorkerAsync(SoundGraphStore store, SoundCloudClient client, string name, long seedId, int walks, CancellationToken ct)
    {
        using var engine = new HarvestEngine(store, client, new HarvestOptions());
        try
        {
            await engine.RunAsync(new HarvestRequest(seedId.ToString(CultureInfo.InvariantCulture), Workers: walks, Worker: new HarvestWorker(name, HarvestWorker.DefaultLease)), ct)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the measuring window ended; the schema is thrown away
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}

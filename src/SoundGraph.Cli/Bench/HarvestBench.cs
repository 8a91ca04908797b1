using System.Diagnostics;
using System.Globalization;
using SoundGraph.FakeSoundCloud.Server;
using SoundGraph.FakeSoundCloud.World;
using SoundGraph.Ingest.Harvest;
using SoundGraph.Ingest.Sources.SoundCloud;
using SoundGraph.Storage;
using Spectre.Console;

namespace SoundGraph.Cli.Bench;

/// <summary>Figures of one harvest throughput run.</summary>
/// <param name="Requests">API requests the server received in the window (token requests included).</param>
/// <param name="Seconds">Length of the window.</param>
/// <param name="Limit">The server's rate limit (requests/s).</param>
/// <param name="Violations">Requests that arrived when the server's bucket was empty.</param>
/// <param name="RateLimited">429 answers the client received.</param>
/// <param name="Tracks">Tracks stored.</param>
public sealed record HarvestBenchResult(long Requests, double Seconds, double Limit, long Violations, long RateLimited, long Tracks)
{
    /// <summary>Requests per second.</summary>
    public double Rate => Requests / Seconds;

    /// <summary>Rate as a fraction of the limit.</summary>
    public double OfLimit => Rate / Limit;
}

/// <summary><c>sgr bench harvest</c>: Deep Harvest throughput against the fake SoundCloud server (a SYNTHETIC world) with
/// injected latency and a rate limit; the figure is the fraction of the limit the concurrent harvest sustains.</summary>
public static class HarvestBench
{
    /// <summary>Runs the harvest of the world's most-liked track for <paramref name="duration"/> (or until it ends) and
    /// measures the request rate the server saw over that window.</summary>
    public static async Task<HarvestBenchResult> RunAsync(IAnsiConsole console, int users, double limit, TimeSpan latency, int workers, TimeSpan duration, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(console);
        var world = FakeWorld.Generate(new WorldOptions { Users = users });
        var seed = world.PopularTracks(1)[0];
        await using var server = await FakeSoundCloudServer.StartAsync(world, new FakeServerOptions { RateLimitPerSecond = limit, Latency = latency }, ct).ConfigureAwait(false);
        var folder = Path.Combine(Path.GetTempPath(), "soundgraph-harvest-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var store = await SoundGraphStore.OpenAsync(Path.Combine(folder, "bench.db"), ct).ConfigureAwait(false);
            using var http = new HttpClient(SoundCloudClient.CreateHandler());
            using var client = new SoundCloudClient(http, new SoundCloudOptions
            {
                ApiBaseUri = server.BaseUri,
                TokenUri = server.TokenUri,
                ClientId = "fake-client-id",
                ClientSecret = "fake-client-secret",
                RequestsPerSecond = limit,
                MaxConcurrentRequests = workers,
            });
            using var engine = new HarvestEngine(store, client, new HarvestOptions());
            console.MarkupLine($"[grey]SYNTHETIC fake SoundCloud world: {world.UserCount:N0} users, {world.TrackCount:N0} tracks; seed {seed.Id} with {world.Favoriters(seed.Id).Count:N0} likers; " +
                $"server limit {limit.ToString(CultureInfo.InvariantCulture)} req/s, latency {latency.TotalMilliseconds:0} ms; {workers} concurrent walks; window {duration.TotalSeconds:0} s[/]");
            using var window = CancellationTokenSource.CreateLinkedTokenSource(ct);
            window.CancelAfter(duration);
            var before = server.Stats.Requests;
            var watch = Stopwatch.StartNew();
            try
            {
                await engine.RunAsync(new HarvestRequest(seed.Id.ToString(CultureInfo.InvariantCulture), Workers: workers), window.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // the measuring window ended; the run stays resumable in the throwaway store
            }

            var seconds = watch.Elapsed.TotalSeconds;
            var stats = server.Stats;
            var tracks = (await store.CountRowsAsync(CancellationToken.None).ConfigureAwait(false))["tracks"];
            return new HarvestBenchResult(stats.Requests - before, seconds, limit, stats.RateLimitViolations, client.Stats.RateLimited, tracks);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

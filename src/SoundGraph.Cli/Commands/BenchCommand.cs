using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SoundGraph.Cli.Bench;
using SoundGraph.Cli.Jobs;
using SoundGraph.Cli.Rendering;
using SoundGraph.Core.Relations;
using SoundGraph.Ingest;
using SoundGraph.Storage;
using Spectre.Console;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr bench</c>: times import and relate on SYNTHETIC MPD-shaped data (see <see cref="SyntheticMpd"/>).</summary>
public static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sizes = new Option<int[]>("--playlists") { Description = "Playlist counts to run (repeatable).", DefaultValueFactory = _ => [10_000, 100_000], AllowMultipleArgumentsPerToken = true };
        var work = new Option<string?>("--work") { Description = "Folder for the generated slices and databases (default: a temporary folder, deleted afterwards)." };
        var importOnly = new Option<bool>("--import-only") { Description = "Time the import only (no relate): for tuning the import path." };
        var command = new Command("bench", "Benchmark import and relate on synthetic MPD-shaped data (it is synthetic: see the generator's remarks).")
        {
            sizes, work, importOnly, RelateCommand.TopK, Cooccurrence(context), Scale(context), Harvest(context), DistributedHarvestBench.Create(context), AlsBench.Create(context), AudioBench.Create(context), ResolveBench.Create(context),
        };
        command.SetAction(async (parse, ct) =>
        {
            var folder = parse.GetValue(work) ?? Path.Combine(Path.GetTempPath(), "soundgraph-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            var keep = parse.GetValue(work) is not null;
            try
            {
                var results = new List<string[]>();
                if (parse.GetValue(sizes)!.Any(n => n < 1))
                {
                    throw new ArgumentException("--playlists values must be at least 1.");
                }

                foreach (var n in parse.GetValue(sizes)!)
                {
                    results.Add(await RunOneAsync(context, folder, n, parse.GetValue(RelateCommand.TopK), parse.GetValue(importOnly), ct).ConfigureAwait(false));
                }

                var table = new Table().Title("SoundGraph bench — SYNTHETIC MPD-shaped data, SQLite store")
                    .AddColumns("playlists", "entries", "generate s", "import s", "entries/s", "relate s", "relation rows", "rows/s (write)", "peak MiB");
                foreach (var r in results)
                {
                    table.AddRow(r);
                }

                context.Console.Write(table);
                context.Console.MarkupLine($"[grey]{Environment.ProcessorCount} cores, .NET {Environment.Version}; relate = track and artist co-playlist, top-{parse.GetValue(RelateCommand.TopK)}.[/]");
                return 0;
            }
            finally
            {
                if (!keep && Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        });
        return command;
    }

    private static Command Harvest(CliContext context)
    {
        var users = new Option<int>("--users") { Description = "Users in the SYNTHETIC fake SoundCloud world.", DefaultValueFactory = _ => 3000 };
        var limit = new Option<double>("--rate-limit") { Description = "The fake server's rate limit, requests/s (the client is set to it).", DefaultValueFactory = _ => 20 };
        var latency = new Option<int>("--latency-ms") { Description = "Latency the fake server adds to each API request, ms.", DefaultValueFactory = _ => 100 };
        var workers = new Option<int>("--workers") { Description = "Concurrent walks (and requests in flight).", DefaultValueFactory = _ => 8 };
        var seconds = new Option<int>("--seconds") { Description = "Measuring window, seconds.", DefaultValueFactory = _ => 60 };
        var command = new Command("harvest", "Deep Harvest throughput against the fake SoundCloud server (SYNTHETIC world) with latency and a rate limit: the share of the limit sustained.")
        {
            users, limit, latency, workers, seconds,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(users) < 10 || parse.GetValue(limit) <= 0 || parse.GetValue(latency) < 0 || parse.GetValue(workers) < 1 || parse.GetValue(seconds) < 1)
            {
                throw new ArgumentException("--users must be at least 10, --rate-limit above 0, --latency-ms 0 or more, --workers and --seconds at least 1.");
            }

            var r = await HarvestBench.RunAsync(
                context.Console, parse.GetValue(users), parse.GetValue(limit), TimeSpan.FromMilliseconds(parse.GetValue(latency)), parse.GetValue(workers), TimeSpan.FromSeconds(parse.GetValue(seconds)), ct)
                .ConfigureAwait(false);
            var table = new Table().Title("Harvest throughput — SYNTHETIC fake SoundCloud world on 127.0.0.1")
                .AddColumns("requests", "seconds", "requests/s", "limit", "share of limit", "limit violations", "429s", "tracks stored");
            table.AddRow(
                Numbers.Count(r.Requests), Numbers.Seconds(r.Seconds, 1), Numbers.Seconds(r.Rate, 2), Numbers.Seconds(r.Limit, 0), r.OfLimit.ToString("P1", CultureInfo.InvariantCulture),
                Numbers.Count(r.Violations), Numbers.Count(r.RateLimited), Numbers.Count(r.Tracks));
            context.Console.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Scale(CliContext context)
    {
        var playlists = new Option<int>("--playlists") { Description = "Synthetic playlists (the MPD has 1,000,000).", DefaultValueFactory = _ => 1_000_000 };
        var topK = new Option<int>("--top-k") { Description = "Neighbours kept per track (≥ 1).", DefaultValueFactory = _ => 100 };
        var block = new Option<int>("--block") { Description = "Tracks per streamed block (≥ 1).", DefaultValueFactory = _ => 100_000 };
        var evidence = new Option<int>("--evidence") { Description = "Evidence ids sampled per row (≥ 0).", DefaultValueFactory = _ => 5 };
        var write = new Option<string?>("--write") { Description = "Also stream every block into a new store and time it: a SQLite file path that does not exist yet (deleted afterwards), or a PostgreSQL connection string (a fresh schema, dropped afterwards)." };
        var command = new Command("scale", "Track co-playlist relate at full MPD scale on SYNTHETIC playlists generated in memory: time and peak memory of the engine, and with --write the time to store the whole relation.")
        {
            playlists, topK, block, evidence, write,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(playlists) < 1 || parse.GetValue(topK) < 1 || parse.GetValue(block) < 1 || parse.GetValue(evidence) < 0)
            {
                throw new ArgumentException("--playlists, --top-k and --block must be at least 1, --evidence at least 0.");
            }

            await ScaleBench.RunAsync(context, parse.GetValue(playlists), parse.GetValue(topK), parse.GetValue(block), parse.GetValue(evidence), parse.GetValue(write), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Cooccurrence(CliContext context)
    {
        var sizes = new Option<int[]>("--playlists") { Description = "Playlist counts to run (repeatable).", DefaultValueFactory = _ => [10_000, 50_000], AllowMultipleArgumentsPerToken = true };
        var keep = new Option<bool>("--keep") { Description = "Keep each size's schema (sgbench_N_PID) for inspection instead of dropping it." };
        var noRefresh = new Option<bool>("--no-refresh") { Description = "Skip A's REFRESH MATERIALIZED VIEW CONCURRENTLY (the slowest step: about 30 minutes at 50,000 playlists)." };
        var command = new Command(
            "cooccurrence",
            "Side by side on PostgreSQL (--db): A) the SQL track_cooccurrence view (create, refresh concurrently) vs B) SoundGraph's in-memory relate plus writing the top-K back, on the same SYNTHETIC playlists.")
        {
            sizes, keep, noRefresh, RelateCommand.TopK,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(sizes)!.Any(n => n < 1))
            {
                throw new ArgumentException("--playlists values must be at least 1.");
            }

            var db = CliContext.DbValue(parse) ?? throw new ArgumentException("bench cooccurrence needs PostgreSQL: pass --db \"Host=…;Database=…\" (or set SOUNDGRAPH_DB).");
            var folder = Path.Combine(Path.GetTempPath(), "soundgraph-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            var topK = parse.GetValue(RelateCommand.TopK);
            var results = new List<SideBySideResult>();
            try
            {
                foreach (var n in parse.GetValue(sizes)!)
                {
                    results.Add(await SideBySideBench.RunAsync(context, db, folder, n, topK, parse.GetValue(keep), ct, refresh: !parse.GetValue(noRefresh)).ConfigureAwait(false));
                }
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }

            SideBySideBench.Render(context.Console, results, topK);
            context.Console.MarkupLine($"[grey]{Environment.ProcessorCount} cores, .NET {Environment.Version}.[/]");
            return 0;
        });
        return command;
    }

    private static async Task<string[]> RunOneAsync(CliContext context, string folder, int playlists, int topK, bool importOnly, CancellationToken ct)
    {
        var dir = Path.Combine(folder, playlists.ToString(CultureInfo.InvariantCulture));
        context.Console.MarkupLine($"[grey]generating {playlists:N0} synthetic playlists…[/]");
        var watch = Stopwatch.StartNew();
        var (_, entries) = new SyntheticMpd(playlists).WriteSlices(Path.Combine(dir, "slices"));
        var generate = watch.Elapsed.TotalSeconds;
        var dbPath = Path.Combine(dir, "bench.db");
        File.Delete(dbPath);
        await using var store = await SoundGraphStore.OpenAsync(dbPath, ct).ConfigureAwait(false);
        var importer = ImporterCatalog.Get("mpd");
        var rejects = new ListRejectSink();
        var timed = new TimedCatalogWriter(store.Catalog);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        watch.Restart();
        // The slices' folder in one run, as `sgr import mpd <folder>` imports it.
        await importer.ImportAsync(Path.Combine(dir, "slices"), timed, rejects, null, ct).ConfigureAwait(false);

        var import = watch.Elapsed.TotalSeconds;
        if (importOnly)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - cpuBefore;
            context.Console.Profile.Out.Writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"bench import (synthetic): playlists={playlists} entries={entries} import_s={import:0.0} entries_per_s={entries / import:0} import_cpu_s={cpu:0.0} write_s={timed.WriteSeconds:0.0} db_mib={new FileInfo(dbPath).Length / (1024 * 1024)}"));
            return [N(playlists), N(entries), S(generate), S(import), N((long)(entries / import)), "-", "-", "-", N(Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024))];
        }

        context.Console.MarkupLine($"[grey]imported {entries:N0} entries in {import:0.0} s; relating…[/]");
        watch.Restart();
        var options = RelateCommand.Options(topK, 5, 0.7, new HashSet<RelationKind> { RelationKind.TrackCoPlaylist, RelationKind.ArtistCoPlaylist });
        var results = await RelateJob.RunAsync(context, store, options, quiet: true, ct).ConfigureAwait(false);
        var relate = watch.Elapsed.TotalSeconds;
        var rows = results.Sum(r => r.Rows);
        var write = results.Sum(r => r.WriteSeconds);
        RelateJob.Render(context.Console, results, topK);
        var peakMib = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
        context.Console.Profile.Out.Writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"bench (synthetic): playlists={playlists} entries={entries} import_s={import:0.0} entries_per_s={entries / import:0} relate_s={relate:0.0} relation_rows={rows} write_rows_per_s={rows / Math.Max(write, 1e-9):0} peak_mib={peakMib}"));
        return
        [
            N(playlists), N(entries), S(generate), S(import), N((long)(entries / import)), S(relate), N(rows), N((long)(rows / Math.Max(write, 1e-9))),
            N(peakMib),
        ];
    }

    private static string N(long n) => Numbers.Count(n);

    private static string S(double s) => Numbers.Seconds(s, 1);
}

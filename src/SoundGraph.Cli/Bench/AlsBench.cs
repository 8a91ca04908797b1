using System.CommandLine;
using System.Globalization;
using SoundGraph.Cli.Commands;
using SoundGraph.Cli.Jobs;
using SoundGraph.Learning.Recommenders;
using Spectre.Console;

namespace SoundGraph.Cli.Bench;

/// <summary><c>sgr bench als</c>: seconds per ALS sweep (users then items, conjugate gradient) at a given factor count on
/// HetRec and on a SYNTHETIC matrix (users pick items from a Zipf-like popularity law; synthetic, not real data).</summary>
public static class AlsBench
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var factors = new Option<int>("--factors") { Description = "Latent factors.", DefaultValueFactory = _ => 64 };
        var iterations = new Option<int>("--iterations") { Description = "Sweeps timed per matrix.", DefaultValueFactory = _ => 3 };
        var users = new Option<int>("--users") { Description = "SYNTHETIC matrix users (0 skips it).", DefaultValueFactory = _ => 100_000 };
        var items = new Option<int>("--items") { Description = "SYNTHETIC matrix items.", DefaultValueFactory = _ => 50_000 };
        var nnz = new Option<int>("--interactions") { Description = "SYNTHETIC matrix interactions (before duplicates are merged).", DefaultValueFactory = _ => 5_000_000 };
        var threads = new Option<int>("--threads") { Description = "Threads (default: all processors).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var hetrecDir = new Option<string>("--hetrec-dir") { Description = "HetRec folder (read when the store has no HetRec plays).", DefaultValueFactory = _ => EvalCommand.DefaultHetrecDir() };
        var command = new Command("als", "ALS seconds per iteration at --factors on HetRec and on a SYNTHETIC users × items matrix.") { factors, iterations, users, items, nnz, threads, hetrecDir };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(factors) < 1 || parse.GetValue(iterations) < 1 || parse.GetValue(threads) < 1 || parse.GetValue(users) < 0 || parse.GetValue(items) < 1 || parse.GetValue(nnz) < 1)
            {
                throw new ArgumentException("--factors, --iterations, --threads, --items and --interactions must be at least 1, --users at least 0.");
            }

            var options = new AlsOptions { Factors = parse.GetValue(factors), Iterations = 1, Threads = parse.GetValue(threads) };
            var table = new Table().Title($"ALS seconds per iteration, {options.Factors} factors, conjugate gradient ({options.CgSteps} steps), {options.Threads} threads")
                .AddColumns("matrix", "users", "items", "interactions", "s / iteration (mean)", "min s");
            var hetrec = await LoadHetrecAsync(parse, hetrecDir, ct).ConfigureAwait(false);
            table.AddRow([.. Time("HetRec user→artist", hetrec, options, parse.GetValue(iterations), context)]);
            if (parse.GetValue(users) > 0)
            {
                context.Console.MarkupLine("[grey]generating the SYNTHETIC matrix…[/]");
                var synthetic = Synthetic(parse.GetValue(users), parse.GetValue(items), parse.GetValue(nnz), 42);
                table.AddRow([.. Time("SYNTHETIC Zipf", synthetic, options, parse.GetValue(iterations), context)]);
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"[grey]{Environment.ProcessorCount} processors, .NET {Environment.Version}; one iteration = all users then all items.[/]");
            return 0;
        });
        return command;
    }

    /// <summary>A SYNTHETIC implicit matrix: each interaction picks a uniform user and an item with probability ∝ 1/(rank+10)
    /// (a Zipf-like long tail), value 1–20 plays. Seeded.</summary>
    public static Interactions Synthetic(int users, int items, int interactions, int seed)
    {
        var random = new Random(seed);
        var cumulative = new double[items];
        var total = 0.0;
        for (var i = 0; i < items; i++)
        {
            total += 1.0 / (i + 10);
            cumulative[i] = total;
        }

        IEnumerable<(int, int, double)> Triples()
        {
            for (var n = 0; n < interactions; n++)
            {
                var at = Array.BinarySearch(cumulative, random.NextDouble() * total);
                yield return (random.Next(users), Math.Min(items - 1, at < 0 ? ~at : at), 1 + random.Next(20));
            }
        }

        return Interactions.FromTriples(users, items, Triples());
    }

    private static async Task<Interactions> LoadHetrecAsync(ParseResult parse, Option<string> hetrecDir, CancellationToken ct)
    {
        var location = CliContext.DbValue(parse);
        if (location is not null && (File.Exists(location) || location.Contains('=', StringComparison.Ordinal)))
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return (await EvalData.LoadHetrecAsync(store, parse.GetValue(hetrecDir)!, ct).ConfigureAwait(false)).Matrix;
        }

        return (await EvalData.LoadHetrecAsync(null, parse.GetValue(hetrecDir)!, ct).ConfigureAwait(false)).Matrix;
    }

    private static string[] Time(string name, Interactions matrix, AlsOptions options, int iterations, CliContext context)
    {
        var model = new AlsRecommender(options);
        model.Fit(matrix);
        var seconds = Enumerable.Range(0, iterations).Select(_ => model.FitOneMoreIteration(matrix)).ToList();
        context.Console.Profile.Out.Writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"bench als: {name} users={matrix.UserCount} items={matrix.ItemCount} nnz={matrix.Count} factors={options.Factors} threads={options.Threads} s_per_iter={seconds.Average():0.000} min={seconds.Min():0.000}"));
        return [name, matrix.UserCount.ToString("N0", CultureInfo.InvariantCulture), matrix.ItemCount.ToString("N0", CultureInfo.InvariantCulture),
            matrix.Count.ToString("N0", CultureInfo.InvariantCulture), seconds.Average().ToString("0.000", CultureInfo.InvariantCulture), seconds.Min().ToString("0.000", CultureInfo.InvariantCulture)];
    }
}

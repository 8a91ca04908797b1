using System.CommandLine;
using System.Globalization;
using SoundGraph.Cli.Rendering;
using SoundGraph.Storage.Export;
using Spectre.Console;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr export ml</c>: writes an ML-ready CSV bundle (nodes, relations, raw edges, track features and a
/// seeded train/validation/test split) that pandas and PyTorch Geometric read directly; see <see cref="MlExporter"/>.</summary>
public static class ExportCommand
{
    /// <summary>The values <c>--target</c> accepts, in <see cref="MlExportTarget"/> order.</summary>
    public static IReadOnlyList<string> Targets { get; } = Enum.GetValues<MlExportTarget>().Select(t => t.ToString().ToLowerInvariant()).ToArray();

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = new Option<string>("--out") { Description = "Folder to write the bundle to (created if missing; must be empty unless --force).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the split shuffle.", DefaultValueFactory = _ => 42 };
        var validation = new Option<double>("--validation") { Description = "Share of target edges for validation, in [0, 1).", DefaultValueFactory = _ => 0.1 };
        var test = new Option<double>("--test") { Description = "Share of target edges for testing, in [0, 1); --validation + --test < 1.", DefaultValueFactory = _ => 0.1 };
        var target = new Option<string>("--target")
        {
            Description = "Edge set to split: likes (user→track), playlists (playlist→track) or plays (user→artist).",
            DefaultValueFactory = _ => "likes",
        };
        target.AcceptOnlyFromAmong([.. Targets]);
        var force = new Option<bool>("--force") { Description = "Write into a non-empty folder, replacing an earlier bundle's files there." };
        var ml = new Command("ml", "Write an ML-ready CSV bundle (PyTorch Geometric / pandas): nodes, relation and raw edge lists, track features, a train/validation/test split of the target edges, metadata.json and README.md.")
        {
            output, seed, validation, test, target, force,
        };
        ml.SetAction(async (parse, ct) =>
        {
            var options = Options(parse.GetValue(output)!, parse.GetValue(seed), parse.GetValue(validation), parse.GetValue(test), parse.GetValue(target)!, parse.GetValue(force));
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            var json = parse.GetValue(CliContext.JsonOption);
            var result = await new MlExporter(store.Connection).ExportAsync(options, progress: null, ct).ConfigureAwait(false);
            if (json)
            {
                context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(new
                {
                    result.OutputDirectory,
                    target = parse.GetValue(target),
                    result.TargetEdges,
                    split = new { train = result.TrainEdges, validation = result.ValidationEdges, test = result.TestEdges },
                    files = result.Files.Select(f => new { f.Name, f.Kind, f.Rows }),
                }));
                return 0;
            }

            Render(context.Console, result);
            return 0;
        });
        return new Command("export", "Export the store for other tools.") { ml };
    }

    /// <summary>Export options from command-line values.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names the option.</exception>
    public static MlExportOptions Options(string output, int seed, double validation, double test, string target, bool force)
    {
        if (string.IsNullOrWhiteSpace(output))
        {
            throw new ArgumentException("--out must name a folder.");
        }

        CheckFraction("--validation", validation);
        CheckFraction("--test", test);
        if (validation + test >= 1)
        {
            throw new ArgumentException($"--validation + --test must be below 1 so that edges remain for training (got {F(validation)} + {F(test)}).");
        }

        var index = Targets.ToList().IndexOf(target);
        if (index < 0)
        {
            throw new ArgumentException($"--target must be one of {string.Join(", ", Targets)} (got '{target}').");
        }

        return new MlExportOptions
        {
            OutputDirectory = output,
            Seed = seed,
            ValidationFraction = validation,
            TestFraction = test,
            Target = (MlExportTarget)index,
            Overwrite = force,
        };
    }

    private static void CheckFraction(string option, double value)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentException($"{option} must be at least 0 and below 1 (got {F(value)}).");
        }
    }

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Render(IAnsiConsole console, MlExportResult result)
    {
        var table = new Table().Title(Markup.Escape(result.OutputDirectory))
            .AddColumn("file").AddColumn("kind").AddColumn(new TableColumn("rows").RightAligned());
        foreach (var f in result.Files)
        {
            table.AddRow(Markup.Escape(f.Name), f.Kind, Numbers.Count(f.Rows));
        }

        console.Write(table);
        console.MarkupLine($"split of {Markup.Escape(result.TargetEdges)}: train {Numbers.Count(result.TrainEdges)}, validation {Numbers.Count(result.ValidationEdges)}, test {Numbers.Count(result.TestEdges)}; metadata.json and README.md describe every column.");
    }
}

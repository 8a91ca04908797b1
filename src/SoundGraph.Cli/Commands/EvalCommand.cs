using System.CommandLine;
using System.Globalization;
using SoundGraph.Cli.Jobs;
using SoundGraph.Cli.Rendering;
using SoundGraph.Learning.Recommenders;
using SoundGraph.Storage;
using Spectre.Console;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr eval</c>: offline evaluation of the learned models.</summary>
public static class EvalCommand
{
    /// <summary>The HetRec folder read when the store holds no HetRec plays: the repository's bundled copy,
    /// <c>data/demo/hetrec2011-lastfm-2k</c> (found like <c>sgr demo</c> finds data/demo), byte-identical to the original.</summary>
    public static string DefaultHetrecDir() =>
        Path.Combine(DemoCommand.FindDemoData() ?? Path.Combine("data", "demo"), "hetrec2011-lastfm-2k");

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("eval", "Evaluate models on held-out data.") { Recommend(context) };
    }

    private static Command Recommend(CliContext context)
    {
        var dataset = new Option<string>("--dataset") { Description = "hetrec: HetRec users → artists (play counts), per-user 20 % holdout. playlists: stored playlists → tracks, continuation from the first 5 / 25 tracks.", DefaultValueFactory = _ => "hetrec" };
        dataset.AcceptOnlyFromAmong("hetrec", "playlists");
        var test = new Option<string?>("--test") { Description = "With --dataset playlists: a playlists-tsv folder (or playlist_tracks.tsv) scored by models trained on every stored playlist." };
        var seed = new Option<int>("--seed") { Description = "Split and trainer seed.", DefaultValueFactory = _ => 42 };
        var ks = new Option<string>("--k") { Description = "Cut-offs K, comma-separated.", DefaultValueFactory = _ => "10,20,50" };
        var models = new Option<string>("--models") { Description = "Models, comma-separated: " + string.Join(",", EvalRecommendJob.AllModels) + ".", DefaultValueFactory = _ => string.Join(",", EvalRecommendJob.AllModels) };
        var output = new Option<string?>("--out") { Description = "Write the report as Markdown here and as JSON beside it (.json)." };
        var split = new Option<string?>("--split") { Description = "With --dataset playlists: by-owner (default; every playlist of a held-out account leaves training) or random (playlists held out one by one, so an account's other playlists may train)." };
        split.AcceptOnlyFromAmong(EvalRecommendJob.PlaylistSplits);
        var tune = new Option<bool>("--tune") { Description = "Grid-search item-kNN (weighting × neighbours) and ALS (α × λ) on the validation split (cut from the training part, never the test part) before the test run. " + DefaultsHelp() };
        var save = new Option<bool>("--save") { Description = "Afterwards train ALS on all the data and save it in the store (model als-hetrec or als-playlists) for `sgr recommend`." };
        var hetrecDir = new Option<string>("--hetrec-dir") { Description = "HetRec folder read when the store holds no HetRec plays.", DefaultValueFactory = _ => DefaultHetrecDir() };
        var command = new Command("recommend", "Compare recommenders (popularity, item-kNN, ALS, BPR, FastRP, blend) on one seeded split: Recall/Precision/NDCG@K, R-precision, coverage.")
        {
            dataset, split, test, seed, ks, models, output, tune, save, hetrecDir,
        };
        command.SetAction(async (parse, ct) =>
        {
            var kValues = ParseList(parse.GetValue(ks)!, "--k").Select(k => int.TryParse(k, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 1 ? v : throw new ArgumentException($"--k: '{k}' is not a whole number ≥ 1.")).Distinct().Order().ToArray();
            var modelNames = ParseList(parse.GetValue(models)!, "--models");
            foreach (var m in modelNames.Where(m => !EvalRecommendJob.AllModels.Contains(m)))
            {
                throw new ArgumentException($"--models: unknown model '{m}' (known: {string.Join(", ", EvalRecommendJob.AllModels)}).");
            }

            var name = parse.GetValue(dataset)!;
            if (parse.GetValue(test) is not null && name != "playlists")
            {
                throw new ArgumentException("--test needs --dataset playlists.");
            }

            if (parse.GetValue(split) is not null && (name != "playlists" || parse.GetValue(test) is not null))
            {
                throw new ArgumentException("--split needs --dataset playlists without --test (HetRec is split per user; --test playlists are their own test set).");
            }

            var json = parse.GetValue(CliContext.JsonOption);
            // HetRec from the files needs no store: a SQLite file that is not there is not created (unless --save must write
            // the model into it).
            var fromFilesOnly = name == "hetrec" && !parse.GetValue(save) && StoreLocation.Parse(CliContext.DbValue(parse)).IsMissingSqliteFile;
            await using var store = fromFilesOnly ? null : await CliContext.OpenStoreAsync(parse, ct, mustExist: name == "playlists").ConfigureAwait(false);
            var data = name == "hetrec"
                ? await EvalData.LoadHetrecAsync(store, parse.GetValue(hetrecDir)!, ct).ConfigureAwait(false)
                : await EvalData.LoadPlaylistsAsync(store!, ct).ConfigureAwait(false);
            var testLists = parse.GetValue(test) is { } path ? await EvalData.LoadTestPlaylistsAsync(store!, data, path, ct).ConfigureAwait(false) : null;
            var options = new EvalRecommendOptions(name, parse.GetValue(seed), kValues, modelNames, parse.GetValue(tune), parse.GetValue(split) ?? EvalRecommendJob.ByOwner);
            var report = EvalRecommendJob.Run(context, data, options, testLists, json);
            var reportJson = ReportJson.Serialize(report);
            if (json)
            {
                context.Console.Profile.Out.Writer.WriteLine(reportJson);
            }
            else
            {
                EvalRecommendJob.Render(context.Console, report);
                foreach (var note in report.Notes)
                {
                    context.Console.MarkupLineInterpolated($"[grey]{note}[/]");
                }
            }

            if (parse.GetValue(output) is { } outPath)
            {
                await File.WriteAllTextAsync(outPath, report.ToMarkdown(), ct).ConfigureAwait(false);
                await File.WriteAllTextAsync(Path.ChangeExtension(outPath, ".json"), reportJson, ct).ConfigureAwait(false);
                if (!json)
                {
                    context.Console.MarkupLineInterpolated($"wrote {outPath} and {Path.ChangeExtension(outPath, ".json")}");
                }
            }

            if (parse.GetValue(save))
            {
                var als = new AlsRecommender(EvalRecommendJob.DefaultAls(name, parse.GetValue(seed)));
                als.Fit(data.Matrix);
                var modelName = RecommendJob.ModelName(name);
                await store!.Models.SaveModelAsync(modelName, "als", ReportJson.Serialize(als.Options), null, RecommendJob.Serialize(data, als), ct).ConfigureAwait(false);
                if (!json)
                {
                    context.Console.MarkupLineInterpolated($"saved ALS trained on all {data.Matrix.Count:N0} interactions as model '{modelName}'");
                }
            }

            return 0;
        });
        return command;
    }

    /// <summary>What runs without --tune, from the defaults themselves so the help cannot drift from them.</summary>
    private static string DefaultsHelp()
    {
        string Describe(string dataset)
        {
            var knn = EvalRecommendJob.DefaultKnn(dataset);
            var als = EvalRecommendJob.DefaultAls(dataset, 42);
            return string.Create(CultureInfo.InvariantCulture, $"{dataset}: item-kNN {EvalRecommendJob.KnnLabel(knn)} with {knn.Neighbors} neighbours, ALS {als.Confidence} α={als.Alpha} λ={als.Regularization}, chosen by `{EvalRecommendJob.TuneRun(dataset)}`");
        }

        return $"Without it, the defaults that a tune run chose on its validation split: {Describe("hetrec")}; {Describe("playlists")}.";
    }

    private static string[] ParseList(string value, string option)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length > 0 ? parts : throw new ArgumentException($"{option} needs at least one value.");
    }
}

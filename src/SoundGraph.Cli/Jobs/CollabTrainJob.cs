using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SoundGraph.Cli.Rendering;
using SoundGraph.Graph.Embeddings;
using SoundGraph.Learning.LinkPrediction;
using SoundGraph.Storage;
using Spectre.Console;

namespace SoundGraph.Cli.Jobs;

/// <summary>What <see cref="CollabTrainJob"/> did.</summary>
/// <param name="Result">The model and its evaluation.</param>
/// <param name="CurvePath">Where the precision–recall curve was written.</param>
/// <param name="Seconds">Wall time, loading to saving.</param>
public sealed record CollabTrainOutcome(CollabTrainingResult Result, string CurvePath, double Seconds);

/// <summary><c>sgr train collab</c>: builds the co-credit graph from the store, trains and evaluates the collaboration
/// predictor (<see cref="CollabTrainer"/>), writes the PR curve as CSV and saves the model and the artists' FastRP
/// embeddings on the whole graph.</summary>
public static class CollabTrainJob
{
    /// <summary>Runs the job.</summary>
    /// <param name="context">Consoles.</param>
    /// <param name="store">The store to read credits from and save into.</param>
    /// <param name="options">Training options.</param>
    /// <param name="maxArtistsPerTrack">Tracks crediting more artists are left out of the graph.</param>
    /// <param name="curvePath">CSV file for the precision–recall curve.</param>
    /// <param name="quiet">No tables or progress (for --json).</param>
    /// <param name="ct">Cancels before saving.</param>
    public static async Task<CollabTrainOutcome> RunAsync(CliContext context, SoundGraphStore store, CollabTrainingOptions options, int maxArtistsPerTrack, string curvePath, bool quiet, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var watch = Stopwatch.StartNew();
        var stage = "starting";
        using var progress = ProgressReporter.Start(context, "train collab", () => Volatile.Read(ref stage) + ", still running");
        void Say(string line)
        {
            Volatile.Write(ref stage, line);
            if (!quiet)
            {
                context.Console.MarkupLine($"[grey]{Markup.Escape(line)}…[/]");
            }
            else
            {
                progress.Line(line);
            }
        }

        Say("loading track credits");
        var graph = await CollabGraph.LoadAsync(store, maxArtistsPerTrack, ct).ConfigureAwait(false);
        if (graph.EdgeCount == 0)
        {
            throw new InvalidOperationException("The store has no track crediting two artists: import multi-artist data first (e.g. `sgr demo`).");
        }

        var result = CollabTrainer.Train(graph, options, Say);
        ct.ThrowIfCancellationRequested();
        WriteCurve(curvePath, result.Evaluation.Curve);

        Say("embedding the whole graph and saving");
        var embeddings = FastRp.Embed(graph, options.Embedding);
        var parameters = JsonSerializer.Serialize(new
        {
            holdout = options.Holdout,
            negatives = options.NegativesPerPositive,
            negativeSampling = "per positive: ceil(k/2) from the 2-hop neighbourhood of one endpoint, the rest uniform; never an edge of the full graph",
            seed = options.Seed,
            l2 = options.L2,
            targetPrecision = options.TargetPrecision,
            embeddingDimension = options.Embedding.Dimension,
            maxArtistsPerTrack,
        });
        await store.Models.SaveModelAsync(CollabGraph.ModelName, "logistic-regression", parameters, MetricsJson(result.Evaluation, curvePath), result.Model.Serialize(), ct).ConfigureAwait(false);
        await store.Models.ReplaceEmbeddingsAsync(CollabGraph.EmbeddingModelName, CollabGraph.ArtistNodeType, graph.NodeIds, embeddings, ct).ConfigureAwait(false);
        var outcome = new CollabTrainOutcome(result, curvePath, watch.Elapsed.TotalSeconds);
        if (!quiet)
        {
            Render(context.Console, outcome);
        }

        return outcome;
    }

    /// <summary>The metrics saved with the model (the curve itself goes to the CSV).</summary>
    public static string MetricsJson(CollabEvaluation e, string curvePath)
    {
        ArgumentNullException.ThrowIfNull(e);
        return JsonSerializer.Serialize(new
        {
            e.Nodes,
            e.Edges,
            e.TestPositives,
            e.TestNegatives,
            e.TestPositivesWithinTwoHops,
            e.FitPositives,
            e.FitNegatives,
            e.Iterations,
            model = e.Model,
            baselines = e.Baselines,
            fullRecall = e.FullRecall,
            atTargetPrecision = e.AtTargetPrecision,
            curvePath,
        });
    }

    /// <summary>Writes the curve as CSV: threshold, precision, recall, true_positives, false_positives.</summary>
    public static void WriteCurve(string path, IReadOnlyList<PrPoint> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var text = new StringBuilder("threshold,precision,recall,true_positives,false_positives\n");
        foreach (var p in curve)
        {
            text.Append(CultureInfo.InvariantCulture, $"{p.Threshold:R},{p.Precision:R},{p.Recall:R},{p.TruePositives},{p.FalsePositives}\n");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Writes the coefficient table, the metrics table and the operating thresholds.</summary>
    public static void Render(IAnsiConsole console, CollabTrainOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(outcome);
        var (model, e) = (outcome.Result.Model, outcome.Result.Evaluation);
        console.MarkupLine($"co-credit graph: {Numbers.Count(e.Nodes)} artists, {Numbers.Count(e.Edges)} collaborations; " +
            $"fitted on {Numbers.Count(e.FitPositives)} held-out edges + {Numbers.Count(e.FitNegatives)} negatives ({e.Iterations} Newton steps), " +
            $"tested on {Numbers.Count(e.TestPositives)} edges ({Numbers.Count(e.TestPositivesWithinTwoHops)} within 2 hops) + {Numbers.Count(e.TestNegatives)} negatives");
        var coefficients = new Table().Title("logistic regression (standardized features)")
            .AddColumn("feature").AddColumn(new TableColumn("coefficient").RightAligned()).AddColumn(new TableColumn("odds × per SD").RightAligned())
            .AddColumn(new TableColumn("mean").RightAligned()).AddColumn(new TableColumn("SD").RightAligned());
        for (var j = 0; j < model.FeatureNames.Count; j++)
        {
            coefficients.AddRow(model.FeatureNames[j], F(model.Coefficients[j], 3), F(Math.Exp(model.Coefficients[j]), 2), F(model.Scaler.Means[j], 3), F(model.Scaler.Scales[j], 3));
        }

        coefficients.AddRow("(intercept)", F(model.Intercept, 3), string.Empty, string.Empty, string.Empty);
        console.Write(coefficients);
        var metrics = new Table().Title("held-out collaborations, one split")
            .AddColumn("scorer").AddColumn(new TableColumn("AUC").RightAligned()).AddColumn(new TableColumn("Hits@20").RightAligned()).AddColumn(new TableColumn("Hits@50").RightAligned());
        foreach (var s in e.Baselines.Prepend(e.Model))
        {
            metrics.AddRow(s == e.Model ? "[bold]logistic regression[/]" : s.Name, F(s.Auc, 4), F(s.HitsAt20, 4), F(s.HitsAt50, 4));
        }

        console.Write(metrics);
        var ratio = e.TestPositives > 0 ? (double)e.TestNegatives / e.TestPositives : 0;
        console.MarkupLine($"[grey]precision below is measured at 1 positive : {F(ratio, 1)} sampled negatives[/]");
        console.MarkupLine($"threshold keeping 100 % recall: p ≥ {F(e.FullRecall.Threshold, 4)} → precision {F(e.FullRecall.Precision, 4)}");
        console.MarkupLine(e.AtTargetPrecision is { } at
            ? $"threshold for precision ≥ {F(model.TargetPrecision, 2)}: p ≥ {F(at.Threshold, 4)} → precision {F(at.Precision, 4)}, recall {F(at.Recall, 4)}"
            : $"no threshold reaches precision {F(model.TargetPrecision, 2)}");
        console.MarkupLine($"saved model '{CollabGraph.ModelName}' and {Numbers.Count(e.Nodes)} artist embeddings ('{CollabGraph.EmbeddingModelName}'); " +
            $"PR curve: {Markup.Escape(outcome.CurvePath)} ({Numbers.Seconds(outcome.Seconds, 1)} s)");
    }

    private static string F(double x, int decimals) => x.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

using System.Globalization;
using SoundGraph.Cli.Rendering;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Text.Json;
using SoundGraph.Graph.Embeddings;
using SoundGraph.Graph.Sparse;
using SoundGraph.Learning.Sage;
using SoundGraph.Learning.SongGraph;
using SoundGraph.Storage;
using SoundGraph.Storage.Models;
using Spectre.Console;

namespace SoundGraph.Cli.Jobs;

/// <summary>Settings of <c>sgr train sage</c>.</summary>
/// <param name="Graph">k and cosine threshold of the song graph.</param>
/// <param name="Sage">GraphSAGE hyper-parameters and seed (also the seed of the split and of every sampled negative).</param>
/// <param name="HeldOutFraction">Share of the song graph's edges held out for evaluation (0.1).</param>
public sealed record SageJobOptions(SongGraphOptions Graph, SageOptions Sage, double HeldOutFraction = 0.1);

/// <summary>One model's figures.</summary>
/// <param name="Model">"sage", "raw" or "fastrp".</param>
/// <param name="HeldOut">Held-out song-graph edges.</param>
/// <param name="SameArtist">Same-primary-artist pairs (a signal the features do not define), or null.</param>
/// <param name="CoPlaylist">Co-playlist pairs, or null when the store has no playlists over these tracks.</param>
/// <param name="ArtistCoherence">Share of the top-10 neighbours with the same primary artist.</param>
/// <param name="LabelCoherence">Same, record label.</param>
/// <param name="GenreCoherence">Same, genre (within tracks that have one), or null.</param>
public sealed record SageModelFigures(string Model, LinkScores HeldOut, LinkScores? SameArtist, LinkScores? CoPlaylist, double ArtistCoherence, double LabelCoherence, double? GenreCoherence);

/// <summary>Everything <c>sgr train sage</c> measured.</summary>
public sealed record SageJobResult(
    int Tracks,
    long Edges,
    long TrainEdges,
    int HeldOutEdges,
    int SameArtistPairs,
    int CoPlaylistPairs,
    string GenreSource,
    int GenreTracks,
    IReadOnlyList<double> Losses,
    double TrainSeconds,
    double TotalSeconds,
    IReadOnlyList<SageModelFigures> Figures);

/// <summary><c>sgr train sage</c>: song graph from the audio features, GraphSAGE trained on 90 % of its edges, evaluated
/// against raw-feature cosine and FastRP, then saved (model <c>sage</c>; track embeddings <c>sage</c>,
/// <c>sage-raw</c>, <c>sage-fastrp</c>, computed on the full graph).</summary>
public static class SageJob
{
    /// <summary>Positive pairs sampled at most per extra link task (same artist, co-playlist).</summary>
    public const int MaxTaskPairs = 5000;

    /// <summary>Loads, builds, trains, evaluates and saves.</summary>
    public static async Task<SageJobResult> RunAsync(CliContext context, SoundGraphStore store, SageJobOptions options, bool quiet, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Graph.Validate();
        options.Sage.Validate();
        var total = Stopwatch.StartNew();
        void Say(string line)
        {
            if (!quiet)
            {
                context.Console.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
            }
        }

        var data = await SageData.LoadAsync(store.Connection, "spotify", ct).ConfigureAwait(false);
        if (data.SkippedUnknown > 0)
        {
            Say($"{data.SkippedUnknown:N0} tracks left out: an audio feature the model needs (the nine descriptors, mode) is unknown");
        }

        var features = SongFeatures.Build(data.Rows);
        var graph = SongGraphBuilder.Build(features, options.Graph);
        Say($"song graph: {features.Count:N0} tracks × {SongFeatures.Dimension} features, {graph.EdgeCount:N0} edges (k = {options.Graph.K}, cosine ≥ {options.Graph.Threshold})");
        if (graph.EdgeCount < 10)
        {
            throw new InvalidOperationException($"The song graph has only {graph.EdgeCount} edges: lower --threshold or raise --k.");
        }

        var split = EdgeHoldout.Split(graph, options.HeldOutFraction, options.Sage.Seed);
        var result = Train(context, split.Train, features, options.Sage, quiet, ct);
        Say($"trained {options.Sage.Epochs} epochs in {result.Seconds:F1} s");

        // Evaluation: every model sees only the training graph.
        var sageTrain = result.Model.Embed(split.Train, features.Values);
        var raw = Enumerable.Range(0, features.Count).Select(i => NearestNeighbors.Normalize(features.Row(i).ToArray())).ToArray();
        var fastRpOptions = new FastRpOptions { Dimension = options.Sage.Dimension, Seed = options.Sage.Seed };
        var fastTrain = Unit(FastRp.Embed(split.Train, fastRpOptions));
        var models = new (string Name, double[][] Vectors)[] { ("sage", sageTrain), ("raw", raw), ("fastrp", fastTrain) };

        var heldOutTask = LinkTask.Sample(graph.NodeCount, split.HeldOut, graph.HasEdge, options.Sage.Seed + 1);
        var (artistTask, artistPairs) = PairTask(GroupsOf(data.PrimaryArtist), graph.NodeCount, options.Sage.Seed + 2);
        var (playlistTask, playlistPairs) = PairTask(data.Playlists, graph.NodeCount, options.Sage.Seed + 3);

        // Coherence and the saved vectors use the full graph (what `sgr similar` serves).
        var sageFull = result.Model.Embed(graph, features.Values);
        var fastFull = Unit(FastRp.Embed(graph, fastRpOptions));
        var saved = new (string Name, double[][] Vectors)[] { ("sage", sageFull), ("raw", raw), ("fastrp", fastFull) };
        var genreMask = data.Genre.Select(g => g >= 0).ToArray();
        var figures = new List<SageModelFigures>();
        for (var m = 0; m < models.Length; m++)
        {
            ct.ThrowIfCancellationRequested();
            Say($"evaluating {models[m].Name}…");
            var score = Scorer(models[m].Vectors);
            var top = NearestNeighbors.TopK(saved[m].Vectors, 10).Select(l => (IReadOnlyList<int>)l.Select(x => x.Index).ToArray()).ToArray();
            double? genre = null;
            if (genreMask.Any(x => x))
            {
                var topGenre = NearestNeighbors.TopK(saved[m].Vectors, 10, genreMask).Select(l => (IReadOnlyList<int>)l.Select(x => x.Index).ToArray()).ToArray();
                genre = Coherence.Share(topGenre, data.Genre).Share;
            }

            figures.Add(new SageModelFigures(
                models[m].Name,
                heldOutTask.Evaluate(score),
                artistTask?.Evaluate(score),
                playlistTask?.Evaluate(score),
                Coherence.Share(top, data.PrimaryArtist).Share,
                Coherence.Share(top, data.RecordLabel).Share,
                genre));
        }

        var summary = new SageJobResult(
            features.Count, graph.EdgeCount, split.Train.EdgeCount, split.HeldOut.Length, artistPairs, playlistPairs,
            data.GenreSource, genreMask.Count(x => x), result.Losses, result.Seconds, 0, figures);
        Say("saving the model and embeddings…");
        var parameters = JsonSerializer.Serialize(new
        {
            k = options.Graph.K,
            threshold = options.Graph.Threshold,
            heldOut = options.HeldOutFraction,
            epochs = options.Sage.Epochs,
            hidden = options.Sage.HiddenDimension,
            dim = options.Sage.Dimension,
            lr = options.Sage.LearningRate,
            negatives = options.Sage.Negatives,
            negativeDistribution = options.Sage.NegativeDistribution.ToString(),
            temperature = options.Sage.Temperature,
            seed = options.Sage.Seed,
            features = SongFeatures.ColumnNames,
            means = features.Means,
            deviations = features.Deviations,
        });
        var metrics = JsonSerializer.Serialize(new { summary.Tracks, summary.Edges, summary.TrainEdges, summary.HeldOutEdges, summary.TrainSeconds, finalLoss = result.Losses[^1], summary.Figures });
        await store.Models.SaveModelAsync("sage", "graphsage", parameters, metrics, result.Model.ToBytes(), ct).ConfigureAwait(false);
        foreach (var (name, vectors) in saved)
        {
            await store.Models.ReplaceEmbeddingsAsync(EmbeddingSearch.EmbeddingNames[name], 0, features.TrackIds, vectors.Select(v => v.Select(x => (float)x).ToArray()).ToArray(), ct).ConfigureAwait(false);
        }

        return summary with { TotalSeconds = total.Elapsed.TotalSeconds };
    }

    /// <summary>Pair score by dot product of unit vectors (= cosine).</summary>
    private static Func<int, int, double> Scorer(double[][] unitVectors) => (u, v) => TensorPrimitives.Dot(unitVectors[u], unitVectors[v]);

    private static double[][] Unit(float[][] vectors) => vectors.Select(v => NearestNeighbors.Normalize(v.Select(x => (double)x).ToArray())).ToArray();

    private static List<int[]> GroupsOf(int[] labels) =>
        labels.Select((label, row) => (label, row)).Where(x => x.label >= 0).GroupBy(x => x.label)
            .Select(g => g.Select(x => x.row).ToArray()).Where(g => g.Length >= 2).ToList();

    /// <summary>A link task whose positives are pairs of rows sharing a group (an artist, a playlist), at most
    /// <see cref="MaxTaskPairs"/> sampled with the seed; null when there are none.</summary>
    private static (LinkTask? Task, int Pairs) PairTask(IReadOnlyList<int[]> groups, int nodeCount, int seed)
    {
        var pairs = new HashSet<(int, int)>();
        foreach (var g in groups)
        {
            for (var a = 0; a < g.Length; a++)
            {
                for (var b = a + 1; b < g.Length; b++)
                {
                    pairs.Add(g[a] < g[b] ? (g[a], g[b]) : (g[b], g[a]));
                }
            }
        }

        if (pairs.Count == 0)
        {
            return (null, 0);
        }

        var list = pairs.Order().ToList();
        var random = new Random(seed);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        var positives = list.Take(MaxTaskPairs).ToArray();
        return (LinkTask.Sample(nodeCount, positives, (u, v) => pairs.Contains(u < v ? (u, v) : (v, u)), seed), pairs.Count);
    }

    private static SageTrainingResult Train(CliContext context, WeightedGraph train, SongFeatures features, SageOptions options, bool quiet, CancellationToken ct)
    {
        if (quiet || !context.Console.Profile.Capabilities.Interactive)
        {
            using var progress = ProgressReporter.Start(context, "train sage");
            return SageTrainer.Train(train, features.Values, SongFeatures.Dimension, options, (epoch, loss) =>
                progress.Line(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{options.Epochs}, loss {loss:F4}")), ct);
        }

        SageTrainingResult? result = null;
        context.Console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("training GraphSAGE", maxValue: options.Epochs);
                result = SageTrainer.Train(train, features.Values, SongFeatures.Dimension, options, (epoch, loss) =>
                {
                    task.Value = epoch;
                    task.Description = $"training GraphSAGE (loss {loss:F4})";
                }, ct);
            });
        return result!;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using SoundGraph.Cli.Rendering;
using SoundGraph.Graph.Embeddings;
using SoundGraph.Graph.LinkPrediction;
using SoundGraph.Graph.Sparse;
using SoundGraph.Learning.Cvae;
using SoundGraph.Storage;
using Spectre.Console;

namespace SoundGraph.Cli.Jobs;

/// <summary>Settings of <c>sgr train cvae</c>.</summary>
public sealed record CvaeTrainSettings
{
    /// <summary>The model name in <c>models</c> (and in <c>embeddings</c> for the artist FastRP vectors).</summary>
    public const string ModelName = "cvae";

    /// <summary>Network and optimizer settings.</summary>
    public CvaeOptions Options { get; init; } = new();

    /// <summary>FastRP dimension d of the artist embeddings in the condition (c has 2d + 3 values). Default 16; 1–256.</summary>
    public int EmbeddingDim { get; init; } = 16;

    /// <summary>Share of collaborations held out for the checks (seeded by <see cref="CvaeOptions.Seed"/>). Default 0.2.</summary>
    public double HoldOut { get; init; } = 0.2;

    /// <summary>Model the 0–1 scores on the logit scale (a bounded output) instead of as given and clipped. Default true
    /// (<c>--unit-scores logit</c>): on the top-songs store it lowers the mean KS distance of the seven scores.</summary>
    public bool LogitUnitScores { get; init; } = true;

    /// <summary>Optional CSV file for the training curve (epoch, beta, reconstruction, kl, loss).</summary>
    public string? CurvePath { get; init; }

    /// <summary>Checks every value; messages name the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        Options.Validate();
        if (EmbeddingDim is < 1 or > 256)
        {
            throw new ArgumentException($"--embedding-dim must be between 1 and 256 (got {EmbeddingDim}).");
        }

        if (!(HoldOut > 0 && HoldOut < 1))
        {
            throw new ArgumentException($"--holdout must be between 0 and 1, exclusive (got {HoldOut.ToString(CultureInfo.InvariantCulture)}).");
        }
    }
}

/// <summary>What <c>sgr train cvae</c> measured.</summary>
/// <param name="Collaborations">Collaborations with features and streams.</param>
/// <param name="Train">Training collaborations.</param>
/// <param name="GraphArtists">Artists in the co-credit graph.</param>
/// <param name="GraphEdges">Co-credit edges.</param>
/// <param name="Curve">Training curve, one entry per epoch.</param>
/// <param name="Report">Held-out checks.</param>
/// <param name="TrainSeconds">Seconds in the trainer.</param>
public sealed record CvaeTrainOutcome(int Collaborations, int Train, int GraphArtists, long GraphEdges, IReadOnlyList<CvaeEpoch> Curve, CvaeReport Report, double TrainSeconds);

/// <summary><c>sgr train cvae</c>: loads the collaborations from the store, builds their conditions (FastRP artist
/// embeddings, CN/AA proximity, popularity), trains the CVAE, runs the held-out checks and saves the model.</summary>
/// <remarks>
/// <para>Proximity: CN and AA of (A, B) are computed on the full co-credit graph. Removing the pair's own edge would not change
/// them: A ∉ Γ(A) and B ∉ Γ(B), so Γ(A) ∩ Γ(B) and the degrees of its members are the same with or without the A–B edge.
/// FastRP embeddings do see the pair's edge; the graph holds credits only, never audio features, so no target leaks into
/// the condition.</para>
/// <para>Popularity: log(1 + streams), standardized with the training split; CN and AA are log1p-transformed and standardized
/// the same way.</para>
/// </remarks>
public static class CvaeJob
{
    /// <summary>Trains, checks and saves.</summary>
    /// <exception cref="InvalidOperationException">Fewer than 10 collaborations in the store.</exception>
    public static async Task<CvaeTrainOutcome> RunAsync(CliContext context, SoundGraphStore store, CvaeTrainSettings settings, bool quiet, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var data = await CvaeData.LoadAsync(store, ct).ConfigureAwait(false);
        if (data.SkippedUnknown > 0 && !quiet)
        {
            context.Console.MarkupLine(Invariant($"[grey]{data.SkippedUnknown:N0} collaborations left out: one of their nine audio features is unknown[/]"));
        }

        var n = data.TrackIds.Length;
        if (n < 10)
        {
            throw new InvalidOperationException($"The store holds {n} collaborations (tracks credited to ≥ 2 artists with Spotify audio features and streams); the CVAE needs at least 10: import the Spotify top-songs file first (`sgr demo` or `sgr import spotify-features …`).");
        }

        var options = settings.Options;
        var embeddings = FastRp.Embed(data.Graph, new FastRpOptions { Dimension = settings.EmbeddingDim, Seed = options.Seed });
        var (train, test) = Split(n, settings.HoldOut, options.Seed);
        var raw = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var (cn, aa) = Proximity(data.Graph, data.ArtistA[i], data.ArtistB[i]);
            raw[i] = CollabCondition.RawScalars(cn, aa, data.Streams[i]);
        }

        var features = Standardizer.Fit([.. train.Select(i => CvaeArtifact.Pretransform(data.Features[i], settings.LogitUnitScores))]);
        var scalars = Standardizer.Fit([.. train.Select(i => raw[i])]);
        var conditions = new double[n][];
        for (var i = 0; i < n; i++)
        {
            conditions[i] = CollabCondition.Build(Embedding(data.Graph, embeddings, data.ArtistA[i]), Embedding(data.Graph, embeddings, data.ArtistB[i]), settings.EmbeddingDim, scalars.Transform(raw[i]));
        }

        var trainX = train.Select(i => features.Transform(CvaeArtifact.Pretransform(data.Features[i], settings.LogitUnitScores))).ToArray();
        var trainC = train.Select(i => conditions[i]).ToArray();
        var watch = Stopwatch.StartNew();
        var result = await TrainWithProgressAsync(context, trainX, trainC, options, quiet, ct).ConfigureAwait(false);
        var trainSeconds = watch.Elapsed.TotalSeconds;
        var median = Median([.. train.Select(i => raw[i][2])]);
        var artifact = new CvaeArtifact(result.Model, features, scalars, settings.EmbeddingDim, median, settings.LogitUnitScores);
        var report = CvaeEvaluation.Evaluate(
            artifact, [.. train.Select(i => data.Features[i])], [.. test.Select(i => data.Features[i])], [.. test.Select(i => conditions[i])], options.Seed);
        var outcome = new CvaeTrainOutcome(n, train.Length, data.Graph.NodeCount, data.Graph.EdgeCount, result.Curve, report, trainSeconds);

        await store.Models.SaveModelAsync(CvaeTrainSettings.ModelName, "cvae", ParamsJson(settings), MetricsJson(outcome), artifact.ToBytes(), ct).ConfigureAwait(false);
        await store.Models.ReplaceEmbeddingsAsync(CvaeTrainSettings.ModelName, 1, data.Graph.NodeIds, embeddings, ct).ConfigureAwait(false);
        if (settings.CurvePath is { } path)
        {
            await File.WriteAllTextAsync(path, CurveCsv(result.Curve), ct).ConfigureAwait(false);
        }

        if (!quiet)
        {
            Render(context.Console, outcome, settings);
        }

        return outcome;
    }

    /// <summary>Common neighbours and Adamic–Adar of two artists on the co-credit graph (0 when either is not in it).</summary>
    public static (int CommonNeighbors, double AdamicAdar) Proximity(WeightedGraph graph, long artistA, long artistB)
    {
        ArgumentNullException.ThrowIfNull(graph);
        int u = graph.IndexOf(artistA), v = graph.IndexOf(artistB);
        return u < 0 || v < 0 ? (0, 0) : (LinkHeuristics.CommonNeighbors(graph, u, v), LinkHeuristics.AdamicAdar(graph, u, v));
    }

    /// <summary>The training curve as CSV: <c>epoch,beta,reconstruction,kl,loss</c>.</summary>
    public static string CurveCsv(IReadOnlyList<CvaeEpoch> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var sb = new StringBuilder("epoch,beta,reconstruction,kl,loss\n");
        foreach (var e in curve)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{e.Epoch},{e.Beta:R},{e.Reconstruction:R},{e.Kl:R},{e.Loss:R}\n");
        }

        return sb.ToString();
    }

    /// <summary>Writes the curve summary and the check table.</summary>
    public static void Render(IAnsiConsole console, CvaeTrainOutcome outcome, CvaeTrainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(settings);
        var o = settings.Options;
        console.MarkupLine(Invariant($"[bold]CVAE[/] on {outcome.Collaborations:N0} collaborations ({outcome.Train:N0} train, {outcome.Report.HeldOut:N0} held out, seed {o.Seed}); co-credit graph {outcome.GraphArtists:N0} artists, {outcome.GraphEdges:N0} edges"));
        console.MarkupLine(Invariant($"latent {o.LatentDim}, hidden {o.HiddenDim}, β {o.Beta}, warm-up {o.KlWarmupEpochs}, 0–1 scores {(settings.LogitUnitScores ? "on the logit scale" : "as given, clipped")}; {o.Epochs} epochs in {outcome.TrainSeconds:F1} s"));
        var curve = new Table().Title("training curve")
            .AddColumn(new TableColumn("epoch").RightAligned()).AddColumn(new TableColumn("β").RightAligned())
            .AddColumn(new TableColumn("recon").RightAligned()).AddColumn(new TableColumn("KL").RightAligned()).AddColumn(new TableColumn("loss").RightAligned());
        foreach (var e in SummaryEpochs(outcome.Curve))
        {
            curve.AddRow(Invariant($"{e.Epoch}"), Invariant($"{e.Beta:F3}"), Invariant($"{e.Reconstruction:F3}"), Invariant($"{e.Kl:F3}"), Invariant($"{e.Loss:F3}"));
        }

        curve.AddRow("held out", string.Empty, Invariant($"{outcome.Report.HeldOutReconstruction:F3}"), Invariant($"{outcome.Report.HeldOutKl:F3}"), Invariant($"{outcome.Report.HeldOutReconstruction + (o.Beta * outcome.Report.HeldOutKl):F3}"));
        console.Write(curve);
        console.MarkupLine("[grey]means per collaboration; recon = Σ squared error over the 9 standardized (model-space) features, KL in nats[/]");

        var table = new Table().Title("held-out checks")
            .AddColumn("feature").AddColumn(new TableColumn("KS gen").RightAligned()).AddColumn(new TableColumn("KS train/held").RightAligned())
            .AddColumn(new TableColumn("real mean").RightAligned()).AddColumn(new TableColumn("gen mean").RightAligned())
            .AddColumn(new TableColumn("out of [[0,1]]").RightAligned()).AddColumn(new TableColumn("pop. shift").RightAligned())
            .AddColumn(new TableColumn("shift σ").RightAligned()).AddColumn(new TableColumn("p").RightAligned());
        foreach (var f in outcome.Report.Features)
        {
            table.AddRow(
                f.Feature, Invariant($"{f.KsGenerated:F3}"), Invariant($"{f.KsTrainVsHeldOut:F3}"), Invariant($"{f.RealMean:G4}"), Invariant($"{f.GeneratedMean:G4}"),
                f.OutOfRangeShare is { } s ? Invariant($"{s:P1}") : "—", Invariant($"{f.PopularityShift:+0.####;-0.####;0}"), Invariant($"{f.PopularityShiftSd:+0.000;-0.000;0}"), Invariant($"{f.PopularityPValue:G3}"));
        }

        console.Write(table);
        console.MarkupLine("[grey]KS gen: generated (one z ~ N(0, I) per held-out condition) vs real held-out; KS train/held: real vs real (noise floor); pop. shift: mean x̂(popularity +2σ) − x̂(−2σ) with the same z, natural units; shift σ: in real-feature sds; p: paired sign-flip permutation test (2,000)[/]");
        var activity = string.Join(' ', outcome.Report.Activity.Select(a => Invariant($"{a:F3}")));
        console.MarkupLine(Invariant($"active latent units (Cov_x E_q[[z]] > 0.01): [bold]{outcome.Report.ActiveUnits}/{o.LatentDim}[/] (activity {activity})"));
        console.MarkupLine(settings.LogitUnitScores
            ? Invariant($"0–1 features out of range: {outcome.Report.OutOfRangeShare:P2} of generated values (logit scale: bounded by construction)")
            : Invariant($"0–1 features out of range before clipping: {outcome.Report.OutOfRangeShare:P2} of generated values (clipped to [[0, 1]] in output)"));
        console.MarkupLine($"[grey]saved model '{CvaeTrainSettings.ModelName}' (weights, scalers) and {outcome.GraphArtists:N0} artist embeddings; `sgr collab generate --artists \"A,B\"` uses them[/]");
    }

    /// <summary>About ten evenly spaced epochs of the curve, always the first and the last.</summary>
    public static IEnumerable<CvaeEpoch> SummaryEpochs(IReadOnlyList<CvaeEpoch> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var step = Math.Max(1, curve.Count / 10);
        return curve.Where((e, i) => i == 0 || i == curve.Count - 1 || (i + 1) % step == 0);
    }

    private static async Task<CvaeTrainingResult> TrainWithProgressAsync(CliContext context, double[][] x, double[][] c, CvaeOptions options, bool quiet, CancellationToken ct)
    {
        if (quiet || !context.Console.Profile.Capabilities.Interactive)
        {
            using var reporter = ProgressReporter.Start(context, "train cvae");
            var lines = new Progress(e => reporter.Line(Invariant($"epoch {e.Epoch}/{options.Epochs}: recon {e.Reconstruction:F3}, KL {e.Kl:F3}")));
            return await Task.Run(() => CvaeTrainer.Train(x, c, options, lines, ct), ct).ConfigureAwait(false);
        }

        return await context.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("training CVAE", maxValue: options.Epochs);
                var progress = new Progress(e =>
                {
                    task.Value = e.Epoch;
                    task.Description = Invariant($"epoch {e.Epoch}: recon {e.Reconstruction:F3}, KL {e.Kl:F3}");
                });
                return await Task.Run(() => CvaeTrainer.Train(x, c, options, progress, ct), ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private static (int[] Train, int[] Test) Split(int n, double holdOut, int seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        for (var i = n - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var testCount = Math.Clamp((int)Math.Round(n * holdOut), 1, n - 1);
        return ([.. order.Skip(testCount).Order()], [.. order.Take(testCount).Order()]);
    }

    private static ReadOnlySpan<float> Embedding(WeightedGraph graph, float[][] embeddings, long artist)
    {
        var i = graph.IndexOf(artist);
        return i < 0 ? [] : embeddings[i];
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var m = values.Length / 2;
        return values.Length % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
    }

    private static string ParamsJson(CvaeTrainSettings s) => ReportJson.Serialize(new
    {
        s.Options.LatentDim, s.Options.HiddenDim, s.Options.Beta, s.Options.KlWarmupEpochs, s.Options.Epochs, s.Options.BatchSize,
        s.Options.LearningRate, s.Options.Seed, s.EmbeddingDim, s.HoldOut, s.LogitUnitScores, features = CvaeFeatures.Names,
        condition = "[mean(eA,eB) (d), |eA-eB| (d), z(log1p CN), z(log1p AA), z(log1p streams)]; FastRP on the artist co-credit graph",
    });

    private static string MetricsJson(CvaeTrainOutcome o) => ReportJson.Serialize(new
    {
        o.Collaborations, o.Train, o.Report.HeldOut, o.GraphArtists, o.GraphEdges, o.TrainSeconds,
        finalReconstruction = o.Curve[^1].Reconstruction, finalKl = o.Curve[^1].Kl,
        o.Report.HeldOutReconstruction, o.Report.HeldOutKl, o.Report.ActiveUnits, o.Report.Activity, o.Report.OutOfRangeShare,
        features = o.Report.Features,
        curve = new { epoch = o.Curve.Select(e => e.Epoch), beta = o.Curve.Select(e => e.Beta), reconstruction = o.Curve.Select(e => e.Reconstruction), kl = o.Curve.Select(e => e.Kl) },
    });

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed class Progress(Action<CvaeEpoch> report) : IProgress<CvaeEpoch>
    {
        public void Report(CvaeEpoch value) => report(value);
    }
}

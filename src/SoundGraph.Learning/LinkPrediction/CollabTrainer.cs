using SoundGraph.Graph.Embeddings;
using SoundGraph.Graph.Sparse;

namespace SoundGraph.Learning.LinkPrediction;

/// <summary>Options of <see cref="CollabTrainer.Train"/>.</summary>
public sealed record CollabTrainingOptions
{
    /// <summary>Share of edges held out for testing, and again (of the rest) for fitting. Default 0.15 (0.05–0.5).</summary>
    public double Holdout { get; init; } = 0.15;

    /// <summary>Negatives per positive pair: ⌈k/2⌉ from 2-hop neighbourhoods, the rest uniform. Default 5 (1–100).</summary>
    public int NegativesPerPositive { get; init; } = 5;

    /// <summary>Seed of the splits and the negative sampler. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>L2 penalty of the logistic regression. Default 0.01.</summary>
    public double L2 { get; init; } = 0.01;

    /// <summary>Precision the second operating threshold must reach. Default 0.8.</summary>
    public double TargetPrecision { get; init; } = 0.8;

    /// <summary>FastRP settings for the embedding-cosine feature (its seed is used as given).</summary>
    public FastRpOptions Embedding { get; init; } = new();

    /// <summary>Throws when a value is out of range; the message names the option.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (!(Holdout >= 0.05 && Holdout <= 0.5))
        {
            throw new ArgumentException($"--holdout must be between 0.05 and 0.5 (got {Holdout.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        }

        if (NegativesPerPositive is < 1 or > 100)
        {
            throw new ArgumentException($"--negatives must be between 1 and 100 (got {NegativesPerPositive}).");
        }

        if (!(L2 >= 0) || double.IsInfinity(L2))
        {
            throw new ArgumentException("--l2 must be a finite number ≥ 0.");
        }

        if (!(TargetPrecision > 0 && TargetPrecision < 1))
        {
            throw new ArgumentException("--target-precision must be between 0 and 1 (exclusive).");
        }
    }
}

/// <summary>Ranking quality of one scorer on the test pairs.</summary>
/// <param name="Name">Scorer ("model", "common_neighbors", …).</param>
/// <param name="Auc">ROC AUC.</param>
/// <param name="HitsAt20">OGB Hits@20.</param>
/// <param name="HitsAt50">OGB Hits@50.</param>
public sealed record ScorerResult(string Name, double Auc, double HitsAt20, double HitsAt50);

/// <summary>What <see cref="CollabTrainer.Train"/> measured.</summary>
/// <param name="Nodes">Artists in the graph.</param>
/// <param name="Edges">Collaborations (edges) in the graph.</param>
/// <param name="TestPositives">Held-out test edges.</param>
/// <param name="TestNegatives">Sampled test non-edges.</param>
/// <param name="TestPositivesWithinTwoHops">Test edges whose endpoints share a training neighbour (reachable by 2-hop
/// candidate generation).</param>
/// <param name="FitPositives">Edges held out of the training graph to fit the regression on.</param>
/// <param name="FitNegatives">Non-edges sampled for fitting.</param>
/// <param name="Iterations">Newton iterations of the fit.</param>
/// <param name="Model">The model's ranking metrics on the test pairs.</param>
/// <param name="Baselines">Each single feature as a scorer on the same test pairs.</param>
/// <param name="Curve">Precision–recall curve of the model on the test pairs.</param>
/// <param name="FullRecall">The point keeping every test positive.</param>
/// <param name="AtTargetPrecision">The highest-recall point reaching the target precision, or null.</param>
public sealed record CollabEvaluation(
    int Nodes,
    long Edges,
    int TestPositives,
    int TestNegatives,
    int TestPositivesWithinTwoHops,
    int FitPositives,
    int FitNegatives,
    int Iterations,
    ScorerResult Model,
    IReadOnlyList<ScorerResult> Baselines,
    IReadOnlyList<PrPoint> Curve,
    PrPoint FullRecall,
    PrPoint? AtTargetPrecision);

/// <summary>A trained collaboration model with its evaluation.</summary>
public sealed record CollabTrainingResult(CollabModel Model, CollabEvaluation Evaluation);

/// <summary>Trains and evaluates the collaboration link predictor on an artist co-credit graph.</summary>
/// <remarks>
/// Protocol (two nested edge hold-outs, so the regression never sees features computed with its own labels present):
/// <list type="number">
/// <item>G → test edges (share <c>Holdout</c>) + training graph T, by <see cref="LinkSplit.HoldOut"/> (seed).</item>
/// <item>T → fit edges (same share) + T′ (seed + 1). Fit negatives are sampled around the fit edges (seed + 2).</item>
/// <item>Features of the fit pairs on T′ (FastRP on T′); a <see cref="StandardScaler"/> and an L2 logistic regression
/// (<see cref="LogisticRegression"/>, Newton with line search) are fitted on them.</item>
/// <item>Features of the test pairs on T (FastRP on T), test negatives sampled around test edges (seed + 3); the model and
/// each single feature are scored: AUC, Hits@20/50, the PR curve and its two operating thresholds.</item>
/// </list>
/// Negatives never include an edge of G. Inference (<c>sgr collab predict</c>) computes the same features on the whole
/// graph G, where degrees are slightly higher than on T, so thresholds are a guide rather than a calibrated promise.
/// </remarks>
public static class CollabTrainer
{
    /// <summary>Runs the protocol.</summary>
    /// <param name="graph">The co-credit graph (see <see cref="CoCreditGraph"/>).</param>
    /// <param name="options">Split, sampling and regression settings.</param>
    /// <param name="progress">Receives a line per stage; may be null.</param>
    /// <exception cref="ArgumentException">An option is out of range, or the graph has too few removable edges to hold any
    /// out.</exception>
    public static CollabTrainingResult Train(WeightedGraph graph, CollabTrainingOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        progress?.Invoke($"splitting {graph.EdgeCount} edges");
        var test = LinkSplit.HoldOut(graph, options.Holdout, options.Seed);
        var fit = LinkSplit.HoldOut(test.Train, options.Holdout, options.Seed + 1);
        if (test.HeldOut.Count == 0 || fit.HeldOut.Count == 0)
        {
            throw new ArgumentException("The collaboration graph has too few edges between artists with several collaborators to hold any out.");
        }

        var fitNegatives = LinkSplit.SampleNegatives(graph, fit.Train, fit.HeldOut, options.NegativesPerPositive, options.Seed + 2);
        var testNegatives = LinkSplit.SampleNegatives(graph, test.Train, test.HeldOut, options.NegativesPerPositive, options.Seed + 3);

        progress?.Invoke("embedding the fitting graph (FastRP)");
        var fitEmbeddings = FastRp.Embed(fit.Train, options.Embedding);
        var fitRows = new List<double[]>();
        var fitLabels = new List<bool>();
        foreach (var (u, v) in fit.HeldOut)
        {
            fitRows.Add(LinkFeatures.Compute(fit.Train, fitEmbeddings, u, v));
            fitLabels.Add(true);
        }

        foreach (var (u, v) in fitNegatives)
        {
            fitRows.Add(LinkFeatures.Compute(fit.Train, fitEmbeddings, u, v));
            fitLabels.Add(false);
        }

        progress?.Invoke($"fitting the logistic regression on {fitRows.Count} pairs");
        var scaler = StandardScaler.Fit(fitRows);
        var regression = LogisticRegression.Fit(fitRows.Select(r => scaler.Transform(r)).ToList(), fitLabels, new LogisticRegressionOptions { L2 = options.L2 });

        progress?.Invoke("embedding the training graph and scoring the test pairs");
        var testEmbeddings = FastRp.Embed(test.Train, options.Embedding);
        var positiveFeatures = test.HeldOut.Select(p => LinkFeatures.Compute(test.Train, testEmbeddings, p.U, p.V)).ToList();
        var negativeFeatures = testNegatives.Select(p => LinkFeatures.Compute(test.Train, testEmbeddings, p.U, p.V)).ToList();
        var draft = new CollabModel(LinkFeatures.Names, regression.Coefficients, regression.Intercept, scaler, options.Embedding, 0, null, options.TargetPrecision);
        var positiveScores = positiveFeatures.Select(f => draft.Score(f)).ToArray();
        var negativeScores = negativeFeatures.Select(f => draft.Score(f)).ToArray();
        var curve = LinkMetrics.PrecisionRecallCurve(positiveScores, negativeScores);
        var fullRecall = LinkMetrics.FullRecall(curve);
        var atPrecision = LinkMetrics.AtPrecision(curve, options.TargetPrecision);
        var baselines = new List<ScorerResult>();
        for (var j = 0; j < LinkFeatures.Names.Count; j++)
        {
            var feature = j;
            baselines.Add(Measure(LinkFeatures.Names[j], positiveFeatures.Select(f => f[feature]).ToArray(), negativeFeatures.Select(f => f[feature]).ToArray()));
        }

        var model = draft with { FullRecallThreshold = fullRecall.Threshold, PrecisionThreshold = atPrecision?.Threshold };
        var evaluation = new CollabEvaluation(
            graph.NodeCount,
            graph.EdgeCount,
            test.HeldOut.Count,
            testNegatives.Count,
            positiveFeatures.Count(f => f[LinkFeatures.CommonNeighbors] > 0),
            fit.HeldOut.Count,
            fitNegatives.Count,
            regression.Iterations,
            Measure("model", positiveScores, negativeScores),
            baselines,
            curve,
            fullRecall,
            atPrecision);
        return new CollabTrainingResult(model, evaluation);
    }

    /// <summary>AUC and Hits@20/50 of one scorer.</summary>
    public static ScorerResult Measure(string name, IReadOnlyList<double> positives, IReadOnlyList<double> negatives) =>
        new(name, LinkMetrics.Auc(positives, negatives), LinkMetrics.HitsAtK(positives, negatives, 20), LinkMetrics.HitsAtK(positives, negatives, 50));
}

using System.Diagnostics;
using System.Globalization;
using SoundGraph.Cli.Rendering;
using SoundGraph.Graph.Embeddings;
using SoundGraph.Learning.Evaluation;
using SoundGraph.Learning.Recommenders;
using Spectre.Console;

namespace SoundGraph.Cli.Jobs;

/// <summary>What <c>sgr eval recommend</c> runs.</summary>
/// <param name="Dataset"><c>hetrec</c> or <c>playlists</c>.</param>
/// <param name="Seed">Split and trainer seed.</param>
/// <param name="Ks">Cut-offs.</param>
/// <param name="Models">Models to compare, in report order.</param>
/// <param name="Tune">Grid-search item-kNN and ALS hyper-parameters on the validation split.</param>
/// <param name="PlaylistSplit">Playlists only: <c>by-owner</c> (every playlist of a held-out owner leaves training) or
/// <c>random</c> (playlists held out one by one; siblings of the same owner may train).</param>
public sealed record EvalRecommendOptions(string Dataset, int Seed, IReadOnlyList<int> Ks, IReadOnlyList<string> Models, bool Tune, string PlaylistSplit = EvalRecommendJob.ByOwner);

/// <summary><c>sgr eval recommend</c>: one split, every recommender fitted on its training part and scored on its test
/// part; blend weights (and with --tune the item-kNN and ALS hyper-parameters) chosen on a validation split cut from the
/// training part, never on the test part.</summary>
public static class EvalRecommendJob
{
    // The --tune grids, searched on the validation split; DefaultKnn and DefaultAls are their winners.
    private static readonly ItemKnnOptions[] KnnWeightGrid =
    [
        new() { Weighting = KnnWeighting.None },
        new() { Weighting = KnnWeighting.TfIdf },
        new() { Weighting = KnnWeighting.Bm25, K1 = 1.2 },
        new() { Weighting = KnnWeighting.Bm25, K1 = 100 },
    ];

    private static readonly int[] NeighborGrid = [50, 100, 200, 400, 800];
    private static readonly double[] AlphaGrid = [0.3, 1, 3, 10, 30];
    private static readonly double[] LambdaGrid = [0.1, 1, 10, 30, 100];

    /// <summary>The owner-grouped playlist split (the default): every playlist of a held-out owner leaves training.</summary>
    public const string ByOwner = "by-owner";

    /// <summary>The playlist split that holds out playlists one by one (RecSys 2018 style); siblings of the same owner may train.</summary>
    public const string Random = "random";

    /// <summary>Playlist split names, the default first.</summary>
    public static readonly string[] PlaylistSplits = [ByOwner, Random];

    /// <summary>The <c>--tune</c> runs whose validation winners are the defaults, per data set (playlists: on the demo store
    /// plus <c>sgr import playlists-tsv ../shared/data/spotify-account-export-playlists</c>).</summary>
    public static string TuneRun(string dataset) => dataset == "hetrec"
        ? "sgr eval recommend --dataset hetrec --tune --seed 42"
        : "sgr eval recommend --dataset playlists --split by-owner --tune --seed 42";

    /// <summary>Models the blend may combine; it takes the three best on the validation split.</summary>
    public static readonly string[] BlendCandidates = ["als", "itemknn", "bpr", "fastrp"];

    /// <summary>Model names, in report order.</summary>
    public static readonly string[] AllModels = ["popularity", "itemknn", "als", "bpr", "fastrp", "blend"];

    /// <summary>Default item-kNN options per data set: the winners of the <c>--tune</c> grid on the validation split (cut from
    /// the training part, never the test part) in the runs <see cref="TuneRun"/> names, so the item-kNN baseline is tuned
    /// the way every model is. HetRec: BM25 with K1 = 1.2, 800 neighbours (validation NDCG@20 0.1991; binary cosine with
    /// 800 scored 0.1990, the former default BM25 K1 = 100 with 100 neighbours 0.1393). Playlists (by-owner split): the
    /// same (validation NDCG@20 0.0239; binary with 800 0.0219). 800 neighbours is the grid's top; 400 → 800 gained 0.003
    /// on HetRec validation, so wider was not searched.</summary>
    public static ItemKnnOptions DefaultKnn(string dataset) => dataset == "hetrec"
        ? new ItemKnnOptions { Weighting = KnnWeighting.Bm25, K1 = 1.2, Neighbors = 800 }
        : new ItemKnnOptions { Weighting = KnnWeighting.Bm25, K1 = 1.2, Neighbors = 800 };

    /// <summary>Default ALS options per data set (64 factors, 15 sweeps, confidence by data set): α and λ are the winners of
    /// the <c>--tune</c> grid on the validation split in the runs <see cref="TuneRun"/> names. HetRec (log confidence on
    /// play counts): α = 3, λ = 100 (validation NDCG@20 0.2181; α = 1, λ = 30 scored 0.2173, so the λ edge of the grid
    /// wins by less than 0.001). Playlists (linear confidence on memberships): α = 30, λ = 1 (validation NDCG@20 0.0373;
    /// α = 30 is the grid's top edge, not widened: a playlists tune run takes about 13 min on 2 cores).</summary>
    public static AlsOptions DefaultAls(string dataset, int seed) => dataset == "hetrec"
        ? new AlsOptions { Factors = 64, Confidence = AlsConfidence.Log, Alpha = 3, Regularization = 100, Iterations = 15, Seed = seed }
        : new AlsOptions { Factors = 64, Confidence = AlsConfidence.Linear, Alpha = 30, Regularization = 1, Iterations = 15, Seed = seed };

    /// <summary>Runs the evaluation.</summary>
    /// <param name="context">Consoles.</param>
    /// <param name="data">The data set.</param>
    /// <param name="options">What to run.</param>
    /// <param name="testPlaylists">With <c>--test</c>: test playlists mapped to <paramref name="data"/>'s items; the model trains on all of <paramref name="data"/>.</param>
    /// <param name="quiet">No progress lines (JSON output).</param>
    public static EvaluationReport Run(CliContext context, RecData data, EvalRecommendOptions options, IReadOnlyList<(int Id, int[] Items)>? testPlaylists, bool quiet)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        // Progress: the lines below on standard output; with --json (quiet) they go to standard error instead when it is
        // not a terminal, and a heartbeat names the running stage after 10 s without a line (an ALS tune takes minutes).
        var stage = "preparing the split";
        using var progress = ProgressReporter.Start(context, "eval recommend " + options.Dataset, () => Volatile.Read(ref stage) + " (still running)");
        void Say(string s)
        {
            Volatile.Write(ref stage, s.TrimEnd('…'));
            if (!quiet)
            {
                context.Console.MarkupLineInterpolated($"[grey]{s}[/]");
            }
            else
            {
                progress.Line(s);
            }
        }

        var hetrec = options.Dataset == "hetrec";
        var (split, validation) = MakeSplits(data, options, testPlaylists);
        Say($"{split.Name}: {split.Train.UserCount:N0} rows × {split.Train.ItemCount:N0} items, {split.Train.Count:N0} training interactions; " +
            string.Join(", ", split.Cases.Select(c => $"{c.Key}: {c.Value.Count:N0} queries")));
        var notes = new List<string>();
        var knn = DefaultKnn(options.Dataset);
        var als = DefaultAls(options.Dataset, options.Seed);
        var valCases = validation.Cases.Values.SelectMany(c => c).ToList();
        if (options.Tune)
        {
            Say("tuning item-kNN and ALS on the validation split…");
            (knn, var knnScore) = TuneBest(
                [.. from w in KnnWeightGrid from n in NeighborGrid select w with { Neighbors = n }],
                o => new ItemKnnRecommender(o), validation.Train, valCases, Say);
            (als, var alsScore) = TuneBest(
                [.. from a in AlphaGrid from l in LambdaGrid select als with { Alpha = a, Regularization = l }],
                o => new AlsRecommender(o), validation.Train, valCases, Say);
            notes.Add(Invariant($"tuned on validation (NDCG@20): item-kNN {KnnLabel(knn)} k={knn.Neighbors} ({knnScore:0.0000}); ALS α={als.Alpha} λ={als.Regularization} ({alsScore:0.0000})"));
        }
        else
        {
            notes.Add($"item-kNN and ALS hyper-parameters: the defaults, which `{TuneRun(options.Dataset)}` chose on its validation split (--tune repeats the search on this run's validation split).");
        }

        var bpr = new BprOptions { Seed = options.Seed };
        var fastRp = new FastRpOptions { Seed = options.Seed };
        notes.Add(Invariant($"item-kNN: cosine on {KnnLabel(knn)} interactions, {knn.Neighbors} neighbours per item; score = Σ similarities to the known items."));
        var epsilon = als.Confidence == AlsConfidence.Log ? Invariant($" ε={als.Epsilon}") : string.Empty;
        notes.Add(Invariant($"ALS (Hu et al. 2008): {als.Factors} factors, {als.Confidence} confidence α={als.Alpha}{epsilon}, λ={als.Regularization}, {als.Iterations} sweeps, {als.Solver} ({als.CgSteps} steps); fold-in by exact Cholesky solve."));
        notes.Add(Invariant($"BPR (Rendle et al. 2009): {bpr.Factors} factors + item bias, SGD lr={bpr.LearningRate} λ={bpr.Regularization}, {bpr.Epochs} epochs of |train| uniform triples."));
        notes.Add(Invariant($"FastRP (Chen et al. 2019) on the row–item bipartite graph: d={fastRp.Dimension}, weights [{string.Join(", ", fastRp.IterationWeights)}], edge weight 1 + ln(value)."));
        notes.Add("Known items (a user's training items, a playlist's seeds) are never recommended; hidden items unknown to training count as relevant but cannot be hit.");

        IRecommender Make(string name) => name switch
        {
            "popularity" => new PopularityRecommender(),
            "itemknn" => new ItemKnnRecommender(knn),
            "als" => new AlsRecommender(als),
            "bpr" => new BprRecommender(bpr),
            "fastrp" => new FastRpRecommender(fastRp),
            _ => throw new ArgumentException($"--models: unknown model '{name}' (known: {string.Join(", ", AllModels)})."),
        };

        var results = new List<ModelResult>();
        var fitted = new Dictionary<string, IRecommender>();
        foreach (var name in options.Models)
        {
            IRecommender model;
            double fit;
            if (name == "blend")
            {
                // Components and weights are both chosen on the validation split (never the test split): the three
                // candidates with the best validation NDCG@20 alone, then the weight grid over them.
                Say($"blend: fitting {string.Join(", ", BlendCandidates)} on the validation split to choose components and weights…");
                var candidates = BlendCandidates.Select(name =>
                {
                    var m = Make(name);
                    m.Fit(validation.Train);
                    var alone = Evaluator.Evaluate(m, "validation", valCases, [20], validation.Train.ItemCount).Ndcg[20];
                    return (Name: name, Model: m, Ndcg: alone);
                }).OrderByDescending(c => c.Ndcg).Take(3).ToList();
                var parts = candidates.Select(c => c.Name).ToArray();
                var (weights, valNdcg) = BlendTuner.Tune([.. candidates.Select(c => c.Model)], valCases, validation.Train.ItemCount);
                notes.Add(Invariant($"blend = rank-normalized {string.Join(" + ", parts.Select((p, i) => $"{weights[i]:0.0}·{p}"))}; the 3 best of {string.Join(", ", BlendCandidates)} alone on validation ({string.Join(", ", candidates.Select(c => $"{c.Name} {c.Ndcg:0.0000}"))}), weights chosen on validation (NDCG@20 {valNdcg:0.0000})."));
                var watch = Stopwatch.StartNew();
                var components = parts.Select(p => fitted.TryGetValue(p, out var f) ? f : Fitted(Make(p), split.Train)).ToList();
                model = new BlendRecommender(components, weights, split.Train.ItemCount);
                fit = watch.Elapsed.TotalSeconds;
            }
            else
            {
                Say($"fitting {name}…");
                var watch = Stopwatch.StartNew();
                model = Fitted(Make(name), split.Train);
                fit = watch.Elapsed.TotalSeconds;
                fitted[name] = model;
            }

            foreach (var (scenario, cases) in split.Cases)
            {
                var r = Evaluator.Evaluate(model, scenario, cases, options.Ks, split.Train.ItemCount, fit);
                results.Add(r);
                var k = r.Ndcg.ContainsKey(20) ? 20 : r.Ndcg.Keys.Min();
                Say($"{name} {scenario}: NDCG@{k} {r.Ndcg[k]:0.0000}, R-precision {r.RPrecision:0.0000} (fit {fit:0.0} s, score {r.ScoreSeconds:0.0} s)");
            }
        }

        notes.AddRange(Ratios(results));
        if (!hetrec && testPlaylists is null && data.Owners is { } owners)
        {
            notes.Add("hidden tracks that also sit in a training playlist of the same owner: " +
                string.Join(", ", split.Cases.Keys.Select(scenario => Invariant($"{scenario} {Splits.SameOwnerLeakage(split, owners, scenario):P1}"))) + ".");
        }

        var dataset = hetrec ? data.Name : data.Name + (testPlaylists is null ? $", {options.PlaylistSplit} split" : ", tested on --test playlists");
        var validationNote = Invariant($"validation split (tuning, blend weights): {validation.Name}, seed {validation.Seed}, cut from the training part only.");
        notes.Insert(0, validationNote);
        return new EvaluationReport(dataset, split.Name, options.Seed, options.Ks, results, notes);
    }

    /// <summary>The test split and the validation split cut from its training part.</summary>
    public static (Split Test, Split Validation) MakeSplits(RecData data, EvalRecommendOptions options, IReadOnlyList<(int Id, int[] Items)>? testPlaylists)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Dataset == "hetrec")
        {
            var split = Splits.PerUserHoldout(data.Matrix, 0.2, 5, options.Seed);
            return (split, Splits.PerUserHoldout(split.Train, 0.2, 5, options.Seed + 1));
        }

        var ordered = data.Ordered ?? throw new InvalidOperationException("Playlist data needs playlist order.");
        var byOwner = options.PlaylistSplit == ByOwner;
        var owners = data.Owners ?? (byOwner ? throw new InvalidOperationException("The by-owner split needs playlist owners.") : null);
        Split Continuation(IReadOnlyList<int[]> playlists, int seed) => byOwner
            ? Splits.PlaylistContinuationByOwner(playlists, owners!, data.Matrix.ItemCount, seed)
            : Splits.PlaylistContinuation(playlists, data.Matrix.ItemCount, seed);
        Split test;
        if (testPlaylists is not null)
        {
            test = new Split(
                Invariant($"all {ordered.Count:N0} stored playlists train; {testPlaylists.Count:N0} --test playlists with 10–250 tracks, first 5 / 25 tracks as seeds"),
                options.Seed,
                data.Matrix,
                Splits.ContinuationCases([.. testPlaylists.Where(p => p.Items.Length is >= 10 and <= 250)], data.Matrix.ItemCount, [5, 25]));
        }
        else
        {
            test = Continuation(ordered, options.Seed);
        }

        // Validation: the same protocol on the training playlists only (held-out rows are empty in the training matrix);
        // by owner, an owner's playlists are either all in validation or all in its training part.
        var trainOrdered = Enumerable.Range(0, ordered.Count).Select(p => test.Train.Degree(p) == 0 ? [] : ordered[p]).ToList();
        return (test, Continuation(trainOrdered, options.Seed + 1));
    }

    /// <summary>Writes the comparison table.</summary>
    public static void Render(IAnsiConsole console, EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        foreach (var scenario in report.Results.Select(r => r.Scenario).Distinct())
        {
            var rows = report.Results.Where(r => r.Scenario == scenario).ToList();
            var table = new Table().Title($"{report.Dataset} — {scenario}, {rows[0].Cases:N0} queries, seed {report.Seed}").AddColumn("model");
            foreach (var k in report.Ks)
            {
                table.AddColumn(new TableColumn($"R@{k}").RightAligned());
            }

            foreach (var k in report.Ks)
            {
                table.AddColumn(new TableColumn($"NDCG@{k}").RightAligned());
            }

            table.AddColumn(new TableColumn($"P@{report.Ks.Min()}").RightAligned()).AddColumn(new TableColumn("R-prec").RightAligned())
                .AddColumn(new TableColumn($"cov@{report.Ks.Max()}").RightAligned()).AddColumn(new TableColumn("fit s").RightAligned());
            foreach (var r in rows)
            {
                var cells = new List<string> { r.Model };
                cells.AddRange(report.Ks.Select(k => F(r.Recall[k])));
                cells.AddRange(report.Ks.Select(k => F(r.Ndcg[k])));
                cells.AddRange([F(r.Precision[report.Ks.Min()]), F(r.RPrecision), F(r.Coverage), r.FitSeconds.ToString("0.0", CultureInfo.InvariantCulture)]);
                table.AddRow(cells.ToArray());
            }

            console.Write(table);
        }
    }

    /// <summary>Item-kNN's weighting as a reader says it: binary, TF-IDF, or BM25 with its K1 and B.</summary>
    public static string KnnLabel(ItemKnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Weighting switch
        {
            KnnWeighting.None => "binary",
            KnnWeighting.TfIdf => "TF-IDF-weighted",
            _ => Invariant($"BM25-weighted (K1 = {options.K1}, B = {options.B})"),
        };
    }

    /// <summary>The blend against item-kNN per scenario (NDCG@20 and R-precision), when both were run.</summary>
    private static IEnumerable<string> Ratios(IReadOnlyList<ModelResult> results)
    {
        foreach (var blend in results.Where(r => r.Model == "blend"))
        {
            if (results.FirstOrDefault(r => r.Model == "itemknn" && r.Scenario == blend.Scenario) is { } knn)
            {
                var k = blend.Ndcg.ContainsKey(20) ? 20 : blend.Ndcg.Keys.Min();
                yield return Invariant($"blend / item-kNN, {blend.Scenario}: NDCG@{k} {blend.Ndcg[k]:0.0000} / {knn.Ndcg[k]:0.0000} = {Ratio(blend.Ndcg[k], knn.Ndcg[k])}, R-precision {blend.RPrecision:0.0000} / {knn.RPrecision:0.0000} = {Ratio(blend.RPrecision, knn.RPrecision)}.");
            }
        }

        static string Ratio(double a, double b) => b > 0 ? Invariant($"{a / b:0.000}×") : "n/a";
    }

    private static IRecommender Fitted(IRecommender model, Interactions train)
    {
        model.Fit(train);
        return model;
    }

    private static (T Best, double Ndcg) TuneBest<T>(IReadOnlyList<T> grid, Func<T, IRecommender> make, Interactions train, IReadOnlyList<EvalCase> cases, Action<string> say)
    {
        var best = (Options: grid[0], Ndcg: double.NegativeInfinity);
        foreach (var o in grid)
        {
            var model = make(o);
            model.Fit(train);
            var ndcg = Evaluator.Evaluate(model, "validation", cases, [20], train.ItemCount).Ndcg[20];
            say(Invariant($"  {o}: NDCG@20 {ndcg:0.0000}"));
            if (ndcg > best.Ndcg + 1e-12)
            {
                best = (o, ndcg);
            }
        }

        return best;
    }

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

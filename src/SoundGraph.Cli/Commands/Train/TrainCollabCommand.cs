using System.CommandLine;
using SoundGraph.Cli.Jobs;
using SoundGraph.Cli.Rendering;
using SoundGraph.Graph.Embeddings;
using SoundGraph.Learning.LinkPrediction;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Commands.Train;

/// <summary><c>sgr train collab</c>: trains the collaboration link predictor on the store's co-credit graph.</summary>
public static class TrainCollabCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var holdout = new Option<double>("--holdout") { Description = "Share of collaborations held out for testing, and again of the rest for fitting (0.05–0.5).", DefaultValueFactory = _ => 0.15 };
        var negatives = new Option<int>("--negatives") { Description = "Negatives per held-out collaboration: half from 2-hop neighbourhoods (rounded up), the rest uniform (1–100).", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the splits, the negative sampler and FastRP.", DefaultValueFactory = _ => 42 };
        var l2 = new Option<double>("--l2") { Description = "L2 penalty on the standardized coefficients (≥ 0).", DefaultValueFactory = _ => 0.01 };
        var precision = new Option<double>("--target-precision") { Description = "Precision the second operating threshold must reach (0–1).", DefaultValueFactory = _ => 0.8 };
        var dimension = new Option<int>("--dimension") { Description = "FastRP embedding dimension for the cosine feature (8–512).", DefaultValueFactory = _ => 64 };
        var maxArtists = new Option<int>("--max-artists-per-track") { Description = "Tracks crediting more artists are left out of the graph (2–200).", DefaultValueFactory = _ => CoCreditGraph.DefaultMaxArtistsPerTrack };
        var curve = new Option<string?>("--curve") { Description = "CSV file for the precision–recall curve (default: <db>.collab-pr.csv beside a SQLite store, else ./soundgraph.collab-pr.csv)." };
        var command = new Command("collab", "Train the collaboration link predictor (logistic regression on CN, Adamic–Adar, log PA, Jaccard, FastRP cosine) on held-out co-credits; print coefficients and metrics against each single heuristic; save the model.")
        {
            holdout, negatives, seed, l2, precision, dimension, maxArtists, curve,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = Options(parse.GetValue(holdout), parse.GetValue(negatives), parse.GetValue(seed), parse.GetValue(l2), parse.GetValue(precision), parse.GetValue(dimension));
            var cap = parse.GetValue(maxArtists);
            if (cap is < 2 or > 200)
            {
                throw new ArgumentException($"--max-artists-per-track must be between 2 and 200 (got {cap}).");
            }

            var location = StoreLocation.Parse(CliContext.DbValue(parse));
            var curvePath = parse.GetValue(curve) ?? (location.Provider == StoreProvider.Sqlite
                ? Path.ChangeExtension(Path.GetFullPath(location.Value), ".collab-pr.csv")
                : Path.GetFullPath("soundgraph.collab-pr.csv"));
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            var json = parse.GetValue(CliContext.JsonOption);
            var outcome = await CollabTrainJob.RunAsync(context, store, options, cap, curvePath, json, ct).ConfigureAwait(false);
            if (json)
            {
                var r = outcome.Result;
                context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(new
                {
                    coefficients = r.Model.FeatureNames.Select((name, j) => new { name, coefficient = r.Model.Coefficients[j], mean = r.Model.Scaler.Means[j], sd = r.Model.Scaler.Scales[j] }),
                    intercept = r.Model.Intercept,
                    r.Evaluation.Nodes,
                    r.Evaluation.Edges,
                    r.Evaluation.TestPositives,
                    r.Evaluation.TestNegatives,
                    r.Evaluation.TestPositivesWithinTwoHops,
                    model = r.Evaluation.Model,
                    baselines = r.Evaluation.Baselines,
                    fullRecall = r.Evaluation.FullRecall,
                    atTargetPrecision = r.Evaluation.AtTargetPrecision,
                    curve = outcome.CurvePath,
                    seconds = outcome.Seconds,
                }));
            }

            return 0;
        });
        return command;
    }

    /// <summary>Training options from command-line values.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names the option.</exception>
    public static CollabTrainingOptions Options(double holdout, int negatives, int seed, double l2, double targetPrecision, int dimension)
    {
        if (dimension is < 8 or > 512)
        {
            throw new ArgumentException($"--dimension must be between 8 and 512 (got {dimension}).");
        }

        var options = new CollabTrainingOptions
        {
            Holdout = holdout,
            NegativesPerPositive = negatives,
            Seed = seed,
            L2 = l2,
            TargetPrecision = targetPrecision,
            Embedding = new FastRpOptions { Dimension = dimension, Seed = seed },
        };
        options.Validate();
        return options;
    }
}

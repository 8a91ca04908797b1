using System.CommandLine;
using System.Globalization;
using SoundGraph.Cli.Jobs;
using SoundGraph.Cli.Rendering;
using SoundGraph.Learning.Sage;
using SoundGraph.Learning.SongGraph;

namespace SoundGraph.Cli.Commands.Train;

/// <summary><c>sgr train sage</c>: song-similarity graph from the audio features, GraphSAGE trained on it, evaluated
/// against raw-feature cosine and FastRP, and saved with per-track embeddings.</summary>
public static class TrainSageCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var k = new Option<int>("--k") { Description = "Nearest neighbours per track in the song graph (1–1000).", DefaultValueFactory = _ => 10 };
        var threshold = new Option<double>("--threshold") { Description = "Minimum cosine of the standardized features for an edge (−1…1).", DefaultValueFactory = _ => 0.5 };
        var epochs = new Option<int>("--epochs") { Description = "Full-batch training epochs (1–100000).", DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { Description = "Seed of the weights, the edge split and every sampled negative.", DefaultValueFactory = _ => 42 };
        var dim = new Option<int>("--dim") { Description = "Embedding dimension (also the hidden width; 1–4096).", DefaultValueFactory = _ => 64 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate (> 0).", DefaultValueFactory = _ => 0.01 };
        var negatives = new Option<int>("--negatives") { Description = "Negatives sampled per positive pair, degree^0.75 (1–100).", DefaultValueFactory = _ => 5 };
        var temperature = new Option<double>("--temperature") { Description = "Logit temperature τ: scores are z_u·z_v/τ on unit embeddings (0.01–100).", DefaultValueFactory = _ => 1.0 };
        var command = new Command(
            "sage",
            "Build the song-similarity graph (13 standardized audio features, cosine kNN), train GraphSAGE (mean aggregator, 2 layers) "
            + "on 90 % of its edges, report AUC/Hits@K on the held-out 10 % and on same-artist / same-playlist pairs against raw-feature "
            + "cosine and FastRP, and save the model with per-track embeddings (sage, raw, fastrp) for `sgr similar`.")
        {
            k, threshold, epochs, seed, dim, lr, negatives, temperature,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = Options(parse.GetValue(k), parse.GetValue(threshold), parse.GetValue(epochs), parse.GetValue(seed), parse.GetValue(dim), parse.GetValue(lr), parse.GetValue(negatives), parse.GetValue(temperature));
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            var json = parse.GetValue(CliContext.JsonOption);
            var result = await SageJob.RunAsync(context, store, options, json, ct).ConfigureAwait(false);
            if (json)
            {
                context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(result));
            }
            else
            {
                SageReport.Render(context.Console, result);
            }

            return 0;
        });
        return command;
    }

    /// <summary>Job options from command-line values.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names the option.</exception>
    public static SageJobOptions Options(int k, double threshold, int epochs, int seed, int dim, double lr = 0.01, int negatives = 5, double temperature = 1)
    {
        static string S(double x) => x.ToString(CultureInfo.InvariantCulture);
        if (k is < 1 or > 1000)
        {
            throw new ArgumentException($"--k must be between 1 and 1000 (got {k}).");
        }

        if (!(threshold >= -1 && threshold <= 1))
        {
            throw new ArgumentException($"--threshold must be between -1 and 1 (got {S(threshold)}).");
        }

        if (epochs is < 1 or > 100_000)
        {
            throw new ArgumentException($"--epochs must be between 1 and 100000 (got {epochs}).");
        }

        if (dim is < 1 or > 4096)
        {
            throw new ArgumentException($"--dim must be between 1 and 4096 (got {dim}).");
        }

        if (!(lr > 0) || !double.IsFinite(lr))
        {
            throw new ArgumentException($"--lr must be positive (got {S(lr)}).");
        }

        if (negatives is < 1 or > 100)
        {
            throw new ArgumentException($"--negatives must be between 1 and 100 (got {negatives}).");
        }

        if (!(temperature is >= 0.01 and <= 100))
        {
            throw new ArgumentException($"--temperature must be between 0.01 and 100 (got {S(temperature)}).");
        }

        return new SageJobOptions(
            new SongGraphOptions { K = k, Threshold = threshold },
            new SageOptions { Epochs = epochs, Seed = seed, Dimension = dim, HiddenDimension = dim, LearningRate = lr, Negatives = negatives, Temperature = temperature });
    }
}

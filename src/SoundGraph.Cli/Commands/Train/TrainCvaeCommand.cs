using System.CommandLine;
using SoundGraph.Cli.Jobs;
using SoundGraph.Cli.Rendering;
using SoundGraph.Learning.Cvae;

namespace SoundGraph.Cli.Commands.Train;

/// <summary><c>sgr train cvae</c>: a conditional VAE that generates audio-feature vectors for artist pairs.</summary>
public static class TrainCvaeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var defaults = new CvaeTrainSettings();
        var latent = new Option<int>("--latent") { Description = "Latent units L (1–256).", DefaultValueFactory = _ => defaults.Options.LatentDim };
        var hidden = new Option<int>("--hidden") { Description = "Hidden tanh units of encoder and decoder (1–4096).", DefaultValueFactory = _ => defaults.Options.HiddenDim };
        var beta = new Option<double>("--beta") { Description = "β, weight of the KL term (≥ 0; 1 = plain ELBO).", DefaultValueFactory = _ => defaults.Options.Beta };
        var warmup = new Option<int>("--kl-warmup") { Description = "Epochs over which β ramps up linearly from β/W to β (0 = none).", DefaultValueFactory = _ => 0 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training split.", DefaultValueFactory = _ => defaults.Options.Epochs };
        var batch = new Option<int>("--batch-size") { Description = "Mini-batch size.", DefaultValueFactory = _ => defaults.Options.BatchSize };
        var rate = new Option<double>("--learning-rate") { Description = "Adam step size.", DefaultValueFactory = _ => defaults.Options.LearningRate };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, FastRP, weights, batches and noise.", DefaultValueFactory = _ => defaults.Options.Seed };
        var embedding = new Option<int>("--embedding-dim") { Description = "FastRP dimension d of the artist embeddings (condition has 2d + 3 values).", DefaultValueFactory = _ => defaults.EmbeddingDim };
        var holdOut = new Option<double>("--holdout") { Description = "Share of collaborations held out for the checks (0–1).", DefaultValueFactory = _ => defaults.HoldOut };
        var unitScores = new Option<string>("--unit-scores")
        {
            Description = "How the seven 0–1 scores are modelled: logit (logit scale, mapped back through the logistic function: never out of range) or clip (as given; out-of-range values are counted, then clipped).",
            DefaultValueFactory = _ => "logit",
        };
        unitScores.AcceptOnlyFromAmong("logit", "clip");
        var curve = new Option<string?>("--curve") { Description = "Also write the training curve (epoch, beta, reconstruction, kl, loss) to this CSV file (it is always in the model's metrics)." };
        var command = new Command(
            "cvae",
            "Train a conditional VAE (Sohn et al. 2015) on collaborations (tracks credited to ≥ 2 artists): x = the nine Spotify audio features, "
            + "condition = FastRP embeddings of the two artists, their common neighbours and Adamic–Adar on the co-credit graph, and log streams. "
            + "Prints the training curve and held-out checks (KS per feature, active latent units, bounds, conditioning shift) and saves model 'cvae'.")
        {
            latent, hidden, beta, warmup, epochs, batch, rate, seed, embedding, holdOut, unitScores, curve,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new CvaeTrainSettings
            {
                Options = new CvaeOptions
                {
                    LatentDim = parse.GetValue(latent),
                    HiddenDim = parse.GetValue(hidden),
                    Beta = parse.GetValue(beta),
                    KlWarmupEpochs = parse.GetValue(warmup),
                    Epochs = parse.GetValue(epochs),
                    BatchSize = parse.GetValue(batch),
                    LearningRate = parse.GetValue(rate),
                    Seed = parse.GetValue(seed),
                },
                EmbeddingDim = parse.GetValue(embedding),
                HoldOut = parse.GetValue(holdOut),
                CurvePath = parse.GetValue(curve),
                LogitUnitScores = parse.GetValue(unitScores) == "logit",
            };
            settings.Validate();
            var json = parse.GetValue(CliContext.JsonOption);
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            var outcome = await CvaeJob.RunAsync(context, store, settings, json, ct).ConfigureAwait(false);
            if (json)
            {
                context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(new
                {
                    model = CvaeTrainSettings.ModelName,
                    outcome.Collaborations,
                    outcome.Train,
                    outcome.Report.HeldOut,
                    finalReconstruction = outcome.Curve[^1].Reconstruction,
                    finalKl = outcome.Curve[^1].Kl,
                    outcome.Report.HeldOutReconstruction,
                    outcome.Report.HeldOutKl,
                    outcome.Report.ActiveUnits,
                    outcome.Report.Activity,
                    outcome.Report.OutOfRangeShare,
                    outcome.Report.Features,
                    outcome.TrainSeconds,
                }));
            }

            return 0;
        });
        return command;
    }
}

namespace SoundGraph.Learning.Cvae;

/// <summary>Hyper-parameters of <see cref="CvaeTrainer"/>.</summary>
public sealed record CvaeOptions
{
    /// <summary>Latent dimension L of z. Default 8; range 1–256.</summary>
    public int LatentDim { get; init; } = 8;

    /// <summary>Width of the one tanh hidden layer of the encoder and of the decoder. Default 64; range 1–4096.</summary>
    public int HiddenDim { get; init; } = 64;

    /// <summary>β, the weight of the KL term (Higgins et al. 2017's β-VAE; 1 is the plain evidence lower bound). Default 1; ≥ 0.</summary>
    public double Beta { get; init; } = 1.0;

    /// <summary>KL warm-up: β grows linearly from β/W in epoch 1 to β in epoch W (Bowman et al. 2016; Sønderby et al. 2016).
    /// Default 0 (no warm-up, β from the start).</summary>
    public int KlWarmupEpochs { get; init; }

    /// <summary>Passes over the training set. Default 200; ≥ 1.</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Mini-batch size (the last batch of an epoch may be smaller). Default 64; ≥ 1.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam step size α. Default 1e-3 (Kingma and Ba 2015); &gt; 0.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Seed of the weight initialisation, the batch order and the noise ε. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>β used in <paramref name="epoch"/> (1-based), with the warm-up applied.</summary>
    public double BetaAt(int epoch) => KlWarmupEpochs <= 0 ? Beta : Beta * Math.Min(1.0, (double)epoch / KlWarmupEpochs);

    /// <summary>Checks every value; the message names the CLI option.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        Require(LatentDim is >= 1 and <= 256, $"--latent must be between 1 and 256 (got {LatentDim}).");
        Require(HiddenDim is >= 1 and <= 4096, $"--hidden must be between 1 and 4096 (got {HiddenDim}).");
        Require(Beta >= 0 && double.IsFinite(Beta), $"--beta must be a finite number ≥ 0 (got {Beta.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        Require(KlWarmupEpochs >= 0, $"--kl-warmup must be 0 or more (got {KlWarmupEpochs}).");
        Require(Epochs >= 1, $"--epochs must be at least 1 (got {Epochs}).");
        Require(BatchSize >= 1, $"--batch-size must be at least 1 (got {BatchSize}).");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), $"--learning-rate must be a finite number > 0 (got {LearningRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
    }

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }
}

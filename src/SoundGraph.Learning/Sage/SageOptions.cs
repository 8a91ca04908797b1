namespace SoundGraph.Learning.Sage;

/// <summary>Where negative nodes are drawn from in the link objective.</summary>
public enum NegativeDistribution
{
    /// <summary>P(n) ∝ degree(n)^0.75 over the training graph (word2vec's unigram^0.75, as in Hamilton et al. 2017).</summary>
    Degree075,

    /// <summary>Every node equally likely.</summary>
    Uniform,
}

/// <summary>GraphSAGE hyper-parameters (<see cref="SageTrainer"/>).</summary>
public sealed record SageOptions
{
    /// <summary>Width of the hidden (first) layer.</summary>
    /// <value>Default 64; 1–4096.</value>
    public int HiddenDimension { get; init; } = 64;

    /// <summary>Width of the output embedding.</summary>
    /// <value>Default 64; 1–4096.</value>
    public int Dimension { get; init; } = 64;

    /// <summary>Full-batch epochs (one Adam step each).</summary>
    /// <value>Default 200; 1–100,000.</value>
    public int Epochs { get; init; } = 200;

    /// <summary>Adam step size.</summary>
    /// <value>Default 0.01; &gt; 0.</value>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Negatives Q sampled per positive pair, fresh each epoch.</summary>
    /// <value>Default 5; 1–100.</value>
    public int Negatives { get; init; } = 5;

    /// <summary>Negative sampling distribution.</summary>
    /// <value>Default <see cref="NegativeDistribution.Degree075"/>.</value>
    public NegativeDistribution NegativeDistribution { get; init; } = NegativeDistribution.Degree075;

    /// <summary>Temperature τ: the logits are z_u·z_v / τ. Outputs are unit vectors, so with τ = 1 a logit lies in
    /// [−1, 1] and σ never leaves [0.27, 0.73]; a smaller τ lets the loss separate pairs.</summary>
    /// <value>Default 1 (Hamilton et al. 2017); 0.01–100.</value>
    public double Temperature { get; init; } = 1;

    /// <summary>Seed of the initial weights and of every negative sample.</summary>
    /// <value>Default 42.</value>
    public int Seed { get; init; } = 42;

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        Check(HiddenDimension is >= 1 and <= 4096, nameof(HiddenDimension), HiddenDimension);
        Check(Dimension is >= 1 and <= 4096, nameof(Dimension), Dimension);
        Check(Epochs is >= 1 and <= 100_000, nameof(Epochs), Epochs);
        Check(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate);
        Check(Negatives is >= 1 and <= 100, nameof(Negatives), Negatives);
        Check(Temperature is >= 0.01 and <= 100, nameof(Temperature), Temperature);
        Check(Enum.IsDefined(NegativeDistribution), nameof(NegativeDistribution), NegativeDistribution);

        static void Check(bool ok, string name, object value)
        {
            if (!ok)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} is out of range.");
            }
        }
    }
}

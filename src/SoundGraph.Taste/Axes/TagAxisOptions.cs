namespace SoundGraph.Taste.Axes;

/// <summary>How <see cref="TagAxisModel.Train"/> builds its vocabulary and chooses the ridge penalty.</summary>
public sealed record TagAxisOptions
{
    /// <summary>Smallest number of training items a tag must be on to become a feature.</summary>
    /// <value>Default 5: rarer tags get weights from too few examples to generalise. At least 1.</value>
    public int MinDocumentFrequency { get; init; } = 5;

    /// <summary>The ridge penalties λ tried by cross-validation (each &gt; 0).</summary>
    /// <value>Default 0.1, 0.3, 1, 3, 10: a decade-and-a-half either side of 1, which suits TF-IDF rows whose tf sums to 1
    /// and idf is 1–8. With one value, that value is used. When there are too few items to cross-validate (fewer than
    /// 2 × <see cref="Folds"/>), the middle value of the list is used.</value>
    public IReadOnlyList<double> Lambdas { get; init; } = [0.1, 0.3, 1, 3, 10];

    /// <summary>k of the k-fold cross-validation that picks λ per axis and measures the out-of-fold R².</summary>
    /// <value>Default 5, at least 2.</value>
    public int Folds { get; init; } = 5;

    /// <summary>Seed of the fold assignment (SplitMix64); the same items and seed give the same model.</summary>
    /// <value>Default 0.</value>
    public int Seed { get; init; }

    /// <summary>Relative residual at which conjugate gradients stop.</summary>
    /// <value>Default 1e-8.</value>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>Conjugate-gradient iteration cap per solve.</summary>
    /// <value>Default 2,000.</value>
    public int MaxIterations { get; init; } = 2_000;

    /// <summary>Axes trained at once.</summary>
    /// <value>Default the processor count.</value>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its documented range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinDocumentFrequency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Folds, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDegreeOfParallelism, 1);
        if (Tolerance is not (> 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Tolerance must be in (0, 1).");
        }

        if (Lambdas is null || Lambdas.Count == 0 || Lambdas.Any(l => !double.IsFinite(l) || l <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Lambdas), "Lambdas must hold at least one finite value > 0.");
        }
    }
}

namespace SoundGraph.Learning.Recommenders;

/// <summary>How a raw interaction value r (play count, 1 for a membership) becomes a confidence c (Hu, Koren and
/// Volinsky 2008, §4).</summary>
public enum AlsConfidence
{
    /// <summary>c = 1 + α·r (their eq. 3).</summary>
    Linear,

    /// <summary>c = 1 + α·log(1 + r/ε) (their eq. 6): tames play counts spanning five orders of magnitude.</summary>
    Log,
}

/// <summary>How each least-squares row update is solved.</summary>
public enum AlsSolver
{
    /// <summary>A few conjugate-gradient steps warm-started from the previous factors (Takács, Pilászy and Tikk,
    /// "Applications of the conjugate gradient method for implicit feedback collaborative filtering", RecSys 2011);
    /// O(steps·(f² + |u|·f)) per row. The default.</summary>
    ConjugateGradient,

    /// <summary>The exact solve: build YᵀC_uY + λI (O(|u|·f²)) and factor it by Cholesky with MathNet.Numerics (O(f³)).</summary>
    Cholesky,
}

/// <summary>Options of <see cref="AlsRecommender"/>.</summary>
public sealed record AlsOptions
{
    /// <summary>Latent factors f (≥ 1). Default 64.</summary>
    public int Factors { get; init; } = 64;

    /// <summary>L2 regularization λ (≥ 0) on every factor vector. Default 0.1.</summary>
    public double Regularization { get; init; } = 0.1;

    /// <summary>Confidence scale α (&gt; 0). Default 10.</summary>
    public double Alpha { get; init; } = 10;

    /// <summary>Confidence function. Default <see cref="AlsConfidence.Log"/>.</summary>
    public AlsConfidence Confidence { get; init; } = AlsConfidence.Log;

    /// <summary>ε of the log confidence (&gt; 0), in the unit of the values. Default 1.</summary>
    public double Epsilon { get; init; } = 1;

    /// <summary>Alternating sweeps (users then items) (≥ 1). Default 15.</summary>
    public int Iterations { get; init; } = 15;

    /// <summary>Row solver. Default <see cref="AlsSolver.ConjugateGradient"/>.</summary>
    public AlsSolver Solver { get; init; } = AlsSolver.ConjugateGradient;

    /// <summary>Conjugate-gradient steps per row and sweep (≥ 1). Default 3 (Takács et al. found 2–4 enough with warm starts).</summary>
    public int CgSteps { get; init; } = 3;

    /// <summary>Seed of the initial factors (normal, σ = 0.01). Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Rows solved in parallel (≥ 1). Rows are independent and sums run in a fixed order, so the result does
    /// not depend on this. Default: all processors.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The confidence of value <paramref name="r"/>.</summary>
    public double ConfidenceOf(double r) => Confidence == AlsConfidence.Linear ? 1 + (Alpha * r) : 1 + (Alpha * Math.Log(1 + (r / Epsilon)));

    /// <summary>Validates the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Factors, 1, nameof(Factors));
        ArgumentOutOfRangeException.ThrowIfNegative(Regularization, nameof(Regularization));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Alpha, nameof(Alpha));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epsilon, nameof(Epsilon));
        ArgumentOutOfRangeException.ThrowIfLessThan(Iterations, 1, nameof(Iterations));
        ArgumentOutOfRangeException.ThrowIfLessThan(CgSteps, 1, nameof(CgSteps));
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
    }
}

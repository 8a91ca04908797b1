namespace SoundGraph.Learning.Cvae;

/// <summary>Adam over one flat parameter vector (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015):
/// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − α·m̂/(√v̂ + ε) with the bias corrections m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).</summary>
public sealed class AdamOptimizer
{
    private readonly double[] _m;
    private readonly double[] _v;
    private int _t;

    /// <summary>Creates the optimizer state for <paramref name="count"/> parameters.</summary>
    /// <param name="count">Number of parameters.</param>
    /// <param name="learningRate">α (&gt; 0).</param>
    /// <param name="beta1">β₁, default 0.9.</param>
    /// <param name="beta2">β₂, default 0.999.</param>
    /// <param name="epsilon">ε, default 1e-8.</param>
    public AdamOptimizer(int count, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        _m = new double[count];
        _v = new double[count];
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>α.</summary>
    public double LearningRate { get; }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>One update of <paramref name="parameters"/> in place from <paramref name="gradient"/>.</summary>
    /// <exception cref="ArgumentException">The arrays do not have the optimizer's length.</exception>
    public void Step(double[] parameters, double[] gradient)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gradient);
        if (parameters.Length != _m.Length || gradient.Length != _m.Length)
        {
            throw new ArgumentException($"Expected {_m.Length} parameters and gradients.", nameof(gradient));
        }

        _t++;
        var c1 = 1 - Math.Pow(Beta1, _t);
        var c2 = 1 - Math.Pow(Beta2, _t);
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = gradient[i];
            _m[i] = (Beta1 * _m[i]) + ((1 - Beta1) * g);
            _v[i] = (Beta2 * _v[i]) + ((1 - Beta2) * g * g);
            parameters[i] -= LearningRate * (_m[i] / c1) / (Math.Sqrt(_v[i] / c2) + Epsilon);
        }
    }
}

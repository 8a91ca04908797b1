namespace SoundGraph.Learning.Nn;

/// <summary>Adam (Kingma and Ba, 2015, "Adam: A Method for Stochastic Optimization", Algorithm 1) over one flat
/// parameter vector: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − α·m̂/(√v̂ + ε) with bias-corrected m̂, v̂.</summary>
/// <remarks>A model keeps all its parameters in one <c>double[]</c> (weight matrices as row-major slices), so one
/// optimizer instance serves it. State is O(parameters); deterministic.</remarks>
public sealed class AdamOptimizer
{
    private readonly double[] _m;
    private readonly double[] _v;

    /// <summary>Creates the optimizer for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">Length of the parameter vector (≥ 1).</param>
    /// <param name="learningRate">Step size α (&gt; 0). Default 0.01.</param>
    /// <param name="beta1">First-moment decay β₁ in [0, 1). Default 0.9.</param>
    /// <param name="beta2">Second-moment decay β₂ in [0, 1). Default 0.999.</param>
    /// <param name="epsilon">ε added to √v̂ (&gt; 0). Default 1e−8.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public AdamOptimizer(int parameterCount, double learningRate = 0.01, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parameterCount, 1);
        if (!(learningRate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be positive.");
        }

        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), "β₁ and β₂ must lie in [0, 1).");
        }

        if (!(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be positive.");
        }

        _m = new double[parameterCount];
        _v = new double[parameterCount];
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>Step size α.</summary>
    public double LearningRate { get; }

    /// <summary>First-moment decay β₁.</summary>
    public double Beta1 { get; }

    /// <summary>Second-moment decay β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε in the denominator.</summary>
    public double Epsilon { get; }

    /// <summary>Steps taken so far (t).</summary>
    public int StepCount { get; private set; }

    /// <summary>Applies one update to <paramref name="parameters"/> in place, given the loss gradient.</summary>
    /// <exception cref="ArgumentException">The spans differ from the parameter count.</exception>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        if (parameters.Length != _m.Length || gradient.Length != _m.Length)
        {
            throw new ArgumentException($"Expected {_m.Length} parameters and gradient entries.", nameof(gradient));
        }

        StepCount++;
        var correction1 = 1 - Math.Pow(Beta1, StepCount);
        var correction2 = 1 - Math.Pow(Beta2, StepCount);
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = gradient[i];
            _m[i] = (Beta1 * _m[i]) + ((1 - Beta1) * g);
            _v[i] = (Beta2 * _v[i]) + ((1 - Beta2) * g * g);
            parameters[i] -= LearningRate * (_m[i] / correction1) / (Math.Sqrt(_v[i] / correction2) + Epsilon);
        }
    }
}

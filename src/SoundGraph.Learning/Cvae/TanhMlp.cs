namespace SoundGraph.Learning.Cvae;

/// <summary>A fully connected network with tanh hidden layers and a linear output layer, whose weights live in a slice of a
/// flat parameter vector owned by the caller (so one <see cref="Nn.AdamOptimizer"/> updates a whole model).</summary>
/// <remarks>
/// Layer k maps a<sub>k</sub> (size n<sub>k</sub>) to a<sub>k+1</sub> = f(W<sub>k</sub>·a<sub>k</sub> + b<sub>k</sub>), with f = tanh for
/// hidden layers and the identity for the last. Parameters of layer k: W<sub>k</sub> row-major (n<sub>k+1</sub> × n<sub>k</sub>), then
/// b<sub>k</sub>. Written for the CVAE only, on plain double arrays, with hand-derived backpropagation
/// (∂tanh(u)/∂u = 1 − tanh²(u)); cost O(Σ n<sub>k</sub>·n<sub>k+1</sub>) per sample each way.
/// </remarks>
public sealed class TanhMlp
{
    private readonly int[] _sizes;
    private readonly int[] _weightOffsets;
    private readonly int[] _biasOffsets;

    /// <summary>Creates the layout; <paramref name="sizes"/> = [input, hidden…, output], parameters from <paramref name="offset"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than two sizes, or a size below 1.</exception>
    public TanhMlp(IReadOnlyList<int> sizes, int offset)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Count < 2 || sizes.Any(s => s < 1))
        {
            throw new ArgumentException("An MLP needs at least an input and an output size, each ≥ 1.", nameof(sizes));
        }

        _sizes = [.. sizes];
        _weightOffsets = new int[_sizes.Length - 1];
        _biasOffsets = new int[_sizes.Length - 1];
        var at = offset;
        for (var k = 0; k < _sizes.Length - 1; k++)
        {
            _weightOffsets[k] = at;
            at += _sizes[k] * _sizes[k + 1];
            _biasOffsets[k] = at;
            at += _sizes[k + 1];
        }

        Offset = offset;
        ParameterCount = at - offset;
    }

    /// <summary>First index of this network's parameters in the flat vector.</summary>
    public int Offset { get; }

    /// <summary>Number of parameters (weights and biases).</summary>
    public int ParameterCount { get; }

    /// <summary>Input size.</summary>
    public int InputSize => _sizes[0];

    /// <summary>Output size.</summary>
    public int OutputSize => _sizes[^1];

    /// <summary>Glorot (Xavier) uniform initialisation of the weights, U(−√(6/(n<sub>in</sub>+n<sub>out</sub>)), +…); biases 0
    /// (Glorot and Bengio 2010).</summary>
    public void Initialize(double[] parameters, Random random)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(random);
        for (var k = 0; k < _sizes.Length - 1; k++)
        {
            var limit = Math.Sqrt(6.0 / (_sizes[k] + _sizes[k + 1]));
            for (var i = 0; i < _sizes[k] * _sizes[k + 1]; i++)
            {
                parameters[_weightOffsets[k] + i] = (2 * random.NextDouble() - 1) * limit;
            }

            Array.Clear(parameters, _biasOffsets[k], _sizes[k + 1]);
        }
    }

    /// <summary>Allocates the activation buffers a<sub>0</sub>…a<sub>K</sub> for one sample.</summary>
    public double[][] NewActivations() => [.. _sizes.Select(s => new double[s])];

    /// <summary>Forward pass: copies <paramref name="input"/> into a<sub>0</sub> and fills every layer; returns a<sub>K</sub>.</summary>
    public double[] Forward(double[] parameters, ReadOnlySpan<double> input, double[][] activations)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(activations);
        input.CopyTo(activations[0]);
        for (var k = 0; k < _sizes.Length - 1; k++)
        {
            var a = activations[k];
            var next = activations[k + 1];
            var hidden = k < _sizes.Length - 2;
            for (var o = 0; o < next.Length; o++)
            {
                var sum = parameters[_biasOffsets[k] + o];
                var row = _weightOffsets[k] + (o * a.Length);
                for (var i = 0; i < a.Length; i++)
                {
                    sum += parameters[row + i] * a[i];
                }

                next[o] = hidden ? Math.Tanh(sum) : sum;
            }
        }

        return activations[^1];
    }

    /// <summary>Backward pass for the activations of the last <see cref="Forward"/>: given ∂L/∂a<sub>K</sub>, adds ∂L/∂θ into
    /// <paramref name="gradient"/> (same indexing as the parameters) and writes ∂L/∂a<sub>0</sub> into
    /// <paramref name="inputGradient"/> when it is not null.</summary>
    public void Backward(double[] parameters, double[][] activations, ReadOnlySpan<double> outputGradient, double[] gradient, double[]? inputGradient)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(gradient);
        var delta = outputGradient.ToArray();
        for (var k = _sizes.Length - 2; k >= 0; k--)
        {
            var a = activations[k];
            var needPrevious = k > 0 || inputGradient is not null;
            var previous = needPrevious ? new double[a.Length] : null;
            for (var o = 0; o < delta.Length; o++)
            {
                var d = delta[o];
                gradient[_biasOffsets[k] + o] += d;
                var row = _weightOffsets[k] + (o * a.Length);
                for (var i = 0; i < a.Length; i++)
                {
                    gradient[row + i] += d * a[i];
                    if (previous is not null)
                    {
                        previous[i] += d * parameters[row + i];
                    }
                }
            }

            if (k > 0)
            {
                // a_k = tanh(u_k): ∂a/∂u = 1 − a².
                for (var i = 0; i < a.Length; i++)
                {
                    previous![i] *= 1 - (a[i] * a[i]);
                }

                delta = previous!;
            }
            else if (inputGradient is not null)
            {
                previous!.CopyTo(inputGradient, 0);
            }
        }
    }
}

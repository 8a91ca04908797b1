using System.Numerics.Tensors;
using SoundGraph.Graph.Sparse;
using SoundGraph.Learning.Nn;

namespace SoundGraph.Learning.Sage;

/// <summary>A two-layer GraphSAGE encoder with mean aggregation (Hamilton, Ying and Leskovec 2017, "Inductive
/// Representation Learning on Large Graphs", Algorithm 1 with the MEAN aggregator and concatenation written as two
/// weight matrices).</summary>
/// <remarks>
/// Shapes, for n nodes with d₀ input features, hidden width h and output width o:
/// <code>
/// M₀ = mean_{u∈N(v)} x_u                          (n × d₀; 0 for an isolated node)
/// H₁ = ReLU(X·W₁ˢ + M₀·W₁ⁿ + b₁)                 (n × h)
/// M₁ = mean_{u∈N(v)} h₁_u                         (n × h)
/// A₂ = H₁·W₂ˢ + M₁·W₂ⁿ + b₂                       (n × o)
/// Z  = A₂ / ‖A₂‖                                  (n × o, unit rows)
/// </code>
/// The mean is unweighted over the neighbour set (edge weights only decide which edges exist), as in the paper. All
/// parameters live in one flat vector <see cref="Parameters"/> in the order W₁ˢ, W₁ⁿ, b₁, W₂ˢ, W₂ⁿ, b₂ (matrices
/// row-major, in × out), so one <see cref="AdamOptimizer"/> trains them. The encoder is inductive: it embeds any node of
/// any graph from its features and its neighbours' features.
/// </remarks>
public sealed class SageModel
{
    private const int FormatVersion = 1;

    private SageModel(int inputDimension, int hiddenDimension, int outputDimension, double[] parameters)
    {
        InputDimension = inputDimension;
        HiddenDimension = hiddenDimension;
        OutputDimension = outputDimension;
        Parameters = parameters;
    }

    /// <summary>Input feature width d₀.</summary>
    public int InputDimension { get; }

    /// <summary>Hidden width h.</summary>
    public int HiddenDimension { get; }

    /// <summary>Output width o.</summary>
    public int OutputDimension { get; }

    /// <summary>All parameters, flat (see the remarks for the layout).</summary>
    public double[] Parameters { get; }

    /// <summary>Number of parameters: 2·d₀·h + h + 2·h·o + o.</summary>
    public static int ParameterCount(int inputDimension, int hiddenDimension, int outputDimension) =>
        (2 * inputDimension * hiddenDimension) + hiddenDimension + (2 * hiddenDimension * outputDimension) + outputDimension;

    /// <summary>A model with Glorot-uniform weights and zero biases, drawn from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A width is below 1.</exception>
    public static SageModel Create(int inputDimension, int hiddenDimension, int outputDimension, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenDimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputDimension, 1);
        var model = new SageModel(inputDimension, hiddenDimension, outputDimension, new double[ParameterCount(inputDimension, hiddenDimension, outputDimension)]);
        var random = new Random(seed);
        var p = model.Parameters.AsSpan();
        // Fan-in of each layer counts both halves of the concatenation [self ‖ mean].
        Initializers.GlorotUniform(model.W1Self(p), 2 * inputDimension, hiddenDimension, random);
        Initializers.GlorotUniform(model.W1Neigh(p), 2 * inputDimension, hiddenDimension, random);
        Initializers.GlorotUniform(model.W2Self(p), 2 * hiddenDimension, outputDimension, random);
        Initializers.GlorotUniform(model.W2Neigh(p), 2 * hiddenDimension, outputDimension, random);
        return model;
    }

    /// <summary>Unit-length embeddings of every node of <paramref name="graph"/>.</summary>
    /// <param name="graph">The graph whose neighbourhoods are aggregated.</param>
    /// <param name="features">n × d₀ node features, row-major, row i for node index i.</param>
    /// <returns>n rows of o values, each of L2 norm 1 (or 0 if its pre-normalization output is exactly zero).</returns>
    public double[][] Embed(WeightedGraph graph, ReadOnlySpan<double> features)
    {
        var pass = Forward(graph, features);
        var o = OutputDimension;
        return Enumerable.Range(0, graph.NodeCount).Select(i => pass.Z.AsSpan(i * o, o).ToArray()).ToArray();
    }

    /// <summary>Runs the forward pass, keeping what the backward pass needs.</summary>
    /// <exception cref="ArgumentException">The feature matrix does not have n × d₀ entries.</exception>
    public SageForward Forward(WeightedGraph graph, ReadOnlySpan<double> features)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        int d = InputDimension, h = HiddenDimension, o = OutputDimension;
        if (features.Length != n * d)
        {
            throw new ArgumentException($"Expected {n} × {d} features, got {features.Length} values.", nameof(features));
        }

        var p = Parameters.AsSpan();
        var m0 = new double[n * d];
        MeanNeighbors(graph, features, m0, d);
        var a1 = new double[n * h];
        Dense.Forward(features, W1Self(p), a1, d, h);
        Dense.Forward(m0, W1Neigh(p), a1, d, h, accumulate: true);
        Dense.AddBias(a1, B1(p));
        var h1 = new double[n * h];
        TensorPrimitives.Max(a1, 0.0, h1);
        var m1 = new double[n * h];
        MeanNeighbors(graph, h1, m1, h);
        var a2 = new double[n * o];
        Dense.Forward(h1, W2Self(p), a2, h, o);
        Dense.Forward(m1, W2Neigh(p), a2, h, o, accumulate: true);
        Dense.AddBias(a2, B2(p));
        var norms = new double[n];
        var z = new double[n * o];
        for (var i = 0; i < n; i++)
        {
            var row = a2.AsSpan(i * o, o);
            norms[i] = TensorPrimitives.Norm(row);
            if (norms[i] > 0)
            {
                TensorPrimitives.Divide(row, norms[i], z.AsSpan(i * o, o));
            }
        }

        return new SageForward(features.ToArray(), m0, a1, h1, m1, norms, z);
    }

    /// <summary>Back-propagates ∂L/∂Z through the encoder, adding ∂L/∂θ to <paramref name="gradient"/>.</summary>
    /// <param name="graph">The graph of the forward pass.</param>
    /// <param name="pass">The forward pass.</param>
    /// <param name="dz">n × o gradient of the loss with respect to the unit embeddings.</param>
    /// <param name="gradient">Gradient of the parameters (accumulated), <see cref="Parameters"/> layout.</param>
    public void Backward(WeightedGraph graph, SageForward pass, ReadOnlySpan<double> dz, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(pass);
        var n = graph.NodeCount;
        int d = InputDimension, h = HiddenDimension, o = OutputDimension;
        if (dz.Length != n * o || gradient.Length != Parameters.Length)
        {
            throw new ArgumentException("dZ must be n × o and the gradient as long as the parameters.", nameof(gradient));
        }

        var p = Parameters.AsSpan();
        // Through the normalization: ∂z/∂a = (I − z zᵀ)/‖a‖.
        var da2 = new double[n * o];
        for (var i = 0; i < n; i++)
        {
            if (pass.Norms[i] > 0)
            {
                var zi = pass.Z.AsSpan(i * o, o);
                var gi = dz.Slice(i * o, o);
                var target = da2.AsSpan(i * o, o);
                TensorPrimitives.MultiplyAdd(zi, -TensorPrimitives.Dot(zi, gi), gi, target);
                TensorPrimitives.Divide(target, pass.Norms[i], target);
            }
        }

        Dense.BackwardWeights(pass.H1, da2, W2Self(gradient), h, o);
        Dense.BackwardWeights(pass.M1, da2, W2Neigh(gradient), h, o);
        Dense.BackwardBias(da2, B2(gradient));
        var dh1 = new double[n * h];
        Dense.BackwardInputs(W2Self(p), da2, dh1, h, o);
        var dm1 = new double[n * h];
        Dense.BackwardInputs(W2Neigh(p), da2, dm1, h, o);
        MeanNeighborsBackward(graph, dm1, dh1, h);
        // ReLU: the gradient passes where the pre-activation was positive.
        for (var i = 0; i < dh1.Length; i++)
        {
            if (pass.A1[i] <= 0)
            {
                dh1[i] = 0;
            }
        }

        Dense.BackwardWeights(pass.X, dh1, W1Self(gradient), d, h);
        Dense.BackwardWeights(pass.M0, dh1, W1Neigh(gradient), d, h);
        Dense.BackwardBias(dh1, B1(gradient));
    }

    /// <summary>Serializes the widths and parameters (little-endian, versioned).</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write("SAGE"u8);
            writer.Write(FormatVersion);
            writer.Write(InputDimension);
            writer.Write(HiddenDimension);
            writer.Write(OutputDimension);
            foreach (var value in Parameters)
            {
                writer.Write(value);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Reads a model written by <see cref="ToBytes"/>.</summary>
    /// <exception cref="FormatException">The bytes are not a saved GraphSAGE model of this version.</exception>
    public static SageModel FromBytes(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(data));
            if (!reader.ReadBytes(4).AsSpan().SequenceEqual("SAGE"u8) || reader.ReadInt32() != FormatVersion)
            {
                throw new FormatException("Not a saved GraphSAGE model (or a newer format).");
            }

            int d = reader.ReadInt32(), h = reader.ReadInt32(), o = reader.ReadInt32();
            if (d < 1 || h < 1 || o < 1)
            {
                throw new FormatException("Corrupt GraphSAGE model header.");
            }

            var parameters = new double[ParameterCount(d, h, o)];
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i] = reader.ReadDouble();
            }

            return new SageModel(d, h, o, parameters);
        }
        catch (EndOfStreamException e)
        {
            throw new FormatException("Truncated GraphSAGE model.", e);
        }
    }

    /// <summary>M[v] = mean of X[u] over u ∈ N(v) (zero row for an isolated node).</summary>
    private static void MeanNeighbors(WeightedGraph graph, ReadOnlySpan<double> x, Span<double> m, int width)
    {
        for (var v = 0; v < graph.NodeCount; v++)
        {
            var neighbors = graph.Neighbors(v);
            if (neighbors.Length == 0)
            {
                continue;
            }

            var target = m.Slice(v * width, width);
            foreach (var u in neighbors)
            {
                TensorPrimitives.Add(target, x.Slice(u * width, width), target);
            }

            TensorPrimitives.Divide(target, neighbors.Length, target);
        }
    }

    /// <summary>Transpose of <see cref="MeanNeighbors"/>: dX[u] += Σ_{v : u ∈ N(v)} dM[v] / |N(v)|. The graph is
    /// undirected, so u ∈ N(v) exactly when v ∈ N(u).</summary>
    private static void MeanNeighborsBackward(WeightedGraph graph, ReadOnlySpan<double> dm, Span<double> dx, int width)
    {
        for (var v = 0; v < graph.NodeCount; v++)
        {
            var neighbors = graph.Neighbors(v);
            if (neighbors.Length == 0)
            {
                continue;
            }

            var scale = 1.0 / neighbors.Length;
            var source = dm.Slice(v * width, width);
            foreach (var u in neighbors)
            {
                var target = dx.Slice(u * width, width);
                TensorPrimitives.MultiplyAdd(source, scale, target, target);
            }
        }
    }

    private Span<double> W1Self(Span<double> p) => p.Slice(0, InputDimension * HiddenDimension);

    private Span<double> W1Neigh(Span<double> p) => p.Slice(InputDimension * HiddenDimension, InputDimension * HiddenDimension);

    private Span<double> B1(Span<double> p) => p.Slice(2 * InputDimension * HiddenDimension, HiddenDimension);

    private int Layer2Offset => (2 * InputDimension * HiddenDimension) + HiddenDimension;

    private Span<double> W2Self(Span<double> p) => p.Slice(Layer2Offset, HiddenDimension * OutputDimension);

    private Span<double> W2Neigh(Span<double> p) => p.Slice(Layer2Offset + (HiddenDimension * OutputDimension), HiddenDimension * OutputDimension);

    private Span<double> B2(Span<double> p) => p.Slice(Layer2Offset + (2 * HiddenDimension * OutputDimension), OutputDimension);
}

/// <summary>What <see cref="SageModel.Forward"/> keeps for the backward pass (row-major matrices, see
/// <see cref="SageModel"/>).</summary>
/// <param name="X">n × d₀ input features.</param>
/// <param name="M0">n × d₀ neighbour means of the inputs.</param>
/// <param name="A1">n × h first-layer pre-activations.</param>
/// <param name="H1">n × h first-layer outputs (ReLU).</param>
/// <param name="M1">n × h neighbour means of H₁.</param>
/// <param name="Norms">n norms ‖A₂‖ of the outputs before normalization.</param>
/// <param name="Z">n × o unit embeddings.</param>
#pragma warning disable CA1819 // A record of work arrays: copying them on every access would defeat its purpose.
public sealed record SageForward(double[] X, double[] M0, double[] A1, double[] H1, double[] M1, double[] Norms, double[] Z);
#pragma warning restore CA1819

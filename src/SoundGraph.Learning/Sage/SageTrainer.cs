using System.Diagnostics;
using System.Numerics.Tensors;
using SoundGraph.Graph.Sparse;
using SoundGraph.Learning.Nn;

namespace SoundGraph.Learning.Sage;

/// <summary>A trained encoder and its training curve.</summary>
/// <param name="Model">The encoder.</param>
/// <param name="Losses">Mean loss per positive pair, one entry per epoch (before that epoch's step).</param>
/// <param name="Seconds">Wall time of the training loop.</param>
#pragma warning disable CA1819 // The curve is a plain result array.
public sealed record SageTrainingResult(SageModel Model, double[] Losses, double Seconds);
#pragma warning restore CA1819

/// <summary>Trains <see cref="SageModel"/> with the unsupervised link objective of Hamilton et al. (2017), eq. (1):
/// for each positive pair (u, v) — an edge of the training graph — and Q sampled negatives n,
/// J = −log σ(z_u·z_v/τ) − Σ_q log σ(−z_u·z_n/τ), averaged over the positive pairs.</summary>
/// <remarks>Full batch: every epoch runs the encoder on the whole graph, takes every edge in both directions as a
/// positive pair (u → v), draws Q fresh negatives per pair, and makes one Adam step. No neighbour sampling: the song graph
/// (thousands of nodes, k ≈ 10) fits easily, and the exact mean over all neighbours removes sampling noise. Single
/// threaded, seeded: one seed, one result.</remarks>
public static class SageTrainer
{
    /// <summary>Trains an encoder on <paramref name="graph"/>.</summary>
    /// <param name="graph">Training graph (held-out edges already removed).</param>
    /// <param name="features">n × <paramref name="featureDimension"/> node features, row-major.</param>
    /// <param name="featureDimension">d₀.</param>
    /// <param name="options">Hyper-parameters and seed.</param>
    /// <param name="progress">Called after each epoch with (epoch 1-based, loss).</param>
    /// <param name="cancellationToken">Stops between epochs.</param>
    /// <exception cref="ArgumentException">The graph has no edges, or the features do not fit.</exception>
    public static SageTrainingResult Train(
        WeightedGraph graph,
        double[] features,
        int featureDimension,
        SageOptions options,
        Action<int, double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (graph.EdgeCount == 0)
        {
            throw new ArgumentException("The training graph has no edges.", nameof(graph));
        }

        if (features.Length != graph.NodeCount * featureDimension)
        {
            throw new ArgumentException($"Expected {graph.NodeCount} × {featureDimension} features.", nameof(features));
        }

        var watch = Stopwatch.StartNew();
        var model = SageModel.Create(featureDimension, options.HiddenDimension, options.Dimension, options.Seed);
        var adam = new AdamOptimizer(model.Parameters.Length, options.LearningRate);
        var sampler = new NegativeSampler(graph, options.NegativeDistribution);
        var random = new Random(unchecked(options.Seed * 31) + 7);
        var positives = new List<(int U, int V)>((int)(2 * graph.EdgeCount));
        for (var u = 0; u < graph.NodeCount; u++)
        {
            foreach (var v in graph.Neighbors(u))
            {
                positives.Add((u, v));
            }
        }

        var negatives = new int[positives.Count * options.Negatives];
        var gradient = new double[model.Parameters.Length];
        var losses = new double[options.Epochs];
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < negatives.Length; i++)
            {
                var u = positives[i / options.Negatives].U;
                var n = sampler.Next(random);
                // A node is no negative of itself; redraw (at most a few times, then accept).
                for (var tries = 0; n == u && tries < 8; tries++)
                {
                    n = sampler.Next(random);
                }

                negatives[i] = n;
            }

            Array.Clear(gradient);
            losses[epoch] = LossAndGradient(model, graph, features, positives, negatives, options.Negatives, options.Temperature, gradient);
            adam.Step(model.Parameters, gradient);
            progress?.Invoke(epoch + 1, losses[epoch]);
        }

        return new SageTrainingResult(model, losses, watch.Elapsed.TotalSeconds);
    }

    /// <summary>The link loss for fixed positives and negatives, and its gradient with respect to the parameters.</summary>
    /// <param name="model">The encoder.</param>
    /// <param name="graph">The graph aggregated over.</param>
    /// <param name="features">n × d₀ features.</param>
    /// <param name="positives">Positive pairs (u, v), P of them.</param>
    /// <param name="negatives">P × Q negative node indices; row i holds the negatives of positive i's u.</param>
    /// <param name="negativesPerPositive">Q.</param>
    /// <param name="temperature">τ (logits are z·z/τ).</param>
    /// <param name="gradient">Receives ∂J/∂θ (added to; clear it first).</param>
    /// <returns>J = (1/P) Σ_i [softplus(−s_i⁺) + Σ_q softplus(s_iq⁻)], with softplus(x) = log(1 + eˣ) = −log σ(−x).</returns>
    public static double LossAndGradient(
        SageModel model,
        WeightedGraph graph,
        double[] features,
        IReadOnlyList<(int U, int V)> positives,
        ReadOnlySpan<int> negatives,
        int negativesPerPositive,
        double temperature,
        Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(positives);
        ArgumentOutOfRangeException.ThrowIfLessThan(negativesPerPositive, 1);
        if (positives.Count == 0 || negatives.Length != positives.Count * negativesPerPositive)
        {
            throw new ArgumentException("Need positives and exactly Q negatives per positive.", nameof(negatives));
        }

        var pass = model.Forward(graph, features);
        var o = model.OutputDimension;
        var z = pass.Z;
        var dz = new double[z.Length];
        var inverseTemperature = 1 / temperature;
        var perPair = 1.0 / positives.Count;
        double loss = 0;
        for (var i = 0; i < positives.Count; i++)
        {
            var (u, v) = positives[i];
            var zu = z.AsSpan(u * o, o);
            var du = dz.AsSpan(u * o, o);
            // Positive: J += softplus(−s), ∂J/∂s = −σ(−s); s = z_u·z_v/τ.
            var s = TensorPrimitives.Dot(zu, z.AsSpan(v * o, o)) * inverseTemperature;
            loss += Softplus(-s);
            var g = -Sigmoid(-s) * inverseTemperature * perPair;
            TensorPrimitives.MultiplyAdd(z.AsSpan(v * o, o), g, du, du);
            var dv = dz.AsSpan(v * o, o);
            TensorPrimitives.MultiplyAdd(zu, g, dv, dv);
            for (var q = 0; q < negativesPerPositive; q++)
            {
                var n = negatives[(i * negativesPerPositive) + q];
                // Negative: J += softplus(s), ∂J/∂s = σ(s).
                var zn = z.AsSpan(n * o, o);
                var t = TensorPrimitives.Dot(zu, zn) * inverseTemperature;
                loss += Softplus(t);
                var gn = Sigmoid(t) * inverseTemperature * perPair;
                TensorPrimitives.MultiplyAdd(zn, gn, du, du);
                var dn = dz.AsSpan(n * o, o);
                TensorPrimitives.MultiplyAdd(zu, gn, dn, dn);
            }
        }

        model.Backward(graph, pass, dz, gradient);
        return loss * perPair;
    }

    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    private static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));
}

using System.Numerics.Tensors;
using SoundGraph.Graph.Sparse;

namespace SoundGraph.Graph.Embeddings;

/// <summary>Options of <see cref="FastRp"/>.</summary>
public sealed record FastRpOptions
{
    /// <summary>Embedding dimension d. Default 64.</summary>
    public int Dimension { get; init; } = 64;

    /// <summary>Weight of each propagation step, starting with step 0 (the random projection itself). Default [0, 1, 1, 1]:
    /// the 1-, 2- and 3-hop averages count equally and the node's own random vector not at all.</summary>
    public IReadOnlyList<double> IterationWeights { get; init; } = [0, 1, 1, 1];

    /// <summary>β: the random vectors are scaled by degree^β before propagation (β &lt; 0 damps hubs). Default 0.</summary>
    public double NormalizationStrength { get; init; }

    /// <summary>Sparsity s of the projection: an entry is ±√s with probability 1/(2s) each, else 0. Default 3
    /// (Achlioptas 2003).</summary>
    public double Sparsity { get; init; } = 3;

    /// <summary>Seed of the random projection.</summary>
    public int Seed { get; init; } = 42;
}

/// <summary>FastRP node embeddings: very sparse random projection propagated over the graph (Chen, Sultan, Tian, Chen,
/// Skiena, "Fast and Accurate Network Embeddings via Very Sparse Random Projection", CIKM 2019).</summary>
/// <remarks>
/// With S = D⁻¹W the row-normalized weighted adjacency and R (n×d) the sparse random projection scaled by degree^β,
/// N₀ = R and Nᵢ = S·Nᵢ₋₁; each Nᵢ is row-normalized (L2) and the embedding is Σᵢ wᵢ·Nᵢ. Cost O(k·(n + m)·d) time,
/// O(n·d) memory. Each node's random row comes from a generator seeded by (seed, node index), so the result does not
/// depend on thread scheduling. Isolated nodes keep their (weighted) random row.
/// </remarks>
public static class FastRp
{
    /// <summary>Embeds every node of <paramref name="graph"/>.</summary>
    /// <returns>n rows of <see cref="FastRpOptions.Dimension"/> floats, in node-index order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Dimension &lt; 1, sparsity &lt; 1 or no iteration weight.</exception>
    public static float[][] Embed(WeightedGraph graph, FastRpOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Sparsity, 1);
        ArgumentOutOfRangeException.ThrowIfZero(options.IterationWeights.Count);
        var n = graph.NodeCount;
        var d = options.Dimension;
        var current = new double[n][];
        var result = new double[n][];
        for (var u = 0; u < n; u++)
        {
            current[u] = RandomRow(options, u, Math.Pow(Math.Max(1, graph.Degree(u)), options.NormalizationStrength));
            result[u] = new double[d];
        }

        Accumulate(result, current, options.IterationWeights[0]);
        for (var step = 1; step < options.IterationWeights.Count; step++)
        {
            var next = new double[n][];
            for (var u = 0; u < n; u++)
            {
                var row = new double[d];
                var neighbors = graph.Neighbors(u);
                var weights = graph.Weights(u);
                var total = 0.0;
                for (var k = 0; k < neighbors.Length; k++)
                {
                    total += weights[k];
                }

                if (neighbors.Length == 0 || total <= 0)
                {
                    current[u].CopyTo(row, 0);
                }
                else
                {
                    for (var k = 0; k < neighbors.Length; k++)
                    {
                        TensorPrimitives.MultiplyAdd(current[neighbors[k]], weights[k] / total, row, row);
                    }
                }

                next[u] = row;
            }

            current = next;
            Accumulate(result, current, options.IterationWeights[step]);
        }

        return [.. result.Select(r => r.Select(x => (float)x).ToArray())];
    }

    private static void Accumulate(double[][] result, double[][] step, double weight)
    {
        if (weight == 0)
        {
            return;
        }

        for (var u = 0; u < result.Length; u++)
        {
            var norm = TensorPrimitives.Norm(step[u]);
            if (norm > 0)
            {
                TensorPrimitives.MultiplyAdd(step[u], weight / norm, result[u], result[u]);
            }
        }
    }

    private static double[] RandomRow(FastRpOptions options, int node, double scale)
    {
        var row = new double[options.Dimension];
        var state = unchecked(((ulong)(uint)options.Seed << 32) ^ (ulong)node * 0x9E3779B97F4A7C15UL);
        var p = 1.0 / (2 * options.Sparsity);
        var value = Math.Sqrt(options.Sparsity) * scale;
        for (var j = 0; j < row.Length; j++)
        {
            var r = (SplitMix64(ref state) >> 11) * (1.0 / (1UL << 53));
            row[j] = r < p ? value : r < 2 * p ? -value : 0;
        }

        return row;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

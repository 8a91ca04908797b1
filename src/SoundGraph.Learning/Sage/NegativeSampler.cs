using SoundGraph.Graph.Sparse;

namespace SoundGraph.Learning.Sage;

/// <summary>Draws node indices from a fixed distribution by inverse-CDF look-up (binary search, O(log n) a draw).</summary>
public sealed class NegativeSampler
{
    private readonly double[] _cumulative;

    /// <summary>Creates the sampler over <paramref name="graph"/>'s nodes.</summary>
    /// <param name="graph">The training graph.</param>
    /// <param name="distribution">Degree^0.75 or uniform. If every degree is 0 the degree distribution falls back to uniform.</param>
    public NegativeSampler(WeightedGraph graph, NegativeDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfLessThan(graph.NodeCount, 1);
        _cumulative = new double[graph.NodeCount];
        double total = 0;
        for (var i = 0; i < graph.NodeCount; i++)
        {
            total += distribution == NegativeDistribution.Uniform ? 1 : Math.Pow(graph.Degree(i), 0.75);
            _cumulative[i] = total;
        }

        if (total <= 0)
        {
            for (var i = 0; i < graph.NodeCount; i++)
            {
                _cumulative[i] = i + 1;
            }
        }
    }

    /// <summary>One node index.</summary>
    public int Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var target = random.NextDouble() * _cumulative[^1];
        // First index whose cumulative weight exceeds the target (zero-weight nodes are never chosen).
        int lo = 0, hi = _cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_cumulative[mid] > target)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}

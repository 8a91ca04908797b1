using SoundGraph.Graph.Sparse;

namespace SoundGraph.Learning.Sage;

/// <summary>A training graph and the edges held out of it.</summary>
/// <param name="Train">The graph without the held-out edges (same nodes, same indices).</param>
/// <param name="HeldOut">Held-out edges (u &lt; v).</param>
#pragma warning disable CA1819 // A split result: plain arrays.
public sealed record EdgeSplit(WeightedGraph Train, (int U, int V)[] HeldOut);
#pragma warning restore CA1819

/// <summary>Seeded edge hold-out for link-prediction evaluation.</summary>
public static class EdgeHoldout
{
    /// <summary>Holds out round(<paramref name="fraction"/>·m) edges chosen uniformly at random (Fisher–Yates over the
    /// edges listed by (u, v), u &lt; v, with <c>System.Random(seed)</c>); the rest, with their weights, is the training
    /// graph. Nodes whose every edge is held out stay in the graph as isolated nodes (GraphSAGE still embeds them from
    /// their own features).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> outside [0, 1).</exception>
    public static EdgeSplit Split(WeightedGraph graph, double fraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (!(fraction >= 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The held-out fraction must lie in [0, 1).");
        }

        var edges = new List<(int U, int V, double W)>((int)graph.EdgeCount);
        for (var u = 0; u < graph.NodeCount; u++)
        {
            var neighbors = graph.Neighbors(u);
            var weights = graph.Weights(u);
            for (var j = 0; j < neighbors.Length; j++)
            {
                if (neighbors[j] > u)
                {
                    edges.Add((u, neighbors[j], weights[j]));
                }
            }
        }

        var random = new Random(seed);
        for (var i = edges.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (edges[i], edges[j]) = (edges[j], edges[i]);
        }

        var held = (int)Math.Round(fraction * edges.Count, MidpointRounding.AwayFromZero);
        var heldOut = edges.Take(held).Select(e => (e.U, e.V)).OrderBy(e => e).ToArray();
        var train = WeightedGraph.FromEdges(graph.NodeIds, edges.Skip(held));
        return new EdgeSplit(train, heldOut);
    }
}

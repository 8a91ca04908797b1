using SoundGraph.Graph.Sparse;

namespace SoundGraph.Graph.Paths;

/// <summary>Unweighted shortest paths (fewest hops) on a <see cref="WeightedGraph"/>; edge weights are ignored.</summary>
public static class ShortestPath
{
    /// <summary>A fewest-hops path from <paramref name="source"/> to <paramref name="target"/> by breadth-first search.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="source">Start node index.</param>
    /// <param name="target">End node index.</param>
    /// <param name="maxHops">Stops searching beyond this many hops (≥ 0); default unlimited.</param>
    /// <returns>The node indices from source to target inclusive (just [source] when they are equal), or null when no
    /// path of at most <paramref name="maxHops"/> hops exists.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A node index is outside 0..n−1, or maxHops &lt; 0.</exception>
    /// <remarks>O(n + m) time and O(n) memory. Deterministic: rows are visited in ascending neighbour order, so among
    /// equally short paths the one through the smallest indices at the earliest hops is returned.</remarks>
    public static int[]? Find(WeightedGraph graph, int source, int target, int maxHops = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)source, (uint)n, nameof(source));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)target, (uint)n, nameof(target));
        ArgumentOutOfRangeException.ThrowIfNegative(maxHops);
        if (source == target)
        {
            return [source];
        }

        var parent = new int[n];
        Array.Fill(parent, -1);
        parent[source] = source;
        var frontier = new List<int> { source };
        for (var hops = 1; hops <= maxHops && frontier.Count > 0; hops++)
        {
            var next = new List<int>();
            foreach (var u in frontier)
            {
                foreach (var v in graph.Neighbors(u))
                {
                    if (parent[v] != -1)
                    {
                        continue;
                    }

                    parent[v] = u;
                    if (v == target)
                    {
                        return Unwind(parent, source, target, hops);
                    }

                    next.Add(v);
                }
            }

            frontier = next;
        }

        return null;
    }

    private static int[] Unwind(int[] parent, int source, int target, int hops)
    {
        var path = new int[hops + 1];
        var at = target;
        for (var i = hops; i >= 0; i--)
        {
            path[i] = at;
            at = parent[at];
        }

        return path[0] == source ? path : throw new InvalidOperationException("Broken BFS parent chain.");
    }
}

using SoundGraph.Graph.LinkPrediction;
using SoundGraph.Graph.Sparse;

namespace SoundGraph.Learning.LinkPrediction;

/// <summary>A graph with some edges held out: <see cref="Train"/> keeps the rest, over the same node indices.</summary>
/// <param name="Train">The remaining graph (same <see cref="WeightedGraph.NodeIds"/>, same weights).</param>
/// <param name="HeldOut">The removed edges as (u, v) with u &lt; v, in removal order.</param>
public sealed record LinkHoldout(WeightedGraph Train, IReadOnlyList<(int U, int V)> HeldOut);

/// <summary>Edge hold-out and negative sampling for link prediction, deterministic under a seed.</summary>
public static class LinkSplit
{
    /// <summary>Holds out ⌊fraction · m⌉ edges chosen uniformly (seeded Fisher–Yates over the edge list), skipping an edge
    /// whenever removing it would leave an endpoint with no edge, so no node becomes isolated in the training graph.</summary>
    /// <param name="graph">The full graph.</param>
    /// <param name="fraction">Share of edges to hold out, in (0, 1).</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <returns>The training graph and the held-out edges; fewer than asked when the degree rule leaves too few removable
    /// edges (a graph of disjoint pairs has none).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> outside (0, 1).</exception>
    /// <remarks>The rule keeps every node reachable from its training neighbours; it does not guarantee that a
    /// connected component stays connected (that would need a spanning-tree check per removal), which is the usual
    /// compromise (e.g. Grover and Leskovec's node2vec evaluation keeps a spanning tree; we keep degrees ≥ 1).</remarks>
    public static LinkHoldout HoldOut(WeightedGraph graph, double fraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The hold-out fraction must be between 0 and 1 (exclusive).");
        }

        var edges = Edges(graph);
        var random = new Random(seed);
        for (var i = edges.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (edges[i], edges[j]) = (edges[j], edges[i]);
        }

        var target = (int)Math.Round(fraction * edges.Count, MidpointRounding.AwayFromZero);
        var degree = new int[graph.NodeCount];
        for (var u = 0; u < graph.NodeCount; u++)
        {
            degree[u] = graph.Degree(u);
        }

        var heldOut = new List<(int U, int V)>(target);
        var removed = new HashSet<(int, int)>();
        foreach (var (u, v, _) in edges)
        {
            if (heldOut.Count >= target)
            {
                break;
            }

            if (degree[u] >= 2 && degree[v] >= 2)
            {
                degree[u]--;
                degree[v]--;
                heldOut.Add((u, v));
                removed.Add((u, v));
            }
        }

        var kept = edges.Where(e => !removed.Contains((e.U, e.V)));
        return new LinkHoldout(WeightedGraph.FromEdges(graph.NodeIds, kept), heldOut);
    }

    /// <summary>Samples <paramref name="perPositive"/> negatives per positive by corrupting one endpoint of it
    /// (alternately u and v): the first ⌈k/2⌉ among that endpoint's 2-hop candidates in <paramref name="train"/> ("hard"
    /// negatives that share a neighbour), the rest uniformly among all nodes ("easy" negatives). A 2-hop pool that runs
    /// dry is filled up with uniform ones.</summary>
    /// <param name="full">The full graph: a pair adjacent here is never a negative (held-out edges included).</param>
    /// <param name="train">The graph whose 2-hop neighbourhoods give the hard negatives.</param>
    /// <param name="positives">Positive pairs.</param>
    /// <param name="perPositive">Negatives per positive, ≥ 1.</param>
    /// <param name="seed">Seed of the sampler.</param>
    /// <returns>Distinct negative pairs (u &lt; v), at most |positives| · k; fewer only when a node has no non-neighbour
    /// left after 100 draws.</returns>
    /// <remarks>Anchoring negatives at a positive's endpoint gives negatives the positives' degree distribution, so
    /// preferential attachment alone cannot separate them by degree; the 2-hop half makes the task the one the predictor
    /// faces at inference, where every candidate is 2 hops away.</remarks>
    public static IReadOnlyList<(int U, int V)> SampleNegatives(WeightedGraph full, WeightedGraph train, IReadOnlyList<(int U, int V)> positives, int perPositive, int seed)
    {
        ArgumentNullException.ThrowIfNull(full);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(positives);
        ArgumentOutOfRangeException.ThrowIfLessThan(perPositive, 1);
        var n = full.NodeCount;
        var random = new Random(seed);
        var seen = new HashSet<(int, int)>();
        var result = new List<(int U, int V)>(positives.Count * perPositive);
        var twoHop = new Dictionary<int, int[]>();
        var hard = (perPositive + 1) / 2;
        for (var i = 0; i < positives.Count; i++)
        {
            var anchor = i % 2 == 0 ? positives[i].U : positives[i].V;
            if (!twoHop.TryGetValue(anchor, out var pool))
            {
                pool = LinkHeuristics.TwoHopCandidates(train, anchor);
                twoHop[anchor] = pool;
            }

            var taken = 0;
            for (var attempt = 0; taken < hard && attempt < 4 * hard && pool.Length > 0; attempt++)
            {
                if (TryAdd(pool[random.Next(pool.Length)]))
                {
                    taken++;
                }
            }

            for (var attempt = 0; taken < perPositive && attempt < 100; attempt++)
            {
                if (TryAdd(random.Next(n)))
                {
                    taken++;
                }
            }

            bool TryAdd(int other)
            {
                if (other == anchor || full.HasEdge(anchor, other))
                {
                    return false;
                }

                var pair = anchor < other ? (anchor, other) : (other, anchor);
                if (!seen.Add(pair))
                {
                    return false;
                }

                result.Add(pair);
                return true;
            }
        }

        return result;
    }

    /// <summary>Every undirected edge (u &lt; v) with its weight, by ascending u then v.</summary>
    public static List<(int U, int V, double Weight)> Edges(WeightedGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var edges = new List<(int U, int V, double Weight)>((int)graph.EdgeCount);
        for (var u = 0; u < graph.NodeCount; u++)
        {
            var neighbors = graph.Neighbors(u);
            var weights = graph.Weights(u);
            for (var k = 0; k < neighbors.Length; k++)
            {
                if (neighbors[k] > u)
                {
                    edges.Add((u, neighbors[k], weights[k]));
                }
            }
        }

        return edges;
    }
}

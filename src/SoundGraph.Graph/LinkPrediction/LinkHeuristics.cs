using SoundGraph.Graph.Sparse;

namespace SoundGraph.Graph.LinkPrediction;

/// <summary>Neighbourhood scores for a candidate link (u, v) on the graph's structure (weights ignored), as surveyed by
/// Liben-Nowell and Kleinberg, "The link-prediction problem for social networks" (2007).</summary>
/// <remarks>Neighbour rows are sorted, so every score is one merge of the two rows: O(deg u + deg v).</remarks>
public static class LinkHeuristics
{
    /// <summary>Common neighbours |Γ(u) ∩ Γ(v)|.</summary>
    public static int CommonNeighbors(WeightedGraph g, int u, int v)
    {
        ArgumentNullException.ThrowIfNull(g);
        var count = 0;
        Merge(g, u, v, _ => count++);
        return count;
    }

    /// <summary>The common neighbours Γ(u) ∩ Γ(v) themselves, ascending (the evidence behind <see cref="CommonNeighbors"/>).</summary>
    public static int[] CommonNeighborList(WeightedGraph g, int u, int v)
    {
        ArgumentNullException.ThrowIfNull(g);
        var common = new List<int>();
        Merge(g, u, v, common.Add);
        return [.. common];
    }

    /// <summary>Adamic–Adar Σ over z ∈ Γ(u) ∩ Γ(v) of 1 / ln |Γ(z)| (Adamic and Adar, "Friends and neighbors on the Web",
    /// 2003). A common neighbour has degree ≥ 2, so the logarithm is positive.</summary>
    public static double AdamicAdar(WeightedGraph g, int u, int v)
    {
        ArgumentNullException.ThrowIfNull(g);
        var sum = 0.0;
        Merge(g, u, v, z => sum += 1.0 / Math.Log(g.Degree(z)));
        return sum;
    }

    /// <summary>Preferential attachment |Γ(u)| · |Γ(v)| (Barabási and Albert 1999; Newman 2001).</summary>
    public static long PreferentialAttachment(WeightedGraph g, int u, int v)
    {
        ArgumentNullException.ThrowIfNull(g);
        return (long)g.Degree(u) * g.Degree(v);
    }

    /// <summary>Jaccard |Γ(u) ∩ Γ(v)| / |Γ(u) ∪ Γ(v)|; 0 when both are isolated.</summary>
    public static double Jaccard(WeightedGraph g, int u, int v)
    {
        ArgumentNullException.ThrowIfNull(g);
        var common = CommonNeighbors(g, u, v);
        var union = g.Degree(u) + g.Degree(v) - common;
        return union == 0 ? 0 : (double)common / union;
    }

    /// <summary>Nodes at distance exactly 2 from <paramref name="u"/> (neighbours of neighbours that are neither u nor
    /// adjacent to it), ascending: the candidate set for new links of u.</summary>
    public static int[] TwoHopCandidates(WeightedGraph g, int u)
    {
        ArgumentNullException.ThrowIfNull(g);
        var result = new SortedSet<int>();
        foreach (var z in g.Neighbors(u))
        {
            foreach (var w in g.Neighbors(z))
            {
                if (w != u && !g.HasEdge(u, w))
                {
                    result.Add(w);
                }
            }
        }

        return [.. result];
    }

    private static void Merge(WeightedGraph g, int u, int v, Action<int> onCommon)
    {
        var a = g.Neighbors(u);
        var b = g.Neighbors(v);
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                onCommon(a[i]);
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
    }
}

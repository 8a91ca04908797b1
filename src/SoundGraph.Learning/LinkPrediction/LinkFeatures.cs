using SoundGraph.Graph.LinkPrediction;
using SoundGraph.Graph.Sparse;

namespace SoundGraph.Learning.LinkPrediction;

/// <summary>The feature vector of a candidate link (u, v), computed on one graph and its node embeddings.</summary>
/// <remarks>Features, in <see cref="Names"/> order: common neighbours, Adamic–Adar, ln(1 + preferential attachment),
/// Jaccard (all from <see cref="LinkHeuristics"/>, on the structure only), and the cosine of the two nodes' embeddings
/// (0 when either vector is zero). PA is log-scaled because it is a product of degrees that spans orders of magnitude
/// and would otherwise dominate a linear model through a few hubs. Compute the features on the graph the model may know:
/// the training graph when evaluating (never the held-out edges).</remarks>
public static class LinkFeatures
{
    /// <summary>Feature names, in vector order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["common_neighbors", "adamic_adar", "log_pref_attachment", "jaccard", "embedding_cosine"];

    /// <summary>Index of common neighbours in the vector.</summary>
    public const int CommonNeighbors = 0;

    /// <summary>Index of Adamic–Adar.</summary>
    public const int AdamicAdar = 1;

    /// <summary>Index of ln(1 + PA).</summary>
    public const int LogPreferentialAttachment = 2;

    /// <summary>Index of Jaccard.</summary>
    public const int Jaccard = 3;

    /// <summary>Index of the embedding cosine.</summary>
    public const int EmbeddingCosine = 4;

    /// <summary>The five features of (u, v).</summary>
    /// <param name="graph">The graph the features may see.</param>
    /// <param name="embeddings">One row per node of <paramref name="graph"/> (e.g. FastRP on the same graph).</param>
    /// <param name="u">Node index.</param>
    /// <param name="v">Node index.</param>
    public static double[] Compute(WeightedGraph graph, IReadOnlyList<float[]> embeddings, int u, int v)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(embeddings);
        return
        [
            LinkHeuristics.CommonNeighbors(graph, u, v),
            LinkHeuristics.AdamicAdar(graph, u, v),
            Math.Log(1 + LinkHeuristics.PreferentialAttachment(graph, u, v)),
            LinkHeuristics.Jaccard(graph, u, v),
            Cosine(embeddings[u], embeddings[v]),
        ];
    }

    /// <summary>Cosine of two vectors; 0 when either is zero or they differ in length.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            return 0;
        }

        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return na > 0 && nb > 0 ? dot / Math.Sqrt(na * nb) : 0;
    }
}

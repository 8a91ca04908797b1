namespace SoundGraph.Learning.Evaluation;

/// <summary>Top-N ranking metrics for one query: a ranked list (best first, known/seed items already removed) against
/// the set of hidden relevant items. Binary relevance throughout. Every metric is 0 when nothing is relevant.</summary>
public static class RankingMetrics
{
    /// <summary>Recall@K = |relevant ∩ top K| / |relevant| (Herlocker et al., "Evaluating collaborative filtering
    /// recommender systems", TOIS 2004). The denominator is |relevant|, not min(|relevant|, K), so a user with more than K
    /// hidden items cannot reach 1.</summary>
    public static double Recall(ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        ArgumentNullException.ThrowIfNull(relevant);
        return relevant.Count == 0 ? 0 : (double)Hits(ranked, relevant, k) / relevant.Count;
    }

    /// <summary>Precision@K = |relevant ∩ top K| / K (a list shorter than K still divides by K).</summary>
    public static double Precision(ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        ArgumentNullException.ThrowIfNull(relevant);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return relevant.Count == 0 ? 0 : (double)Hits(ranked, relevant, k) / k;
    }

    /// <summary>NDCG@K = DCG@K / IDCG@K with DCG@K = Σ_{r=1..K} rel_r / log2(r + 1) (binary rel_r) and IDCG@K the DCG
    /// of a perfect list, Σ_{r=1..min(|relevant|, K)} 1 / log2(r + 1) (Järvelin and Kekäläinen, "Cumulated gain-based
    /// evaluation of IR techniques", TOIS 2002; the log2 discount as in the RecSys Challenge 2018 rules).</summary>
    public static double Ndcg(ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        ArgumentNullException.ThrowIfNull(relevant);
        if (relevant.Count == 0)
        {
            return 0;
        }

        var dcg = 0.0;
        for (var r = 0; r < Math.Min(k, ranked.Length); r++)
        {
            if (relevant.Contains(ranked[r]))
            {
                dcg += 1 / Math.Log2(r + 2);
            }
        }

        var ideal = 0.0;
        for (var r = 0; r < Math.Min(k, relevant.Count); r++)
        {
            ideal += 1 / Math.Log2(r + 2);
        }

        return dcg / ideal;
    }

    /// <summary>R-precision = |G ∩ R_{1:|G|}| / |G|: the share of the hidden tracks G found among the first |G|
    /// recommendations (RecSys Challenge 2018 rules, https://recsys-challenge.spotify.com/rules, track level; the
    /// challenge's 0.25 artist-match credit is not applied).</summary>
    public static double RPrecision(ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant)
    {
        ArgumentNullException.ThrowIfNull(relevant);
        return relevant.Count == 0 ? 0 : (double)Hits(ranked, relevant, relevant.Count) / relevant.Count;
    }

    /// <summary>Catalogue coverage = |⋃ lists| / catalogue size: the share of items recommended to at least one query
    /// (Ge, Delgado-Battenfeld and Jannach, "Beyond accuracy", RecSys 2010).</summary>
    public static double Coverage(IEnumerable<int[]> lists, int catalogueSize)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentOutOfRangeException.ThrowIfLessThan(catalogueSize, 1);
        return (double)lists.SelectMany(l => l).Distinct().Count() / catalogueSize;
    }

    private static int Hits(ReadOnlySpan<int> ranked, IReadOnlySet<int> relevant, int k)
    {
        var hits = 0;
        for (var r = 0; r < Math.Min(k, ranked.Length); r++)
        {
            if (relevant.Contains(ranked[r]))
            {
                hits++;
            }
        }

        return hits;
    }
}

namespace SoundGraph.Learning.Sage;

/// <summary>Link-prediction metrics.</summary>
public static class LinkMetrics
{
    /// <summary>Area under the ROC curve: the probability that a random positive scores above a random negative, ties
    /// counting one half (the Mann–Whitney U statistic divided by |P|·|N|; Hanley and McNeil 1982).</summary>
    /// <returns>AUC in [0, 1].</returns>
    /// <exception cref="ArgumentException">Either list is empty.</exception>
    /// <remarks>O((|P| + |N|) log(|P| + |N|)) by sorting.</remarks>
    public static double Auc(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        ArgumentNullException.ThrowIfNull(positives);
        ArgumentNullException.ThrowIfNull(negatives);
        if (positives.Count == 0 || negatives.Count == 0)
        {
            throw new ArgumentException("AUC needs at least one positive and one negative.");
        }

        var all = positives.Select(s => (Score: s, Positive: true)).Concat(negatives.Select(s => (Score: s, Positive: false)))
            .OrderBy(x => x.Score).ToArray();
        // Sum of (mid-)ranks of the positives, ties sharing their average rank.
        double rankSum = 0;
        for (var i = 0; i < all.Length;)
        {
            var j = i;
            while (j < all.Length && all[j].Score == all[i].Score)
            {
                j++;
            }

            var midRank = ((i + 1) + j) / 2.0;
            for (var t = i; t < j; t++)
            {
                if (all[t].Positive)
                {
                    rankSum += midRank;
                }
            }

            i = j;
        }

        double p = positives.Count, n = negatives.Count;
        return (rankSum - (p * (p + 1) / 2)) / (p * n);
    }

    /// <summary>Rank of a positive among its negatives: 1 + the number of negatives scoring at least as high (ties count
    /// against the positive, as OGB's Hits@K, which asks the positive to score strictly above the K-th best negative).</summary>
    public static int Rank(double positive, ReadOnlySpan<double> negatives)
    {
        var rank = 1;
        foreach (var s in negatives)
        {
            if (s >= positive)
            {
                rank++;
            }
        }

        return rank;
    }

    /// <summary>Hits@K: the share of ranks ≤ <paramref name="k"/> (Hu et al. 2020, Open Graph Benchmark).</summary>
    /// <exception cref="ArgumentException">No ranks.</exception>
    public static double HitsAt(IReadOnlyList<int> ranks, int k)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (ranks.Count == 0)
        {
            throw new ArgumentException("Hits@K needs at least one rank.", nameof(ranks));
        }

        return ranks.Count(r => r <= k) / (double)ranks.Count;
    }
}

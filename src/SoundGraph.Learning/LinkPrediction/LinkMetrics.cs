namespace SoundGraph.Learning.LinkPrediction;

/// <summary>One point of a precision–recall curve: predicting "link" for every pair scoring ≥ <see cref="Threshold"/>.</summary>
/// <param name="Threshold">Score threshold (inclusive).</param>
/// <param name="Precision">TP / (TP + FP).</param>
/// <param name="Recall">TP / positives.</param>
/// <param name="TruePositives">Positives scoring ≥ threshold.</param>
/// <param name="FalsePositives">Negatives scoring ≥ threshold.</param>
public sealed record PrPoint(double Threshold, double Precision, double Recall, int TruePositives, int FalsePositives);

/// <summary>Ranking metrics for link prediction on scored positive and negative pairs.</summary>
public static class LinkMetrics
{
    /// <summary>Area under the ROC curve: the probability that a random positive outscores a random negative, ties
    /// counting one half (the Mann–Whitney U statistic divided by |P|·|N|; Hanley and McNeil 1982).</summary>
    /// <returns>AUC in [0, 1].</returns>
    /// <exception cref="ArgumentException">Either list is empty.</exception>
    /// <remarks>O((|P| + |N|) log(|P| + |N|)) by sorting.</remarks>
    public static double Auc(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        NotEmpty(positives, negatives);
        var sorted = negatives.ToArray();
        Array.Sort(sorted);
        var wins = 0.0;
        foreach (var p in positives)
        {
            var below = LowerBound(sorted, p);
            var notAbove = UpperBound(sorted, p);
            wins += below + 0.5 * (notAbove - below);
        }

        return wins / ((double)positives.Count * negatives.Count);
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

    /// <summary>Hits@K as in OGB's ogbl-collab evaluator: the share of positives scoring strictly above the K-th highest
    /// negative score; 1 when there are fewer than K negatives (Hu et al., "Open Graph Benchmark", 2020).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">Either list is empty.</exception>
    public static double HitsAtK(IReadOnlyList<double> positives, IReadOnlyList<double> negatives, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        NotEmpty(positives, negatives);
        if (negatives.Count < k)
        {
            return 1;
        }

        var kth = negatives.OrderByDescending(s => s).ElementAt(k - 1);
        return (double)positives.Count(p => p > kth) / positives.Count;
    }

    /// <summary>The precision–recall curve, one point per distinct score (descending thresholds), so the last point has
    /// recall 1.</summary>
    /// <exception cref="ArgumentException">Either list is empty.</exception>
    public static IReadOnlyList<PrPoint> PrecisionRecallCurve(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        NotEmpty(positives, negatives);
        var scored = positives.Select(s => (Score: s, Positive: true)).Concat(negatives.Select(s => (Score: s, Positive: false)))
            .OrderByDescending(p => p.Score).ToArray();
        var curve = new List<PrPoint>();
        int tp = 0, fp = 0;
        for (var i = 0; i < scored.Length; i++)
        {
            if (scored[i].Positive)
            {
                tp++;
            }
            else
            {
                fp++;
            }

            if (i + 1 < scored.Length && scored[i + 1].Score == scored[i].Score)
            {
                continue; // a threshold keeps every pair of its score
            }

            curve.Add(new PrPoint(scored[i].Score, (double)tp / (tp + fp), (double)tp / positives.Count, tp, fp));
        }

        return curve;
    }

    /// <summary>The highest threshold that still keeps every positive (recall 1): the lowest positive score, with its
    /// precision.</summary>
    public static PrPoint FullRecall(IReadOnlyList<PrPoint> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return curve.First(p => p.TruePositives == curve[^1].TruePositives);
    }

    /// <summary>The point with the highest recall whose precision is at least <paramref name="minPrecision"/> (the lowest
    /// such point; at equal recall the most precise), or null when no threshold reaches it.</summary>
    public static PrPoint? AtPrecision(IReadOnlyList<PrPoint> curve, double minPrecision)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return curve.Where(p => p.Precision >= minPrecision).OrderByDescending(p => p.Recall).ThenByDescending(p => p.Precision).FirstOrDefault();
    }

    private static void NotEmpty(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        ArgumentNullException.ThrowIfNull(positives);
        ArgumentNullException.ThrowIfNull(negatives);
        if (positives.Count == 0 || negatives.Count == 0)
        {
            throw new ArgumentException("Both positives and negatives are needed.");
        }
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}

using SoundGraph.Learning.LinkPrediction;

namespace SoundGraph.Learning.Sage;

/// <summary>Scores of one model on one <see cref="LinkTask"/>.</summary>
/// <param name="Auc">ROC AUC of the positives against the equal number of sampled non-edges.</param>
/// <param name="HitsAt10">Share of positives ranked in the top 10 against their own sampled negatives.</param>
/// <param name="HitsAt50">Same, top 50.</param>
public sealed record LinkScores(double Auc, double HitsAt10, double HitsAt50);

/// <summary>A fixed link-prediction test: positive pairs, as many sampled non-edges (for AUC), and per positive
/// (u, v) a list of sampled non-neighbours w of u (for the rank of v among them, Hits@K). Every model is scored on the
/// same task, so differences are the models'.</summary>
/// <param name="Positives">Positive pairs.</param>
/// <param name="Negatives">Non-edge pairs, one per positive: (u, w) with the positive's u and a uniform w.</param>
/// <param name="RankNegatives">Per positive, <paramref name="RankNegativesPerPositive"/> non-neighbours of u.</param>
/// <param name="RankNegativesPerPositive">Negatives per positive for the rank (100 by default).</param>
#pragma warning disable CA1819 // A fixed test set: plain arrays.
public sealed record LinkTask((int U, int V)[] Positives, (int U, int V)[] Negatives, int[] RankNegatives, int RankNegativesPerPositive)
#pragma warning restore CA1819
{
    /// <summary>Samples the negatives for <paramref name="positives"/>.</summary>
    /// <param name="nodeCount">Nodes 0..n−1 to draw from (n ≥ 2).</param>
    /// <param name="positives">Positive pairs to score.</param>
    /// <param name="isLink">True when a pair is a known link of the task's relation (never drawn as a negative).</param>
    /// <param name="seed">Seed of <c>System.Random</c>.</param>
    /// <param name="rankNegatives">Negatives per positive for Hits@K (default 100, as in the brief's OGB-style rank).</param>
    /// <exception cref="ArgumentException">Fewer than 2 nodes or no positives.</exception>
    /// <remarks>A negative w is drawn uniformly from the nodes other than u that are not linked to u; after 100 failed
    /// draws the last one is kept (only in near-complete graphs).</remarks>
    public static LinkTask Sample(int nodeCount, IReadOnlyList<(int U, int V)> positives, Func<int, int, bool> isLink, int seed, int rankNegatives = 100)
    {
        ArgumentNullException.ThrowIfNull(positives);
        ArgumentNullException.ThrowIfNull(isLink);
        ArgumentOutOfRangeException.ThrowIfLessThan(rankNegatives, 1);
        if (nodeCount < 2 || positives.Count == 0)
        {
            throw new ArgumentException("A link task needs at least 2 nodes and 1 positive.", nameof(positives));
        }

        var random = new Random(seed);
        var negatives = new (int, int)[positives.Count];
        var ranks = new int[positives.Count * rankNegatives];
        for (var i = 0; i < positives.Count; i++)
        {
            var u = positives[i].U;
            negatives[i] = (u, Draw(u));
            for (var q = 0; q < rankNegatives; q++)
            {
                ranks[(i * rankNegatives) + q] = Draw(u);
            }
        }

        return new LinkTask(positives.ToArray(), negatives, ranks, rankNegatives);

        int Draw(int u)
        {
            var w = u;
            for (var tries = 0; tries < 100; tries++)
            {
                w = random.Next(nodeCount - 1);
                if (w >= u)
                {
                    w++;
                }

                if (!isLink(u, w))
                {
                    break;
                }
            }

            return w;
        }
    }

    /// <summary>Scores a model given as a pair score (higher = more likely linked).</summary>
    public LinkScores Evaluate(Func<int, int, double> score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var positiveScores = Positives.Select(p => score(p.U, p.V)).ToArray();
        var negativeScores = Negatives.Select(p => score(p.U, p.V)).ToArray();
        var ranks = new int[Positives.Length];
        var buffer = new double[RankNegativesPerPositive];
        for (var i = 0; i < Positives.Length; i++)
        {
            for (var q = 0; q < RankNegativesPerPositive; q++)
            {
                buffer[q] = score(Positives[i].U, RankNegatives[(i * RankNegativesPerPositive) + q]);
            }

            ranks[i] = LinkMetrics.Rank(positiveScores[i], buffer);
        }

        return new LinkScores(LinkMetrics.Auc(positiveScores, negativeScores), LinkMetrics.HitsAt(ranks, 10), LinkMetrics.HitsAt(ranks, 50));
    }
}

using SoundGraph.Learning.LinkPrediction;

namespace SoundGraph.Learning.Tests.Sage;

public class LinkMetricsTests
{
    [Fact]
    public void Auc_HandCountedPairs_IsShareOfOrderedPairsWithHalfTies()
    {
        // Pairs (p, n): 0.9 beats all 3; 0.5 beats 0.1, ties 0.5, loses to 0.7 → (3 + 1.5) / 6 = 0.75.
        Assert.Equal(0.75, LinkMetrics.Auc([0.9, 0.5], [0.1, 0.5, 0.7]), 12);
    }

    [Fact]
    public void Auc_PerfectAndReversed_OneAndZero()
    {
        Assert.Equal(1.0, LinkMetrics.Auc([2, 3], [0, 1]));
        Assert.Equal(0.0, LinkMetrics.Auc([0, 1], [2, 3]));
    }

    [Fact]
    public void Rank_TiesCountAgainstThePositive()
    {
        Assert.Equal(1, LinkMetrics.Rank(0.8, [0.1, 0.5]));
        Assert.Equal(3, LinkMetrics.Rank(0.5, [0.9, 0.5, 0.1]));
    }

    [Fact]
    public void HitsAt_RanksOneTwelveFiftyOne_ShareAtOrBelowK()
    {
        int[] ranks = [1, 12, 51, 10];
        Assert.Equal(0.5, LinkMetrics.HitsAt(ranks, 10));
        Assert.Equal(0.75, LinkMetrics.HitsAt(ranks, 50));
    }

    [Fact]
    public void Auc_NoNegatives_Throws() => Assert.Throws<ArgumentException>(() => LinkMetrics.Auc([1.0], []));
}

using SoundGraph.Learning.Evaluation;

namespace SoundGraph.Learning.Tests.Evaluation;

public sealed class RankingMetricsTests
{
    // Ranked list 5, 1, 7, 2, 9 against relevant {1, 2, 3}: hits at ranks 2 and 4.
    private static readonly int[] Ranked = [5, 1, 7, 2, 9];
    private static readonly HashSet<int> Relevant = [1, 2, 3];

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 1.0 / 3)]
    [InlineData(5, 2.0 / 3)]
    [InlineData(10, 2.0 / 3)]
    public void Recall_HitsAtRanks2And4_IsHitsOverRelevant(int k, double expected) =>
        Assert.Equal(expected, RankingMetrics.Recall(Ranked, Relevant, k), 12);

    [Theory]
    [InlineData(2, 0.5)]
    [InlineData(4, 0.5)]
    [InlineData(5, 0.4)]
    [InlineData(10, 0.2)]
    public void Precision_HitsAtRanks2And4_IsHitsOverK(int k, double expected) =>
        Assert.Equal(expected, RankingMetrics.Precision(Ranked, Relevant, k), 12);

    [Fact]
    public void Ndcg_HitsAtRanks2And4_MatchesHandComputedValue()
    {
        // DCG@5 = 1/log2(3) + 1/log2(5) = 0.630930 + 0.430677 = 1.061606; IDCG@5 over min(3, 5) = 3 items:
        // 1 + 1/log2(3) + 1/log2(4) = 1 + 0.630930 + 0.5 = 2.130930 → 0.498189.
        Assert.Equal(0.498189, RankingMetrics.Ndcg(Ranked, Relevant, 5), 6);
    }

    [Fact]
    public void Ndcg_KSmallerThanRelevant_IdealUsesOnlyKItems()
    {
        // K = 2: DCG = 1/log2(3) = 0.630930; IDCG over min(3, 2) = 2 items = 1.630930 → 0.386853.
        Assert.Equal(0.386853, RankingMetrics.Ndcg(Ranked, Relevant, 2), 6);
    }

    [Fact]
    public void Ndcg_PerfectRanking_IsOne() => Assert.Equal(1.0, RankingMetrics.Ndcg([2, 3, 1, 8], Relevant, 10), 12);

    [Fact]
    public void RPrecision_ThreeRelevant_CountsHitsInFirstThree()
    {
        // First |G| = 3 items: 5, 1, 7 → one hit → 1/3 (the hit at rank 4 does not count).
        Assert.Equal(1.0 / 3, RankingMetrics.RPrecision(Ranked, Relevant), 12);
    }

    [Fact]
    public void Metrics_NoRelevantItems_AreZero()
    {
        var none = new HashSet<int>();
        Assert.Equal(0, RankingMetrics.Recall(Ranked, none, 5));
        Assert.Equal(0, RankingMetrics.Ndcg(Ranked, none, 5));
        Assert.Equal(0, RankingMetrics.RPrecision(Ranked, none));
    }

    [Fact]
    public void Coverage_TwoListsOverTenItems_IsDistinctShare() =>
        Assert.Equal(0.4, RankingMetrics.Coverage([[1, 2, 3], [3, 4]], 10), 12);
}

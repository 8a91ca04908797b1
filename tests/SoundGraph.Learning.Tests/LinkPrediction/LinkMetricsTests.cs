using SoundGraph.Learning.LinkPrediction;

namespace SoundGraph.Learning.Tests.LinkPrediction;

public sealed class LinkMetricsTests
{
    private static readonly double[] Positives = [0.9, 0.4];
    private static readonly double[] Negatives = [0.5, 0.4, 0.1];

    [Fact]
    public void Auc_WithATie_CountsItHalf()
    {
        // 0.9 beats 3 negatives; 0.4 beats 0.1, ties 0.4 (½), loses to 0.5: (3 + 1.5) / 6 = 0.75.
        Assert.Equal(0.75, LinkMetrics.Auc(Positives, Negatives), 12);
    }

    [Fact]
    public void Auc_PerfectAndReversedRankings_AreOneAndZero()
    {
        Assert.Equal(1, LinkMetrics.Auc([3.0, 4.0], [1.0, 2.0]));
        Assert.Equal(0, LinkMetrics.Auc([1.0, 2.0], [3.0, 4.0]));
    }

    [Theory]
    [InlineData(1, 1.0 / 3)] // above the best negative 0.8: only 0.9
    [InlineData(2, 2.0 / 3)] // above the 2nd best negative 0.5: 0.9 and 0.6
    [InlineData(3, 1.0)] // above 0.2: all three
    [InlineData(4, 1.0)] // fewer negatives than K: 1 by OGB's convention
    public void HitsAtK_ThreePositives_CountsThoseAboveTheKthNegative(int k, double expected)
    {
        Assert.Equal(expected, LinkMetrics.HitsAtK([0.9, 0.6, 0.3], [0.8, 0.5, 0.2], k), 12);
    }

    [Fact]
    public void HitsAtK_PositiveEqualToKthNegative_DoesNotCount()
    {
        Assert.Equal(0, LinkMetrics.HitsAtK([0.5], [0.5, 0.1], 1));
    }

    [Fact]
    public void PrecisionRecallCurve_TiedScores_OnePointPerDistinctThreshold()
    {
        // Sorted: 0.9 P, 0.5 N, {0.4 P, 0.4 N}, 0.1 N.
        var curve = LinkMetrics.PrecisionRecallCurve(Positives, Negatives);
        Assert.Equal(
            [new PrPoint(0.9, 1, 0.5, 1, 0), new PrPoint(0.5, 0.5, 0.5, 1, 1), new PrPoint(0.4, 0.5, 1, 2, 2), new PrPoint(0.1, 0.4, 1, 2, 3)],
            curve);
    }

    [Fact]
    public void FullRecall_Curve_IsTheLowestPositiveScoreWithItsPrecision()
    {
        var point = LinkMetrics.FullRecall(LinkMetrics.PrecisionRecallCurve(Positives, Negatives));
        Assert.Equal(0.4, point.Threshold);
        Assert.Equal(0.5, point.Precision);
    }

    [Theory]
    [InlineData(0.8, 0.9, 0.5)]
    [InlineData(0.5, 0.4, 1.0)] // 0.4 keeps recall 1 at precision exactly 0.5
    [InlineData(0.3, 0.4, 1.0)] // 0.1 also reaches recall 1 (precision 0.4); at equal recall the more precise point wins
    public void AtPrecision_Target_IsTheHighestRecallPointReachingIt(double target, double threshold, double recall)
    {
        var point = LinkMetrics.AtPrecision(LinkMetrics.PrecisionRecallCurve(Positives, Negatives), target);
        Assert.NotNull(point);
        Assert.Equal(threshold, point.Threshold);
        Assert.Equal(recall, point.Recall);
    }

    [Fact]
    public void AtPrecision_Unreachable_IsNull()
    {
        Assert.Null(LinkMetrics.AtPrecision(LinkMetrics.PrecisionRecallCurve([0.1], [0.9]), 0.8));
    }
}

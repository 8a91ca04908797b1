using SoundGraph.Taste.Axes;

namespace SoundGraph.Taste.Tests.Axes;

public sealed class RankCorrelationTests
{
    [Fact]
    public void AverageRanks_Ties_ShareTheirMeanRank()
    {
        Assert.Equal([3.5, 1, 3.5, 2], RankCorrelation.AverageRanks([3, 1, 3, 2]));
    }

    [Fact]
    public void Spearman_TieInX_PearsonOfAverageRanks()
    {
        // Ranks x: 1, 2.5, 2.5, 4; y: 1, 2, 3, 4. Centred: (−1.5, 0, 0, 1.5) and (−1.5, −0.5, 0.5, 1.5);
        // ρ = 4.5 / √(4.5 · 5) = 0.9486832980505138 (the no-ties formula 1 − 6Σd²/(n(n²−1)) would say 0.95).
        var rho = RankCorrelation.Spearman([1, 2, 2, 3], [10, 20, 30, 40]);

        Assert.Equal(4.5 / Math.Sqrt(4.5 * 5), rho, 12);
    }

    [Fact]
    public void Spearman_MonotoneButNonLinear_One()
    {
        Assert.Equal(1, RankCorrelation.Spearman([1, 2, 3, 4, 5], [1, 8, 27, 64, 1000]), 12);
        Assert.Equal(-1, RankCorrelation.Spearman([1, 2, 3], [3, 2, 1]), 12);
    }

    [Fact]
    public void Spearman_ConstantSideOrOnePair_NaN()
    {
        Assert.True(double.IsNaN(RankCorrelation.Spearman([1, 2, 3], [5, 5, 5])));
        Assert.True(double.IsNaN(RankCorrelation.Spearman([1], [2])));
    }

    [Fact]
    public void Spearman_LengthsDiffer_Throws()
    {
        Assert.Throws<ArgumentException>(() => RankCorrelation.Spearman([1, 2], [1]));
    }

    [Fact]
    public void Quantile_TypeSeven_InterpolatesBetweenOrderStatistics()
    {
        // h = (4 − 1) · 0.25 = 0.75: 1 + 0.75 · (2 − 1).
        Assert.Equal(1.75, RankCorrelation.Quantile([1, 2, 3, 4], 0.25), 12);
        Assert.Equal(4, RankCorrelation.Quantile([1, 2, 3, 4], 1), 12);
    }

    [Fact]
    public void SpearmanWithInterval_NoisyMonotone_SeededIntervalAroundRho()
    {
        var random = new SplitMix64(3);
        var x = Enumerable.Range(0, 200).Select(i => (double)i).ToArray();
        var y = x.Select(v => v + 60 * random.NextDouble()).ToArray();

        var a = RankCorrelation.SpearmanWithInterval(x, y, resamples: 1_000, seed: 5);
        var b = RankCorrelation.SpearmanWithInterval(x, y, resamples: 1_000, seed: 5);

        Assert.Equal(a, b);
        Assert.Equal(200, a.Count);
        Assert.InRange(a.Rho, a.Low, a.High);
        Assert.True(a.High - a.Low is > 0 and < 0.1, $"[{a.Low}, {a.High}]");
    }

    [Fact]
    public void SpearmanWithInterval_ConstantPrediction_AllUndefined()
    {
        var estimate = RankCorrelation.SpearmanWithInterval([0.5, 0.5, 0.5], [1, 2, 3], resamples: 50);

        Assert.True(double.IsNaN(estimate.Rho));
        Assert.True(double.IsNaN(estimate.Low));
        Assert.True(double.IsNaN(estimate.High));
    }
}

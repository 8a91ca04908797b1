using SoundGraph.Learning.Cvae;

namespace SoundGraph.Learning.Tests.Cvae;

public sealed class KolmogorovSmirnovTests
{
    [Theory]
    // F_a − F_b at 1, 2, 3, 4, 5: .25, .5, .5, .5, .25 → 0.5.
    [InlineData(new[] { 1.0, 2, 3, 4 }, new[] { 3.0, 4, 5, 6 }, 0.5)]
    // Same values in another order: identical ECDFs.
    [InlineData(new[] { 3.0, 1, 2 }, new[] { 2.0, 3, 1 }, 0.0)]
    // No overlap.
    [InlineData(new[] { 1.0, 2 }, new[] { 5.0, 6, 7 }, 1.0)]
    // Ties across samples: at 1, 2/3 vs 1/3; at 2, 1 vs 1 → 1/3 (a tie must not count as a jump on one side only).
    [InlineData(new[] { 1.0, 1, 2 }, new[] { 1.0, 2, 2 }, 1.0 / 3)]
    // Unequal sizes: at 0, 0 vs ½; at 0.5, 1 vs ½; at 1, 1 vs 1 → ½.
    [InlineData(new[] { 0.5 }, new[] { 0.0, 1 }, 0.5)]
    public void Statistic_HandWorkedSamples_MatchesSupremumOfEcdfGap(double[] a, double[] b, double expected)
    {
        Assert.Equal(expected, KolmogorovSmirnov.Statistic(a, b), 12);
        Assert.Equal(expected, KolmogorovSmirnov.Statistic(b, a), 12);
    }

    [Fact]
    public void Statistic_EmptySample_Throws() =>
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.Statistic([], [1.0]));
}

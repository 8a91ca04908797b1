using SoundGraph.Learning.Cvae;

namespace SoundGraph.Learning.Tests.Cvae;

public sealed class CvaeChecksTests
{
    [Fact]
    public void ColumnVariances_TwoRows_PopulationVariance() =>
        Assert.Equal([1.0, 0, 0.25], CvaeChecks.ColumnVariances([[1.0, 5, 0], [3.0, 5, 1]]));

    [Fact]
    public void ActiveUnits_ThresholdIsStrict_CountsAboveOneHundredth() =>
        Assert.Equal(2, CvaeChecks.ActiveUnits([0.5, 0.01, 0.011, 0]));

    [Theory]
    // All 8 sign vectors of [1, 2, 3]: |mean| = 2 only for +++ and −−− → 2/8.
    [InlineData(new[] { 1.0, 2, 3 }, 0.25)]
    // ++ and −− give 1.5, +− and −+ give 0.5 → 2/4.
    [InlineData(new[] { 2.0, 1 }, 0.5)]
    // Observed mean 0: every sign vector is at least as extreme.
    [InlineData(new[] { 1.0, -1 }, 1.0)]
    public void SignFlipPValue_SmallSamples_ExactEnumeration(double[] differences, double expected) =>
        Assert.Equal(expected, CvaeChecks.SignFlipPValue(differences, 100, 1), 12);

    [Fact]
    public void SignFlipPValue_TwentyEqualShifts_MonteCarloAtItsFloor()
    {
        // Only the all-plus and all-minus vectors (2 of 2^20) reach |mean| = 1: 999 random draws almost never do, so
        // p = (1 + hits)/1000 with hits 0 or at most a few.
        var p = CvaeChecks.SignFlipPValue([.. Enumerable.Repeat(1.0, 20)], 999, 7);

        Assert.InRange(p, 0.001, 0.003);
    }

    [Fact]
    public void SignFlipPValue_SymmetricNoise_Large()
    {
        double[] d = [.. Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? 1.0 : -1.0)];

        Assert.Equal(1.0, CvaeChecks.SignFlipPValue(d, 500, 3), 12);
    }
}

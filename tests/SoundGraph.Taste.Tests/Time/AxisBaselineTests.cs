using SoundGraph.Taste.Time;

namespace SoundGraph.Taste.Tests.Time;

public sealed class AxisBaselineTests
{
    [Fact]
    public void Of_ValuesWithGaps_MeanAndSampleSd()
    {
        // 1, 2, 3, 6: mean 3, squares 4 + 1 + 0 + 9 = 14, sample sd √(14 / 3).
        var baseline = AxisBaseline.Of([1, null, 2, 3, null, 6])!;

        Assert.Equal(3, baseline.Mean, 12);
        Assert.Equal(Math.Sqrt(14.0 / 3), baseline.StandardDeviation, 12);
        Assert.Equal(4, baseline.Weeks);
    }

    [Fact]
    public void Of_FewerThanTwoValues_Null()
    {
        Assert.Null(AxisBaseline.Of([null, 1, null]));
        Assert.Null(AxisBaseline.Of([]));
    }
}

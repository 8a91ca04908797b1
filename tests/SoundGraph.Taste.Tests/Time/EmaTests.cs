using SoundGraph.Taste.Time;

namespace SoundGraph.Taste.Tests.Time;

public sealed class EmaTests
{
    [Theory]
    [InlineData(4, 0.4)]
    [InlineData(1, 1.0)]
    [InlineData(9, 0.2)]
    public void Alpha_Span_TwoOverSpanPlusOne(int span, double expected) => Assert.Equal(expected, Ema.Alpha(span), 15);

    [Fact]
    public void Alpha_SpanBelowOne_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => Ema.Alpha(0));

    [Fact]
    public void Series_GapInMiddle_CarriesAverageThenUpdates()
    {
        // α = 0.4: y₀ = 1; week 1 has no value, y₁ = 1; y₂ = 0.6 × 1 + 0.4 × 3 = 1.8; y₃ = 0.6 × 1.8 + 0.4 × 5 = 3.08
        // (pandas: Series([1, nan, 3, 5]).ewm(span=4, adjust=False, ignore_na=True).mean()).
        var ema = Ema.Series([1, null, 3, 5]);

        Assert.Equal(1, ema[0]!.Value, 12);
        Assert.Equal(1, ema[1]!.Value, 12);
        Assert.Equal(1.8, ema[2]!.Value, 12);
        Assert.Equal(3.08, ema[3]!.Value, 12);
    }

    [Fact]
    public void Series_LeadingGap_NullUntilFirstValue()
    {
        var ema = Ema.Series([null, null, 2, 4]);

        Assert.Null(ema[0]);
        Assert.Null(ema[1]);
        Assert.Equal(2, ema[2]!.Value, 12);
        Assert.Equal(2.8, ema[3]!.Value, 12);
    }

    [Fact]
    public void Series_SpanOne_FollowsValues()
    {
        var ema = Ema.Series([1, 5, null, 2], span: 1);

        Assert.Equal([1.0, 5.0, 5.0, 2.0], ema.Select(v => v!.Value));
    }
}

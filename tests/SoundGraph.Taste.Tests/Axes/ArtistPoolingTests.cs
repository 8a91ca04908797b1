using SoundGraph.Taste.Axes;

namespace SoundGraph.Taste.Tests.Axes;

public sealed class ArtistPoolingTests
{
    private static readonly Dictionary<long, double> Values = new() { [1] = 0.2, [2] = 0.4, [3] = 0.6, [4] = 0.8, [5] = 1.0 };
    private static readonly Dictionary<long, long> Artists = new() { [1] = 10, [2] = 10, [3] = 20, [4] = 20, [5] = 20 };

    [Fact]
    public void Estimate_TwoArtists_HandWorkedAnovaAndShrinkage()
    {
        var pool = ArtistPooling.Estimate(Values, Artists);

        // μ = 0.6. σ²_w = (0.02 + 0.08) / (5 − 2) = 1/30. MSB = 2·0.3² + 3·0.2² = 0.30; n₀ = 5 − 13/5 = 2.4;
        // σ²_b = (0.30 − 1/30) / 2.4 = 1/9; κ = (1/30) / (1/9) = 0.3.
        Assert.Equal(0.6, pool.GlobalMean, 12);
        Assert.Equal(1.0 / 30, pool.WithinVariance!.Value, 12);
        Assert.Equal(1.0 / 9, pool.BetweenVariance!.Value, 12);
        Assert.Equal(0.3, pool.Kappa, 12);
        // Artist 10: (2·0.3 + 0.3·0.6) / 2.3; artist 20: (3·0.8 + 0.3·0.6) / 3.3.
        Assert.Equal(0.78 / 2.3, pool.Artists[10].PooledMean, 12);
        Assert.Equal(2.58 / 3.3, pool.Artists[20].PooledMean, 12);
        Assert.Equal(0.3, pool.Artists[10].RawMean, 12);
        // Confidence n/(n+κ) · 1/(1+κ).
        Assert.Equal(2 / 2.3 / 1.3, pool.Artists[10].Confidence, 12);
        Assert.True(pool.Artists[20].Confidence > pool.Artists[10].Confidence);
    }

    [Fact]
    public void Estimate_GivenKappa_UsesIt()
    {
        var pool = ArtistPooling.Estimate(Values, Artists, kappa: 2);

        Assert.Equal((2 * 0.3 + 2 * 0.6) / 4, pool.Artists[10].PooledMean, 12);
        Assert.Equal(2, pool.Kappa);
    }

    [Fact]
    public void Estimate_NoBetweenArtistSpread_PoolsFullyToGlobalMean()
    {
        var values = new Dictionary<long, double> { [1] = 0, [2] = 1, [3] = 0, [4] = 1 };
        var artists = new Dictionary<long, long> { [1] = 10, [2] = 10, [3] = 20, [4] = 20 };

        var pool = ArtistPooling.Estimate(values, artists);

        Assert.Equal(0, pool.BetweenVariance);
        Assert.True(double.IsPositiveInfinity(pool.Kappa));
        Assert.Equal(0.5, pool.Artists[10].PooledMean);
        Assert.Equal(0, pool.Artists[10].Confidence);
    }

    [Fact]
    public void Estimate_OneTrackPerArtist_KappaOneFallback()
    {
        var values = new Dictionary<long, double> { [1] = 0, [2] = 1 };
        var artists = new Dictionary<long, long> { [1] = 10, [2] = 20 };

        var pool = ArtistPooling.Estimate(values, artists);

        Assert.Null(pool.WithinVariance);
        Assert.Equal(1, pool.Kappa);
        Assert.Equal((0 + 0.5) / 2, pool.Artists[10].PooledMean, 12);
        Assert.Equal(0.25, pool.Artists[10].Confidence, 12);
    }

    [Fact]
    public void Estimate_NegativeKappa_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ArtistPooling.Estimate(Values, Artists, -1));
    }
}

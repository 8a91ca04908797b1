using SoundGraph.Core.Scores;

namespace SoundGraph.Core.Tests.Scores;

public sealed class EngagementScoreTests
{
    [Theory]
    // 0.5·500/1000 + 0.3·20/80 + 0.2·3/12 = 0.25 + 0.075 + 0.05
    [InlineData(500L, 20L, 3L, 1000L, 80L, 12L, 0.375)]
    // the most played, liked and reposted track scores 0.5 + 0.3 + 0.2
    [InlineData(1000L, 80L, 12L, 1000L, 80L, 12L, 1.0)]
    // null counts count as 0: only the likes term remains, 0.3·40/80
    [InlineData(null, 40L, null, 1000L, 80L, 12L, 0.15)]
    // a zero maximum drops its term: 0.5·250/1000 + 0 + 0.2·6/12
    [InlineData(250L, 0L, 6L, 1000L, 0L, 12L, 0.225)]
    // a null maximum drops its term too: 0 + 0.3·80/80 + 0
    [InlineData(7L, 80L, 2L, null, 80L, null, 0.3)]
    // every maximum zero (no track has a count): 0, not NaN
    [InlineData(0L, 0L, 0L, 0L, 0L, 0L, 0.0)]
    // every value unknown: 0
    [InlineData(null, null, null, null, null, null, 0.0)]
    public void Compute_HandWorkedCounts_ReturnsWeightedSumOfRatios(long? plays, long? likes, long? reposts, long? maxPlays, long? maxLikes, long? maxReposts, double expected)
    {
        var score = EngagementScore.Compute(plays, likes, reposts, maxPlays, maxLikes, maxReposts);

        Assert.Equal(expected, score, 12);
        Assert.False(double.IsNaN(score));
    }

    [Fact]
    public void Record_Terms_AddUpToValue()
    {
        var s = new EngagementScore(500, 20, 3, 1000, 80, 12);

        Assert.Equal(0.25, s.PlaysTerm, 12);
        Assert.Equal(0.075, s.LikesTerm, 12);
        Assert.Equal(0.05, s.RepostsTerm, 12);
        Assert.Equal(0.375, s.Value, 12);
        Assert.True(s.AnyCountKnown);
    }

    [Fact]
    public void Record_AllCountsNull_NoCountKnownAndZero()
    {
        var s = new EngagementScore(null, null, null, 1000, 80, 12);

        Assert.False(s.AnyCountKnown);
        Assert.Equal(0.0, s.Value);
    }
}

using SoundGraph.Taste.Time;

namespace SoundGraph.Taste.Tests.Time;

public sealed class PlayFilterTests
{
    private static readonly DateTimeOffset End = new(2021, 1, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(4_000L, null, false)]        // a 4 s skip, duration unknown
    [InlineData(4_000L, 240_000L, false)]    // a 4 s skip of a 4-minute track
    [InlineData(4_000L, 8_001L, false)]      // ... of any track longer than 8 s
    [InlineData(4_000L, 8_000L, true)]       // half of an 8 s jingle
    [InlineData(29_999L, null, false)]       // just under 30 s
    [InlineData(30_000L, null, true)]        // 30 s, duration unknown
    [InlineData(30_000L, 600_000L, true)]    // 30 s of a 10-minute track (Last.fm would want 4 minutes)
    [InlineData(19_999L, 40_000L, false)]    // just under half of a 40 s track
    [InlineData(20_000L, 40_000L, true)]     // half of a 40 s track
    [InlineData(0L, null, false)]
    [InlineData(0L, 1L, false)]
    public void Counts_PlayLengthAndDuration_ThirtySecondsOrHalf(long msPlayed, long? durationMs, bool expected) =>
        Assert.Equal(expected, PlayFilter.Counts(new Play(End, 1, msPlayed, durationMs)));

    [Theory]
    [InlineData(90_000L, null, 1.5)]
    [InlineData(90_000L, 240_000L, 1.5)]
    [InlineData(600_000L, 240_000L, 4.0)]   // played 10 minutes (repeat) of a 4-minute track: capped
    [InlineData(10_000L, null, 10.0 / 60)]
    public void Minutes_Played_CappedAtDuration(long msPlayed, long? durationMs, double expected) =>
        Assert.Equal(expected, PlayFilter.Minutes(new Play(End, 1, msPlayed, durationMs)), 12);

    [Fact]
    public void CountedMinutes_SkippedPlay_IsZero()
    {
        Assert.Equal(0, PlayFilter.CountedMinutes(new Play(End, 1, 10_000, 240_000)));
        Assert.Equal(0.5, PlayFilter.CountedMinutes(new Play(End, 1, 30_000, 240_000)), 12);
    }

    [Fact]
    public void Constructor_OffsetEndTime_KeepsUtcInstant()
    {
        var play = new Play(new DateTimeOffset(2021, 1, 6, 13, 0, 0, TimeSpan.FromHours(1)), 7, 30_000);

        Assert.Equal(TimeSpan.Zero, play.EndedAt.Offset);
        Assert.Equal(End, play.EndedAt);
    }

    [Fact]
    public void Constructor_NegativeMsOrNonPositiveDuration_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Play(End, 1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Play(End, 1, 30_000, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Play(End, 1, 30_000, -5));
    }
}

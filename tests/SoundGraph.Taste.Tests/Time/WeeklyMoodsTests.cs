using SoundGraph.Taste.Time;

namespace SoundGraph.Taste.Tests.Time;

public sealed class WeeklyMoodsTests
{
    [Theory]
    [InlineData(0.9, 0.9, MoodQuadrant.Happy)]
    [InlineData(0.9, 0.1, MoodQuadrant.Tense)]
    [InlineData(0.1, 0.1, MoodQuadrant.Sad)]
    [InlineData(0.1, 0.9, MoodQuadrant.Peaceful)]
    [InlineData(0.5, 0.5, MoodQuadrant.Happy)]
    [InlineData(0.4999, 0.5, MoodQuadrant.Peaceful)]
    public void Of_CutsAtOneHalf_HalfCountsAsHigh(double energy, double valence, MoodQuadrant expected) =>
        Assert.Equal(expected, MoodQuadrants.Of(energy, valence));

    [Fact]
    public void Of_NaN_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => MoodQuadrants.Of(double.NaN, 0.5));

    [Fact]
    public void CodesAndLabels_AreTheDocumentedOnes()
    {
        Assert.Equal(["happy", "tense", "sad", "peaceful"], MoodQuadrants.All.Select(q => q.Code()));
        Assert.Equal(["happy/energetic", "angry/tense", "sad/calm", "peaceful"], MoodQuadrants.All.Select(q => q.Label()));
    }

    [Fact]
    public void Aggregate_SplitsCountedMinutesPerWeekAndKeepsEmptyWeeks()
    {
        var axes = new Dictionary<long, IReadOnlyDictionary<MoodAxis, double>>
        {
            [1] = new Dictionary<MoodAxis, double> { [MoodAxis.Energy] = 0.8, [MoodAxis.Valence] = 0.9 },
            [2] = new Dictionary<MoodAxis, double> { [MoodAxis.Energy] = 0.2, [MoodAxis.Valence] = 0.1 },
            [3] = new Dictionary<MoodAxis, double> { [MoodAxis.Energy] = 0.7 },
        };
        var monday = new DateTimeOffset(2021, 2, 15, 12, 0, 0, TimeSpan.Zero); // 2021-W07
        Play[] plays =
        [
            new(monday, 1, 180_000),                 // 3 min happy
            new(monday.AddHours(1), 2, 60_000),      // 1 min sad
            new(monday.AddHours(2), 3, 120_000),     // 2 min, no valence: counted, not placed
            new(monday.AddHours(3), 1, 10_000),      // 10 s: does not count
            new(monday.AddDays(14), 2, 240_000),     // 2021-W09: 4 min sad
        ];

        var weeks = WeeklyMoods.Aggregate(plays, id => axes.GetValueOrDefault(id), TimeZoneInfo.Utc, new IsoWeek(2021, 7), new IsoWeek(2021, 9));

        Assert.Equal(["2021-W07", "2021-W08", "2021-W09"], weeks.Select(w => w.Week.ToString()));
        var first = weeks[0];
        Assert.Equal(6, first.Minutes, 12);
        Assert.Equal(4, first.PlacedMinutes, 12);
        Assert.Equal(0.75, first.Share(MoodQuadrant.Happy)!.Value, 12);
        Assert.Equal(0.25, first.Share(MoodQuadrant.Sad)!.Value, 12);
        Assert.Equal(0, first.Share(MoodQuadrant.Tense)!.Value, 12);
        Assert.Equal(MoodQuadrant.Happy, first.Dominant);
        Assert.Equal(0, weeks[1].Minutes);
        Assert.Null(weeks[1].Share(MoodQuadrant.Happy));
        Assert.Null(weeks[1].Dominant);
        Assert.Equal(MoodQuadrant.Sad, weeks[2].Dominant);
        Assert.Equal(1, weeks[2].Share(MoodQuadrant.Sad)!.Value, 12);
    }

    [Fact]
    public void Aggregate_PlaysOutsideTheWindow_AreLeftOut()
    {
        var axes = new Dictionary<MoodAxis, double> { [MoodAxis.Energy] = 0.8, [MoodAxis.Valence] = 0.2 };
        Play[] plays = [new(new DateTimeOffset(2021, 1, 4, 12, 0, 0, TimeSpan.Zero), 1, 60_000), new(new DateTimeOffset(2021, 3, 1, 12, 0, 0, TimeSpan.Zero), 1, 60_000)];

        var weeks = WeeklyMoods.Aggregate(plays, _ => axes, TimeZoneInfo.Utc, new IsoWeek(2021, 2), new IsoWeek(2021, 2));

        Assert.Single(weeks);
        Assert.Equal(0, weeks[0].Minutes);
        Assert.Throws<ArgumentException>(() => WeeklyMoods.Aggregate(plays, _ => axes, TimeZoneInfo.Utc, new IsoWeek(2021, 3), new IsoWeek(2021, 2)));
    }
}

using SoundGraph.Taste.Time;

namespace SoundGraph.Taste.Tests.Time;

public sealed class WeeklyAggregatorTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    // Track 1: calm and happy at 100 BPM; track 2: energetic and tense at 140 BPM; track 3: no axes.
    private static readonly Dictionary<long, IReadOnlyDictionary<MoodAxis, double>> Tracks = new()
    {
        [1] = new Dictionary<MoodAxis, double> { [MoodAxis.Energy] = 0.2, [MoodAxis.Valence] = 0.8, [MoodAxis.Tempo] = 100 },
        [2] = new Dictionary<MoodAxis, double> { [MoodAxis.Energy] = 0.8, [MoodAxis.Valence] = 0.2, [MoodAxis.Tempo] = 140 },
    };

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) =>
        new(2021, month, day, hour, minute, 0, TimeSpan.Zero);

    private static IReadOnlyDictionary<MoodAxis, double>? AxesOf(long track) => Tracks.GetValueOrDefault(track);

    /// <summary>2021-W01 (Mon 4 – Sun 10 January): track 1 for 3 min, track 2 for 1 min and for 10 min of a 4-minute
    /// track (weight 4), track 3 for 2 min, and a 4 s skip of track 1. 2021-W03: track 1 for 2 min. 2021-W05: a
    /// skip only.</summary>
    private static Play[] History() =>
    [
        new(Utc(1, 5, 10), 1, 180_000, 200_000),
        new(Utc(1, 6, 10), 2, 60_000),
        new(Utc(1, 7, 10), 2, 600_000, 240_000),
        new(Utc(1, 8, 10), 3, 120_000),
        new(Utc(1, 9, 10), 1, 4_000, 200_000),
        new(Utc(1, 20, 10), 1, 120_000, 200_000),
        new(Utc(2, 3, 10), 2, 4_000, 240_000),
    ];

    [Fact]
    public void Aggregate_HandWorkedWeek_WeightedMeansAndVariances()
    {
        var week = WeeklyAggregator.Aggregate(History(), AxesOf, TimeZoneInfo.Utc).Weeks[0];

        // Counted: track 1 (3 min), track 2 (1 min), track 2 (4 min, capped), track 3 (2 min); the skip is out.
        Assert.Equal(new IsoWeek(2021, 1), week.Week);
        Assert.Equal(4, week.CountedPlays);
        Assert.Equal(10, week.CountedMinutes, 12);
        // Energy: 0.2 × 3 min, 0.8 × 5 min → mean 4.6 / 8 = 0.575;
        // variance (3 × 0.375² + 5 × 0.225²) / 8 = (0.421875 + 0.253125) / 8 = 0.084375.
        var energy = week.Axes[MoodAxis.Energy];
        Assert.Equal(0.575, energy.Mean, 12);
        Assert.Equal(0.084375, energy.Variance, 12);
        Assert.Equal(3, energy.Plays);
        Assert.Equal(8, energy.Minutes, 12);
        Assert.Equal(0.425, week.Axes[MoodAxis.Valence].Mean, 12);          // (0.8 × 3 + 0.2 × 5) / 8
        Assert.Equal(0.084375, week.Axes[MoodAxis.Valence].Variance, 12);
        Assert.Equal(125, week.Axes[MoodAxis.Tempo].Mean, 12);              // (100 × 3 + 140 × 5) / 8
        Assert.Equal(375, week.Axes[MoodAxis.Tempo].Variance, 12);          // (3 × 25² + 5 × 15²) / 8
        Assert.Equal(Math.Sqrt(375), week.Axes[MoodAxis.Tempo].StandardDeviation, 12);
        Assert.False(week.Axes.ContainsKey(MoodAxis.Danceability));
        Assert.Null(week.Centroid(MoodAxis.Danceability));
        Assert.Equal(0.8, week.Coverage, 12);                               // 8 of 10 minutes have energy and valence
    }

    [Fact]
    public void Aggregate_HandWorkedWeek_DiversityIsEntropyOfGridMinutes()
    {
        var week = WeeklyAggregator.Aggregate(History(), AxesOf, TimeZoneInfo.Utc).Weeks[0];

        // Track 1 sits in cell 2 (low energy, high valence) with 3 min, track 2 in cell 6 with 5 min; track 3's 2 min
        // are uncovered. H = −(3/8 log₂ 3/8 + 5/8 log₂ 5/8) = 0.954434 bits, / log₂ 9 = 0.301090.
        Assert.NotNull(week.Diversity);
        Assert.Equal(0.954434002924965, week.Diversity.Bits, 12);
        Assert.Equal(0.301090405132834, week.Diversity.Normalized, 12);
    }

    [Fact]
    public void Aggregate_GapAndTrailingSkip_EmptyWeekBetweenAndNoneAfter()
    {
        var weeks = WeeklyAggregator.Aggregate(History(), AxesOf, TimeZoneInfo.Utc).Weeks;

        Assert.Equal(["2021-W01", "2021-W02", "2021-W03"], weeks.Select(w => w.Week.ToString()));
        var gap = weeks[1];
        Assert.True(gap.IsEmpty);
        Assert.Equal(0, gap.CountedMinutes);
        Assert.Equal(0, gap.Coverage);
        Assert.Empty(gap.Axes);
        Assert.Null(gap.Diversity);
        var single = weeks[2];
        Assert.Equal(0.2, single.Axes[MoodAxis.Energy].Mean, 12);
        Assert.Equal(0, single.Axes[MoodAxis.Energy].Variance);
        Assert.Equal(0, single.Diversity!.Bits);
    }

    [Fact]
    public void Aggregate_AxesOf_CalledOncePerCountedTrack()
    {
        var calls = new List<long>();

        WeeklyAggregator.Aggregate(History(), id => { calls.Add(id); return AxesOf(id); }, TimeZoneInfo.Utc);

        Assert.Equal([1L, 2L, 3L], calls.Order());
    }

    [Fact]
    public void Aggregate_NonFiniteValue_CountsAsMissing()
    {
        var axes = new Dictionary<MoodAxis, double> { [MoodAxis.Energy] = double.NaN, [MoodAxis.Valence] = 0.5, [MoodAxis.Tempo] = double.PositiveInfinity };

        var week = WeeklyAggregator.Aggregate([new Play(Utc(1, 5, 10), 9, 60_000)], _ => axes, TimeZoneInfo.Utc).Weeks.Single();

        Assert.Equal([MoodAxis.Valence], week.Axes.Keys);
        Assert.Equal(0, week.Coverage);
        Assert.Null(week.Diversity);
    }

    [Fact]
    public void Aggregate_SundayNightUtc_FallsInBerlinsNextWeek()
    {
        Play[] plays = [new(Utc(1, 5, 10), 1, 60_000), new(Utc(1, 10, 23, 30), 2, 60_000)];

        var utc = WeeklyAggregator.Aggregate(plays, AxesOf, TimeZoneInfo.Utc);
        var berlin = WeeklyAggregator.Aggregate(plays, AxesOf, Berlin);

        Assert.Equal(["2021-W01"], utc.Weeks.Select(w => w.Week.ToString()));
        Assert.Equal(["2021-W01", "2021-W02"], berlin.Weeks.Select(w => w.Week.ToString()));
        Assert.Equal(0.8, berlin.Weeks[1].Centroid(MoodAxis.Energy)!.Value, 12);
    }

    [Fact]
    public void Aggregate_NoCountedPlay_NoWeeks()
    {
        var taste = WeeklyAggregator.Aggregate([new Play(Utc(1, 5, 10), 1, 4_000)], AxesOf, TimeZoneInfo.Utc);

        Assert.Empty(taste.Weeks);
        Assert.Equal(0, taste.Clock.TotalMinutes);
        Assert.Empty(taste.Centroids(MoodAxis.Energy));
    }

    [Fact]
    public void Centroids_WithGap_NullForEmptyWeek()
    {
        var centroids = WeeklyAggregator.Aggregate(History(), AxesOf, TimeZoneInfo.Utc).Centroids(MoodAxis.Energy);

        Assert.Equal(3, centroids.Count);
        Assert.Equal(0.575, centroids[0]!.Value, 12);
        Assert.Null(centroids[1]);
        Assert.Equal(0.2, centroids[2]!.Value, 12);
    }
}

using SoundGraph.Services.Taste;
using SoundGraph.Taste.Time;

namespace SoundGraph.Cli.Tests;

/// <summary>SoundGraph.Services' <see cref="MixtapePeriod"/> (tested here: Services has no test project of its own and
/// the CLI is its shell).</summary>
public sealed class MixtapePeriodTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void Week_Berlin_MondayToMondayMidnightInWinterTime()
    {
        var (start, end) = MixtapePeriod.Week(IsoWeek.Parse("2021-W07")).Bounds(Berlin);

        Assert.Equal(new DateTimeOffset(2021, 2, 14, 23, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2021, 2, 21, 23, 0, 0, TimeSpan.Zero), end);
    }

    [Fact]
    public void Range_DaylightSavingDay_Is23HoursLong()
    {
        var period = MixtapePeriod.Range(new DateOnly(2021, 3, 28), new DateOnly(2021, 3, 28));
        var (start, end) = period.Bounds(Berlin);

        Assert.Equal("2021-03-28…2021-03-28", period.Label);
        Assert.Equal("period", period.Noun);
        Assert.Equal(TimeSpan.FromHours(23), end - start);
    }

    [Theory]
    [InlineData(2021, 3, 2, 2021, 3, 1)]
    [InlineData(2020, 1, 1, 2021, 1, 1)]   // 367 days
    public void Range_BackwardsOrTooLong_Throws(int y1, int m1, int d1, int y2, int m2, int d2) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MixtapePeriod.Range(new DateOnly(y1, m1, d1), new DateOnly(y2, m2, d2)));
}

using SoundGraph.Taste.Time;

namespace SoundGraph.Taste.Tests.Time;

public sealed class IsoWeekTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData("2021-W07", 2021, 7)]
    [InlineData("2020-W53", 2020, 53)]
    [InlineData("0001-W01", 1, 1)]
    public void Parse_WellFormed_RoundTrips(string text, int year, int week)
    {
        var parsed = IsoWeek.Parse(text);

        Assert.Equal(new IsoWeek(year, week), parsed);
        Assert.Equal(text, parsed.ToString());
    }

    [Theory]
    [InlineData("2021-W53")]   // 2021 has 52 weeks
    [InlineData("2021-W00")]
    [InlineData("2021-W54")]
    [InlineData("2021-w07")]
    [InlineData("2021W07")]
    [InlineData("2021-W7")]
    [InlineData("21-W07")]
    [InlineData("2021-W07 ")]
    [InlineData("+021-W07")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_Malformed_ReturnsFalse(string? text)
    {
        Assert.False(IsoWeek.TryParse(text, out var week));
        Assert.Equal(default, week);
    }

    [Fact]
    public void Parse_WeekTheYearLacks_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => IsoWeek.Parse("2021-W53"));

    [Fact]
    public void Constructor_WeekOutsideYear_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoWeek(2021, 53));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoWeek(2021, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoWeek(0, 1));
    }

    [Theory]
    [InlineData("2019-12-30", "2020-W01")]   // a Monday in December opens week 1 of the next year
    [InlineData("2021-01-03", "2020-W53")]   // a Sunday in January closes week 53 of the previous year
    [InlineData("2021-01-04", "2021-W01")]
    [InlineData("2021-02-21", "2021-W07")]
    public void FromDate_CalendarDay_IsoWeek(string date, string expected) =>
        Assert.Equal(expected, IsoWeek.FromDate(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).ToString());

    [Fact]
    public void FromInstant_SundayLateUtc_IsMondaysWeekInBerlin()
    {
        var sunday2330Utc = new DateTimeOffset(2021, 1, 10, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal(new IsoWeek(2021, 1), IsoWeek.FromInstant(sunday2330Utc, TimeZoneInfo.Utc));
        Assert.Equal(new IsoWeek(2021, 2), IsoWeek.FromInstant(sunday2330Utc, Berlin));   // Monday 00:30 CET
    }

    [Fact]
    public void FromInstant_DaylightSavingStarts_UsesSummerOffset()
    {
        // Sunday 2021-03-28: Berlin moves to CEST (UTC+2) at 01:00 UTC. 22:30 UTC is Monday 00:30 CEST (week 13);
        // the winter offset would give Sunday 23:30 (week 12).
        var instant = new DateTimeOffset(2021, 3, 28, 22, 30, 0, TimeSpan.Zero);

        Assert.Equal(new IsoWeek(2021, 13), IsoWeek.FromInstant(instant, Berlin));
        Assert.Equal(new IsoWeek(2021, 12), IsoWeek.FromInstant(instant, TimeZoneInfo.Utc));
    }

    [Fact]
    public void FromInstant_DaylightSavingEnds_UsesWinterOffset()
    {
        // Sunday 2021-10-31: Berlin returns to CET (UTC+1) at 01:00 UTC. 22:30 UTC is Sunday 23:30 CET (week 43);
        // the summer offset would give Monday 00:30 (week 44).
        var instant = new DateTimeOffset(2021, 10, 31, 22, 30, 0, TimeSpan.Zero);

        Assert.Equal(new IsoWeek(2021, 43), IsoWeek.FromInstant(instant, Berlin));
    }

    [Fact]
    public void FromInstant_AroundWeek53_DependsOnZone()
    {
        Assert.Equal("2020-W53", IsoWeek.FromInstant(new DateTimeOffset(2021, 1, 3, 12, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc).ToString());
        Assert.Equal("2021-W01", IsoWeek.FromInstant(new DateTimeOffset(2021, 1, 3, 23, 30, 0, TimeSpan.Zero), Berlin).ToString());
        // Monday 03:00 UTC is still Sunday 22:00 EST in New York.
        Assert.Equal("2020-W53", IsoWeek.FromInstant(new DateTimeOffset(2021, 1, 4, 3, 0, 0, TimeSpan.Zero), NewYork).ToString());
        Assert.Equal("2021-W01", IsoWeek.FromInstant(new DateTimeOffset(2021, 1, 4, 3, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc).ToString());
    }

    [Fact]
    public void AddWeeks_AcrossWeek53_StepsOneWeek()
    {
        var w53 = new IsoWeek(2020, 53);

        Assert.Equal(new IsoWeek(2021, 1), w53.AddWeeks(1));
        Assert.Equal(w53, new IsoWeek(2021, 1).AddWeeks(-1));
        Assert.Equal(new IsoWeek(2020, 52), new IsoWeek(2019, 52).AddWeeks(52));
        Assert.Equal(new DateOnly(2020, 12, 28), w53.Monday);
    }

    [Fact]
    public void WeeksBetween_AcrossWeek53_CountsIt()
    {
        Assert.Equal(3, IsoWeek.WeeksBetween(new IsoWeek(2020, 52), new IsoWeek(2021, 2)));
        Assert.Equal(-3, IsoWeek.WeeksBetween(new IsoWeek(2021, 2), new IsoWeek(2020, 52)));
        Assert.Equal(0, IsoWeek.WeeksBetween(new IsoWeek(2021, 2), new IsoWeek(2021, 2)));
    }

    [Fact]
    public void CompareTo_YearThenWeek_OrdersInTime()
    {
        Assert.True(new IsoWeek(2020, 53) < new IsoWeek(2021, 1));
        Assert.True(new IsoWeek(2021, 10) > new IsoWeek(2021, 9));
        Assert.True(new IsoWeek(2021, 1) >= new IsoWeek(2021, 1));
        Assert.Equal(
            ["2019-W52", "2020-W53", "2021-W01"],
            new[] { new IsoWeek(2021, 1), new IsoWeek(2019, 52), new IsoWeek(2020, 53) }.Order().Select(w => w.ToString()));
    }
}

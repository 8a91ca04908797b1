using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SoundGraph.Taste.Time;

/// <summary>An ISO-8601 week: the week-numbering year and the week 1–52 or 1–53, Monday to Sunday, written
/// "2021-W07".</summary>
/// <remarks>
/// Week 1 is the week holding the year's first Thursday, so 2021-01-03 (a Sunday) is in 2020-W53 and 2019-12-30 (a
/// Monday) in 2020-W01. Computed with <see cref="ISOWeek"/>. <c>default(IsoWeek)</c> (year 0, week 0) is not a valid
/// week; every constructor, parser and factory returns valid ones.
/// </remarks>
public readonly record struct IsoWeek : IComparable<IsoWeek>
{
    /// <summary>Creates the week <paramref name="week"/> of the ISO week-numbering year <paramref name="year"/>.</summary>
    /// <param name="year">ISO week-numbering year, 1–9999 (not always the calendar year of every day in the week).</param>
    /// <param name="week">Week, 1 to 52 or 53 (<see cref="ISOWeek.GetWeeksInYear"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1–9999, or the week outside that year's
    /// weeks.</exception>
    public IsoWeek(int year, int week)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(week, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(week, ISOWeek.GetWeeksInYear(year));
        Year = year;
        Week = week;
    }

    /// <summary>The ISO week-numbering year, 1–9999.</summary>
    public int Year { get; }

    /// <summary>The week of <see cref="Year"/>, 1–53.</summary>
    public int Week { get; }

    /// <summary>The Monday that starts the week.</summary>
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    /// <summary>The week holding the calendar day <paramref name="date"/>.</summary>
    public static IsoWeek FromDate(DateOnly date)
    {
        var dateTime = date.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(dateTime), ISOWeek.GetWeekOfYear(dateTime));
    }

    /// <summary>The week in which <paramref name="instant"/> falls on the wall clock of <paramref name="zone"/>, its
    /// daylight-saving rules included: 2021-03-28T22:30Z (a Sunday in UTC) is Monday 00:30 in Europe/Berlin, so
    /// 2021-W13, not 2021-W12.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public static IsoWeek FromInstant(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return FromDate(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime));
    }

    /// <summary>The week <paramref name="weeks"/> weeks later (earlier when negative).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The result falls outside the years 1–9999.</exception>
    public IsoWeek AddWeeks(int weeks) => FromDate(Monday.AddDays(checked(7 * weeks)));

    /// <summary>Weeks from <paramref name="from"/> to <paramref name="to"/>: 0 for the same week, negative when
    /// <paramref name="to"/> is earlier.</summary>
    public static int WeeksBetween(IsoWeek from, IsoWeek to) => (to.Monday.DayNumber - from.Monday.DayNumber) / 7;

    /// <summary>Parses "YYYY-Www" exactly (four-digit year, upper-case W, two-digit week), e.g. "2021-W07".</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not of that form, or names a week the year does not have
    /// ("2021-W53").</exception>
    public static IsoWeek Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var week)
            ? week
            : throw new FormatException($"'{text}' is not an ISO week such as 2021-W07 (YYYY-Www, a week the year has).");
    }

    /// <summary>Parses "YYYY-Www" as <see cref="Parse"/> does; false instead of an exception.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out IsoWeek week)
    {
        week = default;
        if (text is not { Length: 8 } || text[4] != '-' || text[5] != 'W'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year < 1 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        week = new IsoWeek(year, number);
        return true;
    }

    /// <summary>"YYYY-Www", e.g. "2021-W07".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Week:D2}");

    /// <summary>Orders weeks in time.</summary>
    public int CompareTo(IsoWeek other) => Year != other.Year ? Year.CompareTo(other.Year) : Week.CompareTo(other.Week);

    /// <summary>Whether <paramref name="left"/> is earlier than <paramref name="right"/>.</summary>
    public static bool operator <(IsoWeek left, IsoWeek right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is later than <paramref name="right"/>.</summary>
    public static bool operator >(IsoWeek left, IsoWeek right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is not later than <paramref name="right"/>.</summary>
    public static bool operator <=(IsoWeek left, IsoWeek right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is not earlier than <paramref name="right"/>.</summary>
    public static bool operator >=(IsoWeek left, IsoWeek right) => left.CompareTo(right) >= 0;
}

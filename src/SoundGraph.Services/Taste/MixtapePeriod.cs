using System.Globalization;
using SoundGraph.Taste.Time;

namespace SoundGraph.Services.Taste;

/// <summary>The days a mixtape draws on: an ISO week, or a range of calendar days, in the listener's time zone.</summary>
public sealed record MixtapePeriod
{
    /// <summary>Longest range, days: 366.</summary>
    public const int MaxDays = 366;

    private MixtapePeriod(DateOnly from, DateOnly to, string label, bool isWeek)
    {
        From = from;
        To = to;
        Label = label;
        IsWeek = isWeek;
    }

    /// <summary>First day, inclusive.</summary>
    public DateOnly From { get; }

    /// <summary>Last day, inclusive.</summary>
    public DateOnly To { get; }

    /// <summary>"2021-W07", or "2021-02-15…2021-02-28".</summary>
    public string Label { get; }

    /// <summary>Whether the period is one ISO week.</summary>
    public bool IsWeek { get; }

    /// <summary>The noun explanations use: "week" or "period".</summary>
    public string Noun => IsWeek ? "week" : "period";

    /// <summary>The ISO week <paramref name="week"/>, Monday to Sunday.</summary>
    public static MixtapePeriod Week(IsoWeek week) => new(week.Monday, week.Monday.AddDays(6), week.ToString(), true);

    /// <summary>The days <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>, or the range is
    /// longer than <see cref="MaxDays"/> days.</exception>
    public static MixtapePeriod Range(DateOnly from, DateOnly to)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        if (days < 1 || days > MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"A mixtape range runs from a day to the same or a later day, at most {MaxDays} days.");
        }

        return new MixtapePeriod(from, to, string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd}…{to:yyyy-MM-dd}"), false);
    }

    /// <summary>The period's bounds as UTC instants, [start, end): midnight at <see cref="From"/> to midnight after
    /// <see cref="To"/> on the wall clock of <paramref name="zone"/> (daylight-saving rules included).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public (DateTimeOffset Start, DateTimeOffset End) Bounds(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return (Midnight(From, zone), Midnight(To.AddDays(1), zone));
    }

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

        // A midnight skipped by a daylight-saving change starts the day at the first valid minute after it.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}

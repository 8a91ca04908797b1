namespace SoundGraph.Taste.Time;

/// <summary>Counted listening minutes by local weekday (Monday–Sunday) × hour (0–23): when a listener listens.</summary>
/// <remarks>
/// Each counted play's weight (<see cref="PlayFilter.CountedMinutes"/>) is laid back from its end time, so it covers
/// [end − minutes, end], and split at the hour boundaries of the zone's wall clock: a 20-minute play ending at 14:10
/// gives 10 minutes to 13:00–14:00 and 10 to 14:00–15:00. Daylight-saving changes follow the zone's rules (the
/// repeated autumn hour gathers both passes, the skipped spring hour none). The cells sum to the counted minutes.
/// </remarks>
public sealed class ListeningClock
{
    /// <summary>Cells: 7 days × 24 hours = 168.</summary>
    public const int CellCount = 7 * 24;

    private readonly double[] _minutes = new double[CellCount];

    internal ListeningClock()
    {
    }

    /// <summary>The 168 cells in minutes, Monday 00:00–01:00 first, hour by hour to Sunday 23:00–24:00: index =
    /// 24 × (0 for Monday … 6 for Sunday) + hour.</summary>
    public IReadOnlyList<double> Cells => _minutes;

    /// <summary>Total minutes over all cells.</summary>
    public double TotalMinutes => _minutes.Sum();

    /// <summary>Minutes listened on <paramref name="day"/> between <paramref name="hour"/>:00 and
    /// <paramref name="hour"/> + 1:00, local time.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hour"/> is outside 0–23 or
    /// <paramref name="day"/> is not a day.</exception>
    public double Minutes(DayOfWeek day, int hour)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hour, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        if (!Enum.IsDefined(day))
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "Not a day of the week.");
        }

        return _minutes[Index(day, hour)];
    }

    /// <summary>Adds the span of <paramref name="ticks"/> (100 ns) that ends at <paramref name="end"/>.</summary>
    internal void Add(DateTimeOffset end, long ticks, TimeZoneInfo zone)
    {
        var at = end.AddTicks(-ticks);
        var left = ticks;
        while (left > 0)
        {
            var local = TimeZoneInfo.ConvertTime(at, zone);
            var toNextHour = TimeSpan.TicksPerHour - (local.TimeOfDay.Ticks % TimeSpan.TicksPerHour);
            var step = Math.Min(left, toNextHour);
            _minutes[Index(local.DayOfWeek, local.Hour)] += (double)step / TimeSpan.TicksPerMinute;
            at = at.AddTicks(step);
            left -= step;
        }
    }

    private static int Index(DayOfWeek day, int hour) => (((int)day + 6) % 7 * 24) + hour;
}

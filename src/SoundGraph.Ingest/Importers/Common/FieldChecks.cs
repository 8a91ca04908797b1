using System.Globalization;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>Per-field value checks shared by the importers: each returns the reject reason (without a final period, so a
/// caller can add its own ending) or null when the value is acceptable.</summary>
/// <remarks>Limits: durations above 0 and below a day (<see cref="MaxDurationMs"/>); counts ≥ 0; names and keys at most
/// <see cref="MaxNameLength"/> characters; timestamps from <see cref="EarliestTime"/> to a day after now (UTC).</remarks>
internal static class FieldChecks
{
    /// <summary>Longest accepted name or key, in UTF-16 characters.</summary>
    public const int MaxNameLength = 1000;

    /// <summary>A day in milliseconds: the exclusive upper bound of a duration.</summary>
    public const long MaxDurationMs = 86_400_000;

    /// <summary>The earliest accepted timestamp (listens, playlist modification and addition times): 2000-01-01 UTC.</summary>
    public static readonly DateTimeOffset EarliestTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest accepted timestamp: a day after now (UTC), for clocks a little ahead.</summary>
    public static DateTimeOffset LatestTime => DateTimeOffset.UtcNow.AddDays(1);

    /// <summary>A duration in milliseconds: above 0 (or 0 with <paramref name="allowZero"/>) and below a day.</summary>
    public static string? Duration(string field, long ms, string text, bool allowZero = false)
    {
        if ((allowZero ? ms >= 0 : ms > 0) && ms < MaxDurationMs)
        {
            return null;
        }

        return $"{field} {text} is not {(allowZero ? "at least 0" : "above 0")} and below a day ({MaxDurationMs.ToString("N0", CultureInfo.InvariantCulture)} ms)";
    }

    /// <summary>A count: at least 0.</summary>
    public static string? Count(string field, long n, string text) => n < 0 ? $"{field} {text} is negative" : null;

    /// <summary>A name or key: at most <see cref="MaxNameLength"/> characters (null is fine).</summary>
    public static string? Name(string field, string? value) =>
        value is { Length: > MaxNameLength }
            ? $"{field} is {value.Length.ToString("N0", CultureInfo.InvariantCulture)} characters long, more than {MaxNameLength.ToString("N0", CultureInfo.InvariantCulture)}: '{value[..40]}…'"
            : null;

    /// <summary>The first failing <see cref="Name"/> check of <paramref name="fields"/>, or null.</summary>
    public static string? Names(params (string Field, string? Value)[] fields)
    {
        foreach (var (field, value) in fields)
        {
            if (Name(field, value) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>A timestamp: from <see cref="EarliestTime"/> to <see cref="LatestTime"/>.</summary>
    public static string? Time(string field, DateTimeOffset time, string text) =>
        time >= EarliestTime && time <= LatestTime ? null : OutsideTimeRange(field, text);

    /// <summary>A unix time in seconds: from <see cref="EarliestTime"/> to <see cref="LatestTime"/>.</summary>
    /// <remarks>Compared as seconds, so a value beyond what <see cref="DateTimeOffset"/> holds is an error, not an exception.</remarks>
    public static string? UnixSeconds(string field, long seconds, string text) =>
        seconds >= EarliestTime.ToUnixTimeSeconds() && seconds <= LatestTime.ToUnixTimeSeconds() ? null : OutsideTimeRange(field, text);

    /// <summary>A calendar date given as day, month and year fields (HetRec tag dates): a real date from
    /// <see cref="EarliestTime"/> to <see cref="LatestTime"/>'s day; <paramref name="date"/> is the date when it is one.</summary>
    public static string? Date(string field, int day, int month, int year, out DateOnly date)
    {
        date = default;
        var text = $"{day.ToString(CultureInfo.InvariantCulture)}/{month.ToString(CultureInfo.InvariantCulture)}/{year.ToString(CultureInfo.InvariantCulture)}";
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return $"{field} {text} is not a calendar date";
        }

        date = new DateOnly(year, month, day);
        return date >= DateOnly.FromDateTime(EarliestTime.UtcDateTime) && date <= DateOnly.FromDateTime(LatestTime.UtcDateTime)
            ? null
            : OutsideTimeRange(field, text);
    }

    private static string OutsideTimeRange(string field, string text) => $"{field} {text} is outside 2000-01-01 … now + 1 day (UTC)";
}

using System.Globalization;

namespace SoundGraph.Ingest.Sources.SoundCloud;

/// <summary>Dates as SoundCloud writes them: <c>2011/04/06 15:37:43 +0000</c> in API v1 bodies and 429
/// <c>reset_time</c>s, ISO-8601 (<c>2011-04-06T15:37:43Z</c>) in newer ones.</summary>
public static class SoundCloudDates
{
    /// <summary>Parses either format.</summary>
    /// <param name="text">The date text; null or blank gives null.</param>
    /// <returns>The instant with its offset, or null when <paramref name="text"/> is empty or in neither format.</returns>
    public static DateTimeOffset? Parse(string? text) => TryParse(text, out var value) ? value : null;

    /// <summary>Parses either format.</summary>
    /// <param name="text">The date text.</param>
    /// <param name="value">The parsed instant; default when the result is false.</param>
    /// <returns>True when <paramref name="text"/> is a date in one of the two formats.</returns>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();

        // SoundCloud format: "yyyy/MM/dd HH:mm:ss +hhmm" (the offset has no colon, which .NET's zzz would need).
        if (s.Length == 25 && s[4] == '/' && s[19] == ' ' && (s[20] == '+' || s[20] == '-')
            && DateTime.TryParseExact(s.AsSpan(0, 19), "yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            && int.TryParse(s.AsSpan(21, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(s.AsSpan(23, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            && hours <= 14 && minutes < 60)
        {
            var offset = new TimeSpan(hours, minutes, 0);
            value = new DateTimeOffset(local, s[20] == '-' ? -offset : offset);
            return true;
        }

        // ISO-8601; a time without an offset is taken as UTC (SoundCloud's servers speak UTC).
        return s.Contains('-', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>Formats an instant the way SoundCloud's v1 bodies do, in UTC: <c>2011/04/06 15:37:43 +0000</c>.</summary>
    /// <param name="value">The instant.</param>
    /// <returns>The text.</returns>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture) + " +0000";
}

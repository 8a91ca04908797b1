using System.Globalization;
using SoundGraph.Services.Taste;
using SoundGraph.Taste.Time;

namespace SoundGraph.Api;

/// <summary>The personal (taste) endpoints' parameters: listener, window, ISO week, time zone, flags.</summary>
internal sealed partial class ParameterValidation
{
    /// <summary>Rejects <paramref name="name"/> with <paramref name="message"/> (the first message per name is kept).</summary>
    public void Reject(string name, string message) => Add(name, message);

    /// <summary>The required listener query (<c>user</c>): 1–200 characters after trimming; null when rejected.</summary>
    public string? Listener(string? value, string name = "user")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(name, $"{name} is required: the listener's name (s001), key or id (user:12).");
            return null;
        }

        return Text(value, name, ApiParameters.MaxQueryLength);
    }

    /// <summary>A window of weeks, "12w" or "12", within 1–<see cref="TasteReports.MaxWeeks"/>; <paramref name="default"/>
    /// when absent or rejected.</summary>
    public int Weeks(string? value, string name, int @default)
    {
        if (string.IsNullOrEmpty(value))
        {
            return @default;
        }

        var text = value.Trim();
        var digits = text.EndsWith('w') || text.EndsWith('W') ? text[..^1] : text;
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var weeks) && weeks >= 1 && weeks <= TasteReports.MaxWeeks)
        {
            return weeks;
        }

        Add(name, $"{name} must be a number of weeks from 1 to {TasteReports.MaxWeeks}, such as 12w (got '{Echo(value)}').");
        return @default;
    }

    /// <summary>An optional ISO week "YYYY-Www" (e.g. 2021-W07); null when absent or rejected.</summary>
    public IsoWeek? Week(string? value, string name = "week")
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (IsoWeek.TryParse(value.Trim(), out var week))
        {
            return week;
        }

        Add(name, $"{name} must be an ISO week YYYY-Www that the year has, such as 2021-W07 (got '{Echo(value)}').");
        return null;
    }

    /// <summary>An optional IANA time zone id (Europe/Berlin, UTC) known to this machine; null when absent or rejected.</summary>
    public string? TimeZone(string? value, string name = "timeZone")
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            _ = TasteAggregation.FindZone(value.Trim());
            return value.Trim();
        }
        catch (TimeZoneNotFoundException ex)
        {
            Add(name, ex.Message.Replace(value, Echo(value), StringComparison.Ordinal));
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            Add(name, $"{name} '{Echo(value)}' is not a usable time zone on this machine.");
            return null;
        }
    }

    /// <summary>An optional flag: true/false/1/0 (case-insensitive); <paramref name="default"/> when absent or rejected.</summary>
    public bool Flag(string? value, string name, bool @default = false)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "":
                return @default;
            case "true" or "1":
                return true;
            case "false" or "0":
                return false;
            default:
                Add(name, $"{name} must be true or false (got '{Echo(value)}').");
                return @default;
        }
    }
}

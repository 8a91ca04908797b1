using System.Globalization;

namespace SoundGraph.Api;

/// <summary>Checks of the taste pipeline's job parameters.</summary>
internal sealed partial class ParameterValidation
{
    /// <summary>An optional point in time: a date (yyyy-MM-dd, midnight UTC), an ISO 8601 date and time (UTC unless it
    /// gives an offset) or unix seconds (digits only, 0 to 253402300799); null when absent or rejected.</summary>
    public DateTimeOffset? Since(string? value, string name = "since")
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.All(char.IsAsciiDigit))
        {
            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253_402_300_799)
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
        }
        else if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        else if (value.Length >= 16 && char.IsAsciiDigit(value[0]) && value.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.ToUniversalTime();
        }

        Add(name, $"{name} must be a date (2024-01-31), an ISO 8601 time (2024-01-31T18:00:00Z) or unix seconds (got '{Echo(value)}').");
        return null;
    }
}

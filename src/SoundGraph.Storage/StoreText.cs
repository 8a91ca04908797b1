using System.Globalization;

namespace SoundGraph.Storage;

/// <summary>Text forms the store writes and the read services print, defined once.</summary>
internal static class StoreText
{
    /// <summary>"1 playlist", "1,234 playlists" (invariant thousands separators).</summary>
    public static string Count(long n, string noun) => n.ToString("N0", CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? string.Empty : "s");

    /// <summary>A UTC timestamp as stored in TEXT columns: ISO 8601 to the second, "2020-09-30T15:13:00Z".</summary>
    public static string UtcTimestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><see cref="UtcTimestamp"/> of an optional value; null stays null.</summary>
    public static string? UtcTimestampOrNull(DateTimeOffset? at) => at is { } value ? UtcTimestamp(value) : null;
}

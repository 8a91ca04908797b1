using System.Globalization;

namespace SoundGraph.FakeSoundCloud.Server;

/// <summary>SoundCloud's timestamp format, <c>2011/04/06 15:37:43 +0000</c> (UTC, whole seconds).</summary>
public static class SoundCloudDate
{
    /// <summary>Formats <paramref name="value"/> in UTC as <c>yyyy/MM/dd HH:mm:ss +0000</c> (fractions dropped).</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'/'MM'/'dd HH':'mm':'ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>Rounds up to the next whole second (unchanged when already whole).</summary>
    public static DateTimeOffset CeilingToSecond(DateTimeOffset value)
    {
        var remainder = value.UtcTicks % TimeSpan.TicksPerSecond;
        return remainder == 0 ? value : value.AddTicks(TimeSpan.TicksPerSecond - remainder);
    }
}

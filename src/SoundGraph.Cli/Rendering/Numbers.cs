using System.Globalization;

namespace SoundGraph.Cli.Rendering;

/// <summary>How the CLI prints numbers in tables: invariant, with thousands separators.</summary>
internal static class Numbers
{
    /// <summary>"1,234,567".</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Seconds with <paramref name="decimals"/> decimals ("11.73").</summary>
    public static string Seconds(double s, int decimals) => s.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

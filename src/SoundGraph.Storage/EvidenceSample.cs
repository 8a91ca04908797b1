using System.Globalization;
using System.Text;

namespace SoundGraph.Storage;

/// <summary>The stored form of a relation's evidence sample (<c>relation_evidence.sample_ids</c>): ids in ascending
/// order, comma-separated, invariant culture ("12,45,78").</summary>
public static class EvidenceSample
{
    /// <summary>Formats <paramref name="ids"/> as stored.</summary>
    public static string Format(IReadOnlyList<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Formats <paramref name="ids"/> as stored.</summary>
    public static string Format(ReadOnlySpan<long> ids)
    {
        var text = new StringBuilder(ids.Length * 8);
        for (var i = 0; i < ids.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(CultureInfo.InvariantCulture, $"{ids[i]}");
        }

        return text.ToString();
    }

    /// <summary>Parses a stored sample.</summary>
    /// <exception cref="FormatException">A part is not an integer.</exception>
    public static long[] Parse(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split(',').Select(p => long.Parse(p, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray();
}

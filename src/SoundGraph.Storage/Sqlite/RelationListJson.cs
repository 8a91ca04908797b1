using System.Globalization;
using System.Text;

namespace SoundGraph.Storage.Sqlite;

/// <summary>The SQLite form of one source's relation list (<c>relation_lists.items</c>, migration 0016): a JSON array in
/// rank order whose elements are <c>[dst_id, weight, count, sample]</c>, sample being the evidence ids as stored by
/// <see cref="EvidenceSample"/> ("12,45,78") or null. Weights are written round-trip exact ("R") with a decimal point, so
/// SQLite's <c>json_extract</c> reads them back as REAL.</summary>
public static class RelationListJson
{
    /// <summary>Appends the JSON of one list to <paramref name="json"/> (cleared first).</summary>
    /// <remarks>Arguments as in <see cref="IRelationWriter.Append"/>; they are assumed checked.</remarks>
    public static void Format(StringBuilder json, ReadOnlySpan<long> dstIds, ReadOnlySpan<double> weights, ReadOnlySpan<int> counts, ReadOnlySpan<int> evidenceOffsets, ReadOnlySpan<long> evidenceIds)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.Clear();
        json.Append('[');
        Span<char> number = stackalloc char[32];
        var first = evidenceOffsets[0];
        for (var i = 0; i < dstIds.Length; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            json.Append('[').Append(CultureInfo.InvariantCulture, $"{dstIds[i]}").Append(',');
            weights[i].TryFormat(number, out var written, "R", CultureInfo.InvariantCulture);
            var w = number[..written];
            json.Append(w);
            if (w.IndexOfAny('.', 'E') < 0)
            {
                json.Append(".0");
            }

            json.Append(',').Append(CultureInfo.InvariantCulture, $"{counts[i]}").Append(',');
            var from = evidenceOffsets[i] - first;
            var to = evidenceOffsets[i + 1] - first;
            if (to == from)
            {
                json.Append("null]");
                continue;
            }

            json.Append('"');
            for (var e = from; e < to; e++)
            {
                if (e > from)
                {
                    json.Append(',');
                }

                json.Append(CultureInfo.InvariantCulture, $"{evidenceIds[e]}");
            }

            json.Append("\"]");
        }

        json.Append(']');
    }
}

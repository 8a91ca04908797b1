using System.Buffers.Text;

namespace SoundGraph.Storage.Sqlite;

/// <summary>The SQLite form of one source's relation list (<c>relation_lists.items</c>, migration 0016): a JSON array in
/// rank order whose elements are <c>[dst_id, weight, count, sample]</c>, sample being the evidence ids as stored by
/// <see cref="EvidenceSample"/> ("12,45,78") or null. Weights are written round-trip exact ("R") with a decimal point
/// or exponent, so SQLite's <c>json_extract</c> reads them back as the same REAL.</summary>
public sealed class RelationListJson
{
    private byte[] _buffer = new byte[16 * 1024];
    private int _length;

    /// <summary>The JSON of the last <see cref="Format"/>, UTF-8.</summary>
    public ReadOnlySpan<byte> Utf8 => _buffer.AsSpan(0, _length);

    /// <summary>Formats one list into <see cref="Utf8"/> (replacing the previous one).</summary>
    /// <remarks>Arguments as in <see cref="IRelationWriter.Append"/>; they are assumed checked (finite weights).</remarks>
    public void Format(ReadOnlySpan<long> dstIds, ReadOnlySpan<double> weights, ReadOnlySpan<int> counts, ReadOnlySpan<int> evidenceOffsets, ReadOnlySpan<long> evidenceIds)
    {
        _length = 0;
        Put((byte)'[');
        var first = evidenceOffsets[0];
        for (var i = 0; i < dstIds.Length; i++)
        {
            if (i > 0)
            {
                Put((byte)',');
            }

            Put((byte)'[');
            Put(dstIds[i]);
            Put((byte)',');
            PutWeight(weights[i]);
            Put((byte)',');
            Put(counts[i]);
            Put((byte)',');
            var from = evidenceOffsets[i] - first;
            var to = evidenceOffsets[i + 1] - first;
            if (to == from)
            {
                Put("null]"u8);
                continue;
            }

            Put((byte)'"');
            for (var e = from; e < to; e++)
            {
                if (e > from)
                {
                    Put((byte)',');
                }

                Put(evidenceIds[e]);
            }

            Put("\"]"u8);
        }

        Put((byte)']');
    }

    /// <summary>The JSON of one list as a string (tests, diagnostics).</summary>
    public static string ToText(ReadOnlySpan<long> dstIds, ReadOnlySpan<double> weights, ReadOnlySpan<int> counts, ReadOnlySpan<int> evidenceOffsets, ReadOnlySpan<long> evidenceIds)
    {
        var json = new RelationListJson();
        json.Format(dstIds, weights, counts, evidenceOffsets, evidenceIds);
        return System.Text.Encoding.UTF8.GetString(json.Utf8);
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }

    private void Put(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    private void Put(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Put(long value)
    {
        Ensure(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
        _length += written;
    }

    private void PutWeight(double value)
    {
        Ensure(32);
        var span = _buffer.AsSpan(_length);
        value.TryFormat(span, out var written, "R", System.Globalization.CultureInfo.InvariantCulture);
        var text = span[..written];
        _length += written;
        if (text.IndexOfAny((byte)'.', (byte)'E') < 0)
        {
            Put(".0"u8);
        }
    }
}

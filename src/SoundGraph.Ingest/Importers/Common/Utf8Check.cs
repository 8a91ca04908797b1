using System.Buffers;
using System.Globalization;
using System.Text.Unicode;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>Checks a byte stream fed in pieces of any size for valid UTF-8 (RFC 3629: no overlong forms, surrogates or
/// code points above U+10FFFF), remembering the first bad byte: its offset from the start, its value and its line.</summary>
internal sealed class Utf8Check
{
    private readonly byte[] _carry = new byte[4];
    private readonly char[] _scratch = new char[4096];
    private int _carryLength;
    private long _offset;
    private long _lines;

    /// <summary>Offset (0-based, in bytes) of the first byte that is not valid UTF-8; null while all is valid.</summary>
    public long? BadOffset { get; private set; }

    /// <summary>The value of the byte at <see cref="BadOffset"/> (0 when the data ends inside a sequence).</summary>
    public byte BadByte { get; private set; }

    /// <summary>The 1-based line of <see cref="BadOffset"/>.</summary>
    public long BadLine => _lines + 1;

    /// <summary>Checks the next piece; false once a bad byte was found (further pieces are ignored).</summary>
    public bool Append(ReadOnlySpan<byte> bytes)
    {
        if (BadOffset is not null)
        {
            return false;
        }

        // A sequence cut by the previous piece's end: complete it one byte at a time (at most 3 more).
        while (_carryLength > 0 && bytes.Length > 0)
        {
            _carry[_carryLength++] = bytes[0];
            bytes = bytes[1..];
            var status = Utf8.ToUtf16(_carry.AsSpan(0, _carryLength), _scratch, out var read, out _, replaceInvalidSequences: false, isFinalBlock: false);
            if (status == OperationStatus.InvalidData)
            {
                return Fail(_offset + read, _carry[read]);
            }

            if (status == OperationStatus.Done)
            {
                _offset += _carryLength;
                _carryLength = 0;
            }
        }

        while (bytes.Length > 0)
        {
            var status = Utf8.ToUtf16(bytes, _scratch, out var read, out _, replaceInvalidSequences: false, isFinalBlock: false);
            _lines += bytes[..read].Count((byte)'\n');
            _offset += read;
            switch (status)
            {
                case OperationStatus.InvalidData:
                    return Fail(_offset, bytes[read]);
                case OperationStatus.NeedMoreData:
                    bytes[read..].CopyTo(_carry);
                    _carryLength = bytes.Length - read;
                    return true;
                default:
                    bytes = bytes[read..];
                    break;
            }
        }

        return true;
    }

    /// <summary>Ends the data: a sequence left incomplete at the end is bad. False when a bad byte was found.</summary>
    public bool Complete() => BadOffset is null && (_carryLength == 0 || Fail(_offset, _carry[0]));

    /// <summary>"byte 0xE9 at offset 1,234 (line 5)".</summary>
    public string Describe() =>
        $"byte 0x{BadByte:X2} at offset {BadOffset.GetValueOrDefault().ToString("N0", CultureInfo.InvariantCulture)} (line {BadLine.ToString("N0", CultureInfo.InvariantCulture)})";

    /// <summary>The 0-based index of the first byte of <paramref name="line"/> that is not valid UTF-8, or -1.</summary>
    public static int FirstInvalid(ReadOnlySpan<byte> line)
    {
        var i = 0;
        while (i < line.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(line[i..], out _, out var consumed) != OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
        }

        return -1;
    }

    private bool Fail(long offset, byte value)
    {
        BadOffset = offset;
        BadByte = value;
        return false;
    }
}

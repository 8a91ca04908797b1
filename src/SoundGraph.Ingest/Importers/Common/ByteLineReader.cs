namespace SoundGraph.Ingest.Importers.Common;

/// <summary>Reads a stream line by line as raw bytes (lines end with LF; a CR before it is dropped), so a caller can check
/// each line's encoding itself and reject one bad line instead of failing the file. Lines longer than
/// <see cref="MaxLineBytes"/> are not kept: <see cref="TooLong"/> is set and the line is empty.</summary>
internal sealed class ByteLineReader(Stream stream, int maxLineBytes = ByteLineReader.DefaultMaxLineBytes)
{
    /// <summary>Default longest kept line: 1 MiB.</summary>
    public const int DefaultMaxLineBytes = 1 << 20;

    private readonly byte[] _buffer = new byte[1 << 16];
    private byte[] _line = new byte[4096];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>Longest kept line, in bytes.</summary>
    public int MaxLineBytes => maxLineBytes;

    /// <summary>1-based number of the line last read (0 before the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>True when the line last read was longer than <see cref="MaxLineBytes"/> (its bytes are dropped).</summary>
    public bool TooLong { get; private set; }

    /// <summary>True when the line last read is the end of the stream without a final LF (possibly cut off).</summary>
    public bool Unterminated { get; private set; }

    /// <summary>Reads the next line's bytes without its line end; null at the end of the stream.</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        TooLong = false;
        Unterminated = false;
        while (true)
        {
            if (_start == _end)
            {
                if (_eof)
                {
                    break;
                }

                _start = 0;
                _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                if (_end == 0)
                {
                    _eof = true;
                    break;
                }
            }

            var span = _buffer.AsSpan(_start, _end - _start);
            var nl = span.IndexOf((byte)'\n');
            var take = nl < 0 ? span.Length : nl;
            Append(span[..take], ref length);
            _start += nl < 0 ? take : take + 1;
            if (nl >= 0)
            {
                LineNumber++;
                return Finish(length);
            }
        }

        if (length == 0 && !TooLong)
        {
            return null;
        }

        LineNumber++;
        Unterminated = true;
        return Finish(length);
    }

    private void Append(ReadOnlySpan<byte> bytes, ref int length)
    {
        if (TooLong)
        {
            return;
        }

        if (length + bytes.Length > maxLineBytes)
        {
            TooLong = true;
            length = 0;
            return;
        }

        if (length + bytes.Length > _line.Length)
        {
            Array.Resize(ref _line, Math.Min(maxLineBytes, Math.Max(_line.Length * 2, length + bytes.Length)));
        }

        bytes.CopyTo(_line.AsSpan(length));
        length += bytes.Length;
    }

    private ReadOnlyMemory<byte> Finish(int length)
    {
        if (length > 0 && _line[length - 1] == (byte)'\r')
        {
            length--;
        }

        return _line.AsMemory(0, length);
    }
}

using System.Globalization;
using System.Text;
using SoundGraph.Core.Import;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>
/// Decodes a CSV/TSV byte stream one line at a time (a line ends with LF, CR LF included), so the encoding is decided per
/// line: with <see cref="InputEncoding.Detect"/> a line that is valid UTF-8 is read as UTF-8 and a line that is not as
/// Windows-1252 (a file re-saved as Latin-1 or cp1252 then reads correctly, and no text becomes U+FFFD); with
/// <see cref="InputEncoding.Utf8"/> a line that is not valid UTF-8 is noted in <see cref="TakeError"/> for its importer to
/// reject; <see cref="InputEncoding.Windows1252"/> and <see cref="InputEncoding.Latin1"/> read every line so.
/// </summary>
/// <remarks>
/// <para>Per line rather than per file because the importers stream: a per-file decision would need the whole file read
/// first. An LF byte never occurs inside a UTF-8 or Windows-1252 character, so splitting the bytes first is exact. Latin-1
/// text that happens to be valid UTF-8 ("Ã©", C3 A9) would be read as UTF-8; real names almost never pair those
/// characters.</para>
/// <para>A byte order mark decides the file: EF BB BF is UTF-8 (read like <see cref="InputEncoding.Utf8"/> unless an
/// encoding was given), FF FE / FE FF UTF-16 (decoded as such, whatever was given). The mark is not part of the text.</para>
/// <para>Windows-1252 is decoded from a table (WHATWG's: 0x81, 0x8D, 0x8F, 0x90, 0x9D, undefined in cp1252, become
/// U+0081 … U+009D), so no byte becomes U+FFFD.</para>
/// <para><see cref="ReadLine"/> returns one byte line without its LF and a CR before it (a lone CR stays in the text), so
/// its count is the line number of <see cref="TakeError"/>.</para>
/// </remarks>
internal sealed class LineDecodingReader : TextReader
{
    private const int BufferSize = 1 << 16;

    /// <summary>Windows-1252 0x80–0x9F.</summary>
    private static readonly string Cp1252High =
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
        "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    private readonly Stream _stream;
    private readonly string _file;
    private readonly ImportReport? _report;
    private readonly Queue<(long Line, string Reason)> _errors = new();
    private InputEncoding _encoding;
    private Decoder? _utf16;
    private byte[] _bytes = new byte[BufferSize];
    private int _byteStart;
    private int _byteEnd;
    private int _scanned;
    private bool _eof;
    private bool _bomChecked;
    private char[] _chars = new char[BufferSize];
    private int _charStart;
    private int _charEnd;
    private long _line;
    private long _fallbackLines;
    private long _firstFallbackLine;

    /// <summary>Creates a reader of <paramref name="stream"/> (disposed with the reader).</summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="encoding">How to decode.</param>
    /// <param name="file">The file's path, for the note.</param>
    /// <param name="report">Receives, when the reader is disposed, a note of the lines read as Windows-1252 under
    /// <see cref="InputEncoding.Detect"/>; null for a reader that only checks a header.</param>
    public LineDecodingReader(Stream stream, InputEncoding encoding, string file, ImportReport? report)
    {
        _stream = stream;
        _encoding = encoding;
        _file = file;
        _report = report;
    }

    /// <summary>Lines that were not valid UTF-8 and were read as Windows-1252 (<see cref="InputEncoding.Detect"/>).</summary>
    public long FallbackLines => _fallbackLines;

    /// <summary>True while a line's decoding error waits for <see cref="TakeError"/>.</summary>
    public bool HasErrors => _errors.Count > 0;

    /// <summary>The reject reason (no final period) for the first line from <paramref name="first"/> to
    /// <paramref name="last"/> (1-based, inclusive) that is not valid UTF-8 under <see cref="InputEncoding.Utf8"/>, or null.
    /// Errors of earlier lines are dropped: call it for the lines in file order.</summary>
    public string? TakeError(long first, long last)
    {
        string? reason = null;
        while (_errors.TryPeek(out var e) && e.Line <= last)
        {
            _errors.Dequeue();
            if (e.Line >= first)
            {
                reason ??= e.Reason;
            }
        }

        return reason;
    }

    /// <inheritdoc/>
    public override int Peek() => _charStart < _charEnd || Sync(FillAsync(sync: true, default)) ? _chars[_charStart] : -1;

    /// <inheritdoc/>
    public override int Read() => Peek() < 0 ? -1 : _chars[_charStart++];

    /// <inheritdoc/>
    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    /// <inheritdoc/>
    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || (_charStart == _charEnd && !Sync(FillAsync(sync: true, default))))
        {
            return 0;
        }

        return Take(buffer);
    }

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty || (_charStart == _charEnd && !await FillAsync(sync: false, cancellationToken).ConfigureAwait(false)))
        {
            return 0;
        }

        return Take(buffer.Span);
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    /// <inheritdoc/>
    public override string? ReadLine() => Sync(ReadLineAsync(sync: true, default));

    /// <inheritdoc/>
    public override Task<string?> ReadLineAsync() => ReadLineAsync(sync: false, default).AsTask();

    /// <inheritdoc/>
    public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) => ReadLineAsync(sync: false, cancellationToken);

    /// <summary>Adds the note of the lines read as Windows-1252 to the report (once), when there were any.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stream.Dispose();
            if (_report is not null && _fallbackLines > 0)
            {
                _report.Notes.Add(
                    $"{Path.GetFileName(_file)}: {_fallbackLines.ToString("N0", CultureInfo.InvariantCulture)} line{(_fallbackLines == 1 ? " is" : "s are")} not UTF-8 and "
                    + $"{(_fallbackLines == 1 ? "was" : "were")} read as Windows-1252 (first: line {_firstFallbackLine.ToString(CultureInfo.InvariantCulture)}); pass --encoding to choose");
                _fallbackLines = 0;
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>The result of a call made with sync: true, which never waits, so its task has completed.</summary>
    private static T Sync<T>(ValueTask<T> task) => task.IsCompleted ? task.Result : task.AsTask().GetAwaiter().GetResult();

    private static void DecodeWindows1252(ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            chars[i] = b is >= 0x80 and < 0xA0 ? Cp1252High[b - 0x80] : (char)b;
        }
    }

    private int Take(Span<char> buffer)
    {
        var n = Math.Min(buffer.Length, _charEnd - _charStart);
        _chars.AsSpan(_charStart, n).CopyTo(buffer);
        _charStart += n;
        return n;
    }

    private async ValueTask<string?> ReadLineAsync(bool sync, CancellationToken cancellationToken)
    {
        var scanned = 0;
        while (true)
        {
            var pending = _chars.AsSpan(_charStart, _charEnd - _charStart);
            var lf = pending[scanned..].IndexOf('\n');
            if (lf >= 0)
            {
                var end = scanned + lf;
                var line = new string(pending[..(end > 0 && pending[end - 1] == '\r' ? end - 1 : end)]);
                _charStart += end + 1;
                return line;
            }

            scanned = pending.Length;
            if (!await FillAsync(sync, cancellationToken).ConfigureAwait(false))
            {
                return _charStart == _charEnd ? null : Rest();
            }
        }
    }

    /// <summary>The pending characters (the last line, without a line break after it) without a final CR.</summary>
    private string Rest()
    {
        var rest = _chars.AsSpan(_charStart, _charEnd - _charStart);
        _charStart = _charEnd;
        return new string(rest.EndsWith('\r') ? rest[..^1] : rest);
    }

    /// <summary>Appends the next line's characters (UTF-16: the next piece); false at the end of the data.</summary>
    private async ValueTask<bool> FillAsync(bool sync, CancellationToken cancellationToken)
    {
        while (true)
        {
            var available = _byteEnd - _byteStart;
            if (_bomChecked && _utf16 is null)
            {
                var lf = _bytes.AsSpan(_byteStart + _scanned, available - _scanned).IndexOf((byte)'\n');
                if (lf >= 0 || (_eof && available > 0))
                {
                    var length = lf >= 0 ? _scanned + lf + 1 : available;
                    DecodeLine(_bytes.AsSpan(_byteStart, length));
                    _byteStart += length;
                    _scanned = 0;
                    return true;
                }

                _scanned = available;
            }
            else if (_utf16 is not null && (available > 0 || _eof))
            {
                Reserve(_utf16.GetCharCount(_bytes, _byteStart, available, flush: _eof));
                var n = _utf16.GetChars(_bytes, _byteStart, available, _chars, _charEnd, flush: _eof);
                _charEnd += n;
                _byteStart = _byteEnd;
                if (n > 0)
                {
                    return true;
                }
            }

            if (_eof)
            {
                return false;
            }

            if (!_bomChecked && available >= 3)
            {
                CheckBom();
                continue;
            }

            if (_byteStart > 0)
            {
                Buffer.BlockCopy(_bytes, _byteStart, _bytes, 0, available);
                _byteEnd = available;
                _byteStart = 0;
            }
            else if (_byteEnd == _bytes.Length)
            {
                Array.Resize(ref _bytes, _bytes.Length * 2);
            }

            var read = sync
                ? _stream.Read(_bytes, _byteEnd, _bytes.Length - _byteEnd)
                : await _stream.ReadAsync(_bytes.AsMemory(_byteEnd), cancellationToken).ConfigureAwait(false);
            _byteEnd += read;
            _eof = read == 0;
            if (_eof && !_bomChecked)
            {
                CheckBom();
            }
        }
    }

    private void CheckBom()
    {
        _bomChecked = true;
        var head = _bytes.AsSpan(_byteStart, _byteEnd - _byteStart);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            _byteStart += 3;
            if (_encoding == InputEncoding.Detect)
            {
                _encoding = InputEncoding.Utf8;
            }
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            _utf16 = (head[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode).GetDecoder();
            _byteStart += 2;
        }
    }

    private void DecodeLine(ReadOnlySpan<byte> bytes)
    {
        _line++;
        var encoding = _encoding;
        if (encoding is InputEncoding.Detect or InputEncoding.Utf8 && !System.Text.Unicode.Utf8.IsValid(bytes))
        {
            if (encoding == InputEncoding.Detect)
            {
                encoding = InputEncoding.Windows1252;
                if (_fallbackLines++ == 0)
                {
                    _firstFallbackLine = _line;
                }
            }
            else
            {
                var bad = Utf8Check.FirstInvalid(bytes);
                _errors.Enqueue((_line,
                    $"line {_line.ToString(CultureInfo.InvariantCulture)} is not valid UTF-8 (byte 0x{bytes[bad]:X2} at byte {(bad + 1).ToString(CultureInfo.InvariantCulture)} of the line; "
                    + "--encoding windows-1252 or latin1 reads such a file)"));
            }
        }

        var chars = Reserve(encoding == InputEncoding.Utf8 ? Encoding.UTF8.GetCharCount(bytes) : bytes.Length);
        var target = _chars.AsSpan(_charEnd, chars);
        switch (encoding)
        {
            case InputEncoding.Windows1252:
                DecodeWindows1252(bytes, target);
                break;
            case InputEncoding.Latin1:
                Encoding.Latin1.GetChars(bytes, target);
                break;
            default:
                chars = Encoding.UTF8.GetChars(bytes, target);
                break;
        }

        _charEnd += chars;
    }

    /// <summary>Makes room for <paramref name="count"/> more characters after the pending ones; returns the count.</summary>
    private int Reserve(int count)
    {
        if (_charEnd + count > _chars.Length)
        {
            var pending = _charEnd - _charStart;
            var target = pending + count > _chars.Length ? new char[Math.Max(_chars.Length * 2, pending + count)] : _chars;
            Array.Copy(_chars, _charStart, target, 0, pending);
            _chars = target;
            _charStart = 0;
            _charEnd = pending;
        }

        return count;
    }
}

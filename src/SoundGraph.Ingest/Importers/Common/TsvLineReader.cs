using SoundGraph.Core.Import;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>Reads a tab-separated text file without quoting, line by line, with 1-based line numbers. It reads one line
/// ahead, so it knows when the line it returns is the last one, and whether that line was cut off (the file does not end
/// with a line break: a truncated copy). Text is decoded by a <see cref="LineDecodingReader"/>; a line it could not
/// decode under an explicit UTF-8 is flagged in <see cref="DecodeError"/>, which every importer rejects.</summary>
internal sealed class TsvLineReader(LineDecodingReader reader, TsvLineReader.TailStream? tail = null) : IDisposable
{
    private bool _started;
    private string? _next;
    private string? _nextError;

    /// <summary>Line number of the last line returned (1 = the header).</summary>
    public int LineNumber { get; private set; }

    /// <summary>The last line read, as text.</summary>
    public string Line { get; private set; } = string.Empty;

    /// <summary>True when the line last returned is the file's final line and no line break follows it: the file ends
    /// in the middle of that line (a framing error). Always false for a reader made without a <see cref="TailStream"/>.</summary>
    public bool LineIsCut { get; private set; }

    /// <summary>For the line last returned: why it could not be decoded ("line N is not valid UTF-8 (byte 0xE9 at byte 7 of
    /// the line; …)", no final period), or null. Only under <see cref="InputEncoding.Utf8"/> (given, or a UTF-8 byte order
    /// mark); the line's text then holds U+FFFD and must be rejected, never stored.</summary>
    public string? DecodeError { get; private set; }

    /// <summary>Opens <paramref name="path"/> (gzip transparently) for reading with cut-line detection.</summary>
    /// <param name="path">The file.</param>
    /// <param name="encoding">How to decode it (<see cref="LineDecodingReader"/>).</param>
    /// <param name="report">Receives the note of lines read as Windows-1252; null for a header check.</param>
    /// <param name="progress">Byte progress.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    public static async Task<TsvLineReader> OpenAsync(
        string path, InputEncoding encoding, ImportReport? report, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var tail = new TailStream(await ImportInput.OpenReadAsync(path, progress, cancellationToken).ConfigureAwait(false));
        return new TsvLineReader(new LineDecodingReader(tail, encoding, path, report), tail);
    }

    /// <summary>Opens <paramref name="path"/> (gzip transparently) without cut-line detection.</summary>
    public static async Task<TsvLineReader> OpenPlainAsync(
        string path, InputEncoding encoding, ImportReport? report, IProgress<ImportProgress>? progress, CancellationToken cancellationToken) =>
        new(await ImportInput.OpenTextAsync(path, encoding, report, progress, cancellationToken).ConfigureAwait(false));

    /// <summary>Reads the next line split on tabs; null at the end of the file.</summary>
    public async Task<string[]?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            _started = true;
            _next = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            _nextError = reader.TakeError(1, 1);
        }

        var line = _next;
        if (line is null)
        {
            LineIsCut = false;
            return null;
        }

        DecodeError = _nextError;
        _next = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        LineNumber++;
        _nextError = reader.TakeError(LineNumber + 1, LineNumber + 1);
        Line = line;
        // At the end of the file the tail stream has seen its last byte: a line break ends a complete file.
        LineIsCut = _next is null && tail is { LastByte: not ((byte)'\n' or (byte)'\r') };
        return line.Split('\t');
    }

    /// <summary>Reads the next non-empty line; null at the end of the file.</summary>
    public async Task<string[]?> ReadNonEmptyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var fields = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (fields is null || Line.Length > 0)
            {
                return fields;
            }
        }
    }

    /// <summary>True when <paramref name="header"/> holds exactly <paramref name="expected"/> (case-insensitive, in order).</summary>
    public static bool HeaderMatches(string[]? header, IReadOnlyList<string> expected)
    {
        if (header is null || header.Length != expected.Count)
        {
            return false;
        }

        for (var i = 0; i < header.Length; i++)
        {
            if (!string.Equals(header[i].Trim().TrimStart('\uFEFF'), expected[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose() => reader.Dispose();

    /// <summary>A read-only pass-through that remembers the last byte read (-1 before any), so the reader can tell whether
    /// the file ends with a line break.</summary>
    internal sealed class TailStream(Stream inner) : PassThroughReadStream(inner)
    {
        /// <summary>The last byte read so far, or -1.</summary>
        public int LastByte { get; private set; } = -1;

        protected override int OnRead(ReadOnlySpan<byte> buffer, int count)
        {
            if (count > 0)
            {
                LastByte = buffer[count - 1];
            }

            return count;
        }
    }
}

using System.Globalization;
using System.IO.Compression;
using SoundGraph.Core.Import;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>Opens input files for importers: byte progress on the file, gzip detected by its magic bytes (1f 8b) and
/// checked whole against its trailer before the importer reads it.</summary>
internal static class ImportInput
{
    private const int BufferSize = 1 << 16;

    /// <summary>Opens <paramref name="path"/> for sequential reading, decompressing it when it starts with the gzip magic bytes.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InputFormatException">The path is a folder; or the file is gzip but cut off or damaged (see
    /// <see cref="VerifyGzipAsync"/>), found before the importer reads a byte of it.</exception>
    public static Task<Stream> OpenReadAsync(string path, IProgress<ImportProgress>? progress, CancellationToken cancellationToken) =>
        OpenReadAsync(path, null, progress, cancellationToken);

    /// <summary>Opens <paramref name="path"/> like <see cref="OpenReadAsync(string, IProgress{ImportProgress}?, CancellationToken)"/>
    /// after checking that its (decompressed) bytes are UTF-8 throughout, as JSON must be (RFC 8259 §8.1).</summary>
    /// <remarks>The check reads the whole file once before the importer does (for gzip in the pass that checks the trailer,
    /// so at no extra cost), so a file that is not UTF-8 stores nothing: a JSON reader only meets a bad byte when it
    /// decodes a string, after earlier records may have been written.</remarks>
    /// <exception cref="InputFormatException">As for the other overload; or a byte is not valid UTF-8: the message names
    /// the file, the byte, its offset and line.</exception>
    public static Task<Stream> OpenUtf8ReadAsync(string path, IProgress<ImportProgress>? progress, CancellationToken cancellationToken) =>
        OpenReadAsync(path, new Utf8Check(), progress, cancellationToken);

    private static async Task<Stream> OpenReadAsync(string path, Utf8Check? utf8, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new InputFormatException($"'{path}' is a folder; this format reads a file: pass the file inside it.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Input file '{path}' does not exist.", path);
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            var magic = new byte[2];
            var n = 0;
            while (n < magic.Length)
            {
                var r = await file.ReadAsync(magic.AsMemory(n), cancellationToken).ConfigureAwait(false);
                if (r == 0)
                {
                    break;
                }

                n += r;
            }

            var gzip = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            if (gzip)
            {
                await VerifyGzipAsync(file, path, utf8, cancellationToken).ConfigureAwait(false);
            }
            else if (utf8 is not null)
            {
                await CheckUtf8Async(file, utf8, cancellationToken).ConfigureAwait(false);
            }

            if (utf8 is not null && !utf8.Complete())
            {
                throw new InputFormatException(
                    $"'{path}' is not UTF-8 text, as JSON must be: {utf8.Describe()} is not valid UTF-8 (re-encode the file, e.g. iconv -f windows-1252 -t utf-8); nothing of it was imported.");
            }

            file.Position = 0;
            var counted = new ProgressStream(file, path, progress);
            return gzip ? new GZipStream(counted, CompressionMode.Decompress) : counted;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Decompresses the whole gzip <paramref name="file"/> once, counting bytes and lines, and compares the data's
    /// CRC-32 and length (mod 2³²) with the 8-byte trailer that ends the file (RFC 1952 §2.3.1).</summary>
    /// <remarks>.NET's <see cref="GZipStream"/> ends a cut-off stream quietly, as if the data ended there (a file cut to a
    /// third read as a third of its rows, exit 0), so the check is made here, before anything of the file is imported:
    /// a cut-off or damaged file then stores nothing. Costs one extra decompression of the file. A file of several
    /// concatenated gzip members (<c>cat a.gz b.gz</c>) is decompressed a second time to check the last member, which the
    /// trailer covers (its data must be under 4 GiB); the earlier members' trailers are not checked, but a cut always
    /// falls in the last member.</remarks>
    /// <exception cref="InputFormatException">The data does not match the trailer, or decompression fails; the message
    /// names the file and how far it got (bytes and lines decompressed).</exception>
    private static async Task VerifyGzipAsync(FileStream file, string path, Utf8Check? utf8, CancellationToken cancellationToken)
    {
        var length = file.Length;
        uint trailerCrc = 0, trailerSize = 0;
        if (length >= 18)
        {
            var trailer = new byte[8];
            file.Position = length - 8;
            await file.ReadExactlyAsync(trailer, cancellationToken).ConfigureAwait(false);
            trailerCrc = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            trailerSize = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer.AsSpan(4));
        }

        file.Position = 0;
        long bytes = 0, lines = 0;
        var crc = new System.IO.Hashing.Crc32();
        var buffer = new byte[BufferSize];
        string? failure = null;
        var gz = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
        await using (gz.ConfigureAwait(false))
        {
            try
            {
                int r;
                while ((r = await gz.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    var chunk = buffer.AsSpan(0, r);
                    crc.Append(chunk);
                    utf8?.Append(chunk);
                    lines += chunk.Count((byte)'\n');
                    bytes += r;
                }
            }
            catch (InvalidDataException ex)
            {
                failure = $"decompressing it failed ({ex.Message})";
            }
        }

        if (failure is null && length >= 18 && crc.GetCurrentHashAsUInt32() == trailerCrc && (uint)bytes == trailerSize)
        {
            return;
        }

        // Several concatenated members (cat a.gz b.gz): the trailer covers only the last member, whose data then starts
        // trailerSize bytes before the end; decompress once more and check that part's CRC-32.
        if (failure is null && length >= 18 && bytes - trailerSize is > 0 and var start
            && await CrcFromAsync(file, start, cancellationToken).ConfigureAwait(false) == trailerCrc)
        {
            return;
        }

        failure ??= length < 18 ? "it is shorter than the smallest gzip file (18 bytes)" : "the data does not match the CRC-32 and length in the gzip trailer";
        throw new InputFormatException(
            $"'{path}' is a cut-off or damaged gzip file: {failure}, after {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes " +
            $"({lines.ToString("N0", CultureInfo.InvariantCulture)} lines) decompressed from its {length.ToString("N0", CultureInfo.InvariantCulture)} bytes; nothing of it was imported.");
    }

    /// <summary>Feeds the whole plain <paramref name="file"/> to <paramref name="utf8"/>, stopping at the first bad byte.</summary>
    private static async Task CheckUtf8Async(FileStream file, Utf8Check utf8, CancellationToken cancellationToken)
    {
        file.Position = 0;
        var buffer = new byte[BufferSize];
        int r;
        while ((r = await file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0 && utf8.Append(buffer.AsSpan(0, r)))
        {
        }
    }

    /// <summary>The CRC-32 of the decompressed data of <paramref name="file"/> from byte <paramref name="start"/> on.</summary>
    private static async Task<uint> CrcFromAsync(FileStream file, long start, CancellationToken cancellationToken)
    {
        file.Position = 0;
        var crc = new System.IO.Hashing.Crc32();
        var offset = 0L;
        var buffer = new byte[BufferSize];
        var gz = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
        await using (gz.ConfigureAwait(false))
        {
            int r;
            while ((r = await gz.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                var skip = (int)Math.Clamp(start - offset, 0, r);
                crc.Append(buffer.AsSpan(skip, r - skip));
                offset += r;
            }
        }

        return crc.GetCurrentHashAsUInt32();
    }

    /// <summary>Opens <paramref name="path"/> as CSV/TSV text (gzip transparently), decoded line by line as
    /// <paramref name="encoding"/> says (see <see cref="LineDecodingReader"/>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="encoding">How to decode it.</param>
    /// <param name="report">Receives the note of lines read as Windows-1252 when the reader is disposed; null for a header check.</param>
    /// <param name="progress">Byte progress.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    public static async Task<LineDecodingReader> OpenTextAsync(
        string path, InputEncoding encoding, ImportReport? report, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var stream = await OpenReadAsync(path, progress, cancellationToken).ConfigureAwait(false);
        return new LineDecodingReader(stream, encoding, path, report);
    }

    /// <summary>Returns <paramref name="folder"/>/<paramref name="name"/>, or the same name with ".gz" appended when only that exists; null when neither exists.</summary>
    public static string? FindInFolder(string folder, string name)
    {
        var plain = Path.Combine(folder, name);
        if (File.Exists(plain))
        {
            return plain;
        }

        var gz = plain + ".gz";
        return File.Exists(gz) ? gz : null;
    }

    /// <summary>Throws <see cref="DirectoryNotFoundException"/> when <paramref name="folder"/> does not exist.</summary>
    public static void RequireFolder(string folder)
    {
        if (File.Exists(folder))
        {
            throw new InputFormatException($"'{folder}' is a file; this format reads a folder: pass the folder that holds it.");
        }

        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Input folder '{folder}' does not exist.");
        }
    }

    /// <summary>The files an import of <paramref name="path"/> reads: the file itself, or every <c>*</c><paramref name="extension"/>
    /// (and <c>*</c><paramref name="extension"/><c>.gz</c>) file in the folder and its subfolders, in ordinal order.</summary>
    /// <param name="path">A file or a folder.</param>
    /// <param name="extension">The extension with its dot, e.g. ".json".</param>
    /// <param name="what">What the files hold, for the error ("MusicBrainz XML").</param>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    /// <exception cref="InputFormatException">The folder holds no such file.</exception>
    public static List<string> ListFiles(string path, string extension, string what)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"Input '{path}' does not exist.", path);
        }

        var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(extension, StringComparison.OrdinalIgnoreCase) || f.EndsWith(extension + ".gz", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0 ? files : throw new InputFormatException($"'{path}' holds no {what}: no *{extension} file in it or its subfolders.");
    }

    /// <summary>Truncates raw text kept with a reject to 500 characters.</summary>
    public static string? Truncate(string? raw) => raw is null || raw.Length <= 500 ? raw : raw[..500];
}

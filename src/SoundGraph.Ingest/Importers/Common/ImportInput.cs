using System.IO.Compression;
using System.Text;
using SoundGraph.Core.Import;

namespace SoundGraph.Ingest.Importers.Common;

/// <summary>Opens input files for importers: byte progress on the file, gzip detected by its magic bytes (1f 8b).</summary>
internal static class ImportInput
{
    private const int BufferSize = 1 << 16;

    /// <summary>Opens <paramref name="path"/> for sequential reading, decompressing it when it starts with the gzip magic bytes.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InputFormatException">The path is a folder.</exception>
    public static async Task<Stream> OpenReadAsync(string path, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
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

            file.Position = 0;
            var counted = new ProgressStream(file, path, progress);
            return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(counted, CompressionMode.Decompress) : counted;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens <paramref name="path"/> as text (gzip transparently), honouring a byte order mark.</summary>
    public static async Task<StreamReader> OpenTextAsync(string path, Encoding encoding, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var stream = await OpenReadAsync(path, progress, cancellationToken).ConfigureAwait(false);
        return new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, BufferSize);
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

    /// <summary>Truncates raw text kept with a reject to 500 characters.</summary>
    public static string? Truncate(string? raw) => raw is null || raw.Length <= 500 ? raw : raw[..500];
}

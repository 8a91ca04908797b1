using System.Globalization;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;

namespace SoundGraph.Ingest.Importers.Mpd;

/// <content>A folder of slices imported in one run: which files, in which order, and the pids read across them.</content>
public sealed partial class MpdImporter
{
    /// <summary>The pids read so far in this import, and where a repeated one was read first (for its reject).</summary>
    private readonly record struct Pids(HashSet<long> Read, string Where);

    /// <summary>Progress over a whole folder: a slice's byte progress offset by the bytes of the slices before it, out of
    /// all the slices' bytes (their sizes on disk, so a gzipped slice counts its compressed bytes), naming the slice being
    /// read. A slice rejected whole still counts its bytes once the next slice starts.</summary>
    private sealed class FolderProgress(IProgress<ImportProgress> inner, long before, long total) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => inner.Report(value with { Done = before + value.Done, Total = total });
    }

    /// <summary>Reads every slice of <paramref name="folder"/> (<see cref="SliceFiles"/>) into <paramref name="batch"/> in
    /// turn, with one pid set across them and one progress over all their bytes (instead of restarting with each slice);
    /// a file that is not a slice is rejected whole, naming it, and the next one is read.</summary>
    /// <exception cref="InputFormatException">The folder holds no slice file.</exception>
    private async Task ReadFolderAsync(string folder, BatchBuffer batch, ImportReport report, RejectRecorder reject, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var files = SliceFiles(folder);
        var pids = new Pids([], "from this file or an earlier slice of the folder");
        var sizes = files.Select(f => new FileInfo(f).Length).ToArray();
        var total = sizes.Sum();
        long before = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var fileProgress = progress is null ? null : new FolderProgress(progress, before, total);
            before += sizes[i];
            try
            {
                await ReadAsync(files[i], DocumentReaderOnly, batch, report, reject, pids, fileProgress, cancellationToken).ConfigureAwait(false);
            }
            catch (InputFormatException ex)
            {
                // Thrown only before the file's first playlist was emitted: nothing of it is in the batch.
                reject.Add(files[i], "file", ex.Message + " The other slices of the folder are still imported.");
            }
        }
    }

    /// <summary>The slice files directly in <paramref name="folder"/>: names starting <c>mpd.slice.</c> and ending
    /// <c>.json</c> or <c>.json.gz</c>, ordered by the first number of the name (<c>mpd.slice.1000-1999.json</c> → 1000),
    /// then by name (ordinal).</summary>
    /// <exception cref="InputFormatException">No such file in the folder.</exception>
    public static IReadOnlyList<string> SliceFiles(string folder)
    {
        var files = Directory.EnumerateFiles(folder)
            .Where(f => Path.GetFileName(f) is { } n && n.StartsWith("mpd.slice.", StringComparison.Ordinal)
                && (n.EndsWith(".json", StringComparison.Ordinal) || n.EndsWith(".json.gz", StringComparison.Ordinal)))
            .OrderBy(f => FirstPid(Path.GetFileName(f)))
            .ThenBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();
        return files.Count > 0
            ? files
            : throw new InputFormatException($"'{folder}' holds no Spotify MPD slice (no mpd.slice.*.json or mpd.slice.*.json.gz file in it).");

        static long FirstPid(string name)
        {
            var digits = name.AsSpan("mpd.slice.".Length);
            var end = 0;
            while (end < digits.Length && char.IsAsciiDigit(digits[end]))
            {
                end++;
            }

            return end > 0 && long.TryParse(digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;
        }
    }
}

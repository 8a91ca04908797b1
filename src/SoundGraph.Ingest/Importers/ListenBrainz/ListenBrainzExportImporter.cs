using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Unicode;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Importers.ListenBrainz;

/// <summary>
/// Imports ListenBrainz listens: the user export (a zip holding <c>listens/YYYY/M.jsonl</c>), the public listens dump's
/// <c>.listens</c> files, a single <c>.jsonl</c>/<c>.listens</c> file (gzip accepted), or a folder of them (every
/// <c>*.listens</c> file, and every <c>*.jsonl</c> file under a folder named <c>listens</c>, searched recursively, in
/// ordinal path order). Each line is one listen in the JSON shape of the API's <c>GET /1/user/{user}/listens</c>
/// (ListenBrainz docs, "Listen JSON").
/// </summary>
/// <remarks>
/// <para>Identity: the user is <c>listenbrainz:user:&lt;user_name&gt;</c> (a line without <c>user_name</c> belongs to
/// <see cref="DefaultUser"/>, the CLI's <c>--user</c>). The track is <c>musicbrainz:recording:&lt;mbid&gt;</c> when the
/// listen has a recording MBID (its <c>mbid_mapping</c>'s first, else the submitted <c>additional_info.recording_mbid</c>;
/// counted in <c>Read["tracks_by_mbid"]</c>), so ListenBrainz listens meet <c>musicbrainz-xml</c> recordings; without
/// one it is resolved by (artist_name, track_name) like the other name-only sources (a stored track with that name key,
/// else <c>name:track:</c>; <c>Read["tracks_matched_by_name"]</c>). Credits: the mapping's <c>artists</c> as
/// <c>musicbrainz:artist:&lt;mbid&gt;</c> at their 0-based credit position (a later artist is Featured after a
/// feat./ft. join phrase), else the single submitted <c>artist_mbids</c> entry, else the name-keyed artist_name as
/// Primary at 0. The track keeps release_name as album, <c>duration_ms</c> (or <c>duration</c> seconds) and the ISRC.</para>
/// <para>The listen: end time = <c>listened_at</c> (UTC), ms played = the track's duration when known, else 0
/// (ListenBrainz does not say how long a listen lasted), <see cref="Core.Catalog.ListenRecord.TrackRef"/> =
/// <c>msid:</c> + <c>recording_msid</c> (a line without one: <c>name:</c> + artist|title), source
/// <c>listenbrainz-export</c>. So the same listen from the export, the dump or <c>sgr sync listenbrainz</c> is stored
/// once. An exact repeat within the import is counted in <c>Skipped["duplicate_listen"]</c>.</para>
/// <para>Not kept (no column): the MSIDs of artist and release, release and release-group MBIDs, track/disc numbers,
/// Spotify ids, tags, submission client and music service, and the mapping's release and cover art.</para>
/// <para>Rejected with the file (for a zip: the zip and "entry &lt;name&gt; line N", else "line N"): a line that is not
/// UTF-8, not a JSON object or longer than 1 MiB (a cut-off last line is one of these); a listened_at that is not an
/// integer or outside 2000-01-01 … now + 1 day; no track_name or artist_name; a name longer than 1,000 characters; a
/// duration that is not a whole number below a day (limits: <see cref="FieldChecks"/>). An invalid ISRC or MBID is
/// dropped and counted (<c>Skipped["invalid_isrc"]</c>, <c>Skipped["invalid_mbid"]</c>).</para>
/// <para>A zip that is cut off or damaged (its directory unreadable, an entry failing to inflate or to match its CRC-32)
/// fails before anything is stored: every listens entry is read through once first. A gzip file is checked the same way
/// (<see cref="ImportInput"/>).</para>
/// <para>Read counts: <c>files</c>, <c>listens</c>.</para>
/// </remarks>
public sealed class ListenBrainzExportImporter : IImporter
{
    /// <summary>The <see cref="Core.Catalog.ListenRecord.Source"/> of the listens this importer stores.</summary>
    public const string ListenSource = "listenbrainz-export";

    /// <summary>Records per batch written to the store.</summary>
    /// <value>Default 10,000; at least 1.</value>
    public int BatchSize { get; init; } = BatchBuffer.DefaultFlushThreshold;

    /// <summary>The ListenBrainz user name of listens without <c>user_name</c>; null (default) rejects such listens.</summary>
    public string? DefaultUser { get; init; }

    /// <inheritdoc/>
    public string Format => "listenbrainz-export";

    /// <inheritdoc/>
    public string Description => "ListenBrainz listens: the user export zip, dump .listens files, .jsonl, or a folder of them";

    /// <inheritdoc/>
    public async Task<ImportReport> ImportAsync(string path, ICatalogWriter writer, IRejectSink rejects, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rejects);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        var report = new ImportReport(Format);
        var run = new Run(this, report, new RejectRecorder(rejects, report), new BatchBuffer(writer, report, BatchSize), writer);
        if (Directory.Exists(path))
        {
            var files = ListFolder(path);
            if (files.Count == 0)
            {
                throw new InputFormatException($"'{path}' holds no ListenBrainz listens: no *.listens file and no listens/**/*.jsonl file.");
            }

            foreach (var file in files)
            {
                await run.ReadPlainAsync(file, progress, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Input file '{path}' does not exist.", path);
        }
        else if (await IsZipAsync(path, cancellationToken).ConfigureAwait(false))
        {
            await run.ReadZipAsync(path, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await run.ReadPlainAsync(path, progress, cancellationToken).ConfigureAwait(false);
        }

        await run.Batch.FlushAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }

    private static List<string> ListFolder(string folder)
    {
        static bool IsListens(string root, string file)
        {
            var name = file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? file[..^3] : file;
            if (name.EndsWith(".listens", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            return name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
                && Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).SkipLast(1).Contains("listens", StringComparer.OrdinalIgnoreCase);
        }

        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => IsListens(folder, f))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsListensEntry(ZipArchiveEntry entry)
    {
        var name = entry.FullName.Replace('\\', '/');
        return (name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".listens", StringComparison.OrdinalIgnoreCase))
            && (name.StartsWith("listens/", StringComparison.OrdinalIgnoreCase) || name.Contains("/listens/", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<bool> IsZipAsync(string path, CancellationToken cancellationToken)
    {
        var magic = new byte[4];
        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            var n = await file.ReadAtLeastAsync(magic, 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return n == 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K' && magic[2] is 3 or 5 && magic[3] is 4 or 6;
        }
    }

    /// <summary>The state of one import.</summary>
    private sealed class Run(ListenBrainzExportImporter importer, ImportReport report, RejectRecorder reject, BatchBuffer batch, ICatalogWriter writer)
    {
        private readonly ListenBrainzRecords _records = new(batch, report, writer, ListenSource);

        public BatchBuffer Batch => batch;

        public async Task ReadPlainAsync(string file, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
        {
            var stream = await ImportInput.OpenReadAsync(file, progress, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                report.CountRead("files");
                await ReadLinesAsync(stream, file, null, cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task ReadZipAsync(string path, CancellationToken cancellationToken)
        {
            var file = File.OpenRead(path);
            await using (file.ConfigureAwait(false))
            {
                ZipArchive zip;
                try
                {
                    zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
                }
                catch (InvalidDataException ex)
                {
                    throw new InputFormatException($"'{path}' is a cut-off or damaged zip file: its directory cannot be read ({ex.Message}); nothing of it was imported.", ex);
                }

                using (zip)
                {
                    var entries = zip.Entries.Where(IsListensEntry).OrderBy(e => e.FullName, StringComparer.Ordinal).ToList();
                    if (entries.Count == 0)
                    {
                        throw new InputFormatException($"'{path}' is not a ListenBrainz export: the zip has no listens/*.jsonl entry.");
                    }

                    foreach (var entry in entries)
                    {
                        await VerifyEntryAsync(path, entry, cancellationToken).ConfigureAwait(false);
                    }

                    foreach (var entry in entries)
                    {
                        report.CountRead("files");
                        var stream = entry.Open();
                        await using (stream.ConfigureAwait(false))
                        {
                            await ReadLinesAsync(stream, path, entry.FullName, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }
        }

        /// <summary>Inflates <paramref name="entry"/> once and compares its CRC-32 and length with the zip's directory.</summary>
        private static async Task VerifyEntryAsync(string path, ZipArchiveEntry entry, CancellationToken cancellationToken)
        {
            var crc = new System.IO.Hashing.Crc32();
            long bytes = 0;
            string? failure = null;
            try
            {
                var stream = entry.Open();
                await using (stream.ConfigureAwait(false))
                {
                    var buffer = new byte[1 << 16];
                    int r;
                    while ((r = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        crc.Append(buffer.AsSpan(0, r));
                        bytes += r;
                    }
                }
            }
            catch (InvalidDataException ex)
            {
                failure = $"inflating it failed ({ex.Message})";
            }
            catch (IOException ex)
            {
                failure = $"reading it failed ({ex.Message})";
            }

            if (failure is null && (crc.GetCurrentHashAsUInt32() != entry.Crc32 || bytes != entry.Length))
            {
                failure = "its data does not match the CRC-32 and length in the zip directory";
            }

            if (failure is not null)
            {
                throw new InputFormatException(
                    $"'{path}' is a cut-off or damaged zip file: entry {entry.FullName}: {failure}, after {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes; nothing of it was imported.");
            }
        }

        private async Task ReadLinesAsync(Stream stream, string file, string? entry, CancellationToken cancellationToken)
        {
            var lines = new ByteLineReader(stream);
            while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (!lines.TooLong && line.Span.Trim(" \t"u8).IsEmpty)
                {
                    continue;
                }

                report.CountRead("listens");
                var location = (entry is null ? "line " : $"entry {entry} line ") + lines.LineNumber.ToString(CultureInfo.InvariantCulture);
                var listen = Parse(lines, line, out var error);
                if (listen is null)
                {
                    reject.Add(file, location, error!, lines.TooLong ? null : Raw(line.Span));
                    continue;
                }

                await _records.AddAsync(listen, cancellationToken).ConfigureAwait(false);
                await batch.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        private ListenBrainzListen? Parse(ByteLineReader lines, ReadOnlyMemory<byte> line, out string? error)
        {
            if (lines.TooLong)
            {
                error = $"The line is longer than {lines.MaxLineBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes.";
                return null;
            }

            if (!Utf8.IsValid(line.Span))
            {
                error = "The line is not UTF-8 text, as JSON must be.";
                return null;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                return ListenBrainzListenParser.Parse(doc.RootElement, importer.DefaultUser, report, out error);
            }
            catch (JsonException ex)
            {
                error = (lines.Unterminated ? "The last line is not complete JSON (the file may be cut off): " : "The line is not valid JSON: ") + ex.Message;
                return null;
            }
        }

        private static string Raw(ReadOnlySpan<byte> line) => System.Text.Encoding.UTF8.GetString(line.Length > 2000 ? line[..2000] : line);
    }
}

using System.Globalization;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Importers.SpotifyExportTsv;

/// <summary>
/// Imports the converted Spotify listening histories: <c>listening_history.tsv.gz</c> (or .tsv; the path is the file or
/// its folder) with columns source_id, end_time_unix (s), end_time_utc, artist_name, track_name, ms_played.
/// </summary>
/// <remarks>
/// <para>Each row → <see cref="ListenRecord"/>(user <c>spotify-export-tsv:user:&lt;source_id&gt;</c>, track, end time
/// from end_time_unix as UTC, ms_played, source "listens-tsv"). The file has no track URIs, so a track is a stored track
/// with the same (artist, title) name key when there is one (e.g. from an earlier <c>playlists-tsv</c> import; counted in
/// <c>Read["tracks_matched_by_name"]</c>), else <see cref="Core.Identity.EntityKeys.TrackByName"/>.</para>
/// <para>A row that repeats an earlier row exactly (same user, track, end time and ms played; the real file holds 18,106)
/// is not stored again and is counted in <c>Skipped["duplicate_listen"]</c> (see <see cref="Common.ListenDeduplicator"/>).</para>
/// <para>Rejected with "line N": wrong field count, no source_id, unparsable end_time_unix or ms_played, no track_name,
/// an end_time_unix outside 2000-01-01 … now + 1 day, a ms_played of a day or more, a source_id, artist_name or
/// track_name longer than 1,000 characters (limits: <see cref="FieldChecks"/>).</para>
/// <para>Read counts: <c>listens</c>.</para>
/// </remarks>
public sealed class ListensTsvImporter : IImporter
{
    private const string ListenSource = "listens-tsv";
    private static readonly string[] Header = ["source_id", "end_time_unix", "end_time_utc", "artist_name", "track_name", "ms_played"];

    /// <summary>Records per batch written to the store.</summary>
    /// <value>Default 10,000; at least 1. A playlist's entries always go into one batch, so a batch may exceed it by one
    /// playlist.</value>
    public int BatchSize { get; init; } = BatchBuffer.DefaultFlushThreshold;

    /// <summary>How the file is decoded.</summary>
    /// <value>Default <see cref="InputEncoding.Detect"/>: each line as UTF-8, or as Windows-1252 when it is not valid UTF-8
    /// (noted in the report).</value>
    public InputEncoding TextEncoding { get; init; }

    /// <inheritdoc/>
    public string Format => "listens-tsv";

    /// <inheritdoc/>
    public string Description => "Spotify listening histories as TSV (listening_history.tsv.gz or its folder)";

    /// <inheritdoc/>
    public async Task<ImportReport> ImportAsync(string path, ICatalogWriter writer, IRejectSink rejects, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rejects);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        var (_, file) = TsvExportKeys.Locate(path, "listening_history.tsv");
        if (file is null)
        {
            throw new InputFormatException($"'{path}' is not a listening history folder: it has no listening_history.tsv(.gz).");
        }

        var report = new ImportReport(Format);
        var reject = new RejectRecorder(rejects, report);
        var batch = new BatchBuffer(writer, report, BatchSize);
        var resolver = new TrackNameResolver(writer, report);
        var listens = new ListenDeduplicator(report);
        using var tsv = await TsvLineReader.OpenPlainAsync(file, TextEncoding, report, progress, cancellationToken).ConfigureAwait(false);
        if (!TsvLineReader.HeaderMatches(await tsv.ReadAsync(cancellationToken).ConfigureAwait(false), Header))
        {
            throw new InputFormatException($"'{file}' is not a listening history TSV: its header is not \"{string.Join("\\t", Header)}\".");
        }

        while (await tsv.ReadNonEmptyAsync(cancellationToken).ConfigureAwait(false) is { } f)
        {
            report.CountRead("listens");
            string? error = null;
            long seconds = 0;
            long ms = 0;
            if (tsv.DecodeError is { } undecodable)
            {
                error = undecodable + ".";
            }
            else if (f.Length != Header.Length)
            {
                error = $"The line has {f.Length} fields, expected {Header.Length}.";
            }
            else if (f[0].Length == 0)
            {
                error = "The row has no source_id.";
            }
            else if (!long.TryParse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds) || seconds < -62135596800L || seconds > 253402300799L)
            {
                error = "end_time_unix is not a unix time in seconds.";
            }
            else if (!long.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out ms))
            {
                error = "ms_played is not a non-negative integer.";
            }
            else if (f[4].Trim().Length == 0)
            {
                error = f[3].Trim().Length == 0 ? "The row has neither artist nor title." : "The row has no track_name.";
            }
            else if ((FieldChecks.UnixSeconds("end_time_unix", seconds, f[1])
                ?? FieldChecks.Duration("ms_played", ms, f[5], allowZero: true)
                ?? FieldChecks.Names(("source_id", f[0]), ("artist_name", f[3].Trim()), ("track_name", f[4].Trim()))) is { } valueError)
            {
                error = valueError + ".";
            }

            if (error is not null)
            {
                reject.Add(file, "line " + tsv.LineNumber.ToString(CultureInfo.InvariantCulture), error, tsv.Line);
                continue;
            }

            var userKey = TsvExportKeys.User(f[0]);
            batch.AddUser(userKey, f[0]);
            var artist = f[3].Trim();
            var title = f[4].Trim();
            var track = await resolver.ResolveAsync(null, artist, title, cancellationToken).ConfigureAwait(false);
            TrackEmitter.Emit(batch, track, artist, title, null);
            var listen = new ListenRecord(userKey, track.Key, DateTimeOffset.FromUnixTimeSeconds(seconds), ms, ListenSource) { TrackRef = ListenDeduplicator.NameRef(artist, title) };
            if (listens.IsNew(listen))
            {
                batch.Batch.Listens.Add(listen);
            }

            await batch.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
        }

        await batch.FlushAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }
}

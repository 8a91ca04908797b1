using System.Globalization;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Importers.SpotifyExportTsv;

/// <summary>
/// Imports the converted collection of Spotify account-export playlists: <c>playlists.tsv</c> (playlist_id, source_id,
/// name, last_modified_date, num_tracks, num_followers) and <c>playlist_tracks.tsv</c> (playlist_id, pos, track_name,
/// artist_name, album_name, track_uri, added_date), tab-separated, unquoted, one header line, UTF-8 (each may be gzipped).
/// The path is the folder or the playlists.tsv file (playlist_tracks.tsv must sit beside it).
/// </summary>
/// <remarks>
/// <para>Keys: users <c>spotify-export-tsv:user:&lt;source_id&gt;</c> (one per export folder, named by source_id),
/// playlists <c>spotify-export-tsv:playlist:&lt;playlist_id&gt;</c> owned by that user. Tracks by <c>track_uri</c>, else
/// by the within-import (artist, title) rule of <see cref="TrackNameResolver"/>: a first pass over playlist_tracks.tsv
/// collects the URI of every (artist, title) pair that has one. Artists by name, credited Primary.</para>
/// <para>Rows of a playlist must be contiguous (they are in the real file).</para>
/// <para>Replace only with something complete: a playlist (record and entries, in one batch, so one transaction) is
/// written only when its run of rows was read to the end, every row is valid, and the row count equals
/// <c>num_tracks</c> when given; otherwise its new version is rejected and the stored one stays. A file that ends
/// without a line break is cut off: its last line is rejected, and so are the playlists whose rows it may hold (the
/// cut one, and those with no row before the cut). A playlist with no row at all is stored empty only when
/// playlist_tracks.tsv was read to its end and num_tracks is empty or 0.</para>
/// <para>Rejected with "line N": wrong field count, a cut-off last line, bad number or date, a negative num_followers,
/// a last_modified_date or added_date outside 2000-01-01 … now + 1 day, a playlist_id, source_id, name, track_name,
/// artist_name, album_name or track_uri longer than 1,000 characters (limits: <see cref="FieldChecks"/>), a duplicate playlist_id,
/// a row of an unknown (or rejected) playlist, a row without track_name (covers "neither artist nor title"), a repeated
/// pos, a playlist whose rows are not contiguous (the later rows); with "lines A-B" a playlist whose row count is not
/// its num_tracks; with its playlists.tsv line a playlist that has no row.</para>
/// <para>Read counts: <c>playlists</c>, <c>entries</c>; <c>tracks_matched_by_name</c>.</para>
/// </remarks>
public sealed partial class PlaylistsTsvImporter : IImporter
{
    private static readonly string[] PlaylistsHeader = ["playlist_id", "source_id", "name", "last_modified_date", "num_tracks", "num_followers"];
    private static readonly string[] TracksHeader = ["playlist_id", "pos", "track_name", "artist_name", "album_name", "track_uri", "added_date"];

    /// <summary>Records per batch written to the store.</summary>
    /// <value>Default 10,000; at least 1. A playlist's entries always go into one batch, so a batch may exceed it by one
    /// playlist.</value>
    public int BatchSize { get; init; } = BatchBuffer.DefaultFlushThreshold;

    /// <summary>How the files are decoded.</summary>
    /// <value>Default <see cref="InputEncoding.Detect"/>: each line as UTF-8, or as Windows-1252 when it is not valid UTF-8
    /// (noted in the report).</value>
    public InputEncoding TextEncoding { get; init; }

    /// <inheritdoc/>
    public string Format => "playlists-tsv";

    /// <inheritdoc/>
    public string Description => "Spotify account-export playlists as TSV (folder with playlists.tsv and playlist_tracks.tsv)";

    /// <inheritdoc/>
    public async Task<ImportReport> ImportAsync(string path, ICatalogWriter writer, IRejectSink rejects, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rejects);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        var (folder, playlistsFile) = TsvExportKeys.Locate(path, "playlists.tsv");
        if (playlistsFile is null)
        {
            throw new InputFormatException($"'{path}' is not a playlists TSV folder: it has no playlists.tsv.");
        }

        var tracksFile = ImportInput.FindInFolder(folder, "playlist_tracks.tsv")
            ?? throw new InputFormatException($"'{folder}' is not a playlists TSV folder: it has no playlist_tracks.tsv beside {Path.GetFileName(playlistsFile)}.");
        await CheckHeaderAsync(playlistsFile, PlaylistsHeader, cancellationToken).ConfigureAwait(false);
        await CheckHeaderAsync(tracksFile, TracksHeader, cancellationToken).ConfigureAwait(false);

        var report = new ImportReport(Format);
        var reject = new RejectRecorder(rejects, report);
        var batch = new BatchBuffer(writer, report, BatchSize, (key, reason) => reject.Add(tracksFile, "playlist " + key[(key.LastIndexOf(':') + 1)..], reason));
        var resolver = new TrackNameResolver(writer, report);
        var playlists = await ReadPlaylistsAsync(playlistsFile, report, reject, progress, cancellationToken).ConfigureAwait(false);

        // Pass 1: (artist, title) → URI within this import, and each track key's first row. A track record is written from
        // the first row in the file that names it, whichever playlists are imported: rejecting a playlist (or reading a
        // cut copy) then never rewrites a stored track with another row's spelling.
        var firstRow = new Dictionary<string, (string Artist, string Title, string Album)>(StringComparer.Ordinal);
        var tracksCut = false;
        var rowCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var tsv = await OpenAsync(tracksFile, null, null, cancellationToken).ConfigureAwait(false))
        {
            await tsv.ReadAsync(cancellationToken).ConfigureAwait(false);
            while (await tsv.ReadAsync(cancellationToken).ConfigureAwait(false) is { } f)
            {
                tracksCut |= tsv.LineIsCut;
                rowCounts[f[0]] = rowCounts.GetValueOrDefault(f[0]) + 1;
                if (f.Length == TracksHeader.Length && !tsv.LineIsCut && tsv.DecodeError is null && f[2].Trim().Length > 0)
                {
                    resolver.AddUri(f[3], f[2], f[5]);
                    var key = EntityKeys.IsSpotifyUri(f[5], "track") ? f[5] : EntityKeys.TrackByName(f[3].Trim(), f[2].Trim());
                    firstRow.TryAdd(key, (f[3].Trim(), f[2].Trim(), f[4]));
                }
            }
        }

        // Rows are missing when the file is cut off or a playlist has fewer rows than the num_tracks playlists.tsv announces.
        var incomplete = tracksCut || playlists.Values.Any(p => p.NumTracks is { } n && n > rowCounts.GetValueOrDefault(p.Id));

        // Pass 2: entries, one playlist (a run of contiguous rows) at a time. A playlist is emitted, record and entries in
        // one batch, only when its rows were read to the end and every one of them is valid.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cutAt = 0;
        using (var tsv = await OpenAsync(tracksFile, report, progress, cancellationToken).ConfigureAwait(false))
        {
            await tsv.ReadAsync(cancellationToken).ConfigureAwait(false);
            Block? block = null;
            while (await tsv.ReadNonEmptyAsync(cancellationToken).ConfigureAwait(false) is { } f)
            {
                report.CountRead("entries");
                var location = "line " + tsv.LineNumber.ToString(CultureInfo.InvariantCulture);
                var playlistId = f[0];
                if (block is null || playlistId != block.Id)
                {
                    if (block is not null)
                    {
                        await CloseAsync(block, tracksFile, incomplete, batch, resolver, firstRow, reject, cancellationToken).ConfigureAwait(false);
                    }

                    block = new Block(playlistId, playlists.GetValueOrDefault(playlistId), tsv.LineNumber, split: !seen.Add(playlistId));
                }

                block.LastLine = tsv.LineNumber;
                var error = tsv.DecodeError;
                var row = error is null ? ParseRow(f, tsv.LineNumber, tsv.LineIsCut, block, out error) : null;
                if (error is not null)
                {
                    if (tsv.LineIsCut)
                    {
                        cutAt = tsv.LineNumber;
                    }

                    // A row of a playlist that is not imported anyway (unknown, split) does not need the suffix.
                    reject.Add(tracksFile, location, block.Playlist is null || block.Split ? error + "." : error + KeptSuffix(playlistId), tsv.Line);
                    block.Bad = true;
                    continue;
                }

                block.Rows.Add(row!);
            }

            if (block is not null)
            {
                await CloseAsync(block, tracksFile, incomplete, batch, resolver, firstRow, reject, cancellationToken).ConfigureAwait(false);
            }
        }

        // Playlists without a single row: empty when the file was read to its end and num_tracks allows it; otherwise
        // their rows may be in the part of the file that is missing, and the stored version stays.
        foreach (var p in playlists.Values.Where(p => !seen.Contains(p.Id)))
        {
            if (cutAt > 0)
            {
                reject.Add(playlistsFile, p.Location, $"playlist_tracks.tsv is cut off at line {cutAt.ToString(CultureInfo.InvariantCulture)} before any row of this playlist{KeptSuffix(p.Id)}");
            }
            else if (p.NumTracks is > 0)
            {
                reject.Add(playlistsFile, p.Location, $"num_tracks is {p.NumTracks.Value.ToString(CultureInfo.InvariantCulture)} but playlist_tracks.tsv has no row of this playlist{KeptSuffix(p.Id)}");
            }
            else
            {
                batch.AddUser(p.Record.OwnerUserKey!, p.SourceId);
                batch.Batch.Playlists.Add(p.Record);
                await batch.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await batch.FlushAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }

    private static string KeptSuffix(string playlistId) => PlaylistVersion.KeptSuffixFor(playlistId);

    /// <summary>Checks one row of playlist_tracks.tsv; the error when it is not a valid entry of <paramref name="block"/>'s playlist.</summary>
    private static Row? ParseRow(string[] f, int line, bool cut, Block block, out string? error)
    {
        error = null;
        DateTimeOffset? added = null;
        var pos = 0;
        if (cut)
        {
            error = "The file ends in the middle of this line (no line break after it): it is cut off";
        }
        else if (f.Length != TracksHeader.Length)
        {
            error = $"The line has {f.Length} fields, expected {TracksHeader.Length}";
        }
        else if (block.Playlist is null)
        {
            error = $"The playlist {block.Id} is not in playlists.tsv (or was rejected there)";
        }
        else if (block.Split)
        {
            error = $"The rows of playlist {block.Id} are not contiguous; this later row is rejected";
        }
        else if (!int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out pos))
        {
            error = "pos is not a non-negative integer";
        }
        else if (!block.Positions.Add(pos))
        {
            error = $"Another row of playlist {block.Id} has pos {f[1]}";
        }
        else if (f[2].Trim().Length == 0)
        {
            error = f[3].Trim().Length == 0 ? "The row has neither artist nor title" : "The row has no track_name";
        }
        else if (FieldChecks.Names(("track_name", f[2].Trim()), ("artist_name", f[3].Trim()), ("album_name", f[4]), ("track_uri", f[5])) is { } longName)
        {
            error = longName;
        }
        else if (f[6].Length > 0)
        {
            if (!TryParseDate(f[6], out var a))
            {
                error = "added_date is not a date";
            }
            else if (FieldChecks.Time("added_date", a, f[6]) is { } implausible)
            {
                error = implausible;
            }
            else
            {
                added = a;
            }
        }

        return error is null ? new Row(line, pos, f[2].Trim(), f[3].Trim(), f[4], f[5], added) : null;
    }

    /// <summary>Emits a playlist whose rows have all been read, or rejects its new version.</summary>
    private static async Task CloseAsync(
        Block block, string tracksFile, bool incomplete, BatchBuffer batch, TrackNameResolver resolver, Dictionary<string, (string Artist, string Title, string Album)> firstRow, RejectRecorder reject, CancellationToken ct)
    {
        if (block.Bad || block.Playlist is not { } p)
        {
            return;
        }

        if (p.NumTracks is { } expected && expected != block.Rows.Count)
        {
            reject.Add(
                tracksFile,
                $"lines {block.FirstLine.ToString(CultureInfo.InvariantCulture)}-{block.LastLine.ToString(CultureInfo.InvariantCulture)}",
                $"Playlist {block.Id} has {block.Rows.Count.ToString(CultureInfo.InvariantCulture)} rows but num_tracks {expected.ToString(CultureInfo.InvariantCulture)} in playlists.tsv{KeptSuffix(block.Id)}");
            return;
        }

        // When rows are missing, the row that gives a URI for a row without one may be among them: resolving such a row by
        // name instead could point the entry at another track than the stored one, so the playlist keeps its stored version.
        if (incomplete && block.Rows.FirstOrDefault(r => !EntityKeys.IsSpotifyUri(r.Uri, "track") && !resolver.HasUri(r.Artist, r.Title)) is { } unsure)
        {
            reject.Add(
                tracksFile,
                "line " + unsure.Line.ToString(CultureInfo.InvariantCulture),
                $"The row has no track_uri and playlist_tracks.tsv is incomplete (cut off, or fewer rows than num_tracks): the row giving its URI may be missing{KeptSuffix(block.Id)}");
            return;
        }

        batch.AddUser(p.Record.OwnerUserKey!, p.SourceId);
        batch.Batch.Playlists.Add(p.Record);
        foreach (var row in block.Rows)
        {
            var track = await resolver.ResolveAsync(row.Uri, row.Artist, row.Title, ct).ConfigureAwait(false);
            var (artist, title, album) = firstRow.GetValueOrDefault(track.Key, (row.Artist, row.Title, row.Album));
            TrackEmitter.Emit(batch, track, artist, title, album);
            batch.Batch.PlaylistEntries.Add(new PlaylistEntryRecord(p.Record.Key, row.Pos, track.Key, row.AddedAt));
        }

        await batch.FlushIfFullAsync(ct).ConfigureAwait(false);
    }

    private Task<TsvLineReader> OpenAsync(string file, ImportReport? report, IProgress<ImportProgress>? progress, CancellationToken ct) =>
        TsvLineReader.OpenAsync(file, TextEncoding, report, progress, ct);

    private async Task CheckHeaderAsync(string file, string[] header, CancellationToken ct)
    {
        using var tsv = await OpenAsync(file, null, null, ct).ConfigureAwait(false);
        if (!TsvLineReader.HeaderMatches(await tsv.ReadAsync(ct).ConfigureAwait(false), header))
        {
            throw new InputFormatException($"'{file}' is not a playlists TSV file: its header is not \"{string.Join("\\t", header)}\".");
        }
    }

    private static bool TryParseDate(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>A valid row of playlist_tracks.tsv.</summary>
    private sealed record Row(int Line, int Pos, string Title, string Artist, string Album, string Uri, DateTimeOffset? AddedAt);

    /// <summary>A run of contiguous rows of one playlist in playlist_tracks.tsv.</summary>
    private sealed class Block(string id, ListedPlaylist? playlist, int firstLine, bool split)
    {
        public string Id { get; } = id;

        public ListedPlaylist? Playlist { get; } = playlist;

        public int FirstLine { get; } = firstLine;

        public int LastLine { get; set; } = firstLine;

        /// <summary>True when an earlier run of rows had this playlist id.</summary>
        public bool Split { get; } = split;

        /// <summary>True once a row of the run was rejected: the playlist's new version is rejected.</summary>
        public bool Bad { get; set; }

        public List<Row> Rows { get; } = [];

        public HashSet<int> Positions { get; } = [];
    }
}

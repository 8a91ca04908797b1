using System.Globalization;
using System.Text;
using SoundGraph.Core.Catalog;
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
/// <para>Rows of a playlist must be contiguous (they are in the real file); all of a playlist's entries go into one batch.</para>
/// <para>Rejected with "line N": wrong field count, bad number or date, a duplicate playlist_id, a row of an unknown (or
/// rejected) playlist, a row without track_name (covers "neither artist nor title"), a playlist whose rows are not
/// contiguous.</para>
/// <para>Read counts: <c>playlists</c>, <c>entries</c>; <c>tracks_matched_by_name</c>.</para>
/// </remarks>
public sealed class PlaylistsTsvImporter : IImporter
{
    private static readonly string[] PlaylistsHeader = ["playlist_id", "source_id", "name", "last_modified_date", "num_tracks", "num_followers"];
    private static readonly string[] TracksHeader = ["playlist_id", "pos", "track_name", "artist_name", "album_name", "track_uri", "added_date"];

    /// <summary>Records per batch written to the store.</summary>
    /// <value>Default 10,000; at least 1. A playlist's entries always go into one batch, so a batch may exceed it by one
    /// playlist.</value>
    public int BatchSize { get; init; } = BatchBuffer.DefaultFlushThreshold;

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
        var batch = new BatchBuffer(writer, report, BatchSize);
        var resolver = new TrackNameResolver(writer, report);
        var playlists = await ReadPlaylistsAsync(playlistsFile, batch, report, reject, progress, cancellationToken).ConfigureAwait(false);

        // Pass 1: (artist, title) → URI within this import.
        using (var tsv = await OpenAsync(tracksFile, null, cancellationToken).ConfigureAwait(false))
        {
            await tsv.ReadAsync(cancellationToken).ConfigureAwait(false);
            while (await tsv.ReadAsync(cancellationToken).ConfigureAwait(false) is { } f)
            {
                if (f.Length == TracksHeader.Length)
                {
                    resolver.AddUri(f[3], f[2], f[5]);
                }
            }
        }

        // Pass 2: entries, one playlist at a time.
        using (var tsv = await OpenAsync(tracksFile, progress, cancellationToken).ConfigureAwait(false))
        {
            await tsv.ReadAsync(cancellationToken).ConfigureAwait(false);
            var closed = new HashSet<string>(StringComparer.Ordinal);
            string? current = null;
            var entries = new List<PlaylistEntryRecord>();
            var positions = new HashSet<int>();
            while (await tsv.ReadNonEmptyAsync(cancellationToken).ConfigureAwait(false) is { } f)
            {
                report.CountRead("entries");
                var location = "line " + tsv.LineNumber.ToString(CultureInfo.InvariantCulture);
                if (f.Length != TracksHeader.Length)
                {
                    reject.Add(tracksFile, location, $"The line has {f.Length} fields, expected {TracksHeader.Length}.", tsv.Line);
                    continue;
                }

                var playlistId = f[0];
                if (playlistId != current)
                {
                    if (current is not null)
                    {
                        closed.Add(current);
                    }

                    batch.Batch.PlaylistEntries.AddRange(entries);
                    entries.Clear();
                    await batch.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
                    current = playlistId;
                    positions.Clear();
                }

                string? error = null;
                DateTimeOffset? added = null;
                if (!playlists.TryGetValue(playlistId, out var playlistKey))
                {
                    error = $"The playlist {playlistId} is not in playlists.tsv (or was rejected).";
                }
                else if (closed.Contains(playlistId))
                {
                    error = $"The rows of playlist {playlistId} are not contiguous; this later row would split its entries.";
                }
                else if (!int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pos))
                {
                    error = "pos is not a non-negative integer.";
                }
                else if (!positions.Add(pos))
                {
                    error = $"Another row of playlist {playlistId} has pos {f[1]}.";
                }
                else if (f[2].Trim().Length == 0)
                {
                    error = f[3].Trim().Length == 0 ? "The row has neither artist nor title." : "The row has no track_name.";
                }
                else if (f[6].Length > 0)
                {
                    if (TryParseDate(f[6], out var a))
                    {
                        added = a;
                    }
                    else
                    {
                        error = "added_date is not a date.";
                    }
                }

                if (error is not null)
                {
                    reject.Add(tracksFile, location, error, tsv.Line);
                    continue;
                }

                var title = f[2].Trim();
                var artist = f[3].Trim();
                var track = await resolver.ResolveAsync(f[5], artist, title, cancellationToken).ConfigureAwait(false);
                TrackEmitter.Emit(batch, track, artist, title, f[4]);
                entries.Add(new PlaylistEntryRecord(playlistKey!, int.Parse(f[1], NumberStyles.None, CultureInfo.InvariantCulture), track.Key, added));
            }

            batch.Batch.PlaylistEntries.AddRange(entries);
        }

        await batch.FlushAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }

    private static async Task<Dictionary<string, string>> ReadPlaylistsAsync(
        string file, BatchBuffer batch, ImportReport report, RejectRecorder reject, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var playlists = new Dictionary<string, string>(StringComparer.Ordinal);
        using var tsv = await OpenAsync(file, progress, ct).ConfigureAwait(false);
        await tsv.ReadAsync(ct).ConfigureAwait(false);
        while (await tsv.ReadNonEmptyAsync(ct).ConfigureAwait(false) is { } f)
        {
            report.CountRead("playlists");
            var location = "line " + tsv.LineNumber.ToString(CultureInfo.InvariantCulture);
            string? error = null;
            DateTimeOffset? modified = null;
            int? followers = null;
            if (f.Length != PlaylistsHeader.Length)
            {
                error = $"The line has {f.Length} fields, expected {PlaylistsHeader.Length}.";
            }
            else if (f[0].Length == 0 || f[1].Length == 0)
            {
                error = "The row has no playlist_id or source_id.";
            }
            else if (playlists.ContainsKey(f[0]))
            {
                error = $"The playlist_id {f[0]} was already listed.";
            }
            else if (f[3].Length > 0 && !TryParseDate(f[3], out var m))
            {
                error = "last_modified_date is not a date.";
            }
            else if (f[4].Length > 0 && !int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                error = "num_tracks is not an integer.";
            }
            else if (f[5].Length > 0 && !int.TryParse(f[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                error = "num_followers is not an integer.";
            }

            if (error is not null)
            {
                reject.Add(file, location, error, tsv.Line);
                continue;
            }

            if (f[3].Length > 0 && TryParseDate(f[3], out var modifiedAt))
            {
                modified = modifiedAt;
            }

            if (f[5].Length > 0)
            {
                followers = int.Parse(f[5], NumberStyles.Integer, CultureInfo.InvariantCulture);
            }

            var userKey = TsvExportKeys.User(f[1]);
            batch.AddUser(userKey, f[1]);
            var key = TsvExportKeys.Playlist(f[0]);
            playlists[f[0]] = key;
            batch.Batch.Playlists.Add(new PlaylistRecord(key, f[2], userKey, followers, modified));
        }

        return playlists;
    }

    private static async Task<TsvLineReader> OpenAsync(string file, IProgress<ImportProgress>? progress, CancellationToken ct) =>
        new(await ImportInput.OpenTextAsync(file, Encoding.UTF8, progress, ct).ConfigureAwait(false));

    private static async Task CheckHeaderAsync(string file, string[] header, CancellationToken ct)
    {
        using var tsv = await OpenAsync(file, null, ct).ConfigureAwait(false);
        if (!TsvLineReader.HeaderMatches(await tsv.ReadAsync(ct).ConfigureAwait(false), header))
        {
            throw new InputFormatException($"'{file}' is not a playlists TSV file: its header is not \"{string.Join("\\t", header)}\".");
        }
    }

    private static bool TryParseDate(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}

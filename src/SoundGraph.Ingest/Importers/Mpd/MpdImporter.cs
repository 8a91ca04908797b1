using System.Globalization;
using System.Text.Json;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Importers.Mpd;

/// <summary>
/// Imports a slice of the Spotify Million Playlist Dataset (RecSys Challenge 2018): one JSON file
/// <c>{"info":{…},"playlists":[{name, collaborative, pid, modified_at, num_followers, tracks:[{pos, artist_name,
/// track_uri, artist_uri, track_name, album_uri, duration_ms, album_name}]}]}</c>, optionally gzipped.
/// </summary>
/// <remarks>
/// <para>Streams one playlist at a time (a full slice is ~32 MB and 1,000 playlists). Keys: playlist
/// <c>mpd:playlist:&lt;pid&gt;</c>; track = its <c>track_uri</c>; artist = its <c>artist_uri</c> (so two artists who share
/// a name stay two, and "mgk" and "Machine Gun Kelly" under one URI are one), or <see cref="EntityKeys.ArtistByName"/> of
/// <c>artist_name</c> when the entry has no <c>artist_uri</c> (counted in <c>Read["artists_keyed_by_name"]</c>), credited
/// Primary at position 0; entries at the given <c>pos</c>. Name-keyed artists of other sources link to these by name only
/// through <see cref="Storage.Resolution.ArtistLinker"/>, a reported and reversible match.</para>
/// <para>A playlist is imported whole or not at all: its stored entries are replaced only by a complete, valid entry
/// list (in the same batch, so one transaction). Rejected, with the stored version of the playlist kept: a playlist
/// without a numeric pid ("playlist #K" = 0-based index in the file), a pid already read from this file (or, for a folder, from an earlier slice), no
/// <c>tracks</c> array, a <c>name</c> that is missing or not a string, an unparsable or out-of-range
/// <c>modified_at</c> or one outside 2000-01-01 … now + 1 day, an unparsable or negative <c>num_followers</c>, a name
/// longer than <see cref="FieldChecks.MaxNameLength"/> characters ("playlist pid N"); and any bad entry — not an
/// object, a pos that is not an integer, negative or repeated, no <c>spotify:track:</c> URI, an <c>artist_uri</c> that is
/// present but not a <c>spotify:artist:</c> URI, no <c>track_name</c>, a
/// track_uri, track_name, artist_name or album_name longer than 1,000 characters, a <c>duration_ms</c> not above 0 and
/// below a day ("playlist pid N track pos K"; every bad entry of the playlist is listed). A negative pid is rejected
/// with "playlist #K". Limits: <see cref="FieldChecks"/>. A file cut off in the middle (as GitHub copies of slices
/// often are) keeps every complete playlist and rejects the tail.</para>
/// <para>Read counts: <c>playlists</c>, <c>entries</c>.</para>
/// <para>Reading and writing overlap: a full batch is written in the background while the next is read
/// (<see cref="BatchBuffer"/>), so with two cores free the import takes about the longer of the two, not their sum.</para>
/// </remarks>
public sealed partial class MpdImporter : IImporter
{
    /// <summary>Ends the reason of every reject that drops a playlist's new version.</summary>
    public const string KeptSuffix = PlaylistVersion.KeptSuffix;

    internal const long MinUnixSeconds = -62135596800; // 0001-01-01T00:00:00Z, DateTimeOffset.MinValue
    internal const long MaxUnixSeconds = 253402300799; // 9999-12-31T23:59:59Z, DateTimeOffset.MaxValue

    /// <summary>Records per batch written to the store (one transaction each), at the start of an import; batches then grow
    /// with what the import has written, up to thirty times this (<see cref="BatchBuffer.CurrentFlushThreshold"/>).</summary>
    /// <value>Default 100,000 (about 1,300 playlists of an MPD slice); at least 1. A playlist's entries always go into one
    /// batch, so a batch may exceed it by one playlist. Larger than other importers' 10,000 because every commit rewrites
    /// the pages it dirtied, and entries land all over the <c>playlist_tracks</c> track index: measured with
    /// <c>sgr bench --import-only</c>, ten times fewer commits cut the import's CPU time by 5–10 % at 10,000 playlists; the
    /// growing batches' steps (27 → 17 commits at 100,000 playlists) are in docs/benchmarks.md.</value>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>When true, every playlist is read through <see cref="JsonDocument"/> and the full checks; by default
    /// (false) <see cref="MpdFastReader"/> reads each playlist first and hands only the ones it does not plainly accept to
    /// them. Both yield the same records, counts and rejects; the switch lets tests compare the two.</summary>
    public bool DocumentReaderOnly { get; init; }

    /// <summary>The default <see cref="BatchSize"/>.</summary>
    public const int DefaultBatchSize = 100_000;

    /// <inheritdoc/>
    public string Format => "mpd";

    /// <inheritdoc/>
    public string Description => "Spotify Million Playlist Dataset slice (mpd.slice.*.json, optionally .gz), or a folder of slices imported in one run";

    /// <inheritdoc/>
    /// <remarks><paramref name="path"/> is one slice file, or a folder: then every <c>mpd.slice.*.json</c> (or
    /// <c>.json.gz</c>) directly in it is imported in one run, in the order of the slices' first pid (<see cref="SliceFiles"/>),
    /// through one stream of batches, so a run of many slices costs fewer commits than importing each on its own, and a
    /// track or artist met in several slices is written once, with the values of its first occurrence. What is stored
    /// equals importing the files one by one in that order when a track's values agree across slices (as in the MPD),
    /// except that a pid already read from an earlier file of the folder is rejected (in the MPD every pid is unique).
    /// A file of the folder that is not a slice at all (not UTF-8, not JSON, no <c>playlists</c> array) is rejected whole,
    /// naming it, and the others are imported; a single file given as the path throws instead. A playlist the store
    /// itself refuses (a constraint no check here foresaw) is rejected under the path given, folder or file, by its pid,
    /// which is unique across the folder. In a folder, <paramref name="progress"/> counts the bytes of all its slices
    /// together (one bar for the run) and names the slice being read.</remarks>
    /// <exception cref="InputFormatException">The file is not a Spotify MPD slice, or the folder holds no slice file.</exception>
    public async Task<ImportReport> ImportAsync(string path, ICatalogWriter writer, IRejectSink rejects, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rejects);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        var report = new ImportReport(Format);
        var reject = new RejectRecorder(rejects, report);
        // A playlist the store refuses is named by its pid, unique across the slices, and by the path given.
        var batch = new BatchBuffer(writer, report, BatchSize, (key, reason) => reject.Add(path, "playlist pid " + key[(key.LastIndexOf(':') + 1)..], reason), overlapWrites: true, maxFlushThreshold: (int)Math.Min(30L * BatchSize, int.MaxValue));
        try
        {
            if (Directory.Exists(path))
            {
                await ReadFolderAsync(path, batch, report, reject, progress, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ReadAsync(path, DocumentReaderOnly, batch, report, reject, new Pids([], "from this file"), progress, cancellationToken).ConfigureAwait(false);
            }

            await batch.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await batch.WaitQuietlyAsync().ConfigureAwait(false);
        }

        return report;
    }

    private static async Task ReadAsync(string path, bool documentOnly, BatchBuffer batch, ImportReport report, RejectRecorder reject, Pids pids, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var stream = await ImportInput.OpenUtf8ReadAsync(path, progress, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // A 1 MiB buffer holds dozens of playlists, so few are cut by its end (and read again by the fast reader).
            var json = new JsonArrayStreamReader(stream, "playlists", path, "a Spotify MPD slice", 1024 * 1024);
            var index = 0;
            string lastPid = "none";
            var fast = new MpdFastReader(pids.Read);
            JsonArrayStreamReader.ElementReader? readFast = documentOnly ? null : fast.Read;
            while (true)
            {
                JsonDocument? doc;
                try
                {
                    var next = await json.ReadNextAsync(readFast, cancellationToken).ConfigureAwait(false);
                    if (next.Fast)
                    {
                        lastPid = EmitChecked(fast.Draft, pids.Read, batch, report);
                        index++;
                        await batch.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    doc = next.Document;
                }
                catch (JsonException ex)
                {
                    if (index == 0)
                    {
                        throw new InputFormatException($"'{path}' is not a Spotify MPD slice: it is not valid JSON ({ex.Message}).", ex);
                    }

                    reject.Add(path, $"after playlist pid {lastPid}", $"The file is cut off or invalid after byte {json.BytesConsumed}; the complete playlists before it were kept ({ex.Message}).");
                    break;
                }

                if (doc is null)
                {
                    break;
                }

                using (doc)
                {
                    var playlist = doc.RootElement;
                    if (index == 0 && (playlist.ValueKind != JsonValueKind.Object || !playlist.TryGetProperty("tracks", out _)))
                    {
                        throw new InputFormatException($"'{path}' is not a Spotify MPD slice: its first playlist has no \"tracks\" array.");
                    }

                    try
                    {
                        lastPid = MapPlaylist(playlist, index, path, pids, batch, report, reject) ?? lastPid;
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or OverflowException)
                    {
                        // A shape no check above foresaw: the playlist was not emitted (emission comes after every check),
                        // so rejecting it here keeps the stored version and the rest of the file imports.
                        reject.Add(path, $"playlist #{index.ToString(CultureInfo.InvariantCulture)}", $"The playlist could not be read ({ex.Message})" + KeptSuffix, Raw(playlist));
                    }
                }

                index++;
                await batch.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
            }

            if (!json.FoundArray)
            {
                throw new InputFormatException($"'{path}' is not a Spotify MPD slice: it has no \"playlists\" array.");
            }
        }
    }

    private static string? MapPlaylist(JsonElement p, int index, string file, Pids pids, BatchBuffer batch, ImportReport report, RejectRecorder reject)
    {
        report.CountRead("playlists");
        var indexText = index.ToString(CultureInfo.InvariantCulture);
        if (p.ValueKind != JsonValueKind.Object || !p.TryGetProperty("pid", out var pidEl) || !JsonNumbers.TryInt64(pidEl, out var pid))
        {
            reject.Add(file, $"playlist #{indexText}", "The playlist has no numeric pid.", Raw(p));
            return null;
        }

        if (FieldChecks.Count("pid", pid, pidEl.GetRawText()) is { } negativePid)
        {
            reject.Add(file, $"playlist #{indexText}", negativePid + ".", Raw(p));
            return null;
        }

        var pidText = pid.ToString(CultureInfo.InvariantCulture);
        var location = $"playlist pid {pidText}";
        if (!pids.Read.Add(pid))
        {
            // The first copy may already be stored: a second one in the same import would replace it, or (in one batch) collide with it.
            reject.Add(file, location, $"The pid {pidText} was already read {pids.Where}; this later copy (playlist #{indexText}) is rejected.", Raw(p));
            return pidText;
        }

        if (!p.TryGetProperty("tracks", out var tracks) || tracks.ValueKind != JsonValueKind.Array)
        {
            reject.Add(file, location, "The playlist has no tracks array" + KeptSuffix, Raw(p));
            return pidText;
        }

        if (!p.TryGetProperty("name", out var nameEl) || nameEl.ValueKind != JsonValueKind.String)
        {
            reject.Add(file, location, (p.TryGetProperty("name", out _) ? $"name is a JSON {Kind(nameEl)}, not a string" : "The playlist has no name") + KeptSuffix, Raw(p));
            return pidText;
        }

        if (FieldChecks.Name("name", nameEl.GetString()) is { } longName)
        {
            reject.Add(file, location, longName + KeptSuffix, Raw(p));
            return pidText;
        }

        DateTimeOffset? modifiedAt = null;
        if (p.TryGetProperty("modified_at", out var m) && m.ValueKind != JsonValueKind.Null)
        {
            if (!JsonNumbers.TryInt64(m, out var seconds))
            {
                reject.Add(file, location, "modified_at is not a unix time in seconds" + KeptSuffix, m.GetRawText());
                return pidText;
            }

            if (seconds < MinUnixSeconds || seconds > MaxUnixSeconds)
            {
                reject.Add(file, location, $"modified_at {m.GetRawText()} is not a date: unix seconds must lie between {MinUnixSeconds} and {MaxUnixSeconds}" + KeptSuffix, m.GetRawText());
                return pidText;
            }

            if (FieldChecks.UnixSeconds("modified_at", seconds, m.GetRawText()) is { } implausible)
            {
                reject.Add(file, location, implausible + KeptSuffix, m.GetRawText());
                return pidText;
            }

            modifiedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        int? followers = null;
        if (p.TryGetProperty("num_followers", out var f) && f.ValueKind != JsonValueKind.Null)
        {
            if (!JsonNumbers.TryInt32(f, out var n))
            {
                reject.Add(file, location, "num_followers is not an integer" + KeptSuffix, f.GetRawText());
                return pidText;
            }

            if (FieldChecks.Count("num_followers", n, f.GetRawText()) is { } negative)
            {
                reject.Add(file, location, negative + KeptSuffix, f.GetRawText());
                return pidText;
            }

            followers = n;
        }

        bool? collaborative = null;
        if (p.TryGetProperty("collaborative", out var c))
        {
            collaborative = c.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String when bool.TryParse(c.GetString(), out var b) => b,
                _ => null,
            };
        }

        // Every entry is checked before anything of the playlist is emitted: one bad entry rejects the playlist's new
        // version, so its stored entries are never replaced by an incomplete list.
        var entries = new List<MpdEntry>();
        var positions = new HashSet<int>();
        var bad = 0;
        var i = 0;
        foreach (var t in tracks.EnumerateArray())
        {
            var itemIndex = i++;
            report.CountRead("entries");
            JsonElement posEl = default;
            var hasPos = t.ValueKind == JsonValueKind.Object && t.TryGetProperty("pos"u8, out posEl) && posEl.ValueKind != JsonValueKind.Null;
            var pos = itemIndex;
            if (hasPos && !JsonNumbers.TryInt32(posEl, out pos))
            {
                reject.Add(file, $"{location} track #{itemIndex.ToString(CultureInfo.InvariantCulture)}", "pos is not an integer" + KeptSuffix, Raw(t));
                bad++;
                continue;
            }

            // Each field is read once (by its UTF-8 name, in the order the checks need it) and kept for the entry.
            string? error = null;
            string? uri = null, title = null, artistUri = null, artistName = null, album = null;
            long? duration = null;
            if (t.ValueKind != JsonValueKind.Object)
            {
                error = $"The track entry is a JSON {Kind(t)}, not an object";
            }
            else if (pos < 0)
            {
                error = "pos is negative";
            }
            else if (!positions.Add(pos))
            {
                error = "Another track of this playlist has the same pos";
            }
            else if (!EntityKeys.IsSpotifyUri(uri = Str(t, "track_uri"u8), "track"))
            {
                error = "The track has no spotify:track: URI";
            }
            else if ((artistUri = Str(t, "artist_uri"u8)) is not null && !EntityKeys.IsSpotifyUri(artistUri, "artist"))
            {
                error = "artist_uri is not a spotify:artist: URI";
            }
            else if (string.IsNullOrEmpty(title = Str(t, "track_name"u8)))
            {
                error = "The track has no track_name";
            }
            else if (FieldChecks.Names(("track_uri", uri), ("track_name", title), ("artist_name", artistName = Str(t, "artist_name"u8)), ("artist_uri", artistUri), ("album_name", album = Str(t, "album_name"u8))) is { } longField)
            {
                error = longField;
            }
            else if (t.TryGetProperty("duration_ms"u8, out var durationEl) && JsonNumbers.TryInt64(durationEl, out var durationMs))
            {
                // The raw text only goes into a message, so it is read only for a bad duration.
                error = FieldChecks.Duration("duration_ms", durationMs, string.Empty) is null ? null : FieldChecks.Duration("duration_ms", durationMs, durationEl.GetRawText());
                duration = durationMs;
            }

            if (error is not null)
            {
                reject.Add(file, $"{location} track pos {pos.ToString(CultureInfo.InvariantCulture)}", error + KeptSuffix, Raw(t));
                bad++;
                continue;
            }

            entries.Add(new MpdEntry(pos, uri!, title!, artistName, artistUri, album, duration));
        }

        if (bad > 0)
        {
            return pidText;
        }

        Emit(pidText, nameEl.GetString()!, followers, modifiedAt, collaborative, entries, batch, report);
        return pidText;
    }

    /// <summary>Emits a playlist that <see cref="MpdFastReader"/> read and checked: counts it as read, marks its pid as
    /// read from this file and returns the pid's text.</summary>
    private static string EmitChecked(MpdPlaylistDraft d, HashSet<long> pids, BatchBuffer batch, ImportReport report)
    {
        report.CountRead("playlists");
        if (d.Entries.Count > 0)
        {
            report.CountRead("entries", d.Entries.Count); // as the full checks count: no "entries" key for an empty playlist
        }

        pids.Add(d.Pid);
        var pidText = d.Pid.ToString(CultureInfo.InvariantCulture);
        Emit(pidText, d.Name, d.Followers, d.ModifiedAt, d.Collaborative, d.Entries, batch, report);
        return pidText;
    }

    private static void Emit(string pidText, string name, int? followers, DateTimeOffset? modifiedAt, bool? collaborative, List<MpdEntry> entries, BatchBuffer batch, ImportReport report)
    {
        var key = EntityKeys.Local("mpd", "playlist", pidText);
        batch.Batch.Playlists.Add(new PlaylistRecord(key, name, null, followers, modifiedAt, collaborative));
        foreach (var (pos, uri, title, artistName, artistUri, album, duration) in entries)
        {
            if (batch.AddTrack(new TrackRecord(uri, title, artistName, album, duration)))
            {
                var artistKey = artistUri ?? (string.IsNullOrWhiteSpace(artistName) ? null : NameKeys.Artist(artistName));
                if (artistKey is not null)
                {
                    if (artistUri is null)
                    {
                        report.CountRead("artists_keyed_by_name");
                    }

                    batch.AddArtist(artistKey, string.IsNullOrWhiteSpace(artistName) ? artistKey : artistName);
                    batch.Batch.Credits.Add(new CreditRecord(uri, artistKey, CreditRole.Primary, 0));
                }
            }

            batch.Batch.PlaylistEntries.Add(new PlaylistEntryRecord(key, pos, uri));
        }
    }

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();

    private static string? Str(JsonElement e, ReadOnlySpan<byte> utf8Name) =>
        e.TryGetProperty(utf8Name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Raw(JsonElement e) => ImportInput.Truncate(e.GetRawText())!;
}

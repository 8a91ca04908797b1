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
/// <c>mpd:playlist:&lt;pid&gt;</c>; track = its <c>track_uri</c>; artist = <see cref="EntityKeys.ArtistByName"/> of
/// <c>artist_name</c> (as in every other source, so one artist has one identity; <c>artist_uri</c> is not used), credited
/// Primary at position 0; entries at the given <c>pos</c> (a pos that is not an integer, negative, or repeated within the
/// playlist rejects that entry).</para>
/// <para>Rejected: a playlist without a numeric pid or a <c>tracks</c> array ("playlist #K" = 0-based index in the file),
/// a playlist with an unparsable <c>modified_at</c>/<c>num_followers</c> ("playlist pid N"), a track without
/// <c>track_uri</c> or <c>track_name</c> ("playlist pid N track pos K"; the rest of the playlist is kept). A file cut off
/// in the middle (as GitHub copies of slices often are) keeps every complete playlist and rejects the tail.</para>
/// <para>Read counts: <c>playlists</c>, <c>entries</c>.</para>
/// </remarks>
public sealed class MpdImporter : IImporter
{
    /// <summary>Records per batch written to the store.</summary>
    /// <value>Default 10,000; at least 1. A playlist's entries always go into one batch, so a batch may exceed it by one
    /// playlist.</value>
    public int BatchSize { get; init; } = BatchBuffer.DefaultFlushThreshold;

    /// <inheritdoc/>
    public string Format => "mpd";

    /// <inheritdoc/>
    public string Description => "Spotify Million Playlist Dataset slice (mpd.slice.*.json, optionally .gz)";

    /// <inheritdoc/>
    public async Task<ImportReport> ImportAsync(string path, ICatalogWriter writer, IRejectSink rejects, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rejects);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        var report = new ImportReport(Format);
        var reject = new RejectRecorder(rejects, report);
        var batch = new BatchBuffer(writer, report, BatchSize);
        var stream = await ImportInput.OpenReadAsync(path, progress, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var json = new JsonArrayStreamReader(stream, "playlists", path, "a Spotify MPD slice");
            var index = 0;
            string lastPid = "none";
            while (true)
            {
                JsonDocument? doc;
                try
                {
                    doc = await json.ReadNextAsync(cancellationToken).ConfigureAwait(false);
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

                    lastPid = MapPlaylist(playlist, index, path, batch, report, reject) ?? lastPid;
                }

                index++;
                await batch.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
            }

            if (!json.FoundArray)
            {
                throw new InputFormatException($"'{path}' is not a Spotify MPD slice: it has no \"playlists\" array.");
            }
        }

        await batch.FlushAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }

    private static string? MapPlaylist(JsonElement p, int index, string file, BatchBuffer batch, ImportReport report, RejectRecorder reject)
    {
        report.CountRead("playlists");
        if (p.ValueKind != JsonValueKind.Object || !p.TryGetProperty("pid", out var pidEl) || !JsonNumbers.TryInt64(pidEl, out var pid))
        {
            reject.Add(file, $"playlist #{index}", "The playlist has no numeric pid.", Raw(p));
            return null;
        }

        var pidText = pid.ToString(CultureInfo.InvariantCulture);
        var location = $"playlist pid {pidText}";
        if (!p.TryGetProperty("tracks", out var tracks) || tracks.ValueKind != JsonValueKind.Array)
        {
            reject.Add(file, location, "The playlist has no tracks array.", Raw(p));
            return pidText;
        }

        DateTimeOffset? modifiedAt = null;
        if (p.TryGetProperty("modified_at", out var m) && m.ValueKind != JsonValueKind.Null)
        {
            if (!JsonNumbers.TryInt64(m, out var seconds))
            {
                reject.Add(file, location, "modified_at is not a unix time in seconds.", m.GetRawText());
                return pidText;
            }

            modifiedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        int? followers = null;
        if (p.TryGetProperty("num_followers", out var f) && f.ValueKind != JsonValueKind.Null)
        {
            if (!JsonNumbers.TryInt32(f, out var n))
            {
                reject.Add(file, location, "num_followers is not an integer.", f.GetRawText());
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

        var key = EntityKeys.Local("mpd", "playlist", pidText);
        batch.Batch.Playlists.Add(new PlaylistRecord(key, Str(p, "name") ?? string.Empty, null, followers, modifiedAt, collaborative));

        var i = 0;
        var positions = new HashSet<int>();
        foreach (var t in tracks.EnumerateArray())
        {
            var itemIndex = i++;
            report.CountRead("entries");
            var hasPos = t.ValueKind == JsonValueKind.Object && t.TryGetProperty("pos", out var posEl) && posEl.ValueKind != JsonValueKind.Null;
            var pos = itemIndex;
            if (hasPos && !JsonNumbers.TryInt32(t.GetProperty("pos"), out pos))
            {
                reject.Add(file, $"{location} track #{itemIndex.ToString(CultureInfo.InvariantCulture)}", "pos is not an integer.", Raw(t));
                continue;
            }

            var trackLocation = $"{location} track pos {pos.ToString(CultureInfo.InvariantCulture)}";
            if (t.ValueKind != JsonValueKind.Object)
            {
                reject.Add(file, trackLocation, "The track entry is not a JSON object.", Raw(t));
                continue;
            }

            if (pos < 0 || !positions.Add(pos))
            {
                reject.Add(file, trackLocation, pos < 0 ? "pos is negative." : "Another track of this playlist has the same pos.", Raw(t));
                continue;
            }

            var uri = Str(t, "track_uri");
            var title = Str(t, "track_name");
            if (!EntityKeys.IsSpotifyUri(uri, "track"))
            {
                reject.Add(file, trackLocation, "The track has no spotify:track: URI.", Raw(t));
                continue;
            }

            if (string.IsNullOrEmpty(title))
            {
                reject.Add(file, trackLocation, "The track has no track_name.", Raw(t));
                continue;
            }

            long? duration = t.TryGetProperty("duration_ms", out var d) && JsonNumbers.TryInt64(d, out var ms) ? ms : null;
            var artistName = Str(t, "artist_name");
            if (batch.AddTrack(new TrackRecord(uri!, title, artistName, Str(t, "album_name"), duration)))
            {
                // Artists are keyed by name, like in every other source (the top-songs CSV and the account exports have
                // no artist URIs): keying MPD artists by artist_uri would give one artist two identities.
                string? artistKey = string.IsNullOrWhiteSpace(artistName) ? null : NameKeys.Artist(artistName);
                if (artistKey is not null)
                {
                    batch.AddArtist(artistKey, artistName ?? string.Empty);
                    batch.Batch.Credits.Add(new CreditRecord(uri!, artistKey, CreditRole.Primary, 0));
                }
            }

            batch.Batch.PlaylistEntries.Add(new PlaylistEntryRecord(key, pos, uri!));
        }

        return pidText;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Raw(JsonElement e) => ImportInput.Truncate(e.GetRawText())!;
}

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Importers.SpotifyExport;

/// <summary>
/// Imports a folder from Spotify's "Download your data" (Account data): every <c>Playlist*.json</c>
/// (<c>{"playlists":[{"name","lastModifiedDate","description","numberOfFollowers","items":[{"track":{"trackName",
/// "artistName","albumName"[,"trackUri"]},"episode","localTrack"[,"audiobook","addedDate"]}]}]}</c>) and every
/// <c>StreamingHistory*.json</c> (<c>[{"endTime":"YYYY-MM-DD HH:MM" (UTC),"artistName","trackName","msPlayed"}]</c>);
/// each may be gzipped. Podcast histories (<c>StreamingHistory_podcast_*.json</c>) are left out and counted in
/// <c>Skipped["podcast_history_file"]</c>.
/// </summary>
/// <remarks>
/// <para>Keys: the user <c>spotify-export:user:&lt;normalized user name&gt;</c>; playlists
/// <c>spotify-export:playlist:&lt;normalized user name&gt;:&lt;normalized playlist name&gt;#&lt;occurrence&gt;</c>, the
/// occurrence counting same-named playlists in file order from 1 (a blank name normalizes to an empty string). Tracks by
/// their <c>trackUri</c>, else by the within-import (artist, title) rule of <see cref="TrackNameResolver"/>
/// (<c>Read["tracks_matched_by_name"]</c> counts name keys matched to stored tracks); artists by name with a Primary credit.</para>
/// <para>Episodes, audiobooks and local files are skipped (<c>Skipped["episode"]</c>, <c>["audiobook"]</c>,
/// <c>["local_file"]</c>); kept items are renumbered 0..n−1. A playlist's stored entries are replaced only by a complete,
/// valid item list: a bad item (not an object; no track, episode, audiobook or local file; no track name; an unparsable
/// addedDate) is rejected as "playlist 'name' item K" (K = 0-based index among the playlist's items) and rejects the
/// playlist's new version with it, every bad item listed and each reason ending <see cref="KeptSuffix"/>; so does a
/// playlist with no items array or an unparsable lastModifiedDate ("playlist 'name'"). A rejected playlist still counts
/// for the occurrence numbers of later same-named ones. A play without trackName, or with a bad endTime or msPlayed
/// ("item K" of its file). A history file cut off in the middle keeps its complete plays and rejects the tail.</para>
/// <para>Value checks (<see cref="FieldChecks"/>), each naming the field: a playlist <c>name</c>, an item's
/// <c>trackName</c>, <c>artistName</c>, <c>albumName</c> or <c>trackUri</c> longer than 1,000 characters, a
/// <c>lastModifiedDate</c> or <c>addedDate</c> outside 2000-01-01 … now + 1 day, a negative <c>numberOfFollowers</c>
/// reject the playlist's new version (a <c>numberOfFollowers</c> that is not an integer is stored as unknown); a play's
/// <c>endTime</c> outside that range, an <c>msPlayed</c> of a day or more (0 is a skipped play), a <c>trackName</c> or
/// <c>artistName</c> longer than 1,000 characters reject the play. Every file must be UTF-8: one that is not fails before
/// anything is written.</para>
/// <para>Read counts: <c>playlists</c>, <c>entries</c> (items, all kinds), <c>listens</c>.</para>
/// </remarks>
/// <param name="userName">The export's owner; default: the folder's name.</param>
public sealed partial class SpotifyExportImporter(string? userName = null) : IImporter
{
    /// <summary>Ends the reason of every reject that drops a playlist's new version.</summary>
    public const string KeptSuffix = PlaylistVersion.KeptSuffix;

    private const string Source = "spotify-export";
    private static readonly string[] EndTimeFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ"];

    /// <summary>Records per batch written to the store.</summary>
    /// <value>Default 10,000; at least 1. A playlist's entries always go into one batch, so a batch may exceed it by one
    /// playlist.</value>
    public int BatchSize { get; init; } = BatchBuffer.DefaultFlushThreshold;

    /// <inheritdoc/>
    public string Format => "spotify-export";

    /// <inheritdoc/>
    public string Description => "Spotify account data folder (Playlist*.json, StreamingHistory*.json)";

    /// <inheritdoc/>
    public async Task<ImportReport> ImportAsync(string path, ICatalogWriter writer, IRejectSink rejects, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rejects);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        if (File.Exists(path))
        {
            throw new InputFormatException($"'{path}' is a file, but a Spotify account export is a folder holding Playlist*.json and StreamingHistory*.json.");
        }

        ImportInput.RequireFolder(path);
        var report = new ImportReport(Format);
        var playlistFiles = FilesLike(path, "Playlist");
        var historyFiles = FilesLike(path, "StreamingHistory");
        var podcastFiles = historyFiles.Where(f => Path.GetFileName(f).Contains("podcast", StringComparison.OrdinalIgnoreCase)).ToList();
        historyFiles = historyFiles.Except(podcastFiles).ToList();
        if (playlistFiles.Count == 0 && historyFiles.Count == 0)
        {
            throw new InputFormatException($"'{path}' is not a Spotify account export: it has no Playlist*.json or StreamingHistory*.json file.");
        }

        report.CountSkipped("podcast_history_file", podcastFiles.Count);
        var user = string.IsNullOrWhiteSpace(userName) ? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))) : userName;
        var userId = NameNormalizer.Normalize(user);
        var userKey = EntityKeys.Local(Source, "user", userId);
        var reject = new RejectRecorder(rejects, report);
        var batch = new BatchBuffer(writer, report, BatchSize);
        var resolver = new TrackNameResolver(writer, report);
        var listens = new ListenDeduplicator(report);

        // Pass 1, before anything is written: check every file's shape and collect (artist, title) → URI pairs.
        foreach (var file in playlistFiles)
        {
            await ForEachElementAsync(file, "playlists", "a Spotify export playlist file", "items", strict: true, null, (playlist, _) =>
            {
                if (playlist.ValueKind == JsonValueKind.Object && playlist.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in items.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("track", out var t) && t.ValueKind == JsonValueKind.Object)
                        {
                            resolver.AddUri(Str(t, "artistName"), Str(t, "trackName"), Str(t, "trackUri"));
                        }
                    }
                }

                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var file in historyFiles)
        {
            await ProbeHistoryAsync(file, cancellationToken).ConfigureAwait(false);
        }

        // Pass 2: write.
        batch.AddUser(userKey, user);
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in playlistFiles)
        {
            await ForEachElementAsync(file, "playlists", "a Spotify export playlist file", "items", strict: true, progress, async (playlist, _) =>
            {
                await MapPlaylistAsync(file, playlist, userId, userKey, occurrences, batch, resolver, report, reject, cancellationToken).ConfigureAwait(false);
                await batch.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var file in historyFiles)
        {
            try
            {
                await ForEachElementAsync(file, null, "a Spotify streaming history file", "endTime", strict: false, progress, async (play, index) =>
                {
                    await MapListenAsync(file, play, index, userKey, batch, resolver, report, listens, reject, cancellationToken).ConfigureAwait(false);
                    await batch.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                reject.Add(file, "end of file", $"The file is cut off or invalid JSON; the complete plays before it were kept ({ex.Message}).");
            }
        }

        await batch.FlushAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }

    private static async Task MapPlaylistAsync(
        string file, JsonElement p, string userId, string userKey, Dictionary<string, int> occurrences, BatchBuffer batch, TrackNameResolver resolver, ImportReport report, RejectRecorder reject, CancellationToken ct)
    {
        report.CountRead("playlists");
        var name = p.ValueKind == JsonValueKind.Object ? Str(p, "name") ?? string.Empty : string.Empty;
        var location = $"playlist '{name}'";
        if (p.ValueKind != JsonValueKind.Object)
        {
            reject.Add(file, location, "The playlist is not a JSON object.", ImportInput.Truncate(p.GetRawText()));
            return;
        }

        // The occurrence is counted before any check, so a rejected playlist never shifts a later same-named one onto
        // its key (which would replace that playlist's stored entries with another playlist's).
        var normalizedName = NameNormalizer.Normalize(name);
        var occurrence = occurrences[normalizedName] = occurrences.GetValueOrDefault(normalizedName) + 1;
        var key = EntityKeys.Local(Source, "playlist", $"{userId}:{normalizedName}#{occurrence.ToString(CultureInfo.InvariantCulture)}");
        if (!p.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            reject.Add(file, location, "The playlist has no items array" + KeptSuffix, ImportInput.Truncate(p.GetRawText()));
            return;
        }

        if (FieldChecks.Name("name", name) is { } longName)
        {
            reject.Add(file, location, longName + KeptSuffix, ImportInput.Truncate(p.GetRawText()));
            return;
        }

        DateTimeOffset? modified = null;
        if (Str(p, "lastModifiedDate") is { Length: > 0 } modifiedText)
        {
            if (!TryParseDate(modifiedText, out var m))
            {
                reject.Add(file, location, "lastModifiedDate is not a date" + KeptSuffix, modifiedText);
                return;
            }

            if (FieldChecks.Time("lastModifiedDate", m, modifiedText) is { } implausible)
            {
                reject.Add(file, location, implausible + KeptSuffix, modifiedText);
                return;
            }

            modified = m;
        }

        // numberOfFollowers: absent, null or not an integer is unknown (as before); a negative count rejects the version.
        int? followers = p.TryGetProperty("numberOfFollowers", out var f) && JsonNumbers.TryInt32(f, out var nf) ? nf : null;
        if (followers is { } count && FieldChecks.Count("numberOfFollowers", count, f.GetRawText()) is { } negative)
        {
            reject.Add(file, location, negative + KeptSuffix, f.GetRawText());
            return;
        }

        // Every item is checked before anything of the playlist is emitted: one bad item rejects the playlist's new
        // version, so its stored entries are never replaced by a list with an entry missing and the rest moved up.
        var kept = new List<(string? Uri, string? Artist, string Title, string? Album, DateTimeOffset? Added)>();
        var bad = 0;
        var index = -1;
        foreach (var item in items.EnumerateArray())
        {
            index++;
            report.CountRead("entries");
            var itemLocation = $"{location} item {index.ToString(CultureInfo.InvariantCulture)}";
            if (item.ValueKind != JsonValueKind.Object)
            {
                reject.Add(file, itemLocation, "The item is not a JSON object" + KeptSuffix, ImportInput.Truncate(item.GetRawText()));
                bad++;
                continue;
            }

            if (!item.TryGetProperty("track", out var t) || t.ValueKind != JsonValueKind.Object)
            {
                var skipped = NotNull(item, "episode") ? "episode" : NotNull(item, "localTrack") ? "local_file" : NotNull(item, "audiobook") ? "audiobook" : null;
                if (skipped is not null)
                {
                    report.CountSkipped(skipped);
                }
                else
                {
                    reject.Add(file, itemLocation, "The item has no track, episode, audiobook or local file" + KeptSuffix, ImportInput.Truncate(item.GetRawText()));
                    bad++;
                }

                continue;
            }

            var title = Str(t, "trackName")?.Trim();
            var artist = Str(t, "artistName")?.Trim();
            if (string.IsNullOrEmpty(title))
            {
                reject.Add(file, itemLocation, (string.IsNullOrEmpty(artist) ? "The track has neither artist nor title" : "The track has no title") + KeptSuffix, ImportInput.Truncate(item.GetRawText()));
                bad++;
                continue;
            }

            var uri = Str(t, "trackUri");
            var album = Str(t, "albumName");
            if (FieldChecks.Names(("trackName", title), ("artistName", artist), ("albumName", album), ("trackUri", uri)) is { } longField)
            {
                reject.Add(file, itemLocation, longField + KeptSuffix, ImportInput.Truncate(item.GetRawText()));
                bad++;
                continue;
            }

            DateTimeOffset? added = null;
            if (Str(item, "addedDate") is { Length: > 0 } addedText)
            {
                var addedError = !TryParseDate(addedText, out var a) ? "addedDate is not a date" : FieldChecks.Time("addedDate", a, addedText);
                if (addedError is not null)
                {
                    reject.Add(file, itemLocation, addedError + KeptSuffix, addedText);
                    bad++;
                    continue;
                }

                added = a;
            }

            kept.Add((uri, artist, title, album, added));
        }

        if (bad > 0)
        {
            return;
        }

        batch.Batch.Playlists.Add(new PlaylistRecord(key, name, userKey, followers, modified));
        var position = 0;
        foreach (var (uri, artist, title, album, added) in kept)
        {
            var track = await resolver.ResolveAsync(uri, artist, title, ct).ConfigureAwait(false);
            TrackEmitter.Emit(batch, track, artist, title, album);
            batch.Batch.PlaylistEntries.Add(new PlaylistEntryRecord(key, position++, track.Key, added));
        }
    }

    private static async Task MapListenAsync(
        string file, JsonElement play, int index, string userKey, BatchBuffer batch, TrackNameResolver resolver, ImportReport report, ListenDeduplicator listens, RejectRecorder reject, CancellationToken ct)
    {
        report.CountRead("listens");
        var location = "item " + index.ToString(CultureInfo.InvariantCulture);
        if (play.ValueKind != JsonValueKind.Object)
        {
            reject.Add(file, location, "The play is not a JSON object.", ImportInput.Truncate(play.GetRawText()));
            return;
        }

        var title = Str(play, "trackName")?.Trim();
        var artist = Str(play, "artistName")?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            reject.Add(file, location, string.IsNullOrEmpty(artist) ? "The play has neither artist nor title." : "The play has no title.", ImportInput.Truncate(play.GetRawText()));
            return;
        }

        if (Str(play, "endTime") is not { } endText
            || !DateTimeOffset.TryParseExact(endText, EndTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var endTime))
        {
            reject.Add(file, location, "endTime is not a \"YYYY-MM-DD HH:MM\" time.", ImportInput.Truncate(play.GetRawText()));
            return;
        }

        if (!play.TryGetProperty("msPlayed", out var msEl) || !JsonNumbers.TryInt64(msEl, out var ms) || ms < 0)
        {
            reject.Add(file, location, "msPlayed is not a non-negative integer.", ImportInput.Truncate(play.GetRawText()));
            return;
        }

        if ((FieldChecks.Time("endTime", endTime, endText)
            ?? FieldChecks.Duration("msPlayed", ms, msEl.GetRawText(), allowZero: true)
            ?? FieldChecks.Names(("trackName", title), ("artistName", artist))) is { } valueError)
        {
            reject.Add(file, location, valueError + ".", ImportInput.Truncate(play.GetRawText()));
            return;
        }

        var track = await resolver.ResolveAsync(null, artist, title, ct).ConfigureAwait(false);
        TrackEmitter.Emit(batch, track, artist, title, null);
        var listen = new ListenRecord(userKey, track.Key, endTime, ms, Source) { TrackRef = ListenDeduplicator.NameRef(artist, title) };
        if (listens.IsNew(listen))
        {
            batch.Batch.Listens.Add(listen);
        }
    }

    /// <summary>Streams the array elements of <paramref name="file"/>; the first element must have <paramref name="requiredProperty"/>.</summary>
    private static async Task ForEachElementAsync(
        string file, string? arrayProperty, string expected, string requiredProperty, bool strict, IProgress<ImportProgress>? progress, Func<JsonElement, int, Task> action, CancellationToken ct)
    {
        // Pass 1 (no progress) checks that the file is UTF-8 throughout, before anything is written; pass 2 need not.
        var stream = await (progress is null ? ImportInput.OpenUtf8ReadAsync(file, null, ct) : ImportInput.OpenReadAsync(file, progress, ct)).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var json = new JsonArrayStreamReader(stream, arrayProperty, file, expected);
            var index = 0;
            while (true)
            {
                JsonDocument? doc;
                try
                {
                    doc = await json.ReadNextAsync(ct).ConfigureAwait(false);
                }
                catch (JsonException ex) when (strict || index == 0)
                {
                    // Pass 1 (strict) and a file that is broken from the start: not the format, nothing written from it.
                    throw new InputFormatException($"'{file}' is not {expected}: it is not valid JSON ({ex.Message}).", ex);
                }

                if (doc is null)
                {
                    break;
                }

                using (doc)
                {
                    if (index == 0 && (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty(requiredProperty, out _)))
                    {
                        throw new InputFormatException($"'{file}' is not {expected}: its first element has no \"{requiredProperty}\".");
                    }

                    await action(doc.RootElement, index).ConfigureAwait(false);
                }

                index++;
            }

            if (!json.FoundArray)
            {
                throw new InputFormatException($"'{file}' is not {expected}: it has no \"{arrayProperty}\" array.");
            }
        }
    }

    private static async Task ProbeHistoryAsync(string file, CancellationToken ct)
    {
        var stream = await ImportInput.OpenUtf8ReadAsync(file, null, ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var json = new JsonArrayStreamReader(stream, null, file, "a Spotify streaming history file");
            JsonDocument? first;
            try
            {
                first = await json.ReadNextAsync(ct).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new InputFormatException($"'{file}' is not a Spotify streaming history file: it is not valid JSON ({ex.Message}).", ex);
            }

            using (first)
            {
                if (first is not null && (first.RootElement.ValueKind != JsonValueKind.Object || !first.RootElement.TryGetProperty("endTime", out _)))
                {
                    throw new InputFormatException($"'{file}' is not a Spotify streaming history file: its first element has no \"endTime\".");
                }
            }
        }
    }

    /// <summary>Files named <paramref name="prefix"/>*.json or *.json.gz, ordered by the number in their name (Playlist2 before Playlist10).</summary>
    private static List<string> FilesLike(string folder, string prefix) =>
        Directory.EnumerateFiles(folder, prefix + "*")
            .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json.gz", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => Digits().Match(Path.GetFileName(f)) is { Success: true } m && long.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToList();

    private static bool TryParseDate(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    private static bool NotNull(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False);

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}

using System.Globalization;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;

namespace SoundGraph.Ingest.Importers.SpotifyExportTsv;

/// <summary>Reading playlists.tsv: the listed playlists, each checked once and kept until its entries are known.</summary>
public sealed partial class PlaylistsTsvImporter
{
    private async Task<Dictionary<string, ListedPlaylist>> ReadPlaylistsAsync(
        string file, ImportReport report, RejectRecorder reject, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var playlists = new Dictionary<string, ListedPlaylist>(StringComparer.Ordinal);
        using var tsv = await OpenAsync(file, report, progress, ct).ConfigureAwait(false);
        await tsv.ReadAsync(ct).ConfigureAwait(false);
        while (await tsv.ReadNonEmptyAsync(ct).ConfigureAwait(false) is { } f)
        {
            report.CountRead("playlists");
            var location = "line " + tsv.LineNumber.ToString(CultureInfo.InvariantCulture);
            if (tsv.DecodeError is { } undecodable)
            {
                reject.Add(file, location, undecodable + ".", tsv.Line);
                continue;
            }

            if (ListingError(f, tsv.LineIsCut, playlists, out var modified, out var numTracks, out var followers) is { } error)
            {
                reject.Add(file, location, error, tsv.Line);
                continue;
            }

            var record = new PlaylistRecord(TsvExportKeys.Playlist(f[0]), f[2], TsvExportKeys.User(f[1]), followers, modified);
            playlists[f[0]] = new ListedPlaylist(f[0], f[1], location, numTracks, record);
        }

        return playlists;
    }

    /// <summary>Checks one playlists.tsv row, parsing each field once; the reject reason, or null with the parsed
    /// optional fields (last_modified_date, num_tracks, num_followers). Value checks: <see cref="FieldChecks"/>.</summary>
    private static string? ListingError(
        string[] f, bool cut, Dictionary<string, ListedPlaylist> listed, out DateTimeOffset? modified, out int? numTracks, out int? followers)
    {
        modified = null;
        numTracks = null;
        followers = null;
        if (cut)
        {
            return "The file ends in the middle of this line (no line break after it): it is cut off.";
        }

        if (f.Length != PlaylistsHeader.Length)
        {
            return $"The line has {f.Length} fields, expected {PlaylistsHeader.Length}.";
        }

        if (f[0].Length == 0 || f[1].Length == 0)
        {
            return "The row has no playlist_id or source_id.";
        }

        if (listed.ContainsKey(f[0]))
        {
            return $"The playlist_id {f[0]} was already listed.";
        }

        if (f[3].Length > 0)
        {
            if (!TryParseDate(f[3], out var m))
            {
                return "last_modified_date is not a date.";
            }

            modified = m;
        }

        if (f[4].Length > 0)
        {
            if (!int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return "num_tracks is not an integer.";
            }

            numTracks = n;
        }

        if (f[5].Length > 0)
        {
            if (!int.TryParse(f[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                return "num_followers is not an integer.";
            }

            followers = n;
        }

        var valueError = (followers is { } count ? FieldChecks.Count("num_followers", count, f[5]) : null)
            ?? (modified is { } time ? FieldChecks.Time("last_modified_date", time, f[3]) : null)
            ?? FieldChecks.Names(("playlist_id", f[0]), ("source_id", f[1]), ("name", f[2]));
        return valueError is null ? null : valueError + ".";
    }

    /// <summary>A valid row of playlists.tsv, kept until its entries are known.</summary>
    private sealed record ListedPlaylist(string Id, string SourceId, string Location, int? NumTracks, PlaylistRecord Record);
}

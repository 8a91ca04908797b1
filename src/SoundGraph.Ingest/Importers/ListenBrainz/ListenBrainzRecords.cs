using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;
using SoundGraph.Ingest.Importers.MusicBrainz;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Importers.ListenBrainz;

/// <summary>Turns <see cref="ListenBrainzListen"/>s into a user, a track with its credits and a listen in a
/// <see cref="BatchBuffer"/> (rules on <see cref="ListenBrainzExportImporter"/>); shared by the export importer and the API sync.</summary>
internal sealed class ListenBrainzRecords(BatchBuffer batch, ImportReport report, ICatalogWriter writer, string listenSource)
{
    private readonly TrackNameResolver _resolver = new(writer, report);
    private readonly ListenDeduplicator _listens = new(report);

    /// <summary>The key of ListenBrainz user <paramref name="name"/>: <c>listenbrainz:user:&lt;name&gt;</c>.</summary>
    public static string UserKey(string name) => EntityKeys.Local("listenbrainz", "user", name);

    /// <summary>Adds the listen's user, track (unless emitted or stored) and the listen; false when it repeats an earlier
    /// listen of this import exactly (counted in <c>Skipped["duplicate_listen"]</c>).</summary>
    public async ValueTask<bool> AddAsync(ListenBrainzListen listen, CancellationToken cancellationToken)
    {
        var userKey = UserKey(listen.UserName);
        batch.AddUser(userKey, listen.UserName);
        var trackKey = listen.RecordingMbid is { } mbid
            ? AddRecording(listen, mbid)
            : await AddNamedAsync(listen, cancellationToken).ConfigureAwait(false);
        var record = new ListenRecord(userKey, trackKey, DateTimeOffset.FromUnixTimeSeconds(listen.ListenedAt), listen.DurationMs ?? 0, listenSource)
        {
            TrackRef = listen.TrackRef,
        };
        if (!_listens.IsNew(record))
        {
            return false;
        }

        batch.Batch.Listens.Add(record);
        return true;
    }

    private string AddRecording(ListenBrainzListen listen, Guid mbid)
    {
        var key = EntityKeys.Local("musicbrainz", "recording", mbid.ToString("D"));
        if (batch.HasTrack(key))
        {
            return key;
        }

        report.CountRead("tracks_by_mbid");
        var primary = listen.Artists.Count > 0 ? listen.Artists[0].Name : listen.ArtistName;
        batch.AddTrack(Track(key, listen, primary));
        AddCredits(key, listen);
        return key;
    }

    private async ValueTask<string> AddNamedAsync(ListenBrainzListen listen, CancellationToken cancellationToken)
    {
        var track = await _resolver.ResolveAsync(null, listen.ArtistName, listen.TrackName, cancellationToken).ConfigureAwait(false);
        if (!track.IsStored && batch.AddTrack(Track(track.Key, listen, listen.ArtistName)))
        {
            AddCredits(track.Key, listen);
        }

        return track.Key;
    }

    private static TrackRecord Track(string key, ListenBrainzListen listen, string primary) =>
        new(key, listen.TrackName, primary, listen.ReleaseName, listen.DurationMs, Details: listen.Isrc is null ? null : new TrackDetails(Isrc: listen.Isrc));

    private void AddCredits(string trackKey, ListenBrainzListen listen)
    {
        if (listen.Artists.Count == 0)
        {
            var artistKey = NameKeys.Artist(listen.ArtistName);
            batch.AddArtist(artistKey, listen.ArtistName);
            batch.Batch.Credits.Add(new CreditRecord(trackKey, artistKey, CreditRole.Primary, 0));
            return;
        }

        var roles = MusicBrainzCredits.Roles(listen.Artists.Select(a => a.JoinPhrase).ToList());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < listen.Artists.Count; i++)
        {
            var artistKey = EntityKeys.Local("musicbrainz", "artist", listen.Artists[i].Mbid.ToString("D"));
            if (!seen.Add(artistKey))
            {
                report.CountSkipped("duplicate_artist_in_credit");
                continue;
            }

            batch.AddArtist(artistKey, listen.Artists[i].Name);
            batch.Batch.Credits.Add(new CreditRecord(trackKey, artistKey, roles[i], i));
        }
    }
}

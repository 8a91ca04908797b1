using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Sources.LastFm;

/// <summary>Turns checked Last.fm scrobbles into a user, a track with its primary credit and a listen in a
/// <see cref="BatchBuffer"/> (the rules are on <see cref="LastFmSync"/>).</summary>
internal sealed class LastFmRecords(BatchBuffer batch, ImportReport report, ICatalogWriter writer, string? listener = null)
{
    private readonly TrackNameResolver _resolver = new(writer, report);
    private readonly TrackIdentityResolver _identity = new(writer, report);
    private readonly ListenDeduplicator _listens = new(report);

    /// <summary>The key of Last.fm user <paramref name="name"/>: <c>lastfm:user:&lt;name&gt;</c>.</summary>
    public static string UserKey(string name) => EntityKeys.Local("lastfm", "user", name);

    /// <summary>Adds the scrobble's user, track (unless emitted or stored) and listen; false when it repeats an earlier
    /// scrobble of this sync exactly (counted in <c>Skipped["duplicate_listen"]</c>).</summary>
    /// <param name="user">The Last.fm user name.</param>
    /// <param name="scrobble">A scrobble with a date, a name and an artist (checked by the caller).</param>
    /// <param name="cancellationToken">Cancels a store look-up.</param>
    public async ValueTask<bool> AddAsync(string user, LastFmScrobble scrobble, CancellationToken cancellationToken)
    {
        var userKey = listener is null ? UserKey(user) : EntityKeys.Listener(listener);
        batch.AddUser(userKey, listener ?? user);
        var trackKey = await TrackKeyAsync(scrobble, cancellationToken).ConfigureAwait(false);

        // The play's identity is what Last.fm said was played, (artist, title): Last.fm fills in or changes a track's MBID
        // over time, so an MBID-based reference would store the same scrobble twice.
        var record = new ListenRecord(userKey, trackKey, DateTimeOffset.FromUnixTimeSeconds(scrobble.Uts!.Value), 0, LastFmSync.Source)
        {
            TrackRef = ListenDeduplicator.NameRef(scrobble.Artist, scrobble.Name),
        };
        if (!_listens.IsNew(record))
        {
            return false;
        }

        batch.Batch.Listens.Add(record);
        return true;
    }

    /// <summary>The scrobble's track: the stored one that carries its recording MBID (<see cref="TrackIdentityResolver"/>;
    /// the track gains the Last.fm URL), else a new <c>musicbrainz:recording:</c> track, else one resolved by (artist, title)
    /// (<see cref="TrackNameResolver"/>). The Last.fm URL is kept as a <c>lastfm</c> identifier (method <c>name</c> on a
    /// stored track matched by name: Last.fm identifies tracks by name).</summary>
    private async ValueTask<string> TrackKeyAsync(LastFmScrobble scrobble, CancellationToken cancellationToken)
    {
        var mbid = TrackIds.Canonical(TrackIds.Mbid, scrobble.Mbid);
        var url = TrackIds.Canonical(TrackIds.LastFm, scrobble.Url);
        var mbidKey = mbid is null ? null : EntityKeys.Local("musicbrainz", "recording", mbid);
        if (mbidKey is not null && batch.HasTrack(mbidKey))
        {
            return mbidKey;
        }

        List<(string Kind, string Value)> ids = [];
        if (mbid is not null)
        {
            ids.Add((TrackIds.Mbid, mbid));
        }

        if (url is not null)
        {
            ids.Add((TrackIds.LastFm, url));
        }

        if (await _identity.FindAsync(ids, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            AddIdentifiers(existing, ids, "id");
            return existing;
        }

        if (mbidKey is not null)
        {
            report.CountRead("tracks_by_mbid");
            batch.AddTrack(new TrackRecord(mbidKey, scrobble.Name!, scrobble.Artist, scrobble.Album));
            var artistKey = Guid.TryParse(scrobble.ArtistMbid, out var artistMbid)
                ? EntityKeys.Local("musicbrainz", "artist", artistMbid.ToString("D"))
                : NameKeys.Artist(scrobble.Artist!);
            AddCredit(mbidKey, artistKey, scrobble.Artist!);
            AddIdentifiers(mbidKey, ids, "id");
            return mbidKey;
        }

        var key = await AddNamedAsync(scrobble, cancellationToken).ConfigureAwait(false);
        AddIdentifiers(key.Key, ids, key.IsStored ? "name" : "id");
        return key.Key;
    }

    private void AddIdentifiers(string trackKey, List<(string Kind, string Value)> ids, string method)
    {
        _identity.Remember(trackKey, ids);
        batch.Batch.TrackIdentifiers.AddRange(TrackIdentityResolver.Records(trackKey, ids, method));
    }

    private async ValueTask<ResolvedTrack> AddNamedAsync(LastFmScrobble scrobble, CancellationToken cancellationToken)
    {
        var track = await _resolver.ResolveAsync(null, scrobble.Artist, scrobble.Name, cancellationToken).ConfigureAwait(false);
        if (!track.IsStored && batch.AddTrack(new TrackRecord(track.Key, scrobble.Name!, scrobble.Artist, scrobble.Album)))
        {
            AddCredit(track.Key, NameKeys.Artist(scrobble.Artist!), scrobble.Artist!);
        }

        return track;
    }

    private void AddCredit(string trackKey, string artistKey, string artistName)
    {
        batch.AddArtist(artistKey, artistName);
        batch.Batch.Credits.Add(new CreditRecord(trackKey, artistKey, CreditRole.Primary, 0));
    }
}

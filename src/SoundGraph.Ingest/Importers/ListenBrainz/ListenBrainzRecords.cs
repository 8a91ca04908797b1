using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;
using SoundGraph.Ingest.Importers.MusicBrainz;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Importers.ListenBrainz;

/// <summary>Turns <see cref="ListenBrainzListen"/>s into a user, a track with its credits and a listen in a
/// <see cref="BatchBuffer"/> (rules on <see cref="ListenBrainzExportImporter"/>); shared by the export importer and the API sync.</summary>
/// <param name="batch">Receives the records.</param>
/// <param name="report">Counts reads, merges and skips.</param>
/// <param name="writer">The store's writer (look-ups by name and identifier).</param>
/// <param name="listenSource">The listens' source ("listenbrainz", "listenbrainz-export").</param>
/// <param name="listener">Store every listen under this listener (<see cref="EntityKeys.Listener"/>) instead of its
/// ListenBrainz user; null: the ListenBrainz user.</param>
internal sealed class ListenBrainzRecords(BatchBuffer batch, ImportReport report, ICatalogWriter writer, string listenSource, string? listener = null)
{
    private readonly TrackNameResolver _resolver = new(writer, report);
    private readonly ListenDeduplicator _listens = new(report);
    private readonly TrackIdentityResolver _identity = new(writer, report);

    /// <summary>The key of ListenBrainz user <paramref name="name"/>: <c>listenbrainz:user:&lt;name&gt;</c>.</summary>
    public static string UserKey(string name) => EntityKeys.Local("listenbrainz", "user", name);

    /// <summary>Adds the listen's user, track (unless emitted or stored) and the listen; false when it repeats an earlier
    /// listen of this import exactly (counted in <c>Skipped["duplicate_listen"]</c>).</summary>
    /// <remarks>The track: the one that already carries one of the listen's identifiers (recording MBID, ISRC, Spotify URI,
    /// MSID; <see cref="TrackIdentityResolver"/>), else a new <c>musicbrainz:recording:</c> track for a mapped listen, else
    /// the stored track of the same (artist, title) name (<see cref="TrackNameResolver"/>, a name match: the listen's
    /// identifiers are recorded on it with method <c>name</c>), else a new <c>name:track:</c> track.</remarks>
    public async ValueTask<bool> AddAsync(ListenBrainzListen listen, CancellationToken cancellationToken)
    {
        var userKey = listener is null ? UserKey(listen.UserName) : EntityKeys.Listener(listener);
        batch.AddUser(userKey, listener ?? listen.UserName);
        var trackKey = await TrackKeyAsync(listen, cancellationToken).ConfigureAwait(false);
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

    private async ValueTask<string> TrackKeyAsync(ListenBrainzListen listen, CancellationToken cancellationToken)
    {
        var ids = Identifiers(listen);
        var mbidKey = listen.RecordingMbid is { } mbid ? EntityKeys.Local("musicbrainz", "recording", mbid.ToString("D")) : null;
        if (mbidKey is not null && batch.HasTrack(mbidKey))
        {
            return mbidKey;
        }

        if (await _identity.FindAsync(ids, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            // Merged by identifier: the track gains the listen's other identifiers; its values and credits stay those of
            // the sources that stored it (a scrobble's submitted names are the messiest spelling of a track).
            AddIdentifiers(existing, ids, "id");
            return existing;
        }

        if (mbidKey is not null)
        {
            report.CountRead("tracks_by_mbid");
            batch.AddTrack(Track(mbidKey, listen, PrimaryName(listen)));
            AddCredits(mbidKey, listen);
            AddIdentifiers(mbidKey, ids, "id");
            return mbidKey;
        }

        var track = await _resolver.ResolveAsync(null, listen.ArtistName, listen.TrackName, cancellationToken).ConfigureAwait(false);
        if (!track.IsStored && batch.AddTrack(Track(track.Key, listen, listen.ArtistName)))
        {
            AddCredits(track.Key, listen);
        }

        AddIdentifiers(track.Key, ids, track.IsStored ? "name" : "id");
        return track.Key;
    }

    private void AddIdentifiers(string trackKey, List<(string Kind, string Value)> ids, string method)
    {
        _identity.Remember(trackKey, ids);
        batch.Batch.TrackIdentifiers.AddRange(TrackIdentityResolver.Records(trackKey, ids, method));
    }

    /// <summary>The listen's identifiers: recording MBID, ISRC, Spotify URI and MSID, each when present and valid.</summary>
    private static List<(string Kind, string Value)> Identifiers(ListenBrainzListen listen)
    {
        var ids = new List<(string, string)>(4);
        Add(TrackIds.Mbid, listen.RecordingMbid?.ToString("D"));
        Add(TrackIds.Isrc, listen.Isrc);
        Add(TrackIds.Spotify, listen.SpotifyUri);
        Add(TrackIds.Msid, listen.RecordingMsid);
        return ids;

        void Add(string kind, string? value)
        {
            if (TrackIds.Canonical(kind, value) is { } v)
            {
                ids.Add((kind, v));
            }
        }
    }

    private static string PrimaryName(ListenBrainzListen listen) => listen.Artists.Count > 0 ? listen.Artists[0].Name : listen.ArtistName;

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

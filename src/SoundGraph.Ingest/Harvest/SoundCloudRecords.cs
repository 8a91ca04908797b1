using System.Globalization;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Ingest.Sources.SoundCloud;
using SoundGraph.Ingest.Sources.SoundCloud.Dto;
using SoundGraph.Ingest.Text;

namespace SoundGraph.Ingest.Harvest;

/// <summary>Maps SoundCloud DTOs to catalog records. Keys: <c>soundcloud:track:{id}</c>, <c>soundcloud:user:{id}</c> (a
/// listener, liker, commenter or playlist owner), <c>soundcloud:artist:{id}</c> (the same account as uploader),
/// <c>soundcloud:playlist:{id}</c>; artists credited only in a title (feat., remix, prod.) are <c>name:artist:…</c> and
/// labels <c>name:label:…</c> (<see cref="EntityKeys"/>).</summary>
public static class SoundCloudRecords
{
    /// <summary>Key of a track.</summary>
    public static string TrackKey(long id) => EntityKeys.Local("soundcloud", "track", id.ToString(CultureInfo.InvariantCulture));

    /// <summary>Key of an account as a user.</summary>
    public static string UserKey(long id) => EntityKeys.Local("soundcloud", "user", id.ToString(CultureInfo.InvariantCulture));

    /// <summary>Key of an account as an uploading artist.</summary>
    public static string ArtistKey(long id) => EntityKeys.Local("soundcloud", "artist", id.ToString(CultureInfo.InvariantCulture));

    /// <summary>Key of a playlist.</summary>
    public static string PlaylistKey(long id) => EntityKeys.Local("soundcloud", "playlist", id.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a user.</summary>
    public static void AddUser(CatalogBatch batch, ScUser user)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(user);
        batch.Users.Add(new UserRecord(UserKey(user.Id), Name(user.Username, user.Id)));
    }

    /// <summary>Adds a track with its uploader (primary credit), the artists its title credits (featured, remixer,
    /// producer), its label and its tags (<see cref="SoundCloudTagList"/>).</summary>
    /// <returns>The track key.</returns>
    public static string AddTrack(CatalogBatch batch, ScTrack track)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(track);
        var key = TrackKey(track.Id);
        var uploaderId = track.User?.Id ?? track.UserId;
        var uploaderName = track.User?.Username;
        string? labelKey = null;
        if (!string.IsNullOrWhiteSpace(track.LabelName) && NameNormalizer.MatchKey(track.LabelName).Length > 0)
        {
            labelKey = EntityKeys.Label(track.LabelName);
            batch.Labels.Add(new LabelRecord(labelKey, track.LabelName.Trim()));
        }

        var title = string.IsNullOrWhiteSpace(track.Title) ? $"(untitled {track.Id})" : track.Title.Trim();
        batch.Tracks.Add(new TrackRecord(
            key,
            title,
            uploaderName,
            DurationMs: track.DurationMs,
            LabelKey: labelKey,
            Details: new TrackDetails(
                Genre: string.IsNullOrWhiteSpace(track.Genre) ? null : track.Genre.Trim(),
                Bpm: track.Bpm,
                PlaybackCount: track.PlaybackCount,
                LikeCount: track.FavoritingsCount,
                RepostCount: track.RepostsCount,
                CommentCount: track.CommentCount,
                ReleaseDate: ReleaseDate(track),
                Permalink: track.PermalinkUrl,
                Isrc: string.IsNullOrWhiteSpace(track.Isrc) ? track.PublisherMetadata?.Isrc : track.Isrc)));
        var position = 0;
        var credited = new HashSet<(string, CreditRole)>();
        if (uploaderId is { } uid)
        {
            var artistKey = ArtistKey(uid);
            batch.Artists.Add(new ArtistRecord(artistKey, Name(uploaderName, uid)));
            batch.Credits.Add(new CreditRecord(key, artistKey, CreditRole.Primary, position++));
            credited.Add((artistKey, CreditRole.Primary));
        }

        foreach (var entity in CreditParser.Parse(track.Title))
        {
            if (entity.Kind == CreditKind.Mention || NameNormalizer.MatchKey(entity.Name).Length == 0)
            {
                continue;
            }

            var role = entity.Kind switch
            {
                CreditKind.Remixer => CreditRole.Remixer,
                CreditKind.Producer => CreditRole.Producer,
                _ => CreditRole.Featured,
            };
            var artistKey = EntityKeys.ArtistByName(entity.Name);
            if (uploaderName is not null && NameNormalizer.MatchKey(uploaderName) == NameNormalizer.MatchKey(entity.Name))
            {
                continue; // "Uploader - Song": the uploader is already the primary credit
            }

            if (credited.Add((artistKey, role)))
            {
                batch.Artists.Add(new ArtistRecord(artistKey, entity.Name));
                batch.Credits.Add(new CreditRecord(key, artistKey, role, position++));
            }
        }

        foreach (var tag in SoundCloudTagList.Parse(track.TagList))
        {
            batch.TagAssignments.Add(new TagAssignmentRecord(TargetType.Track, key, tag));
        }

        return key;
    }

    /// <summary>Adds a playlist, its owner and its first <paramref name="maxTracks"/> tracks as entries.</summary>
    public static void AddPlaylist(CatalogBatch batch, ScPlaylist playlist, int maxTracks)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(playlist);
        string? owner = null;
        if (playlist.User is { } u)
        {
            AddUser(batch, u);
            owner = UserKey(u.Id);
        }

        var key = PlaylistKey(playlist.Id);
        batch.Playlists.Add(new PlaylistRecord(key, playlist.Title ?? string.Empty, owner));
        var position = 0;
        foreach (var t in (playlist.Tracks ?? []).Take(maxTracks))
        {
            batch.PlaylistEntries.Add(new PlaylistEntryRecord(key, position++, AddTrack(batch, t)));
        }
    }

    private static string Name(string? name, long id) => string.IsNullOrWhiteSpace(name) ? $"soundcloud user {id}" : name.Trim();

    private static string? ReleaseDate(ScTrack t)
    {
        if (t.ReleaseYear is { } y and > 0)
        {
            return t.ReleaseMonth is { } m and >= 1 and <= 12
                ? (t.ReleaseDay is { } d and >= 1 and <= 31 ? $"{y:D4}-{m:D2}-{d:D2}" : $"{y:D4}-{m:D2}")
                : $"{y:D4}";
        }

        return t.CreatedAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}

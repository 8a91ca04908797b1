using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Ingest.Sources.SoundCloud;
using SoundGraph.Ingest.Sources.SoundCloud.Dto;
using SoundGraph.Ingest.Text;
using SoundGraph.Storage.Harvest;

namespace SoundGraph.Ingest.Harvest;

/// <summary>The layers' rules: what one page of a walk stores and which walks it starts.</summary>
internal static class HarvestPageHandler
{
    /// <summary>Adds the records of <paramref name="items"/> (in page order) to <paramref name="batch"/> and the walks they
    /// start to <paramref name="children"/>; keeps at most <paramref name="room"/> items.</summary>
    /// <returns>Items kept.</returns>
    public static int Handle(string kind, FrontierTask task, IEnumerable<object> items, CatalogBatch batch, List<FrontierTask> children, ScTrack seed, HarvestOptions o, int room)
    {
        var kept = 0;
        var seedKey = SoundCloudRecords.TrackKey(seed.Id);
        foreach (var item in items)
        {
            if (kept >= room)
            {
                break;
            }

            var keep = item switch
            {
                ScUser user when kind is HarvestTasks.Favoriters or HarvestTasks.Reposters => Engager(user, kind, batch, children, seedKey, o),
                ScComment comment => Commenter(comment, batch, children, seedKey, o),
                ScPlaylist playlist => Playlist(playlist, kind, batch, seed.Id, o),
                ScTrack track => Track(track, kind, task, batch, seed, o),
                _ => false,
            };
            kept += keep ? 1 : 0;
        }

        return kept;
    }

    private static bool Engager(ScUser user, string kind, CatalogBatch batch, List<FrontierTask> children, string seedKey, HarvestOptions o)
    {
        SoundCloudRecords.AddUser(batch, user);
        var userKey = SoundCloudRecords.UserKey(user.Id);
        var like = kind == HarvestTasks.Favoriters;
        batch.Engagements.Add(new EngagementRecord(userKey, TargetType.Track, seedKey, like ? EngagementKind.Like : EngagementKind.Repost, 1));
        if (o.Users.Enabled)
        {
            children.Add(LikesOf(user.Id, "users", o));
        }

        if (like && o.Playlists.Enabled)
        {
            children.Add(new FrontierTask($"{HarvestTasks.UserPlaylists}:{user.Id}", "playlists", SoundCloudPaths.UserPlaylists(user.Id), null, o.Playlists.MaxPlaylists));
        }

        return true;
    }

    private static bool Commenter(ScComment comment, CatalogBatch batch, List<FrontierTask> children, string seedKey, HarvestOptions o)
    {
        // SoundCloud embeds the commenter; a comment without one is skipped rather than storing a placeholder name that
        // could overwrite the user's real name fetched by another walk.
        if (comment.User is not { } u)
        {
            return false;
        }

        var uid = u.Id;
        SoundCloudRecords.AddUser(batch, u);

        // One comment engagement per (user, track): count 1 means "commented"; the time is that of the comment read last.
        batch.Engagements.Add(new EngagementRecord(SoundCloudRecords.UserKey(uid), TargetType.Track, seedKey, EngagementKind.Comment, 1, comment.CreatedAt));
        children.Add(LikesOf(uid, "comments", o));
        return true;
    }

    private static bool Playlist(ScPlaylist playlist, string kind, CatalogBatch batch, long seedId, HarvestOptions o)
    {
        if (kind == HarvestTasks.UserPlaylists && !(playlist.Tracks ?? []).Any(t => t.Id == seedId))
        {
            return false;
        }

        SoundCloudRecords.AddPlaylist(batch, playlist, o.Playlists.MaxTracksPerPlaylist);
        return true;
    }

    private static bool Track(ScTrack track, string kind, FrontierTask task, CatalogBatch batch, ScTrack seed, HarvestOptions o)
    {
        var keep = kind switch
        {
            HarvestTasks.Semantic => track.Id != seed.Id && TitleSimilarity.Ratio(track.Title, seed.Title) >= o.Semantic.MinSimilarity,
            HarvestTasks.Label => IsOnLabel(track, task.Arg!),
            HarvestTasks.Entity => IsByEntity(track, task.Arg!, o),
            _ => true,
        };
        if (!keep)
        {
            return false;
        }

        var key = SoundCloudRecords.AddTrack(batch, track);
        if (kind == HarvestTasks.Likes)
        {
            var userId = long.Parse(task.Task.AsSpan(HarvestTasks.Likes.Length + 1), System.Globalization.CultureInfo.InvariantCulture);
            batch.Engagements.Add(new EngagementRecord(SoundCloudRecords.UserKey(userId), TargetType.Track, key, EngagementKind.Like, 1));
        }

        return true;
    }

    /// <summary>A catalogue search result belongs to the label when one of its own label fields names it.</summary>
    internal static bool IsOnLabel(ScTrack track, string label) =>
        LabelExtractor.Extract(track.LabelName, track.PublisherMetadata?.Publisher, track.PublisherMetadata?.PLine, null)
            .Any(candidate => LabelExtractor.Matches(candidate, label));

    /// <summary>A search result belongs to an entity when its uploader's name matches it (fuzzy, ≥ the semantic threshold)
    /// or its title credits it.</summary>
    internal static bool IsByEntity(ScTrack track, string name, HarvestOptions o)
    {
        if (TitleSimilarity.Ratio(track.User?.Username, name) >= Math.Max(o.Semantic.MinSimilarity, 0.9))
        {
            return true;
        }

        var norm = NameNormalizer.MatchKey(name);
        return CreditParser.Parse(track.Title).Any(e => e.Kind != CreditKind.Mention && NameNormalizer.MatchKey(e.Name) == norm);
    }

    private static FrontierTask LikesOf(long userId, string layer, HarvestOptions o) =>
        new($"{HarvestTasks.Likes}:{userId}", layer, SoundCloudPaths.UserLikedTracks(userId), null, o.Users.MaxLikesPerUser);
}

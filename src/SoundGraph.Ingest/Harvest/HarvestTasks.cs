using SoundGraph.Core.Identity;
using SoundGraph.Ingest.Sources.SoundCloud;
using SoundGraph.Ingest.Sources.SoundCloud.Dto;
using SoundGraph.Ingest.Text;
using SoundGraph.Storage.Harvest;

namespace SoundGraph.Ingest.Harvest;

/// <summary>The collection walks of a Deep Harvest. A task key is <c>{kind}:{subject}</c>; the same walk discovered twice
/// (a user who both liked and reposted the seed) has one key and is walked once.</summary>
internal static class HarvestTasks
{
    public const string Favoriters = "favoriters";
    public const string Reposters = "reposters";
    public const string Likes = "likes";
    public const string UserPlaylists = "user-playlists";
    public const string ArtistPlaylists = "artist-playlists";
    public const string ArtistTracks = "artist-tracks";
    public const string Semantic = "semantic";
    public const string Comments = "comments";
    public const string Label = "label";
    public const string Mention = "mention";
    public const string Entity = "entity";
    public const string EntityTracks = "entity-tracks";

    /// <summary>The kind part of a task key.</summary>
    public static string KindOf(string task) => task[..task.IndexOf(':', StringComparison.Ordinal)];

    /// <summary>The walks that start from the seed track, for the enabled layers.</summary>
    public static List<FrontierTask> FromSeed(ScTrack seed, HarvestOptions o)
    {
        var tasks = new List<FrontierTask>();
        var artistId = seed.User?.Id ?? seed.UserId;
        if (o.Users.Enabled || o.Playlists.Enabled)
        {
            // Layer 2 needs the likers too (their playlists that contain the seed), so the likers' walk serves both layers.
            tasks.Add(new($"{Favoriters}:{seed.Id}", o.Users.Enabled ? "users" : "playlists", SoundCloudPaths.TrackFavoriters(seed.Id), null, o.Users.MaxLikers));
        }

        if (o.Users.Enabled)
        {
            tasks.Add(new($"{Reposters}:{seed.Id}", "users", SoundCloudPaths.TrackReposters(seed.Id), null, o.Users.MaxReposters));
        }

        if (o.Playlists.Enabled && artistId is { } a1)
        {
            tasks.Add(new($"{ArtistPlaylists}:{a1}", "playlists", SoundCloudPaths.UserPlaylists(a1), null, o.Playlists.MaxPlaylists));
        }

        if (o.Artist.Enabled && artistId is { } a2)
        {
            tasks.Add(new($"{ArtistTracks}:{a2}", "artist", SoundCloudPaths.UserTracks(a2), null, o.Artist.MaxTracks));
        }

        if (o.Semantic.Enabled && TitleTerms.Query(seed.Title) is { Length: > 0 } query)
        {
            tasks.Add(new($"{Semantic}:{seed.Id}", "semantic", SoundCloudPaths.SearchTracks(query, null, null), query, o.Semantic.MaxResults));
        }

        if (o.Comments.Enabled)
        {
            tasks.Add(new($"{Comments}:{seed.Id}", "comments", SoundCloudPaths.TrackComments(seed.Id), null, o.Comments.MaxComments));
        }

        if (o.Labels.Enabled)
        {
            var labels = LabelExtractor.Extract(seed.LabelName, seed.PublisherMetadata?.Publisher, seed.PublisherMetadata?.PLine, seed.Description);
            foreach (var label in labels.Take(o.Labels.MaxLabels))
            {
                tasks.Add(new($"{Label}:{NameNormalizer.MatchKey(label)}", "labels", SoundCloudPaths.SearchTracks(label, null, null), label, o.Labels.MaxTracksPerLabel));
            }
        }

        if (o.Entities.Enabled)
        {
            var uploader = NameNormalizer.MatchKey(seed.User?.Username ?? string.Empty);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entity in CreditParser.Parse(seed.Title, seed.Description))
            {
                var norm = NameNormalizer.MatchKey(entity.Name);
                if (norm.Length == 0 || norm == uploader || !seen.Add(entity.Kind == CreditKind.Mention ? "@" + entity.Name.ToUpperInvariant() : norm))
                {
                    continue;
                }

                if (seen.Count > o.Entities.MaxEntities)
                {
                    break;
                }

                tasks.Add(entity.Kind == CreditKind.Mention
                    ? new($"{Mention}:{entity.Name.ToLowerInvariant()}", "entities", "https://soundcloud.com/" + entity.Name, entity.Name, 1)
                    : new($"{Entity}:{norm}", "entities", SoundCloudPaths.SearchTracks(entity.Name, null, null), entity.Name, o.Entities.MaxTracksPerEntity));
            }
        }

        return tasks;
    }

    /// <summary>How many items a walk may look at: filtered walks scan up to <see cref="HarvestOptions.ScanFactor"/> times
    /// their keep limit; walks whose limit is on the items examined (search results, a user's playlists) scan exactly it.</summary>
    public static long ScanLimit(FrontierTask task, HarvestOptions o) => KindOf(task.Task) switch
    {
        Label or Entity => task.MaxItems * o.ScanFactor,
        _ => task.MaxItems,
    };
}

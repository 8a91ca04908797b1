using SoundGraph.Core.Identity;
using SoundGraph.FakeSoundCloud.World;
using SoundGraph.Ingest.Harvest;
using SoundGraph.Ingest.Text;

namespace SoundGraph.Ingest.Tests.Harvest;

/// <summary>What a Deep Harvest of <c>seed</c> must store, computed straight from the fake world's ground truth (its
/// collections in the order the server pages them) with the layer rules of <see cref="HarvestOptions"/>, without HTTP.</summary>
internal sealed class HarvestOracle
{
    public HarvestOracle(FakeWorld world, long seedId, HarvestOptions o)
    {
        var seed = world.Track(seedId)!;
        Track(world, seed);
        var likers = new List<long>();
        var playlistOwners = new List<long>();
        if (o.Users.Enabled || o.Playlists.Enabled)
        {
            foreach (var u in world.Favoriters(seedId).Take(o.Users.MaxLikers))
            {
                User(u.Id);
                Engagements.Add($"{UserKey(u.Id)}|like|{TrackKey(seedId)}");
                PerLayer["users"]++;
                if (o.Users.Enabled)
                {
                    likers.Add(u.Id);
                }

                if (o.Playlists.Enabled)
                {
                    playlistOwners.Add(u.Id);
                }
            }
        }

        if (o.Users.Enabled)
        {
            foreach (var u in world.Reposters(seedId).Take(o.Users.MaxReposters))
            {
                User(u.Id);
                Engagements.Add($"{UserKey(u.Id)}|repost|{TrackKey(seedId)}");
                likers.Add(u.Id);
                PerLayer["users"]++;
            }
        }

        if (o.Playlists.Enabled)
        {
            foreach (var p in world.PlaylistsBy(seed.UserId).Take(o.Playlists.MaxPlaylists))
            {
                Playlist(world, p, o);
            }

            foreach (var owner in playlistOwners)
            {
                foreach (var p in world.PlaylistsBy(owner).Take(o.Playlists.MaxPlaylists).Where(p => p.TrackIds.Contains(seedId)))
                {
                    Playlist(world, p, o);
                }
            }
        }

        if (o.Artist.Enabled)
        {
            foreach (var t in world.TracksBy(seed.UserId).Take(o.Artist.MaxTracks))
            {
                Track(world, t);
                PerLayer["artist"]++;
            }
        }

        if (o.Semantic.Enabled && TitleTerms.Query(seed.Title) is { Length: > 0 } query)
        {
            foreach (var t in world.Search(query).Take(o.Semantic.MaxResults).Where(t => t.Id != seedId && TitleSimilarity.Ratio(t.Title, seed.Title) >= o.Semantic.MinSimilarity))
            {
                Track(world, t);
                PerLayer["semantic"]++;
            }
        }

        if (o.Comments.Enabled)
        {
            foreach (var c in world.Comments(seedId).Take(o.Comments.MaxComments))
            {
                User(c.UserId);
                Engagements.Add($"{UserKey(c.UserId)}|comment|{TrackKey(seedId)}");
                likers.Add(c.UserId);
                PerLayer["comments"]++;
            }
        }

        if (o.Labels.Enabled)
        {
            var labels = LabelExtractor.Extract(seed.LabelName, seed.PublisherMetadata?.Publisher, seed.PublisherMetadata?.PLine, seed.Description);
            foreach (var label in labels.Take(o.Labels.MaxLabels))
            {
                Labels.Add(label);
                foreach (var t in world.Search(label).Take(o.Labels.MaxTracksPerLabel * o.ScanFactor)
                    .Where(t => LabelExtractor.Extract(t.LabelName, t.PublisherMetadata?.Publisher, t.PublisherMetadata?.PLine, null).Any(c => LabelExtractor.Matches(c, label)))
                    .Take(o.Labels.MaxTracksPerLabel))
                {
                    Track(world, t);
                    PerLayer["labels"]++;
                }
            }
        }

        if (o.Entities.Enabled)
        {
            var uploader = NameNormalizer.MatchKey(world.User(seed.UserId)!.Username);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in CreditParser.Parse(seed.Title, seed.Description))
            {
                var norm = NameNormalizer.MatchKey(e.Name);
                if (norm.Length == 0 || norm == uploader || !seen.Add(e.Kind == CreditKind.Mention ? "@" + e.Name.ToUpperInvariant() : norm))
                {
                    continue;
                }

                if (seen.Count > o.Entities.MaxEntities)
                {
                    break;
                }

                Entities.Add(e.Name);
                if (e.Kind == CreditKind.Mention)
                {
                    if (world.ResolveUrl("https://soundcloud.com/" + e.Name) is { Kind: FakeResourceKind.User } r)
                    {
                        User(r.Id);
                        foreach (var t in world.TracksBy(r.Id).Take(o.Entities.MaxTracksPerEntity))
                        {
                            Track(world, t);
                            PerLayer["entities"]++;
                        }
                    }
                }
                else
                {
                    foreach (var t in world.Search(e.Name).Take(o.Entities.MaxTracksPerEntity * o.ScanFactor)
                        .Where(t => IsByEntity(world, t, e.Name, o)).Take(o.Entities.MaxTracksPerEntity))
                    {
                        Track(world, t);
                        PerLayer["entities"]++;
                    }
                }
            }
        }

        foreach (var u in likers.Distinct())
        {
            foreach (var t in world.LikedTracks(u).Take(o.Users.MaxLikesPerUser))
            {
                Track(world, t);
                Engagements.Add($"{UserKey(u)}|like|{TrackKey(t.Id)}");
            }
        }
    }

    public HashSet<string> Tracks { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Users { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Playlists { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Uploaders { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Engagements { get; } = new(StringComparer.Ordinal);

    public HashSet<string> PlaylistEntries { get; } = new(StringComparer.Ordinal);

    public List<string> Labels { get; } = [];

    public List<string> Entities { get; } = [];

    public Dictionary<string, int> PerLayer { get; } = HarvestOptions.LayerNames.ToDictionary(n => n, _ => 0);

    public static string TrackKey(long id) => "soundcloud:track:" + id;

    public static string UserKey(long id) => "soundcloud:user:" + id;

    private static bool IsByEntity(FakeWorld world, FakeTrack t, string name, HarvestOptions o)
    {
        if (TitleSimilarity.Ratio(world.User(t.UserId)?.Username, name) >= Math.Max(o.Semantic.MinSimilarity, 0.9))
        {
            return true;
        }

        var norm = NameNormalizer.MatchKey(name);
        return CreditParser.Parse(t.Title).Any(c => c.Kind != CreditKind.Mention && NameNormalizer.MatchKey(c.Name) == norm);
    }

    private void Track(FakeWorld world, FakeTrack t)
    {
        Tracks.Add(TrackKey(t.Id));
        Uploaders.Add("soundcloud:artist:" + t.UserId);
    }

    private void User(long id) => Users.Add(UserKey(id));

    private void Playlist(FakeWorld world, FakePlaylist p, HarvestOptions o)
    {
        var key = "soundcloud:playlist:" + p.Id;
        Playlists.Add(key);
        User(p.UserId);
        PerLayer["playlists"]++;
        var position = 0;
        foreach (var id in p.TrackIds.Take(o.Playlists.MaxTracksPerPlaylist))
        {
            Track(world, world.Track(id)!);
            PlaylistEntries.Add($"{key}|{position++}|{TrackKey(id)}");
        }
    }
}

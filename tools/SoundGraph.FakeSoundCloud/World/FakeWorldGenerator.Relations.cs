namespace SoundGraph.FakeSoundCloud.World;

internal sealed partial class FakeWorldGenerator
{
    /// <summary>Zipf(s) weights over the public tracks in a shuffled order, as a cumulative table.</summary>
    private (int[] TrackIndexes, double[] Cumulative) PopularityTable()
    {
        var order = Enumerable.Range(0, tracks.Count).Where(i => !tracks[i].IsPrivate).ToArray();
        rng.Shuffle(order);
        var cumulative = new double[order.Length];
        var sum = 0d;
        for (var rank = 0; rank < order.Length; rank++)
        {
            sum += 1 / Math.Pow(rank + 1, ZipfExponent);
            cumulative[rank] = sum;
        }

        return (order, cumulative);
    }

    private int DrawTrack((int[] TrackIndexes, double[] Cumulative) popularity)
    {
        var (order, cumulative) = popularity;
        if (rng.NextDouble() >= ZipfShare)
        {
            return order[rng.Next(order.Length)];
        }

        var x = rng.NextDouble() * cumulative[^1];
        var at = Array.BinarySearch(cumulative, x);
        return order[Math.Min(order.Length - 1, at >= 0 ? at : ~at)];
    }

    private List<Interaction> CreateLikes((int[] TrackIndexes, double[] Cumulative) popularity)
    {
        var likes = new List<Interaction>();
        if (popularity.TrackIndexes.Length == 0)
        {
            return likes;
        }

        var chosen = new HashSet<int>();
        for (var ui = 0; ui < users.Count; ui++)
        {
            var target = rng.NextDouble() < 0.15 ? 0 : (int)Math.Min(1000, Pareto(3, 1.0));
            target = Math.Min(target, popularity.TrackIndexes.Length / 2);
            chosen.Clear();
            for (var attempt = 0; attempt < 3 * target && chosen.Count < target; attempt++)
            {
                var ti = DrawTrack(popularity);
                var track = tracks[ti];
                if (track.UserIndex == ui || !chosen.Add(ti))
                {
                    continue;
                }

                var from = Max(users[ui].CreatedAt, track.CreatedAt).AddMinutes(1);
                likes.Add(new Interaction(ui, ti, Between(Min(from, now), now)));
            }
        }

        return likes;
    }

    private List<Interaction> CreateReposts(List<Interaction> likes)
    {
        var reposts = new List<Interaction>();
        foreach (var like in likes)
        {
            if (rng.NextDouble() < 0.07)
            {
                reposts.Add(like with { At = Min(now, like.At.AddSeconds(rng.Next(0, 3 * 86_400))) });
            }
        }

        return reposts;
    }

    private List<CommentDraft> CreateComments(List<Interaction> likes)
    {
        var drafts = new List<CommentDraft>();
        foreach (var like in likes)
        {
            if (rng.NextDouble() < 0.1)
            {
                var track = tracks[like.TrackIndex];
                drafts.Add(NewComment(like.UserIndex, like.TrackIndex, Max(track.CreatedAt, like.At.AddSeconds(-rng.Next(0, 600)))));
            }
        }

        for (var ti = 0; ti < tracks.Count; ti++)
        {
            var track = tracks[ti];
            var ui = rng.Next(users.Count);
            if (!track.IsPrivate && rng.NextDouble() < 0.05 && ui != track.UserIndex)
            {
                drafts.Add(NewComment(ui, ti, Between(Max(track.CreatedAt, users[ui].CreatedAt), now)));
            }
        }

        drafts.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At)
            : a.TrackIndex != b.TrackIndex ? a.TrackIndex.CompareTo(b.TrackIndex) : a.UserIndex.CompareTo(b.UserIndex));
        return drafts;
    }

    private CommentDraft NewComment(int userIndex, int trackIndex, DateTimeOffset at)
    {
        var track = tracks[trackIndex];
        var body = Pick(WorldText.CommentTemplates);
        var u = rng.NextDouble();
        if (u < 0.1)
        {
            body = $"@{users[track.UserIndex].Permalink} {body}";
        }
        else if (u < 0.2)
        {
            body = $"{body} @{users[rng.Next(users.Count)].Permalink} listen to this";
        }

        long? timestamp = rng.NextDouble() < 0.1 ? null : rng.Next(0, track.DurationMs);
        return new CommentDraft(userIndex, trackIndex, at, timestamp, body);
    }

    private List<PlaylistDraft> CreatePlaylists(List<Interaction> likes, (int[] TrackIndexes, double[] Cumulative) popularity)
    {
        var likedByUser = new List<int>[users.Count];
        foreach (var like in likes)
        {
            (likedByUser[like.UserIndex] ??= []).Add(like.TrackIndex);
        }

        var drafts = new List<PlaylistDraft>();
        for (var ui = 0; ui < users.Count; ui++)
        {
            if (rng.NextDouble() >= 0.3 || popularity.TrackIndexes.Length == 0)
            {
                continue;
            }

            var user = users[ui];
            var own = user.TrackIndexes.Where(i => !tracks[i].IsPrivate).ToList();
            var count = (int)Math.Min(25, Pareto(1, 1.5));
            var taken = new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < count; k++)
            {
                var draft = own.Count >= 3 && rng.NextDouble() < 0.35
                    ? Album(ui, own)
                    : Mixtape(ui, likedByUser[ui], popularity);
                var slug = WorldText.Slug(draft.Title);
                draft.Permalink = UniqueSlug(slug.Length == 0 ? "set" : slug, taken);
                drafts.Add(draft);
            }
        }

        drafts.Sort((a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt)
            : a.UserIndex != b.UserIndex ? a.UserIndex.CompareTo(b.UserIndex) : a.Sequence.CompareTo(b.Sequence));
        return drafts;
    }

    private PlaylistDraft Album(int userIndex, List<int> own)
    {
        var size = Math.Min(own.Count, rng.Next(3, 13));
        var first = rng.Next(0, own.Count - size + 1);
        var members = own.GetRange(first, size);
        var type = size >= 6 ? "album" : "ep";
        var title = $"{Pick(WorldText.Adjectives)} {Pick(WorldText.Nouns)}{(type == "ep" ? " EP" : "")}";
        return NewPlaylist(userIndex, title, type, members, tracks[members[0]].LabelName, tracks[members[0]].Genre);
    }

    private PlaylistDraft Mixtape(int userIndex, List<int>? liked, (int[] TrackIndexes, double[] Cumulative) popularity)
    {
        var size = (int)Math.Min(40, Pareto(2, 1.2));
        var members = new List<int>();
        var seen = new HashSet<int>();
        for (var attempt = 0; attempt < 3 * size && members.Count < size; attempt++)
        {
            var ti = liked is { Count: > 0 } && rng.NextDouble() < 0.5 ? liked[rng.Next(liked.Count)] : DrawTrack(popularity);
            if (seen.Add(ti))
            {
                members.Add(ti);
            }
        }

        var title = rng.NextDouble() < 0.6 ? Pick(WorldText.PlaylistNames) : $"{Pick(WorldText.Nouns)} mix {rng.Next(2012, 2025)}";
        return NewPlaylist(userIndex, title, "playlist", members, null, "");
    }

    private int playlistSequence;

    private PlaylistDraft NewPlaylist(int userIndex, string title, string type, List<int> members, string? label, string genre)
    {
        var newest = members.Select(i => tracks[i].CreatedAt).Max();
        var createdAt = Min(now, Max(newest, users[userIndex].CreatedAt).AddSeconds(rng.Next(60, 30 * 86_400)));
        var tags = type == "playlist" ? WorldText.TagList(rng.NextDouble() < 0.3 ? [Pick(WorldText.MultiWordTags)] : []) : tracks[members[0]].TagList;
        var description = type != "playlist" && label is not null ? $"Out now on {label}" : rng.NextDouble() < 0.2 ? "songs I keep coming back to" : null;
        return new PlaylistDraft(userIndex, playlistSequence++, title, type, members, label, genre, tags, description, createdAt);
    }

    private readonly record struct Interaction(int UserIndex, int TrackIndex, DateTimeOffset At);

    private sealed record CommentDraft(int UserIndex, int TrackIndex, DateTimeOffset At, long? TimestampMs, string Body);

    private sealed record PlaylistDraft(
        int UserIndex, int Sequence, string Title, string Type, List<int> Members, string? Label, string Genre, string TagList,
        string? Description, DateTimeOffset CreatedAt)
    {
        public string Permalink { get; set; } = "";
    }
}

namespace SoundGraph.FakeSoundCloud.World;

internal sealed partial class FakeWorldGenerator
{
    private FakeWorld Assemble(List<Interaction> likes, List<Interaction> reposts, List<CommentDraft> commentDrafts, List<PlaylistDraft> playlistDrafts)
    {
        var likers = new int[tracks.Count];
        var reposters = new int[tracks.Count];
        var commentCounts = new int[tracks.Count];
        var likesByUser = new int[users.Count];
        foreach (var like in likes)
        {
            likers[like.TrackIndex]++;
            likesByUser[like.UserIndex]++;
        }

        foreach (var repost in reposts)
        {
            reposters[repost.TrackIndex]++;
        }

        foreach (var comment in commentDrafts)
        {
            commentCounts[comment.TrackIndex]++;
        }

        var finalTracks = new List<FakeTrack>(tracks.Count);
        var publicTracksByUser = new int[users.Count];
        var likesReceivedByUser = new long[users.Count];
        for (var ti = 0; ti < tracks.Count; ti++)
        {
            var t = tracks[ti];
            var user = users[t.UserIndex];
            var labeled = t.LabelName is not null;
            var isrc = labeled ? $"ZZ{(char)('A' + rng.Next(26))}{rng.Next(10, 100)}{t.CreatedAt.Year % 100:00}{rng.Next(0, 100_000):00000}" : null;
            var playbacks = (likers[ti] * rng.Next(15, 61)) + (reposters[ti] * 20) + rng.Next(0, 200);
            finalTracks.Add(new FakeTrack(
                Id: t.Id,
                UserId: user.Id,
                Title: t.Title,
                Permalink: t.Permalink,
                Description: t.Description,
                CreatedAt: t.CreatedAt,
                DurationMs: t.DurationMs,
                Genre: t.Genre,
                TagList: t.TagList,
                LabelName: t.LabelName,
                ReleaseYear: labeled ? t.CreatedAt.Year : null,
                ReleaseMonth: labeled ? t.CreatedAt.Month : null,
                ReleaseDay: labeled ? Math.Min(28, t.CreatedAt.Day) : null,
                Bpm: t.Bpm,
                Isrc: isrc,
                KeySignature: t.KeySignature,
                PlaybackCount: playbacks,
                DownloadCount: t.Downloadable ? playbacks / 40 : 0,
                FavoritingsCount: likers[ti],
                RepostsCount: reposters[ti],
                CommentCount: commentCounts[ti],
                IsPrivate: t.IsPrivate,
                PublisherMetadata: PublisherMetadata(t, isrc),
                ArtworkUrl: t.HasArtwork ? $"https://i1.sndcdn.com/artworks-synthetic-{t.Id}-large.jpg" : null,
                WaveformUrl: $"https://wave.sndcdn.com/synthetic{t.Id}_m.png"));
            if (!t.IsPrivate)
            {
                publicTracksByUser[t.UserIndex]++;
            }

            likesReceivedByUser[t.UserIndex] += likers[ti];
        }

        var playlistsByUser = new int[users.Count];
        var playlistGapTop = Math.Max(2L, 900_000_000L / Math.Max(1, playlistDrafts.Count));
        var playlistId = 1_000_000L;
        var finalPlaylists = new List<FakePlaylist>(playlistDrafts.Count);
        foreach (var p in playlistDrafts)
        {
            playlistId += 1 + rng.NextInt64(playlistGapTop);
            playlistsByUser[p.UserIndex]++;
            finalPlaylists.Add(new FakePlaylist(
                playlistId, users[p.UserIndex].Id, p.Title, p.Permalink, p.Description, p.CreatedAt, p.Type, p.Genre, p.TagList, p.Label,
                p.Members.Select(i => tracks[i].Id).ToArray(), p.Members.Sum(i => tracks[i].DurationMs)));
        }

        var commentGapTop = Math.Max(2L, 2_000_000_000L / Math.Max(1, commentDrafts.Count));
        var commentId = 300_000_000L;
        var finalComments = new List<FakeComment>(commentDrafts.Count);
        foreach (var c in commentDrafts)
        {
            commentId += 1 + rng.NextInt64(commentGapTop);
            finalComments.Add(new FakeComment(commentId, tracks[c.TrackIndex].Id, users[c.UserIndex].Id, c.At, c.TimestampMs, c.Body));
        }

        var finalUsers = new List<FakeUser>(users.Count);
        for (var ui = 0; ui < users.Count; ui++)
        {
            var u = users[ui];
            finalUsers.Add(new FakeUser(
                u.Id, u.Username, u.Permalink, u.FullName, u.Description, u.City, u.Country, u.CreatedAt,
                $"https://i1.sndcdn.com/avatars-synthetic-{u.Id}-large.jpg",
                FollowersCount: (int)Math.Min(int.MaxValue, (likesReceivedByUser[ui] * rng.Next(1, 5)) + rng.Next(0, 60)),
                FollowingsCount: u.FollowingsCount,
                TrackCount: publicTracksByUser[ui],
                PlaylistCount: playlistsByUser[ui],
                PublicFavoritesCount: likesByUser[ui]));
        }

        return new FakeWorld(
            options,
            finalUsers,
            finalTracks,
            finalPlaylists,
            finalComments,
            likes.Select(l => new FakeWorld.Edge(users[l.UserIndex].Id, tracks[l.TrackIndex].Id, l.At)).ToList(),
            reposts.Select(r => new FakeWorld.Edge(users[r.UserIndex].Id, tracks[r.TrackIndex].Id, r.At)).ToList());
    }
}

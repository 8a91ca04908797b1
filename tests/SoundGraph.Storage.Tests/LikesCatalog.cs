using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;

namespace SoundGraph.Storage.Tests;

/// <summary>A small synthetic catalog of likes (not real data): artists A, B, C; tracks t1 (A feat. B), t2 (A), t3 (C),
/// t4 (no credit); users u1..u4. Likes: u1 {t1, t2}, u2 {t1, t3}, u3 {t4}; u1 also reposts t3 and comments on t1, u4 likes
/// artist A (an artist like, not a track like) and plays artist C 9 times; u2 plays artist A 4 times; u1 follows u2.
/// Also: label L on t2; playlist P1 = [t1, t2, t1]; tag "rock" on artist A (by u1) and on t1; audio features of t1.</summary>
internal static class LikesCatalog
{
    public static CatalogBatch Batch()
    {
        var b = new CatalogBatch();
        string A = EntityKeys.ArtistByName("A"), B = EntityKeys.ArtistByName("B"), C = EntityKeys.ArtistByName("C");
        b.Artists.AddRange([new ArtistRecord(A, "A"), new ArtistRecord(B, "B"), new ArtistRecord(C, "C")]);
        b.Users.AddRange([new UserRecord("test:user:1", "u1"), new UserRecord("test:user:2", "u2"), new UserRecord("test:user:3", "u3"), new UserRecord("test:user:4", "u4")]);
        b.Tracks.AddRange(
        [
            new TrackRecord("test:track:1", "One", "A", DurationMs: 200000),
            new TrackRecord("test:track:2", "Two", "A", LabelKey: EntityKeys.Label("L")),
            new TrackRecord("test:track:3", "Three", "C"),
            new TrackRecord("test:track:4", "Four, \"quoted\""),
        ]);
        b.Credits.AddRange(
        [
            new CreditRecord("test:track:1", A, CreditRole.Primary, 0),
            new CreditRecord("test:track:1", B, CreditRole.Featured, 1),
            new CreditRecord("test:track:2", A, CreditRole.Primary, 0),
            new CreditRecord("test:track:3", C, CreditRole.Primary, 0),
        ]);
        b.Engagements.AddRange(
        [
            new EngagementRecord("test:user:1", TargetType.Track, "test:track:1", EngagementKind.Like, 1),
            new EngagementRecord("test:user:1", TargetType.Track, "test:track:2", EngagementKind.Like, 1),
            new EngagementRecord("test:user:2", TargetType.Track, "test:track:1", EngagementKind.Like, 1),
            new EngagementRecord("test:user:2", TargetType.Track, "test:track:3", EngagementKind.Like, 1),
            new EngagementRecord("test:user:3", TargetType.Track, "test:track:4", EngagementKind.Like, 1),
            new EngagementRecord("test:user:1", TargetType.Track, "test:track:3", EngagementKind.Repost, 1),
            new EngagementRecord("test:user:1", TargetType.Track, "test:track:1", EngagementKind.Comment, 2),
            new EngagementRecord("test:user:4", TargetType.Artist, A, EngagementKind.Like, 1),
            new EngagementRecord("test:user:4", TargetType.Artist, C, EngagementKind.Play, 9),
            new EngagementRecord("test:user:2", TargetType.Artist, A, EngagementKind.Play, 4),
        ]);
        b.Follows.Add(new FollowRecord("test:user:1", "test:user:2"));
        b.Labels.Add(new LabelRecord(EntityKeys.Label("L"), "L"));
        b.Playlists.Add(new PlaylistRecord("test:playlist:1", "P1"));
        b.PlaylistEntries.AddRange(
        [
            new PlaylistEntryRecord("test:playlist:1", 0, "test:track:1"),
            new PlaylistEntryRecord("test:playlist:1", 1, "test:track:2"),
            new PlaylistEntryRecord("test:playlist:1", 2, "test:track:1"),
        ]);
        b.TagAssignments.AddRange(
        [
            new TagAssignmentRecord(TargetType.Artist, A, "Rock", "test:user:1"),
            new TagAssignmentRecord(TargetType.Track, "test:track:1", "rock"),
        ]);
        b.AudioFeatures.Add(new AudioFeaturesRecord("test:track:1", "spotify", new AudioFeatures(0.8, 0.7, 0.05, 0.1, 0, 0.1, 0.6, -5.5, 120, 1, 1, 4)));
        return b;
    }
}

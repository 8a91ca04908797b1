using SoundGraph.Core.Relations;
using SoundGraph.Graph.Relations;
using static SoundGraph.Graph.Tests.Relations.TestGraphs;

namespace SoundGraph.Graph.Tests.Relations;

/// <summary>The two kinds built from likes: <see cref="RelationKind.UserLikeJaccard"/> and
/// <see cref="RelationKind.ArtistCoLibrary"/>, on hand-worked five- and four-user examples.</summary>
public sealed class LikeRelationsTests
{
    // Liked tracks of users 1..5:
    //   u1 {100, 101, 102, 103}
    //   u2 {100, 101, 102, 104, 105}   with u1: common {100, 101, 102} = 3, union 4 + 5 − 3 = 6 → 3/6 = 0.5 → kept
    //   u3 {100, 101, 106}             with u1 or u2: 2 common (< 3) → absent, although Jaccard 2/5 and 2/6 ≥ 0.1
    //   u4 {100, 101, 102, 110..139}   |u4| = 33; with u1: 3 common, union 34 → 0.088 < 0.1; with u2: union 35 → absent
    //   u5 {102, 103, 104, 105}        with u2: common {102, 104, 105} = 3, union 5 + 4 − 3 = 6 → 0.5 → kept;
    //                                  with u1: {102, 103} = 2 → absent
    private static readonly Bipartite LikedTracks = Of(
        (1, [100, 101, 102, 103]),
        (2, [100, 101, 102, 104, 105]),
        (3, [100, 101, 106]),
        (4, [100, 101, 102, .. Enumerable.Range(110, 30).Select(i => (long)i)]),
        (5, [102, 103, 104, 105]));

    // Library (distinct artists of liked tracks) of users 1..4; likers per artist: 10 {1,2,3}, 11 {1,2}, 12 {2,4}, 13 {4}.
    //   (10,11): 2 common / √(3·2) = 2/√6    (10,12): 1/√(3·2) = 1/√6    (11,12): 1/√(2·2) = 1/2    (12,13): 1/√(2·1) = 1/√2
    //   (10,13) and (11,13) share no liker.
    private static readonly Bipartite LikedArtists = Of(
        (1, [10, 11]),
        (2, [10, 11, 12]),
        (3, [10]),
        (4, [12, 13]));

    [Fact]
    public void Build_UserLikeJaccard_KeepsPairsWithThreeCommonTracksAndJaccardAtLeastTenth()
    {
        var result = RelationEngine.Build(new RelationInputs { UserLikedTracks = LikedTracks }, new RelateOptions());

        var rows = result[RelationKind.UserLikeJaccard];
        AssertRows([(1, 2, 0.5, 3), (2, 1, 0.5, 3), (2, 5, 0.5, 3), (5, 2, 0.5, 3)], rows);
        Assert.Equal([100L, 101L, 102L], rows[0].Evidence);
        Assert.Equal([102L, 104L, 105L], rows[2].Evidence);
        Assert.All(rows, r => Assert.Equal(RelationKind.UserLikeJaccard, r.Kind));
    }

    [Fact]
    public void Build_UserLikeJaccardRelaxedFilters_AdmitsTheFilteredPairs()
    {
        var options = new RelateOptions { UserMinCommon = 2, UserMinJaccard = 0 };

        var rows = RelationEngine.Build(new RelationInputs { UserLikedTracks = LikedTracks }, options)[RelationKind.UserLikeJaccard];

        Assert.Contains(rows, r => r is { SrcId: 1, DstId: 4, Count: 3 } && Math.Abs(r.Weight - (3.0 / 34)) < 1e-12);
        Assert.Contains(rows, r => r is { SrcId: 3, DstId: 1, Count: 2 } && Math.Abs(r.Weight - (2.0 / 5)) < 1e-12);
        Assert.Contains(rows, r => r is { SrcId: 1, DstId: 5, Count: 2 } && Math.Abs(r.Weight - (2.0 / 6)) < 1e-12);
    }

    [Fact]
    public void Build_UserLikeJaccard_IgnoresListenerArtists()
    {
        // The listener membership would give u1–u2 a UserJaccard row; it must not leak into the like-based kind.
        var inputs = new RelationInputs { ListenerArtists = Of((1, [1, 2, 3]), (2, [1, 2, 3])) };

        var result = RelationEngine.Build(inputs, new RelateOptions());

        Assert.Single(result[RelationKind.UserJaccard], r => r.SrcId == 1);
        Assert.False(result.ContainsKey(RelationKind.UserLikeJaccard));
        Assert.False(result.ContainsKey(RelationKind.ArtistCoLibrary));
    }

    [Fact]
    public void Build_ArtistCoLibrary_BinaryCosineOfLikerSets()
    {
        var result = RelationEngine.Build(new RelationInputs { UserLikedArtists = LikedArtists }, new RelateOptions());

        var rows = result[RelationKind.ArtistCoLibrary];
        AssertRows(
            [
                (10, 11, 2 / Math.Sqrt(6), 2), (10, 12, 1 / Math.Sqrt(6), 1),
                (11, 10, 2 / Math.Sqrt(6), 2), (11, 12, 0.5, 1),
                (12, 13, 1 / Math.Sqrt(2), 1), (12, 11, 0.5, 1), (12, 10, 1 / Math.Sqrt(6), 1),
                (13, 12, 1 / Math.Sqrt(2), 1),
            ],
            rows);
        Assert.Equal([1L, 2L], rows[0].Evidence);   // the users who liked both 10 and 11
        Assert.Equal([4L], rows[4].Evidence);       // 12 and 13: user 4
    }

    [Fact]
    public void Build_ArtistCoLibraryTopOne_KeepsTheBestNeighbour()
    {
        var options = new RelateOptions { General = new RelationOptions { TopK = 1 } };

        var rows = RelationEngine.Build(new RelationInputs { UserLikedArtists = LikedArtists }, options)[RelationKind.ArtistCoLibrary];

        Assert.Equal([(10L, 11L), (11L, 10L), (12L, 13L), (13L, 12L)], rows.Select(r => (r.SrcId, r.DstId)));
    }
}

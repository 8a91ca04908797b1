using SoundGraph.Core.Relations;
using SoundGraph.Graph.Relations;
using static SoundGraph.Graph.Tests.Relations.TestGraphs;

namespace SoundGraph.Graph.Tests.Relations;

public sealed class CoOccurrenceTests
{
    // Playlists P1 = 101 {a, b, c}, P2 = 102 {a, b}, P3 = 103 {b, d}; a..d = 1..4.
    // |P1| = 3, |P2| = 2, |P3| = 2.
    // (a,b): shared P1, P2 → count 2, weight 1/3 + 1/2 = 5/6 = 0.8333…
    // (a,c): P1 → 1, 1/3.   (b,c): P1 → 1, 1/3.   (b,d): P3 → 1, 1/2.   (a,d), (c,d): nothing shared.
    // Ranked per source (weight desc, count desc, id asc):
    //   a: b 5/6, c 1/3      b: a 5/6, d 1/2, c 1/3      c: a 1/3, b 1/3 (tie → id asc)      d: b 1/2
    private static readonly Bipartite Playlists = Of((101, [1, 2, 3]), (102, [1, 2]), (103, [2, 4]));

    [Fact]
    public void Build_InverseGroupSizeSum_MatchesHandWorkedWeights()
    {
        var rows = CoOccurrence.Build(RelationKind.TrackCoPlaylist, Playlists, CoOccurrenceScore.InverseGroupSizeSum, new RelationOptions());

        AssertRows(
            [
                (1, 2, 5.0 / 6, 2), (1, 3, 1.0 / 3, 1),
                (2, 1, 5.0 / 6, 2), (2, 4, 0.5, 1), (2, 3, 1.0 / 3, 1),
                (3, 1, 1.0 / 3, 1), (3, 2, 1.0 / 3, 1),
                (4, 2, 0.5, 1),
            ],
            rows);
        Assert.All(rows, r => Assert.Equal(RelationKind.TrackCoPlaylist, r.Kind));
        Assert.Equal([101L, 102L], rows[0].Evidence);
        Assert.Equal([103L], rows[3].Evidence);
    }

    // Listeners U1 = 1 {x, y}, U2 = 2 {x, y, z}, U3 = 3 {x}, U4 = 4 {z}; x, y, z = 10, 11, 12.
    // d(x) = 3 (U1, U2, U3), d(y) = 2 (U1, U2), d(z) = 2 (U2, U4).
    // (x,y): 2 common → 2/√(3·2) = 2/√6 = 0.8165…   (x,z): 1 → 1/√6 = 0.4082…   (y,z): 1 → 1/√(2·2) = 0.5
    [Fact]
    public void Build_Cosine_MatchesHandWorkedWeights()
    {
        var listeners = Of((1, [10, 11]), (2, [10, 11, 12]), (3, [10]), (4, [12]));

        var rows = CoOccurrence.Build(RelationKind.ArtistCoListen, listeners, CoOccurrenceScore.Cosine, new RelationOptions());

        AssertRows(
            [
                (10, 11, 2 / Math.Sqrt(6), 2), (10, 12, 1 / Math.Sqrt(6), 1),
                (11, 10, 2 / Math.Sqrt(6), 2), (11, 12, 0.5, 1),
                (12, 11, 0.5, 1), (12, 10, 1 / Math.Sqrt(6), 1),
            ],
            rows);
        Assert.Equal([1L, 2L], rows[0].Evidence);
        Assert.Equal([2L], rows[3].Evidence);
    }

    // Tags T1 = 1 {p, q}, T2 = 2 {p, q, r}, T3 = 3 {p}, T4 = 4 {r, s}; p, q, r, s = 20..23.
    // Tag sets: p {1,2,3}, q {1,2}, r {2,4}, s {4}.
    // (p,q): 2/(3+2−2) = 2/3   (p,r): 1/(3+2−1) = 1/4   (q,r): 1/(2+2−1) = 1/3   (r,s): 1/(2+1−1) = 1/2
    [Fact]
    public void Build_Jaccard_MatchesHandWorkedWeights()
    {
        var tags = Of((1, [20, 21]), (2, [20, 21, 22]), (3, [20]), (4, [22, 23]));

        var rows = CoOccurrence.Build(RelationKind.ArtistTagOverlap, tags, CoOccurrenceScore.Jaccard, new RelationOptions());

        AssertRows(
            [
                (20, 21, 2.0 / 3, 2), (20, 22, 0.25, 1),
                (21, 20, 2.0 / 3, 2), (21, 22, 1.0 / 3, 1),
                (22, 23, 0.5, 1), (22, 21, 1.0 / 3, 1), (22, 20, 0.25, 1),
                (23, 22, 0.5, 1),
            ],
            rows);
        Assert.Equal([4L], rows[4].Evidence);
    }

    // Credits t1 = 1 {A, B}, t2 = 2 {A, B, C}, t3 = 3 {A, C}, t4 = 4 {D}; A..D = 50..53.
    // (A,B): t1, t2 → 2   (A,C): t2, t3 → 2   (B,C): t2 → 1   D: solo, no rows.
    [Fact]
    public void Build_Count_CountsCoCreditedTracks()
    {
        var credits = Of((1, [50, 51]), (2, [50, 51, 52]), (3, [50, 52]), (4, [53]));

        var rows = CoOccurrence.Build(RelationKind.ArtistCollaboration, credits, CoOccurrenceScore.Count, new RelationOptions());

        AssertRows(
            [
                (50, 51, 2, 2), (50, 52, 2, 2),
                (51, 50, 2, 2), (51, 52, 1, 1),
                (52, 50, 2, 2), (52, 51, 1, 1),
            ],
            rows);
        Assert.Equal([1L, 2L], rows[0].Evidence);
        Assert.Equal([2L, 3L], rows[1].Evidence);
        Assert.DoesNotContain(rows, r => r.SrcId == 53 || r.DstId == 53);
    }

    // Source s = 1. G1 = 1 {s, x}: x (2) gets 1/2 with count 1.
    // G2 = 2 {s, y, e, f}, G3 = 3 {s, y, g, h}: y (3) gets 1/4 + 1/4 = 1/2 with count 2; e, f, g, h (4..7) get 1/4.
    // Ranking of s: y (0.5, count 2) before x (0.5, count 1) although x's id is smaller; then e (4) first of the 1/4s.
    [Fact]
    public void Build_TopKWithTies_TruncatesByWeightThenCountThenId()
    {
        var groups = Of((1, [1, 2]), (2, [1, 3, 4, 5]), (3, [1, 3, 6, 7]));

        var rows = CoOccurrence.Build(RelationKind.TrackCoPlaylist, groups, CoOccurrenceScore.InverseGroupSizeSum, new RelationOptions { TopK = 3 });

        var fromS = rows.Where(r => r.SrcId == 1).ToList();
        AssertRows([(1, 3, 0.5, 2), (1, 2, 0.5, 1), (1, 4, 0.25, 1)], fromS);
        Assert.All(rows.GroupBy(r => r.SrcId), g => Assert.True(g.Count() <= 3));
    }

    [Fact]
    public void Build_MinCountAndMinWeight_DropPairsBelowEither()
    {
        // Same graph as the hand-worked playlists: only (a,b) has count 2; weights ≥ 0.5 are 5/6 and (b,d)'s 1/2.
        var byCount = CoOccurrence.Build(RelationKind.TrackCoPlaylist, Playlists, CoOccurrenceScore.InverseGroupSizeSum, new RelationOptions { MinCount = 2 });
        var byWeight = CoOccurrence.Build(RelationKind.TrackCoPlaylist, Playlists, CoOccurrenceScore.InverseGroupSizeSum, new RelationOptions { MinWeight = 0.5 });

        Assert.Equal([(1L, 2L), (2L, 1L)], byCount.Select(r => (r.SrcId, r.DstId)));
        Assert.Equal([(1L, 2L), (2L, 1L), (2L, 4L), (4L, 2L)], byWeight.Select(r => (r.SrcId, r.DstId)));
    }

    [Fact]
    public void Build_EvidenceSample_KeepsSmallestGroupIdsAscendingAndExactCount()
    {
        // Ten groups 10, 9, …, 1 (given in descending id order), each holding items 7 and 8.
        var groupIds = Enumerable.Range(1, 10).Reverse().Select(i => (long)i).ToArray();
        var offsets = Enumerable.Range(0, 11).Select(i => 2 * i).ToArray();
        var items = Enumerable.Repeat(new long[] { 7, 8 }, 10).SelectMany(x => x).ToArray();
        var groups = new Bipartite(groupIds, offsets, items);

        var sampled = CoOccurrence.Build(RelationKind.TrackCoPlaylist, groups, CoOccurrenceScore.Count, new RelationOptions { EvidenceSample = 3 });
        var none = CoOccurrence.Build(RelationKind.TrackCoPlaylist, groups, CoOccurrenceScore.Count, new RelationOptions { EvidenceSample = 0 });

        Assert.Equal([(7L, 8L, 10, "1,2,3"), (8L, 7L, 10, "1,2,3")], Shape(sampled));
        Assert.All(none, r => Assert.Empty(r.Evidence));
        Assert.All(none, r => Assert.Equal(10, r.Count));
    }

    [Fact]
    public void Build_EvidenceAcrossUnequalDegrees_IsTheSharedGroupsOnly()
    {
        // Item 1 is in groups 1..40, item 2 only in 5, 17 and 33, item 3 in 40 alone with item 1.
        var groups = Enumerable.Range(1, 40)
            .Select(g => ((long)g, g is 5 or 17 or 33 ? new long[] { 1, 2 } : g == 40 ? [1, 3] : [1]))
            .ToArray();

        var rows = CoOccurrence.Build(RelationKind.TrackCoPlaylist, Of(groups), CoOccurrenceScore.Count, new RelationOptions());

        Assert.Equal(
            [(1L, 2L, 3, "5,17,33"), (1L, 3L, 1, "40"), (2L, 1L, 3, "5,17,33"), (3L, 1L, 1, "40")],
            Shape(rows));
    }

    [Fact]
    public void Build_UnsortedSparseIds_OutputSortedBySourceId()
    {
        // Ids far apart (forces the hashed id index) and groups given out of id order. 3·Big's two neighbours tie
        // (count 1), so the negative id comes first.
        const long Big = 1_000_000_000_000;
        var groups = new Bipartite([30, 10], [0, 2, 4], [3 * Big, -Big, 2 * Big, 3 * Big]);

        var rows = CoOccurrence.Build(RelationKind.TrackCoPlaylist, groups, CoOccurrenceScore.Count, new RelationOptions());

        Assert.Equal(
            [(-Big, 3 * Big, 1, "30"), (2 * Big, 3 * Big, 1, "10"), (3 * Big, -Big, 1, "30"), (3 * Big, 2 * Big, 1, "10")],
            Shape(rows));
    }

    [Fact]
    public void Build_RepeatedItemInGroup_CountsGroupSizeOfDistinctItems()
    {
        // The Bipartite constructor does not check distinctness; group 1 = {5, 5, 6} is treated as {5, 6}: |g| = 2.
        var groups = new Bipartite([1], [0, 3], [5, 5, 6]);

        var rows = CoOccurrence.Build(RelationKind.TrackCoPlaylist, groups, CoOccurrenceScore.InverseGroupSizeSum, new RelationOptions());

        AssertRows([(5, 6, 0.5, 1), (6, 5, 0.5, 1)], rows);
    }

    [Fact]
    public void Build_EmptyMembership_ReturnsNoRows()
    {
        var rows = CoOccurrence.Build(RelationKind.TrackCoPlaylist, new Bipartite([], [0], []), CoOccurrenceScore.Jaccard, new RelationOptions());

        Assert.Empty(rows);
    }

    [Fact]
    public void BuildTable_SameGraph_MatchesBuildRows()
    {
        var table = CoOccurrence.BuildTable(RelationKind.TrackCoPlaylist, Playlists, CoOccurrenceScore.InverseGroupSizeSum, new RelationOptions());
        var rows = CoOccurrence.Build(RelationKind.TrackCoPlaylist, Playlists, CoOccurrenceScore.InverseGroupSizeSum, new RelationOptions());

        Assert.Equal(rows.Count, table.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            Assert.Equal(rows[r].SrcId, table.SrcIds[r]);
            Assert.Equal(rows[r].DstId, table.DstIds[r]);
            Assert.Equal(rows[r].Weight, table.Weights[r]);
            Assert.Equal(rows[r].Count, table.Counts[r]);
            Assert.Equal(rows[r].Evidence, table.Evidence(r).ToArray());
        }
    }

    public static TheoryData<RelationOptions> InvalidOptions() =>
    [
        new RelationOptions { TopK = 0 },
        new RelationOptions { MinCount = 0 },
        new RelationOptions { EvidenceSample = -1 },
        new RelationOptions { MinWeight = double.NaN },
    ];

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Build_OptionOutOfRange_Throws(RelationOptions options) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CoOccurrence.Build(RelationKind.TrackCoPlaylist, Playlists, CoOccurrenceScore.Count, options));

    [Fact]
    public void Build_UndefinedScore_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CoOccurrence.Build(RelationKind.TrackCoPlaylist, Playlists, (CoOccurrenceScore)42, new RelationOptions()));

    [Fact]
    public void Build_NullGroups_Throws() =>
        Assert.Throws<ArgumentNullException>(() => CoOccurrence.Build(RelationKind.TrackCoPlaylist, null!, CoOccurrenceScore.Count, new RelationOptions()));
}

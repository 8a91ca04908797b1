using SoundGraph.Core.Relations;
using SoundGraph.Graph.Relations;
using static SoundGraph.Graph.Tests.Relations.TestGraphs;

namespace SoundGraph.Graph.Tests.Relations;

public sealed class RelationMergeTests
{
    private const RelationKind Audio = RelationKind.TrackAudioSimilarity;

    private static Relation Row(long src, long dst, double weight, int count = 0) => new(Audio, src, dst, weight, count, []);

    [Fact]
    public void KeepStrongest_OverlappingPairs_TakesTheHigherWeightThenTopKPerSource()
    {
        // Source 1: 1→2 only in first (0.9), 1→3 in both (0.8 vs 0.95 → 0.95), 1→4 only in second (0.85);
        //   top 2 by weight: 3 (0.95), 2 (0.9); 4 (0.85) is dropped.
        // Source 2: 2→1 in both (0.9 vs 0.5 → 0.9). Source 3: 3→1 in both at 0.8, a tie: first's row (count 1) stays.
        // Source 4: 4→1 only in second. Source 5: 5→7 and 5→6 at 0.6 each: the lower dst id ranks first.
        IReadOnlyList<Relation> first = [Row(1, 2, 0.9), Row(1, 3, 0.8), Row(2, 1, 0.9), Row(3, 1, 0.8, count: 1), Row(5, 7, 0.6)];
        IReadOnlyList<Relation> second = [Row(5, 6, 0.6), Row(4, 1, 0.85), Row(3, 1, 0.8, count: 2), Row(2, 1, 0.5), Row(1, 4, 0.85), Row(1, 3, 0.95)];

        var rows = RelationMerge.KeepStrongest(Audio, first, second, topK: 2);

        AssertRows([(1, 3, 0.95, 0), (1, 2, 0.9, 0), (2, 1, 0.9, 0), (3, 1, 0.8, 1), (4, 1, 0.85, 0), (5, 6, 0.6, 0), (5, 7, 0.6, 0)], rows);
        Assert.All(rows, r => Assert.Equal(Audio, r.Kind));
    }

    [Fact]
    public void KeepStrongest_TopOne_KeepsOnlyEachSourcesStrongestPair()
    {
        var rows = RelationMerge.KeepStrongest(Audio, [Row(1, 2, 0.75), Row(2, 1, 0.75)], [Row(1, 3, 0.8), Row(2, 3, 0.7)], topK: 1);

        AssertRows([(1, 3, 0.8, 0), (2, 1, 0.75, 0)], rows);
    }

    [Fact]
    public void KeepStrongest_SecondEmpty_ReturnsTheFirstSortedBySourceThenRank()
    {
        var rows = RelationMerge.KeepStrongest(Audio, [Row(2, 1, 0.9), Row(1, 3, 0.7), Row(1, 2, 0.8)], [], topK: 50);

        AssertRows([(1, 2, 0.8, 0), (1, 3, 0.7, 0), (2, 1, 0.9, 0)], rows);
    }

    [Fact]
    public void KeepStrongest_BothEmpty_ReturnsNoRows() =>
        Assert.Empty(RelationMerge.KeepStrongest(Audio, [], [], topK: 1));

    [Fact]
    public void KeepStrongest_RowOfAnotherKind_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => RelationMerge.KeepStrongest(
            Audio, [Row(1, 2, 0.9)], [new Relation(RelationKind.TrackCoPlaylist, 1, 2, 1, 1, [])], topK: 1));

        Assert.Equal("second", ex.ParamName);
    }

    [Fact]
    public void KeepStrongest_NaNWeight_Throws() =>
        Assert.Throws<ArgumentException>(() => RelationMerge.KeepStrongest(Audio, [Row(1, 2, double.NaN)], [], topK: 1));

    [Fact]
    public void KeepStrongest_TopKZero_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RelationMerge.KeepStrongest(Audio, [], [], topK: 0));
}

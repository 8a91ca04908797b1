using SoundGraph.Graph.Paths;
using SoundGraph.Graph.Sparse;

namespace SoundGraph.Graph.Tests.Paths;

public sealed class ShortestPathTests
{
    // 0–1–2–3 (three hops) and 0–4–3 (two hops); 5–6 is a separate component.
    private static readonly WeightedGraph G = WeightedGraph.FromEdges(
        [10, 11, 12, 13, 14, 15, 16], [(0, 1, 5.0), (1, 2, 5.0), (2, 3, 5.0), (0, 4, 1.0), (4, 3, 1.0), (5, 6, 1.0)]);

    [Fact]
    public void Find_TwoRoutes_TakesFewestHopsIgnoringWeights()
    {
        Assert.Equal<int[]>([0, 4, 3], ShortestPath.Find(G, 0, 3));
        Assert.Equal<int[]>([3, 4, 0], ShortestPath.Find(G, 3, 0));
    }

    [Fact]
    public void Find_EquallyShortRoutes_TakesTheSmallestIndexFirst()
    {
        var square = WeightedGraph.FromEdges([0, 1, 2, 3], [(0, 2, 1.0), (2, 3, 1.0), (0, 1, 1.0), (1, 3, 1.0)]);
        Assert.Equal<int[]>([0, 1, 3], ShortestPath.Find(square, 0, 3));
    }

    [Fact]
    public void Find_OtherComponent_IsNull()
    {
        Assert.Null(ShortestPath.Find(G, 0, 5));
    }

    [Fact]
    public void Find_SameNode_IsItself()
    {
        Assert.Equal<int[]>([2], ShortestPath.Find(G, 2, 2));
    }

    [Fact]
    public void Find_BeyondMaxHops_IsNull()
    {
        Assert.Null(ShortestPath.Find(G, 0, 3, maxHops: 1));
        Assert.Equal<int[]>([0, 1, 2], ShortestPath.Find(G, 0, 2, maxHops: 2));
    }

    [Fact]
    public void Find_IndexOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ShortestPath.Find(G, 0, 7));
    }
}

#pragma warning disable CA1861 // expected values are written inline, next to the hand computation
using SoundGraph.Graph.Sparse;

namespace SoundGraph.Graph.Tests.Sparse;

public sealed class WeightedGraphTests
{
    [Fact]
    public void FromEdges_ParallelReverseAndSelfEdges_OneSymmetricEdgeWithSummedWeight()
    {
        var g = WeightedGraph.FromEdges([10, 20, 30], [(0, 1, 1.0), (1, 0, 2.0), (2, 2, 5.0), (2, 0, 0.5)]);
        Assert.Equal(2, g.EdgeCount);
        Assert.Equal(new[] { 1, 2 }, g.Neighbors(0).ToArray());
        Assert.Equal(new[] { 3.0, 0.5 }, g.Weights(0).ToArray());
        Assert.Equal(new[] { 0 }, g.Neighbors(1).ToArray());
        Assert.Equal(3.0, g.Weights(1)[0]);
        Assert.Equal(new[] { 0 }, g.Neighbors(2).ToArray());
        Assert.Equal(3.5, g.WeightedDegree(0));
        Assert.Equal(2, g.IndexOf(30));
        Assert.Equal(-1, g.IndexOf(40));
        Assert.True(g.HasEdge(2, 0));
        Assert.False(g.HasEdge(1, 2));
    }

    [Fact]
    public void FromEdges_EndpointOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedGraph.FromEdges([1, 2], [(0, 2, 1.0)]));
}

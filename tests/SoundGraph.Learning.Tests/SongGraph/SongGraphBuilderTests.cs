using SoundGraph.Core.Catalog;
using SoundGraph.Learning.SongGraph;

namespace SoundGraph.Learning.Tests.SongGraph;

public class SongGraphBuilderTests
{
    [Fact]
    public void TopK_FourVectors_NearestByCosineBestFirst()
    {
        double[][] v = [[1, 0], [1, 1], [0, 1], [-1, 0]];
        var top = NearestNeighbors.TopK(v, 2);
        // From (1,0): (1,1) cos 0.7071, then (0,1) cos 0 (beats (−1,0) at −1).
        Assert.Equal([1, 2], top[0].Select(x => x.Index));
        Assert.Equal(Math.Sqrt(0.5), top[0][0].Cosine, 12);
        // From (1,1): (1,0) and (0,1) tie at 0.7071 → the lower index first.
        Assert.Equal([0, 2], top[1].Select(x => x.Index));
    }

    [Fact]
    public void TopK_CandidateMask_SkipsOtherRows()
    {
        double[][] v = [[1, 0], [1, 1], [0, 1], [-1, 0]];
        var top = NearestNeighbors.TopK(v, 2, [true, false, true, true]);
        Assert.Equal([2, 3], top[0].Select(x => x.Index));
        Assert.Empty(top[1]);
    }

    [Fact]
    public void Build_ThresholdAndK_KeepsMutualUnionOnceWithCosineWeight()
    {
        // Four tracks whose standardized features give two tight pairs far apart.
        var rows = new[]
        {
            Row(1, 0.10, 0.10), Row(2, 0.12, 0.11), Row(3, 0.90, 0.88), Row(4, 0.91, 0.90),
        };
        var features = SongFeatures.Build(rows);
        var graph = SongGraphBuilder.Build(features, new SongGraphOptions { K = 1, Threshold = 0.5 });
        Assert.Equal(2, graph.EdgeCount);
        Assert.True(graph.HasEdge(0, 1));
        Assert.True(graph.HasEdge(2, 3));
        // Both ends chose each other: one edge, weight = the cosine (not twice it).
        var expected = NearestNeighbors.Cosine(features.Row(0), features.Row(1));
        Assert.Equal(expected, graph.Weights(0)[0], 12);
        Assert.Equal([1L, 2, 3, 4], graph.NodeIds);
    }

    [Fact]
    public void Build_ThresholdAboveEveryCosine_NoEdges()
    {
        var features = SongFeatures.Build([Row(1, 0.1, 0.9), Row(2, 0.9, 0.1), Row(3, 0.5, 0.5)]);
        var graph = SongGraphBuilder.Build(features, new SongGraphOptions { K = 2, Threshold = 1 });
        Assert.Equal(0, graph.EdgeCount);
    }

    [Fact]
    public void Build_KZero_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SongGraphBuilder.Build(SongFeatures.Build([Row(1, 0, 0), Row(2, 1, 1)]), new SongGraphOptions { K = 0 }));

    private static AudioFeatureRow Row(long id, double dance, double energy) =>
        new(id, new AudioFeatures(dance, energy, 0.1, 0.2, 0, 0.1, dance, -6 + energy, 120, 0, 1, 4));
}

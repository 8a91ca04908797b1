using System.Numerics.Tensors;
using SoundGraph.Graph.Embeddings;
using SoundGraph.Graph.Sparse;

namespace SoundGraph.Graph.Tests.Embeddings;

public sealed class FastRpTests
{
    [Fact]
    public void Embed_OneStepOnAPath_EndNodeIsItsOnlyNeighboursNormalizedRandomRow()
    {
        var path = WeightedGraph.FromEdges([1, 2, 3], [(0, 1, 2.0), (1, 2, 5.0)]);
        var random = FastRp.Embed(path, new FastRpOptions { Dimension = 16, IterationWeights = [1] });
        var oneStep = FastRp.Embed(path, new FastRpOptions { Dimension = 16, IterationWeights = [0, 1] });
        // node 0's only neighbour is 1: S·R row 0 = R₁, normalized
        Assert.Equal(random[1], oneStep[0]);
        Assert.Equal(random[1], oneStep[2]);
        Assert.All(random, r => Assert.Equal(1.0, TensorPrimitives.Norm(r), 5));
    }

    [Fact]
    public void Embed_SameSeed_SameVectorsAndAnotherSeedOthers()
    {
        var g = TwoCliques();
        var a = FastRp.Embed(g, new FastRpOptions { Dimension = 32, Seed = 7 });
        var b = FastRp.Embed(g, new FastRpOptions { Dimension = 32, Seed = 7 });
        var c = FastRp.Embed(g, new FastRpOptions { Dimension = 32, Seed = 8 });
        Assert.Equal(a, b);
        Assert.NotEqual(a[0], c[0]);
        Assert.All(a, r => Assert.Equal(32, r.Length));
    }

    [Fact]
    public void Embed_TwoCliquesJoinedByOneEdge_NodesOfOneCliqueAreCloserThanAcross()
    {
        var e = FastRp.Embed(TwoCliques(), new FastRpOptions { Dimension = 128 });
        var within = TensorPrimitives.CosineSimilarity(e[1], e[2]);
        var across = TensorPrimitives.CosineSimilarity(e[1], e[6]);
        Assert.True(within > 0.9, $"within {within}");
        Assert.True(across < within - 0.5, $"across {across}, within {within}");
    }

    private static WeightedGraph TwoCliques()
    {
        var edges = new List<(int, int, double)>();
        for (var i = 0; i < 5; i++)
        {
            for (var j = i + 1; j < 5; j++)
            {
                edges.Add((i, j, 1));
                edges.Add((i + 5, j + 5, 1));
            }
        }

        edges.Add((0, 5, 1));
        return WeightedGraph.FromEdges([.. Enumerable.Range(100, 10).Select(i => (long)i)], edges);
    }
}

using SoundGraph.Graph.Sparse;
using SoundGraph.Learning.Sage;

namespace SoundGraph.Learning.Tests.Sage;

public class SageTrainerTests
{
    /// <summary>Two 6-cliques joined by one edge; features are noise, so only the structure can be learned.</summary>
    private static (WeightedGraph Graph, double[] Features) TwoCommunities()
    {
        var edges = new List<(int, int, double)>();
        for (var c = 0; c < 2; c++)
        {
            for (var a = 0; a < 6; a++)
            {
                for (var b = a + 1; b < 6; b++)
                {
                    edges.Add(((c * 6) + a, (c * 6) + b, 1.0));
                }
            }
        }

        edges.Add((0, 6, 1.0));
        var random = new Random(3);
        var features = Enumerable.Range(0, 12 * 4).Select(_ => random.NextDouble()).ToArray();
        return (WeightedGraph.FromEdges(Enumerable.Range(100, 12).Select(i => (long)i).ToArray(), edges), features);
    }

    [Fact]
    public void Train_TwoCommunities_LossFallsAndCommunitiesSeparate()
    {
        var (graph, x) = TwoCommunities();
        var options = new SageOptions { HiddenDimension = 8, Dimension = 8, Epochs = 150, LearningRate = 0.02, Negatives = 3, Temperature = 0.5, Seed = 4 };
        var result = SageTrainer.Train(graph, x, 4, options);
        Assert.Equal(150, result.Losses.Length);
        Assert.True(result.Losses[^1] < 0.8 * result.Losses[0], $"loss {result.Losses[0]:F3} → {result.Losses[^1]:F3}");
        var z = result.Model.Embed(graph, x);
        double Dot(int a, int b) => z[a].Zip(z[b], (p, q) => p * q).Sum();
        // Within a community the embeddings agree more than across (nodes 1–5 vs 7–11, away from the bridge).
        var within = (Dot(1, 2) + Dot(8, 9)) / 2;
        var across = (Dot(1, 8) + Dot(2, 9)) / 2;
        Assert.True(within > across + 0.2, $"within {within:F3}, across {across:F3}");
    }

    [Fact]
    public void Train_SameSeed_BitIdenticalModelAndCurve()
    {
        var (graph, x) = TwoCommunities();
        var options = new SageOptions { HiddenDimension = 6, Dimension = 5, Epochs = 20, Seed = 8 };
        var a = SageTrainer.Train(graph, x, 4, options);
        var b = SageTrainer.Train(graph, x, 4, options);
        Assert.Equal(a.Losses, b.Losses);
        Assert.Equal(a.Model.Parameters, b.Model.Parameters);
        var c = SageTrainer.Train(graph, x, 4, options with { Seed = 9 });
        Assert.NotEqual(a.Model.Parameters, c.Model.Parameters);
    }

    [Fact]
    public void Train_NoEdges_Throws()
    {
        var graph = WeightedGraph.FromEdges([1, 2], []);
        Assert.Throws<ArgumentException>(() => SageTrainer.Train(graph, new double[4], 2, new SageOptions()));
    }

    [Fact]
    public void NegativeSampler_DegreeDistribution_NeverDrawsIsolatedNodesAndFavoursHubs()
    {
        // Star: centre 0 has degree 3, leaves 1–3 degree 1, node 4 isolated. P(0) = 3^0.75 / (3^0.75 + 3) = 0.4325.
        var star = WeightedGraph.FromEdges([1, 2, 3, 4, 5], [(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
        var sampler = new NegativeSampler(star, NegativeDistribution.Degree075);
        var random = new Random(1);
        var counts = new int[5];
        for (var i = 0; i < 20_000; i++)
        {
            counts[sampler.Next(random)]++;
        }

        Assert.Equal(0, counts[4]);
        Assert.InRange(counts[0] / 20_000.0, 0.41, 0.455);
        var uniform = new NegativeSampler(star, NegativeDistribution.Uniform);
        Assert.Contains(Enumerable.Range(0, 2000).Select(_ => uniform.Next(random)), n => n == 4);
    }

    [Fact]
    public void EdgeHoldout_TenPercentOfTwentyEdges_HoldsOutTwoAndKeepsTheRest()
    {
        var edges = Enumerable.Range(0, 20).Select(i => (i, i + 1, 1.0 + i)).ToArray();
        var graph = WeightedGraph.FromEdges(Enumerable.Range(0, 21).Select(i => (long)i).ToArray(), edges);
        var split = EdgeHoldout.Split(graph, 0.1, seed: 3);
        Assert.Equal(2, split.HeldOut.Length);
        Assert.Equal(18, split.Train.EdgeCount);
        Assert.All(split.HeldOut, e => Assert.False(split.Train.HasEdge(e.U, e.V)));
        Assert.All(split.HeldOut, e => Assert.True(graph.HasEdge(e.U, e.V)));
        Assert.Equal(split.HeldOut, EdgeHoldout.Split(graph, 0.1, seed: 3).HeldOut);
        // Weights survive the split: edge (5, 6) has weight 6 wherever it is.
        if (split.Train.HasEdge(5, 6))
        {
            Assert.Equal(6.0, split.Train.Weights(5)[split.Train.Neighbors(5).IndexOf(6)]);
        }
    }
}

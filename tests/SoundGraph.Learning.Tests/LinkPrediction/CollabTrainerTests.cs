using SoundGraph.Graph.Embeddings;
using SoundGraph.Graph.Sparse;
using SoundGraph.Learning.LinkPrediction;

namespace SoundGraph.Learning.Tests.LinkPrediction;

public sealed class CollabTrainerTests
{
    // Synthetic: 6 communities of 10 artists; inside a community each pair collaborates with probability 0.6, across
    // communities with probability 0.01 (seeded), so held-out edges are predictable from shared neighbours.
    private static WeightedGraph Planted()
    {
        var random = new Random(11);
        var edges = new List<(int, int, double)>();
        for (var u = 0; u < 60; u++)
        {
            for (var v = u + 1; v < 60; v++)
            {
                if (random.NextDouble() < (u / 10 == v / 10 ? 0.6 : 0.01))
                {
                    edges.Add((u, v, 1.0));
                }
            }
        }

        return WeightedGraph.FromEdges(Enumerable.Range(0, 60).Select(i => (long)i).ToArray(), edges);
    }

    private static readonly CollabTrainingOptions Options = new() { Embedding = new FastRpOptions { Dimension = 16 } };

    [Fact]
    public void Train_PlantedCommunities_ModelBeatsEverySingleFeature()
    {
        var result = CollabTrainer.Train(Planted(), Options);
        var e = result.Evaluation;
        // Inside a planted community a held-out edge and a 2-hop non-edge are exchangeable, so AUC stays well below 1
        // (measured 0.837); the combination must still beat every single feature (best alone: cosine 0.822).
        Assert.True(e.Model.Auc > 0.8, $"AUC {e.Model.Auc}");
        Assert.All(e.Baselines, b => Assert.True(e.Model.Auc > b.Auc, $"{b.Name} {b.Auc} ≥ model {e.Model.Auc}"));
        Assert.Equal(e.TestPositives * 5, e.TestNegatives);
        Assert.Equal(1, e.FullRecall.Recall);
        Assert.Equal(result.Model.FullRecallThreshold, e.FullRecall.Threshold);
        Assert.Equal(LinkFeatures.Names, result.Model.FeatureNames);
        Assert.Equal(5, e.Baselines.Count);
        Assert.True(result.Model.Coefficients[LinkFeatures.CommonNeighbors] + result.Model.Coefficients[LinkFeatures.AdamicAdar] > 0);
    }

    [Fact]
    public void Train_SameSeed_SameCoefficientsAndMetrics()
    {
        var a = CollabTrainer.Train(Planted(), Options);
        var b = CollabTrainer.Train(Planted(), Options);
        Assert.Equal(a.Model.Coefficients, b.Model.Coefficients);
        Assert.Equal(a.Evaluation.Model, b.Evaluation.Model);
    }

    [Fact]
    public void Train_HoldoutOutOfRange_ThrowsNamingTheOption()
    {
        var e = Assert.Throws<ArgumentException>(() => CollabTrainer.Train(Planted(), Options with { Holdout = 0.9 }));
        Assert.Contains("--holdout", e.Message, StringComparison.Ordinal);
    }
}

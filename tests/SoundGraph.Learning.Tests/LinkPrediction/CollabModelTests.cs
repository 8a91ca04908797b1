using SoundGraph.Graph.Embeddings;
using SoundGraph.Learning.LinkPrediction;

namespace SoundGraph.Learning.Tests.LinkPrediction;

public sealed class CollabModelTests
{
    private static readonly CollabModel Model = new(
        ["common_neighbors"], [Math.Log(3)], 0, new StandardScaler([1.0], [2.0]), new FastRpOptions { Dimension = 8, Seed = 3 }, 0.25, 0.6, 0.8);

    [Fact]
    public void Score_RawFeature_IsStandardizedThenSquashed()
    {
        // z = (3 − 1) / 2 = 1; σ(ln 3 · 1) = 3 / 4.
        Assert.Equal(0.75, Model.Score([3.0]), 12);
        Assert.Equal(0.5, Model.Score([1.0]), 12);
    }

    [Fact]
    public void Deserialize_SerializedModel_RoundTrips()
    {
        var back = CollabModel.Deserialize(Model.Serialize());
        Assert.Equal(Model.FeatureNames, back.FeatureNames);
        Assert.Equal(Model.Coefficients, back.Coefficients);
        Assert.Equal(Model.Scaler.Scales, back.Scaler.Scales);
        Assert.Equal(8, back.Embedding.Dimension);
        Assert.Equal(Model.Embedding.IterationWeights, back.Embedding.IterationWeights);
        Assert.Equal(0.6, back.PrecisionThreshold);
        Assert.Equal(0.75, back.Score([3.0]), 12);
    }

    [Fact]
    public void Deserialize_Garbage_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => CollabModel.Deserialize("{\"x\":"u8.ToArray()));
    }
}

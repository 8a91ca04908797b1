using SoundGraph.Learning.LinkPrediction;

namespace SoundGraph.Learning.Tests.LinkPrediction;

public sealed class StandardScalerTests
{
    [Fact]
    public void Fit_TwoRows_GivesMeansAndPopulationDeviationsWithConstantFeatureUnscaled()
    {
        // Feature 0: 1 and 3 → mean 2, sd 1. Feature 1: constant 5 → mean 5, scale 1.
        var scaler = StandardScaler.Fit([[1.0, 5.0], [3.0, 5.0]]);
        Assert.Equal([2.0, 5.0], scaler.Means);
        Assert.Equal([1.0, 1.0], scaler.Scales);
        Assert.Equal([1.0, 0.0], scaler.Transform([3.0, 5.0]));
        Assert.Equal([-3.0, 2.0], scaler.Transform([-1.0, 7.0]));
    }

    [Fact]
    public void Transform_WrongLength_Throws()
    {
        var scaler = StandardScaler.Fit([[1.0, 2.0]]);
        Assert.Throws<ArgumentException>(() => scaler.Transform([1.0]));
    }
}

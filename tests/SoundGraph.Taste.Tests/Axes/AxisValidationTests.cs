using SoundGraph.Taste.Axes;

namespace SoundGraph.Taste.Tests.Axes;

public sealed class AxisValidationTests
{
    [Fact]
    public void Validate_SyntheticLinearTags_HeldOutRhoAboveEightTenthsAndBeatsMeanBaseline()
    {
        // SYNTHETIC items (SyntheticTaggedItems): targets are a linear function of the tags plus noise.
        var items = SyntheticTaggedItems.Create(1_000);

        var results = AxisValidation.Validate(items, holdoutFraction: 0.2, seed: 11, options: new TagAxisOptions { MaxDegreeOfParallelism = 1 });

        var valence = Assert.Single(results, r => r.Axis == MoodAxis.Valence);
        Assert.Equal(200, valence.TestCount);
        Assert.Equal(800, valence.TrainCount);
        Assert.Equal(200, valence.PredictedCount);
        Assert.True(valence.Model.Rho > 0.8, $"ρ = {valence.Model.Rho}");
        Assert.InRange(valence.Model.Rho, valence.Model.Low, valence.Model.High);
        Assert.True(valence.Model.Low > 0.7, $"CI low = {valence.Model.Low}");
        Assert.Equal(0, valence.BaselineRho);
        Assert.True(valence.ModelMae < valence.BaselineMae / 2, $"MAE {valence.ModelMae} vs baseline {valence.BaselineMae}");
        Assert.Contains(results, r => r.Axis == MoodAxis.Tempo);
    }

    [Fact]
    public void Validate_TargetsUnrelatedToTags_RhoIntervalCoversZero()
    {
        // SYNTHETIC: the same tags with shuffled targets; the model must not appear to work.
        var items = SyntheticTaggedItems.Create(600);
        var random = new SplitMix64(9);
        var shuffled = random.Permutation(items.Length);
        var unrelated = items.Select((item, i) => item with { Targets = items[shuffled[i]].Targets }).ToArray();

        var valence = AxisValidation.Validate(unrelated, seed: 2, options: new TagAxisOptions { MaxDegreeOfParallelism = 1 })
            .Single(r => r.Axis == MoodAxis.Valence);

        Assert.InRange(0, valence.Model.Low, valence.Model.High);
        Assert.True(valence.ModelMae > 0.9 * valence.BaselineMae);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Validate_HoldoutFractionOutsideOpenUnitInterval_Throws(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AxisValidation.Validate(SyntheticTaggedItems.Create(20), fraction));
    }
}

using SoundGraph.Learning.Nn;

namespace SoundGraph.Learning.Tests.Nn;

public class AdamOptimizerTests
{
    [Fact]
    public void Step_FirstStep_MovesEachParameterByLearningRateAgainstTheGradientSign()
    {
        // t = 1: m̂ = g, v̂ = g², so the step is α·g/(|g| + ε) ≈ α·sign(g).
        var adam = new AdamOptimizer(3, learningRate: 0.1);
        var theta = new[] { 1.0, 1.0, 1.0 };
        adam.Step(theta, [2.0, -0.5, 0.0]);
        Assert.Equal(0.9, theta[0], 7);
        Assert.Equal(1.1, theta[1], 7);
        Assert.Equal(1.0, theta[2], 12);
        Assert.Equal(1, adam.StepCount);
    }

    [Fact]
    public void Step_SecondStepWithBiasCorrection_MatchesHandComputedValue()
    {
        // g₁ = 1, g₂ = 3, β₁ = 0.9, β₂ = 0.999: m₂ = 0.9·0.1 + 0.1·3 = 0.39, m̂ = 0.39/0.19 = 2.0526315789;
        // v₂ = 0.999·0.001 + 0.001·9 = 0.009999, v̂ = 0.009999/0.001999 = 5.0020010005, √v̂ = 2.2365150...
        var adam = new AdamOptimizer(1, learningRate: 0.1, epsilon: 1e-12);
        var theta = new[] { 0.0 };
        adam.Step(theta, [1.0]);
        adam.Step(theta, [3.0]);
        var expected = -0.1 - (0.1 * (0.39 / 0.19) / Math.Sqrt(0.009999 / 0.001999));
        Assert.Equal(expected, theta[0], 12);
    }

    [Fact]
    public void Step_WrongLength_Throws()
    {
        var adam = new AdamOptimizer(2);
        Assert.Throws<ArgumentException>(() => adam.Step(new double[3], new double[3]));
    }

    [Fact]
    public void Constructor_NonPositiveLearningRate_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptimizer(1, learningRate: 0));
}

using SoundGraph.Learning.Nn;

namespace SoundGraph.Learning.Tests.Nn;

public sealed class AdamOptimizerHandWorkedTests
{
    [Fact]
    public void Step_ConstantGradient_MovesByLearningRateEachStep()
    {
        // g = 0.5 twice. Step 1: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25 → Δ = 0.1·0.5/(0.5 + 1e-8).
        // Step 2: m = 0.095, v = 0.00049975, m̂ = 0.095/0.19 = 0.5, v̂ = 0.00049975/0.001999 = 0.25 → the same Δ.
        var adam = new AdamOptimizer(1, 0.1);
        double[] theta = [1.0];
        var delta = 0.1 * 0.5 / (0.5 + 1e-8);

        adam.Step(theta, [0.5]);
        Assert.Equal(1 - delta, theta[0], 12);
        adam.Step(theta, [0.5]);
        Assert.Equal(1 - (2 * delta), theta[0], 12);
    }

    [Fact]
    public void Step_WrongLength_Throws() =>
        Assert.Throws<ArgumentException>(() => new AdamOptimizer(2, 0.1).Step([1.0], [1.0]));
}

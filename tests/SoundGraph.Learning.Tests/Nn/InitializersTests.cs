using SoundGraph.Learning.Nn;

namespace SoundGraph.Learning.Tests.Nn;

public class InitializersTests
{
    [Fact]
    public void GlorotUniform_SameSeed_SameWeightsWithinTheGlorotBound()
    {
        var a = new double[600];
        var b = new double[600];
        Initializers.GlorotUniform(a, 10, 50, new Random(3));
        Initializers.GlorotUniform(b, 10, 50, new Random(3));
        Assert.Equal(a, b);
        var bound = Math.Sqrt(6.0 / 60);
        Assert.All(a, w => Assert.InRange(w, -bound, bound));
        // The draw is spread over the interval, not collapsed: its variance is near bound²/3.
        var variance = a.Select(w => w * w).Average();
        Assert.InRange(variance, 0.8 * bound * bound / 3, 1.2 * bound * bound / 3);
    }
}

using SoundGraph.Graph.Sparse;
using SoundGraph.Learning.Sage;

namespace SoundGraph.Learning.Tests.Sage;

public class SageModelTests
{
    // Six nodes: a triangle 0–1–2, a path 3–4, node 5 isolated (checks the zero mean of an empty neighbourhood).
    private static readonly WeightedGraph Tiny = WeightedGraph.FromEdges([10, 11, 12, 13, 14, 15], [(0, 1, 1.0), (1, 2, 0.5), (0, 2, 0.7), (3, 4, 0.9), (2, 3, 0.6)]);

    private static double[] Features(int n, int d, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n * d).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.25)]
    public void LossAndGradient_TinyGraph_MatchesCentralFiniteDifferences(double temperature)
    {
        const int d = 3, h = 4, o = 3, q = 2;
        var x = Features(Tiny.NodeCount, d, 11);
        var model = SageModel.Create(d, h, o, seed: 7);
        // Non-zero biases so their gradients are exercised away from the initial point.
        var rnd = new Random(2);
        for (var i = 0; i < model.Parameters.Length; i++)
        {
            model.Parameters[i] += 0.1 * ((rnd.NextDouble() * 2) - 1);
        }

        (int, int)[] positives = [(0, 1), (1, 0), (2, 3), (3, 4), (1, 2)];
        int[] negatives = [4, 5, 3, 5, 0, 5, 1, 2, 4, 3];
        var gradient = new double[model.Parameters.Length];
        SageTrainer.LossAndGradient(model, Tiny, x, positives, negatives, q, temperature, gradient);
        const double step = 1e-6;
        var worst = 0.0;
        for (var i = 0; i < model.Parameters.Length; i++)
        {
            var keep = model.Parameters[i];
            model.Parameters[i] = keep + step;
            var plus = SageTrainer.LossAndGradient(model, Tiny, x, positives, negatives, q, temperature, new double[gradient.Length]);
            model.Parameters[i] = keep - step;
            var minus = SageTrainer.LossAndGradient(model, Tiny, x, positives, negatives, q, temperature, new double[gradient.Length]);
            model.Parameters[i] = keep;
            var numeric = (plus - minus) / (2 * step);
            var relative = Math.Abs(numeric - gradient[i]) / Math.Max(1e-6, Math.Abs(numeric) + Math.Abs(gradient[i]));
            worst = Math.Max(worst, relative);
        }

        Assert.True(worst < 1e-4, $"worst relative error {worst:E2}");
        Assert.Contains(gradient, g => Math.Abs(g) > 1e-4);
    }

    [Fact]
    public void Embed_AnyNode_UnitLengthRows()
    {
        var model = SageModel.Create(3, 4, 5, seed: 1);
        var z = model.Embed(Tiny, Features(6, 3, 4));
        Assert.Equal(6, z.Length);
        Assert.All(z, row => Assert.Equal(1.0, Math.Sqrt(row.Sum(v => v * v)), 12));
    }

    [Fact]
    public void Forward_IsolatedNode_NeighbourMeanIsZero()
    {
        var model = SageModel.Create(3, 4, 5, seed: 1);
        var pass = model.Forward(Tiny, Features(6, 3, 4));
        Assert.Equal([0.0, 0, 0], pass.M0.AsSpan(5 * 3, 3).ToArray());
        // Node 4's only neighbour is 3: its mean is node 3's features.
        Assert.Equal(pass.X.AsSpan(3 * 3, 3).ToArray(), pass.M0.AsSpan(4 * 3, 3).ToArray());
    }

    [Fact]
    public void ToBytesFromBytes_RoundTrip_SameParametersAndEmbeddings()
    {
        var model = SageModel.Create(3, 4, 5, seed: 9);
        var copy = SageModel.FromBytes(model.ToBytes());
        Assert.Equal((3, 4, 5), (copy.InputDimension, copy.HiddenDimension, copy.OutputDimension));
        Assert.Equal(model.Parameters, copy.Parameters);
        var x = Features(6, 3, 2);
        Assert.Equal(model.Embed(Tiny, x), copy.Embed(Tiny, x));
    }

    [Fact]
    public void FromBytes_Garbage_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => SageModel.FromBytes([1, 2, 3]));
        Assert.Throws<FormatException>(() => SageModel.FromBytes(SageModel.Create(2, 2, 2, 1).ToBytes()[..30]));
    }

    [Fact]
    public void Forward_WrongFeatureCount_Throws() =>
        Assert.Throws<ArgumentException>(() => SageModel.Create(3, 4, 5, 1).Forward(Tiny, new double[17]));
}

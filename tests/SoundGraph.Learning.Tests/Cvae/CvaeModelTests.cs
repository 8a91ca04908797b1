using SoundGraph.Learning.Cvae;

namespace SoundGraph.Learning.Tests.Cvae;

public sealed class CvaeModelTests
{
    [Fact]
    public void LossAndGradient_TinyNetworkFixedNoise_MatchesCentralDifferences()
    {
        // F = 3 features, C = 2 condition values, L = 2 latent units, H = 4 hidden, B = 3 samples, β = 0.7.
        var random = new Random(5);
        var model = CvaeModel.Create(3, 2, 2, 4, random);
        for (var i = 0; i < model.Parameters.Length; i++)
        {
            model.Parameters[i] += 0.3 * (random.NextDouble() - 0.5); // non-zero biases too
        }

        double[][] x = [[0.5, -1.2, 0.3], [1.1, 0.2, -0.7], [-0.4, 0.9, 1.5]];
        double[][] c = [[0.2, -0.5], [1.0, 0.3], [-0.8, 0.6]];
        double[][] noise = [[0.3, -1.1], [-0.6, 0.8], [1.4, 0.1]];
        const double beta = 0.7;
        var gradient = new double[model.Parameters.Length];
        model.LossAndGradient(x, c, noise, beta, gradient);

        const double h = 1e-5;
        var worst = 0.0;
        for (var i = 0; i < model.Parameters.Length; i++)
        {
            var saved = model.Parameters[i];
            model.Parameters[i] = saved + h;
            var plus = model.LossAndGradient(x, c, noise, beta, null).Total(beta);
            model.Parameters[i] = saved - h;
            var minus = model.LossAndGradient(x, c, noise, beta, null).Total(beta);
            model.Parameters[i] = saved;
            var numeric = (plus - minus) / (2 * h);
            var relative = Math.Abs(numeric - gradient[i]) / Math.Max(1e-6, Math.Abs(numeric) + Math.Abs(gradient[i]));
            worst = Math.Max(worst, relative);
        }

        Assert.True(worst < 1e-4, $"worst relative error {worst:E2}");
    }

    [Fact]
    public void LossAndGradient_ZeroWeights_ReconIsSquaredNormAndKlZero()
    {
        // All weights 0: μ = 0, log σ² = 0 (KL 0), x̂ = 0, so recon = mean of Σx² = (1 + 4 + 9 + 16)/2 = 15.
        var model = CvaeModel.Create(2, 1, 1, 2, new Random(1));
        Array.Clear(model.Parameters);

        var loss = model.LossAndGradient([[1.0, 2], [3.0, 4]], [[0.0], [0.0]], [[0.5], [-0.5]], 1, null);

        Assert.Equal(15, loss.Reconstruction, 12);
        Assert.Equal(0, loss.Kl, 12);
    }

    [Fact]
    public void Backward_TwoHiddenLayers_InputAndParameterGradientsMatchCentralDifferences()
    {
        // Loss = w · MLP(a) with a fixed w; sizes [3, 4, 5, 2].
        var mlp = new TanhMlp([3, 4, 5, 2], 2); // offset 2: the layout must respect it
        var parameters = new double[2 + mlp.ParameterCount];
        mlp.Initialize(parameters, new Random(9));
        double[] input = [0.4, -0.9, 1.3];
        double[] w = [0.7, -1.3];
        var acts = mlp.NewActivations();
        mlp.Forward(parameters, input, acts);
        var gradient = new double[parameters.Length];
        var inputGradient = new double[3];
        mlp.Backward(parameters, acts, w, gradient, inputGradient);

        double Loss(double[] p, double[] a)
        {
            var o = mlp.Forward(p, a, mlp.NewActivations());
            return (w[0] * o[0]) + (w[1] * o[1]);
        }

        const double h = 1e-6;
        Assert.Equal(0, gradient[0]);
        Assert.Equal(0, gradient[1]);
        for (var i = 2; i < parameters.Length; i++)
        {
            var saved = parameters[i];
            parameters[i] = saved + h;
            var plus = Loss(parameters, input);
            parameters[i] = saved - h;
            var minus = Loss(parameters, input);
            parameters[i] = saved;
            Assert.Equal((plus - minus) / (2 * h), gradient[i], 7);
        }

        for (var j = 0; j < input.Length; j++)
        {
            var up = (double[])input.Clone();
            var down = (double[])input.Clone();
            up[j] += h;
            down[j] -= h;
            Assert.Equal((Loss(parameters, up) - Loss(parameters, down)) / (2 * h), inputGradient[j], 7);
        }
    }

    [Fact]
    public void ArtifactBytes_RoundTrip_DecodesIdentically()
    {
        var model = CvaeModel.Create(9, CollabCondition.Dimension(2), 3, 5, new Random(3));
        var artifact = new CvaeArtifact(model, new Standardizer([.. Enumerable.Repeat(0.5, 9)], [.. Enumerable.Repeat(0.2, 9)]), new Standardizer([1, 2, 3], [1, 1, 2]), 2, 15.5);

        var read = CvaeArtifact.FromBytes(artifact.ToBytes());
        var condition = read.Condition([0.1f, 0.2f], [0.3f, -0.4f], 2, 0.7, 16);

        Assert.Equal(15.5, read.MedianLogStreams);
        Assert.Equal(model.Parameters, read.Model.Parameters);
        Assert.Equal(artifact.Condition([0.1f, 0.2f], [0.3f, -0.4f], 2, 0.7, 16), condition);
        Assert.Equal(model.Decode([0.5, -0.5, 1], condition), read.Model.Decode([0.5, -0.5, 1], condition));
    }

    [Fact]
    public void FromBytes_NotAModel_ThrowsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => CvaeArtifact.FromBytes([1, 2, 3, 4, 5]));

    [Fact]
    public void LogitUnitScores_RoundTrip_ClampedTailsComeBackAsZeroAndOne()
    {
        var model = CvaeModel.Create(9, CollabCondition.Dimension(1), 1, 2, new Random(1));
        double[] natural = [0, 0.25, 0.5, 0.9, 1, 0.0005, 0.75, -7, 110];
        var pre = CvaeArtifact.Pretransform(natural, logitUnitScores: true);
        var artifact = new CvaeArtifact(model, new Standardizer([.. pre.Select(_ => 1.0)], [.. pre.Select(_ => 2.0)]), new Standardizer([0, 0, 0], [1, 1, 1]), 1, 0, LogitUnitScores: true);

        var back = artifact.ToNatural(artifact.ToModelSpace(natural));

        // logit(0.25) = −ln 3; loudness and tempo are not transformed.
        Assert.Equal(-Math.Log(3), pre[1], 12);
        Assert.Equal(-7, pre[7]);
        // 0 and 0.0005 are clamped to ε = 0.001 and come back as 0; 1 to 1 − ε and back as 1; interior values exactly.
        Assert.Equal([0, 0.25, 0.5, 0.9, 1, 0, 0.75, -7, 110], back, new Tolerance(1e-12));
    }

    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}

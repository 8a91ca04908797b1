using SoundGraph.Learning.Cvae;

namespace SoundGraph.Learning.Tests.Cvae;

public sealed class CvaeTrainerTests
{
    /// <summary>Synthetic data (not real): c₀ ~ U(−1, 1), x = [2c₀ + 0.1ε₁, u, −u + 0.1ε₂] with u ~ N(0, 1) independent of c:
    /// the first feature is set by the condition, the other two by one latent factor.</summary>
    private static (double[][] X, double[][] C) Synthetic(int n, int seed)
    {
        var random = new Random(seed);
        var x = new double[n][];
        var c = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var c0 = (2 * random.NextDouble()) - 1;
            var u = GaussianNoise.Next(random);
            c[i] = [c0];
            x[i] = [(2 * c0) + (0.1 * GaussianNoise.Next(random)), u, -u + (0.1 * GaussianNoise.Next(random))];
        }

        return (x, c);
    }

    private static readonly CvaeOptions Small = new() { LatentDim = 2, HiddenDim = 16, Epochs = 60, BatchSize = 32, LearningRate = 5e-3, Seed = 11 };

    [Fact]
    public void Train_SameSeed_SameCurveAndWeights()
    {
        var (x, c) = Synthetic(64, 1);
        var options = Small with { Epochs = 3 };

        var a = CvaeTrainer.Train(x, c, options);
        var b = CvaeTrainer.Train(x, c, options);

        Assert.Equal(a.Curve, b.Curve);
        Assert.Equal(a.Model.Parameters, b.Model.Parameters);
    }

    [Fact]
    public void Train_SyntheticConditionalData_LearnsConditionAndUsesLatent()
    {
        var (x, c) = Synthetic(300, 2);

        var result = CvaeTrainer.Train(x, c, Small);

        // Reconstruction falls well below its start (Σ over 3 features; x has total variance ≈ 1.33 + 1 + 1).
        Assert.True(result.Curve[^1].Reconstruction < 0.5 * result.Curve[0].Reconstruction, $"{result.Curve[0].Reconstruction} → {result.Curve[^1].Reconstruction}");
        // Generating at c₀ = +0.8 vs −0.8 moves the first feature by about 2·1.6 = 3.2; the other two stay centred.
        var random = new Random(4);
        var high = Enumerable.Range(0, 200).Select(_ => result.Model.Generate([0.8], random)).ToArray();
        var low = Enumerable.Range(0, 200).Select(_ => result.Model.Generate([-0.8], random)).ToArray();
        var shift = high.Average(v => v[0]) - low.Average(v => v[0]);
        Assert.InRange(shift, 2.4, 4.0);
        Assert.InRange(high.Average(v => v[1]) - low.Average(v => v[1]), -0.5, 0.5);
        // The latent factor u must be carried by z: at least one active unit.
        Assert.True(CvaeChecks.ActiveUnits(CvaeChecks.LatentActivity(result.Model, x, c)) >= 1);
    }

    [Fact]
    public void Train_KlWarmup_BetaRampsLinearly()
    {
        var (x, c) = Synthetic(16, 3);

        var result = CvaeTrainer.Train(x, c, Small with { Epochs = 4, Beta = 2, KlWarmupEpochs = 4 });

        Assert.Equal([0.5, 1, 1.5, 2], result.Curve.Select(e => e.Beta));
    }

    [Fact]
    public void Train_InvalidOption_ThrowsNamingTheOption()
    {
        var e = Assert.Throws<ArgumentException>(() => CvaeTrainer.Train([[1.0]], [[0.0]], Small with { LatentDim = 0 }));
        Assert.Contains("--latent", e.Message, StringComparison.Ordinal);
    }
}

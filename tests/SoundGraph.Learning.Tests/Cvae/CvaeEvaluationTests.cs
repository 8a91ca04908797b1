using SoundGraph.Learning.Cvae;

namespace SoundGraph.Learning.Tests.Cvae;

public sealed class CvaeEvaluationTests
{
    /// <summary>A model with every weight 0 (μ = 0, log σ² = 0, x̂ = 0) on 9 features: unit scores have mean 0.5 and sd 0.1,
    /// loudness −6 ± 2 dB, tempo 120 ± 20 BPM; d = 1.</summary>
    private static CvaeArtifact ZeroArtifact(double danceabilityBias = 0)
    {
        var model = CvaeModel.Create(9, CollabCondition.Dimension(1), 2, 3, new Random(1));
        Array.Clear(model.Parameters);
        // The decoder's output bias of feature 0 sits after its first layer ((L + C)·H + H) and second-layer weights (H·F).
        var decoder = model.Decoder;
        model.Parameters[decoder.Offset + ((2 + 5) * 3) + 3 + (3 * 9)] = danceabilityBias;
        double[] means = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, -6, 120];
        double[] sds = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 2, 20];
        return new CvaeArtifact(model, new Standardizer(means, sds), new Standardizer([0, 0, 0], [1, 1, 1]), 1, 10);
    }

    private static readonly double[][] Real =
    [
        [0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, -8, 100],
        [0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, -4, 140],
    ];

    private static readonly double[][] Conditions = [[0.1, 0.2, 0, 0, 1], [0.3, 0.1, 1, 1, -1]];

    [Fact]
    public void Evaluate_ZeroModel_HandWorkedChecks()
    {
        var report = CvaeEvaluation.Evaluate(ZeroArtifact(), Real, Real, Conditions, 5, 100);

        // Every real row is ±1 sd in all 9 features: recon = 9, KL = 0; μ never varies: no active unit.
        Assert.Equal(9, report.HeldOutReconstruction, 12);
        Assert.Equal(0, report.HeldOutKl, 12);
        Assert.Equal(0, report.ActiveUnits);
        Assert.Equal(0, report.OutOfRangeShare);
        Assert.All(report.Features, f =>
        {
            // Generated = the means; KS({m, m}, {m − sd, m + sd}) = ½; real vs real = 0.
            Assert.Equal(0.5, f.KsGenerated, 12);
            Assert.Equal(0, f.KsTrainVsHeldOut, 12);
            Assert.Equal(0, f.PopularityShift, 12);
            Assert.Equal(1, f.PopularityPValue, 12); // all 4 sign vectors of [0, 0] tie with the observed 0
        });
        Assert.Equal(-6, report.Features[7].GeneratedMean, 12);
        Assert.Null(report.Features[8].OutOfRangeShare);
    }

    [Fact]
    public void Evaluate_BiasPushesDanceabilityAboveOne_ReportsShareAndClips()
    {
        // Bias 10 sds: 0.5 + 10·0.1 = 1.5 before clipping.
        var report = CvaeEvaluation.Evaluate(ZeroArtifact(danceabilityBias: 10), Real, Real, Conditions, 5, 100);

        Assert.Equal(1.0, report.Features[0].OutOfRangeShare);
        Assert.Equal(1.0, report.Features[0].GeneratedMean, 12);
        Assert.Equal(0.0, report.Features[1].OutOfRangeShare);
        Assert.Equal(1.0 / 7, report.OutOfRangeShare, 12);
    }
}

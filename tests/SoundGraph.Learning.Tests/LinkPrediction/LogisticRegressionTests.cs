using SoundGraph.Learning.LinkPrediction;

namespace SoundGraph.Learning.Tests.LinkPrediction;

public sealed class LogisticRegressionTests
{
    [Fact]
    public void LossAndGradient_TinyInstance_MatchesCentralFiniteDifferences()
    {
        double[][] rows = [[0.5, -1.2], [1.5, 0.3], [-0.7, 2.0], [0.1, -0.4]];
        bool[] labels = [true, false, true, false];
        double[] theta = [0.8, -0.35, 0.2];
        const double l2 = 0.3;
        var analytic = new double[3];
        LogisticRegression.LossAndGradient(rows, labels, l2, theta, analytic);
        var scratch = new double[3];
        const double h = 1e-5;
        for (var j = 0; j < theta.Length; j++)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[j] += h;
            minus[j] -= h;
            var numeric = (LogisticRegression.LossAndGradient(rows, labels, l2, plus, scratch) - LogisticRegression.LossAndGradient(rows, labels, l2, minus, scratch)) / (2 * h);
            var relative = Math.Abs(numeric - analytic[j]) / Math.Max(1e-8, Math.Abs(numeric) + Math.Abs(analytic[j]));
            Assert.True(relative < 1e-4, $"θ[{j}]: analytic {analytic[j]}, numeric {numeric}, relative error {relative}");
        }
    }

    [Fact]
    public void LossAndGradient_ZeroParameters_IsLnTwoWithHandComputedGradient()
    {
        // z = 0 everywhere, p = ½: loss = ln 2; ∂w = ((½ − 1)·1 + (½ − 0)·(−1)) / 2 = −½; ∂b = (−½ + ½) / 2 = 0.
        var gradient = new double[2];
        var loss = LogisticRegression.LossAndGradient([[1.0], [-1.0]], [true, false], 5.0, [0.0, 0.0], gradient);
        Assert.Equal(Math.Log(2), loss, 12);
        Assert.Equal(-0.5, gradient[0], 12);
        Assert.Equal(0, gradient[1], 12);
    }

    [Fact]
    public void Fit_SymmetricCounts_RecoversClosedFormLogOdds()
    {
        // x = +1: 3 positives, 1 negative; x = −1: 1 positive, 3 negatives. Without penalty the MLE has b = 0 and
        // σ(w) = ¾, so w = ln 3.
        double[][] rows = [[1], [1], [1], [1], [-1], [-1], [-1], [-1]];
        bool[] labels = [true, true, true, false, true, false, false, false];
        var fit = LogisticRegression.Fit(rows, labels, new LogisticRegressionOptions { L2 = 0 });
        Assert.Equal(Math.Log(3), fit.Coefficients[0], 9);
        Assert.Equal(0, fit.Intercept, 9);
        Assert.Equal(0.75, fit.Predict([1.0]), 9);
    }

    [Fact]
    public void Fit_WithPenalty_ReachesAStationaryPointWithSmallerCoefficient()
    {
        double[][] rows = [[1], [1], [1], [1], [-1], [-1], [-1], [-1]];
        bool[] labels = [true, true, true, false, true, false, false, false];
        var fit = LogisticRegression.Fit(rows, labels, new LogisticRegressionOptions { L2 = 0.5 });
        var gradient = new double[2];
        LogisticRegression.LossAndGradient(rows, labels, 0.5, [fit.Coefficients[0], fit.Intercept], gradient);
        Assert.True(Math.Abs(gradient[0]) < 1e-9 && Math.Abs(gradient[1]) < 1e-9);
        Assert.InRange(fit.Coefficients[0], 0.1, Math.Log(3) - 0.1);
    }

    [Fact]
    public void Fit_SeparableData_StaysFiniteWithPenalty()
    {
        double[][] rows = [[2], [1], [-1], [-2]];
        bool[] labels = [true, true, false, false];
        var fit = LogisticRegression.Fit(rows, labels, new LogisticRegressionOptions { L2 = 0.01 });
        Assert.True(double.IsFinite(fit.Coefficients[0]) && fit.Coefficients[0] > 1);
        Assert.True(fit.Predict([1.0]) > 0.5 && fit.Predict([-1.0]) < 0.5);
    }

    [Fact]
    public void Fit_LabelCountDiffers_Throws()
    {
        Assert.Throws<ArgumentException>(() => LogisticRegression.Fit([[1.0]], [true, false], new LogisticRegressionOptions()));
    }

    [Fact]
    public void Sigmoid_LargeArguments_DoNotOverflow()
    {
        Assert.Equal(1, LogisticRegression.Sigmoid(800), 12);
        Assert.Equal(0, LogisticRegression.Sigmoid(-800), 12);
        Assert.Equal(0.5, LogisticRegression.Sigmoid(0));
    }
}

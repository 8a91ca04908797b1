using SoundGraph.Taste.Axes;

namespace SoundGraph.Taste.Tests.Axes;

public sealed class RidgeSolverTests
{
    private static SparseRows Dense(double[][] rows) =>
        new(rows[0].Length, rows.Select(r =>
        {
            var indices = Enumerable.Range(0, r.Length).Where(j => r[j] != 0).ToArray();
            return (indices, indices.Select(j => r[j]).ToArray());
        }).ToArray());

    [Fact]
    public void Fit_OneFeature_HandWorkedSolution()
    {
        // x = 0, 1, 2 and y = 0, 1, 2: centred x = y = −1, 0, 1; w = Σxy / (Σx² + λ) = 2 / (2 + 2); b = ȳ − x̄·w = 1 − 0.5.
        var x = Dense([[0.0], [1.0], [2.0]]);

        var fit = RidgeSolver.Fit(x, [0, 1, 2], lambda: 2, start: null, tolerance: 1e-12, maxIterations: 100);

        Assert.Equal(0.5, fit.Weights[0], 12);
        Assert.Equal(0.5, fit.Intercept, 12);
        Assert.True(fit.Converged);
    }

    [Fact]
    public void Fit_ThreeTags_MatchesExactClosedForm()
    {
        // (X_cᵀX_c + ½I) w = X_cᵀ(y − ȳ) solved in exact rationals (Python fractions, Gauss–Jordan):
        // w = (−275, 108, 178) / 373, b = ȳ − x̄·w = 931 / 746.
        var x = Dense([[1.0, 0, 2], [0, 1, 1], [2, 1, 0], [1, 1, 1], [0, 0, 3]]);

        var fit = RidgeSolver.Fit(x, [1, 2, 0, 1.5, 3], lambda: 0.5, start: null, tolerance: 1e-13, maxIterations: 100);

        Assert.Equal(-275.0 / 373, fit.Weights[0], 10);
        Assert.Equal(108.0 / 373, fit.Weights[1], 10);
        Assert.Equal(178.0 / 373, fit.Weights[2], 10);
        Assert.Equal(931.0 / 746, fit.Intercept, 10);
        Assert.InRange(fit.Iterations, 1, 3 + 1);
    }

    [Fact]
    public void Fit_WarmStart_SameSolution()
    {
        var x = Dense([[1.0, 0, 2], [0, 1, 1], [2, 1, 0], [1, 1, 1], [0, 0, 3]]);
        double[] y = [1, 2, 0, 1.5, 3];
        var cold = RidgeSolver.Fit(x, y, 0.5, null, 1e-13, 100);

        var warm = RidgeSolver.Fit(x, y, 0.5, RidgeSolver.Fit(x, y, 5, null, 1e-13, 100).Weights, 1e-13, 100);

        Assert.Equal(cold.Weights, warm.Weights, (a, b) => Math.Abs(a - b) < 1e-10);
    }

    [Fact]
    public void Fit_ConstantTargets_ZeroWeightsAndMeanIntercept()
    {
        var x = Dense([[1.0, 0], [0, 1], [1, 1]]);

        var fit = RidgeSolver.Fit(x, [0.4, 0.4, 0.4], 1, [3.0, -2.0], 1e-10, 100);

        Assert.Equal([0.0, 0.0], fit.Weights);
        Assert.Equal(0.4, fit.Intercept, 12);
    }
}

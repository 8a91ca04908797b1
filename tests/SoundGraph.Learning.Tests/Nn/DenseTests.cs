using SoundGraph.Learning.Nn;

namespace SoundGraph.Learning.Tests.Nn;

public class DenseTests
{
    // X = [[1, 2], [3, 0]] (2 × 2), W = [[1, 0, 2], [−1, 1, 0]] (2 × 3).
    private static readonly double[] X = [1, 2, 3, 0];
    private static readonly double[] W = [1, 0, 2, -1, 1, 0];

    [Fact]
    public void Forward_TwoByTwoTimesTwoByThree_IsTheMatrixProduct()
    {
        var y = new double[6];
        Dense.Forward(X, W, y, 2, 3);
        Assert.Equal([-1.0, 2, 2, 3, 0, 6], y);
    }

    [Fact]
    public void Forward_Accumulate_AddsToExistingOutput()
    {
        var y = new double[] { 1, 1, 1, 1, 1, 1 };
        Dense.Forward(X, W, y, 2, 3, accumulate: true);
        Assert.Equal([0.0, 3, 3, 4, 1, 7], y);
    }

    [Fact]
    public void BackwardWeightsAndInputs_HandWorkedGradient_MatchTransposedProducts()
    {
        double[] dy = [1, 0, 1, 0, 2, 0];
        var dw = new double[6];
        Dense.BackwardWeights(X, dy, dw, 2, 3);
        // Xᵀ·dY = [[1·1 + 3·0, 1·0 + 3·2, 1·1 + 3·0], [2·1, 0, 2·1]].
        Assert.Equal([1.0, 6, 1, 2, 0, 2], dw);
        var dx = new double[4];
        Dense.BackwardInputs(W, dy, dx, 2, 3);
        // dY·Wᵀ: row 1 = [1 + 2, −1], row 2 = [0, 2].
        Assert.Equal([3.0, -1, 0, 2], dx);
    }

    [Fact]
    public void BiasForwardAndBackward_AddToEveryRowAndSumRows()
    {
        var y = new double[4];
        Dense.AddBias(y, [1, 2]);
        Assert.Equal([1.0, 2, 1, 2], y);
        var db = new double[2];
        Dense.BackwardBias([1, 2, 3, 4], db);
        Assert.Equal([4.0, 6], db);
    }

    [Fact]
    public void Forward_ShapeMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => Dense.Forward(X, W, new double[5], 2, 3));
}

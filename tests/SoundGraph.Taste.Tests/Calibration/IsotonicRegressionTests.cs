using SoundGraph.Taste.Calibration;

namespace SoundGraph.Taste.Tests.Calibration;

/// <summary>Pool-adjacent-violators checked by hand on small inputs (Barlow et al. 1972, ch. 1; de Leeuw, Hornik and
/// Mair 2009), the tied-x (secondary) approach, weights, and the interpolated map.</summary>
public sealed class IsotonicRegressionTests
{
    [Fact]
    public void Pav_AlreadyNonDecreasing_Unchanged() =>
        Assert.Equal([1.0, 2.0, 2.0, 5.0], IsotonicRegression.Pav([1, 2, 2, 5]));

    [Fact]
    public void Pav_OneViolation_PoolsThePair()
    {
        // 3 > 2 violate: pooled to (3 + 2) / 2 = 2.5; 1 and 4 stay.
        Assert.Equal([1.0, 2.5, 2.5, 4.0], IsotonicRegression.Pav([1, 3, 2, 4]));
    }

    [Fact]
    public void Pav_Decreasing_PoolsEverythingToTheMean() =>
        Assert.Equal([2.0, 2.0, 2.0], IsotonicRegression.Pav([3, 2, 1]));

    [Fact]
    public void Pav_PoolingMeetsAnEqualBlock_StopsThere()
    {
        // 4, 2 → 3, 3; the block before (1) is lower, and the following 3 equals the block mean: no violation, no pooling.
        Assert.Equal([1.0, 3.0, 3.0, 3.0], IsotonicRegression.Pav([1, 4, 2, 3]));
    }

    [Fact]
    public void Pav_PoolingCascadesBackwards()
    {
        // 2, 1 → 1.5, 1.5; 3 is fine; 3, 1 → 2, 2; 1.5 ≤ 2 so the cascade stops: [1.5, 1.5, 2, 2].
        Assert.Equal([1.5, 1.5, 2.0, 2.0], IsotonicRegression.Pav([2, 1, 3, 1]));
        // 5, 1 → 3; then 4 > 3 with the block before → (4 + 5 + 1) / 3 = 10/3 for all three.
        var fitted = IsotonicRegression.Pav([4, 5, 1]);
        Assert.All(fitted, v => Assert.Equal(10.0 / 3, v, 12));
    }

    [Fact]
    public void Pav_Weights_PoolToTheWeightedMean()
    {
        // (1·4 + 3·1) / (1 + 3) = 7/4.
        Assert.Equal([1.75, 1.75], IsotonicRegression.Pav([4, 1], [1, 3]));
        // 2 (w 1) then 0 (w 1) → 1 (w 2); then 0.5 (w 2) < 1 → (2·1 + 2·0.5) / 4 = 0.75.
        var fitted = IsotonicRegression.Pav([2, 0, 0.5], [1, 1, 2]);
        Assert.All(fitted, v => Assert.Equal(0.75, v, 12));
    }

    [Fact]
    public void Pav_KeepsTheWeightedSumOfEveryBlock()
    {
        double[] y = [0.9, 0.1, 0.4, 0.35, 0.8, 0.2, 1.0];
        double[] w = [1, 2, 1, 3, 1, 1, 2];

        var fitted = IsotonicRegression.Pav(y, w);

        for (var i = 1; i < fitted.Length; i++)
        {
            Assert.True(fitted[i] >= fitted[i - 1], $"not monotone at {i}");
        }

        Assert.Equal(y.Zip(w).Sum(p => p.First * p.Second), fitted.Zip(w).Sum(p => p.First * p.Second), 12);
        Assert.Equal(fitted, IsotonicRegression.Pav(fitted, w));
    }

    [Fact]
    public void Pav_BadInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => IsotonicRegression.Pav([1, double.NaN]));
        Assert.Throws<ArgumentException>(() => IsotonicRegression.Pav([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => IsotonicRegression.Pav([1, 2], [1, 0]));
    }

    [Fact]
    public void Fit_UnsortedX_SortsBeforePooling()
    {
        // Sorted by x: (0.1, 0.2), (0.5, 0.6), (0.9, 0.4) → 0.6, 0.4 pooled to 0.5.
        var fit = IsotonicRegression.Fit([0.9, 0.1, 0.5], [0.4, 0.2, 0.6]);

        Assert.Equal([0.1, 0.5, 0.9], fit.X);
        Assert.Equal(0.2, fit.Y[0], 12);
        Assert.Equal(0.5, fit.Y[1], 12);
        Assert.Equal(0.5, fit.Y[2], 12);
    }

    [Fact]
    public void Fit_TiedX_PooledFirstWithSummedWeight()
    {
        // x = 0.3 twice: y (0.2 + 0.4) / 2 = 0.3 with weight 2; it violates the 0.5 at x = 0.1 (weight 1):
        // (0.5 + 2·0.3) / 3 = 1.1/3 for both knots; 0.9 at x = 0.6 stays.
        var fit = IsotonicRegression.Fit([0.1, 0.3, 0.3, 0.6], [0.5, 0.2, 0.4, 0.9]);

        Assert.Equal([0.1, 0.3, 0.6], fit.X);
        Assert.Equal(1.1 / 3, fit.Y[0], 12);
        Assert.Equal(1.1 / 3, fit.Y[1], 12);
        Assert.Equal(0.9, fit.Y[2], 12);
    }

    [Fact]
    public void Apply_InterpolatesBetweenKnotsAndClipsOutside()
    {
        var fit = IsotonicRegression.Fit([0.1, 0.3, 0.3, 0.6], [0.5, 0.2, 0.4, 0.9]);

        Assert.Equal(1.1 / 3, fit.Apply(0.0), 12);
        Assert.Equal(1.1 / 3, fit.Apply(0.2), 12);
        // Halfway between x 0.3 and 0.6: 1.1/3 + 0.5 × (0.9 − 1.1/3).
        Assert.Equal((1.1 / 3) + (0.5 * (0.9 - (1.1 / 3))), fit.Apply(0.45), 12);
        Assert.Equal(0.9, fit.Apply(0.6), 12);
        Assert.Equal(0.9, fit.Apply(1.0), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => fit.Apply(double.NaN));
    }

    [Fact]
    public void Apply_OneKnot_IsConstant()
    {
        var fit = IsotonicRegression.Fit([0.4, 0.4], [0.2, 0.6]);

        Assert.Equal(0.4, fit.Apply(0), 12);
        Assert.Equal(0.4, fit.Apply(1), 12);
    }

    [Fact]
    public void Fit_NoPairsOrMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => IsotonicRegression.Fit([], []));
        Assert.Throws<ArgumentException>(() => IsotonicRegression.Fit([0.1, 0.2], [0.1]));
        Assert.Throws<ArgumentException>(() => IsotonicRegression.Fit([double.PositiveInfinity], [0.1]));
    }
}

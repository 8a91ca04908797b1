namespace SoundGraph.Taste.Calibration;

/// <summary>A fitted isotonic regression (<see cref="IsotonicRegression.Fit"/>): knots (xₖ, ŷₖ) with strictly increasing
/// x and non-decreasing ŷ, read as a piecewise-linear map.</summary>
/// <remarks>Between two knots the map interpolates linearly; below the first knot it is ŷ₁ and above the last ŷₘ
/// (clipped, scikit-learn's <c>out_of_bounds="clip"</c>), so it never leaves the range of the fitted responses. At the
/// knots themselves it is exactly the least-squares step fit.</remarks>
public sealed class IsotonicFit
{
    private readonly double[] _x;
    private readonly double[] _y;

    /// <summary>Creates the map from its knots.</summary>
    /// <param name="x">Knot positions, strictly increasing, finite.</param>
    /// <param name="y">Fitted values, one per knot, non-decreasing, finite.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No knots, different lengths, x not strictly increasing or y decreasing.</exception>
    public IsotonicFit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count == 0 || x.Count != y.Count)
        {
            throw new ArgumentException($"Expected one fitted value per knot and at least one knot (got {x.Count} knots, {y.Count} values).", nameof(y));
        }

        for (var k = 1; k < x.Count; k++)
        {
            if (!(x[k] > x[k - 1]) || y[k] < y[k - 1])
            {
                throw new ArgumentException($"Knots must have strictly increasing x and non-decreasing y (knot {k}).", nameof(x));
            }
        }

        _x = [.. x];
        _y = [.. y];
    }

    /// <summary>Knot positions, increasing.</summary>
    public IReadOnlyList<double> X => _x;

    /// <summary>Fitted values at the knots, non-decreasing.</summary>
    public IReadOnlyList<double> Y => _y;

    /// <summary>The fitted value at <paramref name="x"/>: clipped to the knots' range, linear between knots.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is NaN.</exception>
    public double Apply(double x)
    {
        if (double.IsNaN(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Cannot calibrate NaN.");
        }

        if (x <= _x[0])
        {
            return _y[0];
        }

        if (x >= _x[^1])
        {
            return _y[^1];
        }

        var i = Array.BinarySearch(_x, x);
        if (i >= 0)
        {
            return _y[i];
        }

        var hi = ~i;
        var lo = hi - 1;
        var t = (x - _x[lo]) / (_x[hi] - _x[lo]);
        return _y[lo] + t * (_y[hi] - _y[lo]);
    }
}

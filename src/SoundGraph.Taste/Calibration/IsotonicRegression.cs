namespace SoundGraph.Taste.Calibration;

/// <summary>Isotonic (monotone non-decreasing) least-squares regression by the pool-adjacent-violators algorithm.</summary>
/// <remarks>
/// <para>Given responses y₁…yₙ in a fixed order with weights w₁…wₙ &gt; 0, PAV finds the non-decreasing sequence ŷ that
/// minimizes Σ wᵢ(yᵢ − ŷᵢ)²: it walks the sequence keeping a stack of blocks (weighted sum, weight, length), pushes each
/// value as a block of one, and while the top block's mean is below the mean of the block under it ("adjacent
/// violators") pools the two into their weighted mean. Every ŷᵢ is then its block's weighted mean. O(n) time and memory
/// (each value is pooled at most once). Sources: Ayer, Brunk, Ewing, Reid and Silverman (1955); Barlow, Bartholomew,
/// Bremner and Brunk, <i>Statistical Inference under Order Restrictions</i> (1972), ch. 1; de Leeuw, Hornik and Mair,
/// "Isotone Optimization in R: Pool-Adjacent-Violators Algorithm (PAVA) and Active Set Methods", J. Stat. Softw. 32(5)
/// (2009).</para>
/// <para>Regression on a predictor (<see cref="Fit"/>) sorts the pairs by x and treats tied x values by de Leeuw's
/// secondary approach: tied observations must share one fitted value, so they are first replaced by their weighted mean
/// with their summed weight (scikit-learn's <c>IsotonicRegression</c> does the same).</para>
/// </remarks>
public static class IsotonicRegression
{
    /// <summary>The PAV fit of <paramref name="y"/> in the given order.</summary>
    /// <param name="y">Responses, finite, in the order the fit must be non-decreasing in.</param>
    /// <param name="weights">One weight &gt; 0 (finite) per response; null for all 1.</param>
    /// <returns>ŷ, one value per response: non-decreasing, each the weighted mean of its block.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentException">A response is not finite, the weights are not one per response, or one is not
    /// a finite number &gt; 0.</exception>
    public static double[] Pav(IReadOnlyList<double> y, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        Check(y, weights);
        var sums = new double[y.Count];
        var masses = new double[y.Count];
        var lengths = new int[y.Count];
        var top = -1;
        for (var i = 0; i < y.Count; i++)
        {
            var w = weights?[i] ?? 1.0;
            top++;
            sums[top] = w * y[i];
            masses[top] = w;
            lengths[top] = 1;

            // Pool while the block under the top has a larger mean (a violation of the order).
            while (top > 0 && sums[top - 1] / masses[top - 1] > sums[top] / masses[top])
            {
                sums[top - 1] += sums[top];
                masses[top - 1] += masses[top];
                lengths[top - 1] += lengths[top];
                top--;
            }
        }

        var fitted = new double[y.Count];
        var at = 0;
        for (var b = 0; b <= top; b++)
        {
            var mean = sums[b] / masses[b];
            for (var k = 0; k < lengths[b]; k++)
            {
                fitted[at++] = mean;
            }
        }

        return fitted;
    }

    /// <summary>The isotonic regression of <paramref name="y"/> on <paramref name="x"/>: the non-decreasing step function
    /// of x closest to y in weighted least squares, as knots for <see cref="IsotonicFit.Apply"/>.</summary>
    /// <param name="x">Predictor values, finite.</param>
    /// <param name="y">Responses, finite, one per x.</param>
    /// <param name="weights">One weight &gt; 0 per pair; null for all 1.</param>
    /// <returns>One knot per distinct x, in increasing x, with its fitted value (tied x values pooled first, see the class
    /// remarks).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentException">No pairs, x and y (or the weights) differ in length, or a value is not finite
    /// or a weight not &gt; 0.</exception>
    public static IsotonicFit Fit(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"x has {x.Count} values but y has {y.Count}.", nameof(y));
        }

        if (x.Count == 0)
        {
            throw new ArgumentException("Isotonic regression needs at least one (x, y) pair.", nameof(x));
        }

        Check(y, weights);
        if (x.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("Every x must be a finite number.", nameof(x));
        }

        // Sort by x (stable), then pool tied x into one observation: weighted mean of y, summed weight.
        var order = Enumerable.Range(0, x.Count).OrderBy(i => x[i]).ToList();
        var knotsX = new List<double>();
        var pooledY = new List<double>();
        var pooledW = new List<double>();
        foreach (var i in order)
        {
            var w = weights?[i] ?? 1.0;
            if (knotsX.Count > 0 && knotsX[^1] == x[i])
            {
                var total = pooledW[^1] + w;
                pooledY[^1] = (pooledY[^1] * pooledW[^1] + y[i] * w) / total;
                pooledW[^1] = total;
            }
            else
            {
                knotsX.Add(x[i]);
                pooledY.Add(y[i]);
                pooledW.Add(w);
            }
        }

        return new IsotonicFit(knotsX, Pav(pooledY, pooledW));
    }

    private static void Check(IReadOnlyList<double> y, IReadOnlyList<double>? weights)
    {
        if (y.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("Every response must be a finite number.", nameof(y));
        }

        if (weights is null)
        {
            return;
        }

        if (weights.Count != y.Count)
        {
            throw new ArgumentException($"Expected one weight per response ({y.Count}), got {weights.Count}.", nameof(weights));
        }

        if (weights.Any(w => !(w > 0) || !double.IsFinite(w)))
        {
            throw new ArgumentException("Every weight must be a finite number > 0.", nameof(weights));
        }
    }
}

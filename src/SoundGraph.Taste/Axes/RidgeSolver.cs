namespace SoundGraph.Taste.Axes;

/// <summary>A ridge fit: weights w over the features and the intercept b, so that ŷ = b + x · w.</summary>
/// <param name="Weights">w, length d.</param>
/// <param name="Intercept">b = ȳ − x̄ · w (not penalised).</param>
/// <param name="Iterations">Conjugate-gradient iterations used.</param>
/// <param name="Converged">Whether the residual fell under the tolerance.</param>
internal sealed record RidgeFit(double[] Weights, double Intercept, int Iterations, bool Converged);

/// <summary>Ridge regression with an unpenalised intercept on sparse features, solved by preconditioned conjugate
/// gradients on the normal equations.</summary>
/// <remarks>
/// Solves (X_cᵀX_c + λI) w = X_cᵀ(y − ȳ) where X_c is X with its column means removed (as scikit-learn's
/// <c>Ridge(fit_intercept=True)</c>), then b = ȳ − x̄ · w. The matrix is never formed: each iteration costs two sparse
/// products, O(nnz + n + d), with the centring applied as rank-one corrections (<see cref="SparseRows"/>). Conjugate
/// gradients (Hestenes and Stiefel 1952) with the Jacobi preconditioner diag(X_cᵀX_c) + λ, which evens out the very
/// different column norms of popular and rare tags; stops when ‖r‖ ≤ tolerance · ‖X_cᵀ(y − ȳ)‖. Chosen over the dual
/// form (XXᵀ + λI)α = y because a few thousand items × a few thousand tags is a tiny problem in nnz (tens per item) but a
/// dense n × n Gram matrix and its Cholesky factor would cost O(n³) per fold and λ. In exact arithmetic CG ends in at
/// most d iterations.
/// </remarks>
internal static class RidgeSolver
{
    /// <summary>Fits y ≈ b + X w with penalty λ‖w‖².</summary>
    /// <param name="x">n × d features.</param>
    /// <param name="y">n targets.</param>
    /// <param name="lambda">λ &gt; 0.</param>
    /// <param name="start">Starting weights (a warm start from a nearby λ), or null for zero.</param>
    /// <param name="tolerance">Relative residual to stop at.</param>
    /// <param name="maxIterations">Iteration cap.</param>
    public static RidgeFit Fit(SparseRows x, ReadOnlySpan<double> y, double lambda, double[]? start, double tolerance, int maxIterations)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);
        var n = x.RowCount;
        var d = x.ColumnCount;
        var mean = 0.0;
        foreach (var v in y)
        {
            mean += v;
        }

        mean /= Math.Max(1, n);
        var centred = new double[n];
        for (var i = 0; i < n; i++)
        {
            centred[i] = y[i] - mean;
        }

        var b = new double[d];
        x.MultiplyTransposeCentred(centred, b);
        var w = start is null ? new double[d] : (double[])start.Clone();
        var scratch = new double[n];
        var ap = new double[d];
        var r = new double[d];
        Apply(x, lambda, w, scratch, ap);
        for (var j = 0; j < d; j++)
        {
            r[j] = b[j] - ap[j];
        }

        var bNorm = Math.Sqrt(Dot(b, b));
        var stop = tolerance * bNorm;
        var z = new double[d];
        Precondition(x, lambda, r, z);
        var p = (double[])z.Clone();
        var rz = Dot(r, z);
        var iterations = 0;
        var converged = bNorm == 0 || Math.Sqrt(Dot(r, r)) <= stop;
        while (!converged && iterations < maxIterations)
        {
            Apply(x, lambda, p, scratch, ap);
            var alpha = rz / Dot(p, ap);
            for (var j = 0; j < d; j++)
            {
                w[j] += alpha * p[j];
                r[j] -= alpha * ap[j];
            }

            iterations++;
            if (Math.Sqrt(Dot(r, r)) <= stop)
            {
                converged = true;
                break;
            }

            Precondition(x, lambda, r, z);
            var rzNext = Dot(r, z);
            var beta = rzNext / rz;
            rz = rzNext;
            for (var j = 0; j < d; j++)
            {
                p[j] = z[j] + beta * p[j];
            }
        }

        if (bNorm == 0)
        {
            Array.Clear(w);
        }

        var intercept = mean - Dot(x.ColumnMeans, w);
        return new RidgeFit(w, intercept, iterations, converged);
    }

    /// <summary>result = (X_cᵀX_c + λI) v.</summary>
    private static void Apply(SparseRows x, double lambda, double[] v, double[] scratch, double[] result)
    {
        x.MultiplyCentred(v, scratch);
        x.MultiplyTransposeCentred(scratch, result);
        for (var j = 0; j < v.Length; j++)
        {
            result[j] += lambda * v[j];
        }
    }

    private static void Precondition(SparseRows x, double lambda, double[] r, double[] z)
    {
        for (var j = 0; j < r.Length; j++)
        {
            z[j] = r[j] / (x.ColumnSquares[j] + lambda);
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}

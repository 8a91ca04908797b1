using MathNet.Numerics.LinearAlgebra;

namespace SoundGraph.Learning.LinkPrediction;

/// <summary>Options of <see cref="LogisticRegression.Fit"/>.</summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>L2 penalty λ on the coefficients (not the intercept): the loss adds λ/2 · ‖w‖². Default 0.01.</summary>
    public double L2 { get; init; } = 0.01;

    /// <summary>Newton iterations at most. Default 100 (the loss is strictly convex; it usually converges in under 15).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Stops when the largest gradient component is below this. Default 1e-9.</summary>
    public double GradientTolerance { get; init; } = 1e-9;

    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    internal void Validate()
    {
        if (!(L2 >= 0) || double.IsInfinity(L2))
        {
            throw new ArgumentOutOfRangeException(nameof(L2), L2, "The L2 penalty must be a finite number ≥ 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(GradientTolerance);
    }
}

/// <summary>A fitted binary logistic regression p(y = 1 | x) = σ(b + w·x).</summary>
/// <param name="Coefficients">w, one per feature.</param>
/// <param name="Intercept">b.</param>
/// <param name="Iterations">Newton iterations used.</param>
/// <param name="FinalLoss">Penalized mean log-loss at the solution.</param>
public sealed record LogisticRegressionFit(double[] Coefficients, double Intercept, int Iterations, double FinalLoss)
{
    /// <summary>σ(b + w·x).</summary>
    public double Predict(ReadOnlySpan<double> x) => LogisticRegression.Sigmoid(Intercept + Dot(Coefficients, x));

    private static double Dot(double[] w, ReadOnlySpan<double> x)
    {
        var s = 0.0;
        for (var j = 0; j < w.Length; j++)
        {
            s += w[j] * x[j];
        }

        return s;
    }
}

/// <summary>L2-regularized logistic regression trained by Newton's method (iteratively reweighted least squares) with an
/// Armijo backtracking line search.</summary>
/// <remarks>
/// Loss (penalized mean log-loss): L(w, b) = (1/n) Σᵢ [softplus(zᵢ) − yᵢ zᵢ] + λ/2 ‖w‖², zᵢ = b + w·xᵢ. Gradient
/// ∇_w = (1/n) Xᵀ(p − y) + λw, ∂_b = (1/n) Σ (pᵢ − yᵢ); Hessian (1/n) X̃ᵀ diag(p(1−p)) X̃ + λ·diag(1,…,1,0) over the
/// design with a column of ones X̃. The feature count here is small (5), so each step solves a (d+1)×(d+1) system with a
/// Cholesky factorization (MathNet.Numerics): O(n·d²) per iteration. The step is halved until the Armijo condition
/// L(θ + tΔ) ≤ L(θ) + 10⁻⁴ t ∇L·Δ holds, which guards the first steps when p is saturated. A tiny ridge (1e-10) on the
/// diagonal keeps the system positive definite when all p(1−p) vanish or a feature is constant. Deterministic: no randomness is involved.
/// See Hastie, Tibshirani, Friedman, "The Elements of Statistical Learning", §4.4.1.
/// </remarks>
public static class LogisticRegression
{
    /// <summary>Logistic function 1 / (1 + e⁻ᶻ), computed without overflow.</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>Fits the model.</summary>
    /// <param name="rows">n rows of d features (standardize them first so λ treats features alike).</param>
    /// <param name="labels">n labels, true = positive.</param>
    /// <param name="options">Penalty and stopping rule.</param>
    /// <exception cref="ArgumentException">No rows, rows of different lengths, or a label count that differs.</exception>
    public static LogisticRegressionFit Fit(IReadOnlyList<double[]> rows, IReadOnlyList<bool> labels, LogisticRegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Check(rows, labels);
        var d = rows[0].Length;
        var theta = new double[d + 1]; // w₀..w_{d−1}, b
        var gradient = new double[d + 1];
        var loss = LossAndGradient(rows, labels, options.L2, theta, gradient);
        var iterations = 0;
        while (iterations < options.MaxIterations && MaxAbs(gradient) >= options.GradientTolerance)
        {
            iterations++;
            var hessian = Hessian(rows, theta, options.L2);
            var step = hessian.Cholesky().Solve(Vector<double>.Build.DenseOfArray(gradient).Negate()).ToArray();
            var slope = 0.0;
            for (var j = 0; j <= d; j++)
            {
                slope += gradient[j] * step[j];
            }

            var t = 1.0;
            var candidate = new double[d + 1];
            var candidateGradient = new double[d + 1];
            double candidateLoss;
            while (true)
            {
                for (var j = 0; j <= d; j++)
                {
                    candidate[j] = theta[j] + t * step[j];
                }

                candidateLoss = LossAndGradient(rows, labels, options.L2, candidate, candidateGradient);
                if (candidateLoss <= loss + 1e-4 * t * slope || t < 1e-10)
                {
                    break;
                }

                t /= 2;
            }

            if (candidateLoss > loss)
            {
                break; // no further progress in floating point
            }

            (theta, candidate) = (candidate, theta);
            (gradient, candidateGradient) = (candidateGradient, gradient);
            loss = candidateLoss;
        }

        return new LogisticRegressionFit(theta[..d], theta[d], iterations, loss);
    }

    /// <summary>The penalized mean log-loss at θ = (w, b) and its analytic gradient.</summary>
    /// <param name="rows">n rows of d features.</param>
    /// <param name="labels">n labels.</param>
    /// <param name="l2">λ (the intercept is not penalized).</param>
    /// <param name="theta">d + 1 parameters: the d coefficients, then the intercept.</param>
    /// <param name="gradient">Receives ∂L/∂θ (d + 1 entries).</param>
    /// <returns>L(θ).</returns>
    public static double LossAndGradient(IReadOnlyList<double[]> rows, IReadOnlyList<bool> labels, double l2, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        Check(rows, labels);
        var d = rows[0].Length;
        if (theta.Length != d + 1 || gradient.Length != d + 1)
        {
            throw new ArgumentException($"θ and the gradient need {d + 1} entries (d coefficients and the intercept).", nameof(theta));
        }

        gradient.Clear();
        var n = rows.Count;
        var loss = 0.0;
        for (var i = 0; i < n; i++)
        {
            var x = rows[i];
            var z = theta[d];
            for (var j = 0; j < d; j++)
            {
                z += theta[j] * x[j];
            }

            var y = labels[i] ? 1.0 : 0.0;
            loss += Softplus(z) - y * z;
            var r = Sigmoid(z) - y;
            for (var j = 0; j < d; j++)
            {
                gradient[j] += r * x[j];
            }

            gradient[d] += r;
        }

        loss /= n;
        for (var j = 0; j <= d; j++)
        {
            gradient[j] /= n;
        }

        for (var j = 0; j < d; j++)
        {
            loss += 0.5 * l2 * theta[j] * theta[j];
            gradient[j] += l2 * theta[j];
        }

        return loss;
    }

    private static Matrix<double> Hessian(IReadOnlyList<double[]> rows, double[] theta, double l2)
    {
        var d = rows[0].Length;
        var h = Matrix<double>.Build.Dense(d + 1, d + 1);
        var x1 = new double[d + 1];
        x1[d] = 1;
        foreach (var x in rows)
        {
            var z = theta[d];
            for (var j = 0; j < d; j++)
            {
                z += theta[j] * x[j];
                x1[j] = x[j];
            }

            var p = Sigmoid(z);
            var s = p * (1 - p);
            for (var a = 0; a <= d; a++)
            {
                for (var b = 0; b <= a; b++)
                {
                    h[a, b] += s * x1[a] * x1[b];
                }
            }
        }

        for (var a = 0; a <= d; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                h[a, b] /= rows.Count;
                h[b, a] = h[a, b];
            }

            h[a, a] += (a < d ? l2 : 0) + 1e-10;
        }

        return h;
    }

    private static double Softplus(double z) => z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z));

    private static double MaxAbs(double[] v) => v.Max(Math.Abs);

    private static void Check(IReadOnlyList<double[]> rows, IReadOnlyList<bool> labels)
    {
        if (rows.Count == 0)
        {
            throw new ArgumentException("At least one row is needed.", nameof(rows));
        }

        if (labels.Count != rows.Count)
        {
            throw new ArgumentException($"{rows.Count} rows but {labels.Count} labels.", nameof(labels));
        }

        var d = rows[0].Length;
        if (rows.Any(r => r.Length != d))
        {
            throw new ArgumentException("All rows must have the same number of features.", nameof(rows));
        }
    }
}

using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace SoundGraph.Learning.Recommenders;

/// <content>The alternating least-squares sweeps: the Gram matrix, the per-row Cholesky and conjugate-gradient solves
/// and the training loss.</content>
public sealed partial class AlsRecommender
{
    /// <summary>FᵀF (f × f, row-major, double) summed over fixed row chunks in order: deterministic under parallelism.</summary>
    private double[] Gram(float[] factors, int rows)
    {
        var f = _options.Factors;
        var partial = new double[GramChunks][];
        var chunk = (rows + GramChunks - 1) / GramChunks;
        Parallel.For(0, GramChunks, new ParallelOptions { MaxDegreeOfParallelism = _options.Threads }, c =>
        {
            var sum = new double[f * f];
            var row = new double[f];
            for (var i = c * chunk; i < Math.Min(rows, (c + 1) * chunk); i++)
            {
                for (var d = 0; d < f; d++)
                {
                    row[d] = factors[(i * f) + d];
                }

                for (var r = 0; r < f; r++)
                {
                    var fr = row[r];
                    var target = sum.AsSpan(r * f, f);
                    for (var s = 0; s < f; s++)
                    {
                        target[s] += fr * row[s];
                    }
                }
            }

            partial[c] = sum;
        });
        var total = new double[f * f];
        foreach (var p in partial)
        {
            for (var k = 0; k < total.Length; k++)
            {
                total[k] += p[k];
            }
        }

        return total;
    }

    /// <summary>Solves every row of <paramref name="solve"/> given the fixed <paramref name="other"/> factors.</summary>
    private void Sweep(Interactions confidences, float[] solve, float[] other)
    {
        var f = _options.Factors;
        var gram = Gram(other, confidences.ItemCount);
        var gramReg = new float[f * f];
        for (var k = 0; k < gramReg.Length; k++)
        {
            gramReg[k] = (float)gram[k];
        }

        for (var d = 0; d < f; d++)
        {
            gramReg[(d * f) + d] += (float)_options.Regularization;
        }

        Parallel.For(
            0,
            confidences.UserCount,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Threads },
            () => new float[3 * f],
            (u, _, scratch) =>
            {
                if (_options.Solver == AlsSolver.Cholesky)
                {
                    SolveCholesky(confidences, u, solve, other, gram);
                }
                else
                {
                    SolveCg(confidences, u, solve, other, gramReg, scratch);
                }

                return scratch;
            },
            _ => { });
    }

    private void SolveCholesky(Interactions confidences, int u, float[] solve, float[] other, double[] gram)
    {
        var f = _options.Factors;
        var a = Matrix<double>.Build.Dense(f, f, (r, c) => gram[(r * f) + c] + (r == c ? _options.Regularization : 0));
        var b = Vector<double>.Build.Dense(f);
        var items = confidences.Items(u);
        var conf = confidences.Values(u);
        for (var k = 0; k < items.Length; k++)
        {
            var y = other.AsSpan(items[k] * f, f);
            double c = conf[k];
            for (var r = 0; r < f; r++)
            {
                b[r] += c * y[r];
                var w = (c - 1) * y[r];
                for (var s = 0; s < f; s++)
                {
                    a[r, s] += w * y[s];
                }
            }
        }

        var x = a.Cholesky().Solve(b);
        for (var d = 0; d < f; d++)
        {
            solve[(u * f) + d] = (float)x[d];
        }
    }

    /// <summary>Conjugate gradient on (YᵀY + λI + Yᵀ(C_u − I)Y) x = YᵀC_u p_u from the current x (implicit's
    /// <c>_least_squares_cg</c> scheme, after Takács et al. 2011).</summary>
    private void SolveCg(Interactions confidences, int u, float[] solve, float[] other, float[] gramReg, float[] scratch)
    {
        var f = _options.Factors;
        var x = solve.AsSpan(u * f, f);
        var r = scratch.AsSpan(0, f);
        var p = scratch.AsSpan(f, f);
        var ap = scratch.AsSpan(2 * f, f);
        var items = confidences.Items(u);
        var conf = confidences.Values(u);

        // r = b − A x = Σ c_i y_i − (YᵀY + λI) x − Σ (c_i − 1)(y_i·x) y_i
        MatVec(gramReg, x, r, f);
        TensorPrimitives.Negate(r, r);
        for (var k = 0; k < items.Length; k++)
        {
            var y = other.AsSpan(items[k] * f, f);
            var c = conf[k];
            TensorPrimitives.MultiplyAdd(y, c - ((c - 1) * TensorPrimitives.Dot(y, x)), r, r);
        }

        r.CopyTo(p);
        var rsOld = TensorPrimitives.Dot(r, r);
        for (var step = 0; step < _options.CgSteps && rsOld > 1e-20f; step++)
        {
            MatVec(gramReg, p, ap, f);
            for (var k = 0; k < items.Length; k++)
            {
                var y = other.AsSpan(items[k] * f, f);
                TensorPrimitives.MultiplyAdd(y, (conf[k] - 1) * TensorPrimitives.Dot(y, p), ap, ap);
            }

            var alpha = rsOld / TensorPrimitives.Dot(p, ap);
            TensorPrimitives.MultiplyAdd(p, alpha, x, x);
            TensorPrimitives.MultiplyAdd(ap, -alpha, r, r);
            var rsNew = TensorPrimitives.Dot(r, r);
            TensorPrimitives.MultiplyAdd(p, rsNew / rsOld, r, p);
            rsOld = rsNew;
        }
    }

    private static void MatVec(float[] m, ReadOnlySpan<float> v, Span<float> result, int f)
    {
        for (var row = 0; row < f; row++)
        {
            result[row] = TensorPrimitives.Dot(m.AsSpan(row * f, f), v);
        }
    }

    private double Loss(Interactions confidences)
    {
        // Σ over all pairs of (x·y)² = Σ_u x_uᵀ(YᵀY)x_u, then the observed pairs corrected to c(1 − s)².
        var f = _options.Factors;
        var gram = Gram(ItemFactors, ItemCount);
        var loss = 0.0;
        for (var u = 0; u < UserCount; u++)
        {
            var x = UserFactors.AsSpan(u * f, f);
            for (var r = 0; r < f; r++)
            {
                var row = 0.0;
                for (var s = 0; s < f; s++)
                {
                    row += gram[(r * f) + s] * x[s];
                }

                loss += x[r] * row;
            }

            var items = confidences.Items(u);
            var conf = confidences.Values(u);
            for (var k = 0; k < items.Length; k++)
            {
                double s = TensorPrimitives.Dot(x, ItemFactors.AsSpan(items[k] * f, f));
                loss += (conf[k] * (1 - s) * (1 - s)) - (s * s);
            }
        }

        var norms = TensorPrimitives.SumOfSquares(UserFactors) + (double)TensorPrimitives.SumOfSquares(ItemFactors);
        return loss + (_options.Regularization * norms);
    }
}

using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace SoundGraph.Learning.Recommenders;

/// <summary>Alternating least squares for implicit feedback (Hu, Koren and Volinsky, "Collaborative filtering for
/// implicit feedback datasets", ICDM 2008): minimizes Σ_{u,i} c_ui (p_ui − x_uᵀy_i)² + λ(Σ‖x_u‖² + Σ‖y_i‖²) over all
/// user–item pairs, p_ui = 1 where an interaction exists (else 0, confidence 1), c_ui from
/// <see cref="AlsOptions.Confidence"/>. Each sweep solves every user row with Y fixed, then every item row with X fixed,
/// using the YᵀY + Yᵀ(C_u − I)Y trick so a row costs O(|u|) instead of O(items).</summary>
/// <remarks>Solver: conjugate gradient warm-started (Takács et al. 2011) by default, exact Cholesky through MathNet on
/// request (<see cref="AlsOptions.Solver"/>); fold-in queries (a playlist's seeds) are always solved exactly by
/// Cholesky. Factors are float32; the f × f Gram matrices are summed in double in a fixed chunk order, so a seed gives
/// the same factors whatever the thread count. Memory O((users + items)·f).</remarks>
public sealed class AlsRecommender : IRecommender
{
    private const int GramChunks = 16;
    private readonly AlsOptions _options;
    private double[]? _itemGram;

    /// <summary>Creates an untrained model.</summary>
    public AlsRecommender(AlsOptions? options = null)
    {
        _options = options ?? new AlsOptions();
        _options.Validate();
    }

    /// <inheritdoc/>
    public string Name => "als";

    /// <summary>The options in use.</summary>
    public AlsOptions Options => _options;

    /// <summary>User factors, row-major users × f.</summary>
    public float[] UserFactors { get; private set; } = [];

    /// <summary>Item factors, row-major items × f.</summary>
    public float[] ItemFactors { get; private set; } = [];

    /// <summary>Users of the trained model.</summary>
    public int UserCount { get; private set; }

    /// <summary>Items of the trained model.</summary>
    public int ItemCount { get; private set; }

    /// <summary>Called after each sweep with (1-based iteration, training loss, seconds of the sweep).</summary>
    public Action<int, double, double>? Progress { get; init; }

    /// <inheritdoc/>
    public void Fit(Interactions train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var f = _options.Factors;
        UserCount = train.UserCount;
        ItemCount = train.ItemCount;
        var random = new SplitMix64(unchecked((ulong)_options.Seed));
        UserFactors = new float[UserCount * f];
        ItemFactors = new float[ItemCount * f];
        for (var k = 0; k < UserFactors.Length; k++)
        {
            UserFactors[k] = (float)(0.01 * random.NextGaussian());
        }

        for (var k = 0; k < ItemFactors.Length; k++)
        {
            ItemFactors[k] = (float)(0.01 * random.NextGaussian());
        }

        var byUser = train.Map(v => (float)_options.ConfidenceOf(v));
        var byItem = byUser.Transpose();
        for (var it = 1; it <= _options.Iterations; it++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Sweep(byUser, UserFactors, ItemFactors);
            Sweep(byItem, ItemFactors, UserFactors);
            _itemGram = null;
            var seconds = watch.Elapsed.TotalSeconds;
            Progress?.Invoke(it, Loss(byUser), seconds);
        }
    }

    /// <summary>Runs one alternating sweep (users, then items) on an already fitted model; returns its seconds. For
    /// benchmarks that time iterations one by one.</summary>
    public double FitOneMoreIteration(Interactions train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var byUser = train.Map(v => (float)_options.ConfidenceOf(v));
        var byItem = byUser.Transpose();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Sweep(byUser, UserFactors, ItemFactors);
        Sweep(byItem, ItemFactors, UserFactors);
        _itemGram = null;
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>The training objective Σ c_ui (p_ui − x_uᵀy_i)² + λ(‖X‖² + ‖Y‖²) for the current factors.</summary>
    /// <param name="train">The training matrix (raw values; confidences are derived from them).</param>
    public double TrainingLoss(Interactions train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return Loss(train.Map(v => (float)_options.ConfidenceOf(v)));
    }

    /// <inheritdoc/>
    public void Score(RecommendQuery query, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(query);
        var x = UserVector(query);
        var f = _options.Factors;
        for (var i = 0; i < ItemCount; i++)
        {
            scores[i] = TensorPrimitives.Dot(x, ItemFactors.AsSpan(i * f, f));
        }
    }

    /// <inheritdoc/>
    public ScoredItem[] Recommend(RecommendQuery query, int k, IReadOnlySet<int>? exclude = null) =>
        Ranking.Recommend(this, ItemCount, query, k, exclude);

    /// <summary>The user's factor vector: the trained row for a known user, else the exact fold-in solve
    /// x = (YᵀC_qY + λI)⁻¹ YᵀC_q p_q over the query's items (Hu et al. 2008, eq. 4, with Y fixed).</summary>
    public float[] UserVector(RecommendQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var f = _options.Factors;
        if (query.User is { } u && u < UserCount)
        {
            return UserFactors.AsSpan(u * f, f).ToArray();
        }

        var (a, b) = FoldInSystem(query);
        return [.. a.Cholesky().Solve(b).Select(v => (float)v)];
    }

    /// <summary>Why <paramref name="item"/> scored: the score decomposed over the query's known items, x_uᵀy_j =
    /// Σ_i c_ui·y_iᵀW y_j with W = (YᵀC_uY + λI)⁻¹ (Hu et al. 2008, §5); the largest terms first. Exact for a fold-in
    /// query, the exact solve's decomposition for a trained user.</summary>
    public (int Item, double Contribution)[] Explain(RecommendQuery query, int item, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(query);
        var f = _options.Factors;
        var (a, _) = FoldInSystem(query);
        var yj = Vector<double>.Build.Dense(f, k => ItemFactors[(item * f) + k]);
        var z = a.Cholesky().Solve(yj);
        var terms = new List<(int, double)>(query.Items.Length);
        for (var k = 0; k < query.Items.Length; k++)
        {
            var i = query.Items[k];
            var dot = 0.0;
            for (var d = 0; d < f; d++)
            {
                dot += ItemFactors[(i * f) + d] * z[d];
            }

            terms.Add((i, _options.ConfidenceOf(query.ValueAt(k)) * dot));
        }

        return [.. terms.OrderByDescending(t => t.Item2).ThenBy(t => t.Item1).Take(count)];
    }

    /// <summary>Serializes options and factors (little-endian; format version 1).</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(1);
            w.Write(_options.Factors);
            w.Write(_options.Regularization);
            w.Write(_options.Alpha);
            w.Write((int)_options.Confidence);
            w.Write(_options.Epsilon);
            w.Write(_options.Iterations);
            w.Write((int)_options.Solver);
            w.Write(_options.CgSteps);
            w.Write(_options.Seed);
            w.Write(UserCount);
            w.Write(ItemCount);
            foreach (var v in UserFactors)
            {
                w.Write(v);
            }

            foreach (var v in ItemFactors)
            {
                w.Write(v);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Reads a model written by <see cref="ToBytes"/>.</summary>
    /// <exception cref="InvalidDataException">Not a version-1 ALS model.</exception>
    public static AlsRecommender FromBytes(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var r = new BinaryReader(new MemoryStream(data));
        if (r.ReadInt32() != 1)
        {
            throw new InvalidDataException("Not a version-1 ALS model.");
        }

        var options = new AlsOptions
        {
            Factors = r.ReadInt32(), Regularization = r.ReadDouble(), Alpha = r.ReadDouble(), Confidence = (AlsConfidence)r.ReadInt32(),
            Epsilon = r.ReadDouble(), Iterations = r.ReadInt32(), Solver = (AlsSolver)r.ReadInt32(), CgSteps = r.ReadInt32(), Seed = r.ReadInt32(),
        };
        var model = new AlsRecommender(options) { UserCount = r.ReadInt32(), ItemCount = r.ReadInt32() };
        model.UserFactors = new float[model.UserCount * options.Factors];
        model.ItemFactors = new float[model.ItemCount * options.Factors];
        for (var k = 0; k < model.UserFactors.Length; k++)
        {
            model.UserFactors[k] = r.ReadSingle();
        }

        for (var k = 0; k < model.ItemFactors.Length; k++)
        {
            model.ItemFactors[k] = r.ReadSingle();
        }

        return model;
    }

    private (Matrix<double> A, Vector<double> B) FoldInSystem(RecommendQuery query)
    {
        var f = _options.Factors;
        // YᵀY is computed once per trained model (a benign race may compute it twice).
        var gram = _itemGram ??= Gram(ItemFactors, ItemCount);
        var a = Matrix<double>.Build.Dense(f, f, (r, c) => gram[(r * f) + c] + (r == c ? _options.Regularization : 0));
        var b = Vector<double>.Build.Dense(f);
        for (var k = 0; k < query.Items.Length; k++)
        {
            var y = ItemFactors.AsSpan(query.Items[k] * f, f);
            var c = _options.ConfidenceOf(query.ValueAt(k));
            for (var r = 0; r < f; r++)
            {
                b[r] += c * y[r];
                for (var s = 0; s < f; s++)
                {
                    a[r, s] += (c - 1) * y[r] * y[s];
                }
            }
        }

        return (a, b);
    }

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

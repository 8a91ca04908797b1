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
public sealed partial class AlsRecommender : IRecommender
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
}

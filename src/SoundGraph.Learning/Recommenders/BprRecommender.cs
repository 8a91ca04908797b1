namespace SoundGraph.Learning.Recommenders;

/// <summary>Options of <see cref="BprRecommender"/>.</summary>
public sealed record BprOptions
{
    /// <summary>Latent factors (≥ 1). Default 64.</summary>
    public int Factors { get; init; } = 64;

    /// <summary>SGD learning rate (&gt; 0). Default 0.05.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>L2 regularization λ (≥ 0) on the factors and item biases of each sampled triple. Default 0.01.</summary>
    public double Regularization { get; init; } = 0.01;

    /// <summary>Epochs (≥ 1); one epoch draws as many triples as there are training interactions. Default 60.</summary>
    public int Epochs { get; init; } = 60;

    /// <summary>Passes over the seeds when folding in a new user (≥ 1). Default 50.</summary>
    public int FoldInEpochs { get; init; } = 50;

    /// <summary>Seed of the initialization and the sampler. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Validates the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Factors, 1, nameof(Factors));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LearningRate, nameof(LearningRate));
        ArgumentOutOfRangeException.ThrowIfNegative(Regularization, nameof(Regularization));
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(FoldInEpochs, 1, nameof(FoldInEpochs));
    }
}

/// <summary>Bayesian personalized ranking (Rendle, Freudenthaler, Gantner and Schmidt-Thieme, "BPR: Bayesian
/// personalized ranking from implicit feedback", UAI 2009) with a matrix-factorization scorer x̂_ui = p_uᵀq_i + b_i,
/// trained by SGD (their LearnBPR) on triples (u, i, j): (u, i) drawn uniformly from the training interactions, the
/// negative j uniformly from the items u does not hold. Per-triple loss: −ln σ(x̂_ui − x̂_uj) + (λ/2)(‖p_u‖² + ‖q_i‖² +
/// ‖q_j‖² + b_i² + b_j²) (<see cref="Objective"/>; its gradient <see cref="Gradient"/> is checked against finite
/// differences in the tests).</summary>
/// <remarks>Double precision, single-threaded, so a seed gives the same model. Values are ignored (implicit 0/1).
/// A new user (playlist seeds) is folded in by the same SGD on p alone with Q and b fixed.</remarks>
public sealed class BprRecommender : IRecommender
{
    private readonly BprOptions _options;
    private Interactions? _train;

    /// <summary>Creates an untrained model.</summary>
    public BprRecommender(BprOptions? options = null)
    {
        _options = options ?? new BprOptions();
        _options.Validate();
    }

    /// <inheritdoc/>
    public string Name => "bpr";

    /// <summary>The trained parameters.</summary>
    public BprParameters Parameters { get; private set; } = new(0, 0, 1);

    /// <inheritdoc/>
    public void Fit(Interactions train)
    {
        ArgumentNullException.ThrowIfNull(train);
        _train = train;
        var random = new SplitMix64(unchecked((ulong)_options.Seed));
        var p = new BprParameters(train.UserCount, train.ItemCount, _options.Factors);
        for (var k = 0; k < p.P.Length; k++)
        {
            p.P[k] = 0.1 * random.NextGaussian();
        }

        for (var k = 0; k < p.Q.Length; k++)
        {
            p.Q[k] = 0.1 * random.NextGaussian();
        }

        // Row of each interaction, so (u, i) is drawn uniformly from the interactions.
        var owner = new int[train.Count];
        var start = 0;
        for (var u = 0; u < train.UserCount; u++)
        {
            owner.AsSpan(start, train.Degree(u)).Fill(u);
            start += train.Degree(u);
        }

        for (var epoch = 0; epoch < _options.Epochs; epoch++)
        {
            for (var n = 0; n < train.Count; n++)
            {
                var u = owner[random.NextInt(owner.Length)];
                var items = train.Items(u);
                if (items.Length == train.ItemCount)
                {
                    continue;
                }

                var i = items[random.NextInt(items.Length)];
                int j;
                do
                {
                    j = random.NextInt(train.ItemCount);
                }
                while (items.BinarySearch(j) >= 0);
                Step(p, p.P.AsSpan(u * p.Factors, p.Factors), i, j, updateItems: true);
            }
        }

        Parameters = p;
    }

    /// <inheritdoc/>
    public void Score(RecommendQuery query, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(query);
        var p = Parameters;
        var user = UserVector(query);
        for (var i = 0; i < p.Items; i++)
        {
            var s = p.B[i];
            for (var d = 0; d < p.Factors; d++)
            {
                s += user[d] * p.Q[(i * p.Factors) + d];
            }

            scores[i] = (float)s;
        }
    }

    /// <inheritdoc/>
    public ScoredItem[] Recommend(RecommendQuery query, int k, IReadOnlySet<int>? exclude = null) =>
        Ranking.Recommend(this, Parameters.Items, query, k, exclude);

    /// <summary>The trained p_u, or for a fold-in query p learned by SGD on the seeds (Q, b fixed), from zero.</summary>
    public double[] UserVector(RecommendQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var p = Parameters;
        if (query.User is { } u && u < p.Users)
        {
            return p.P.AsSpan(u * p.Factors, p.Factors).ToArray();
        }

        var user = new double[p.Factors];
        if (query.Items.Length == 0)
        {
            return user;
        }

        var known = query.Items.ToHashSet();
        var random = new SplitMix64(unchecked((ulong)_options.Seed) ^ 0x5EED);
        for (var n = 0; n < _options.FoldInEpochs * query.Items.Length; n++)
        {
            var i = query.Items[random.NextInt(query.Items.Length)];
            int j;
            do
            {
                j = random.NextInt(p.Items);
            }
            while (known.Contains(j) && known.Count < p.Items);
            Step(p, user, i, j, updateItems: false);
        }

        return user;
    }

    /// <summary>The BPR objective on fixed triples: Σ_t −ln σ(x̂_ui − x̂_uj) + (λ/2)(‖p_u‖² + ‖q_i‖² + ‖q_j‖² + b_i² + b_j²).</summary>
    public static double Objective(BprParameters parameters, IReadOnlyList<(int User, int Positive, int Negative)> triples, double lambda)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(triples);
        var f = parameters.Factors;
        var total = 0.0;
        foreach (var (u, i, j) in triples)
        {
            var x = Difference(parameters, parameters.P.AsSpan(u * f, f), i, j);
            total += Math.Log(1 + Math.Exp(-x));
            total += lambda / 2 * (SumSq(parameters.P.AsSpan(u * f, f)) + SumSq(parameters.Q.AsSpan(i * f, f)) + SumSq(parameters.Q.AsSpan(j * f, f))
                + (parameters.B[i] * parameters.B[i]) + (parameters.B[j] * parameters.B[j]));
        }

        return total;
    }

    /// <summary>The analytic gradient of <see cref="Objective"/>: with e = 1 − σ(x̂_uij), ∂/∂p_u = −e(q_i − q_j) + λp_u,
    /// ∂/∂q_i = −e·p_u + λq_i, ∂/∂q_j = e·p_u + λq_j, ∂/∂b_i = −e + λb_i, ∂/∂b_j = e + λb_j (summed over triples).</summary>
    public static BprParameters Gradient(BprParameters parameters, IReadOnlyList<(int User, int Positive, int Negative)> triples, double lambda)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(triples);
        var f = parameters.Factors;
        var g = new BprParameters(parameters.Users, parameters.Items, f);
        foreach (var (u, i, j) in triples)
        {
            var pu = parameters.P.AsSpan(u * f, f);
            var e = 1 - Sigmoid(Difference(parameters, pu, i, j));
            for (var d = 0; d < f; d++)
            {
                var qi = parameters.Q[(i * f) + d];
                var qj = parameters.Q[(j * f) + d];
                g.P[(u * f) + d] += (-e * (qi - qj)) + (lambda * pu[d]);
                g.Q[(i * f) + d] += (-e * pu[d]) + (lambda * qi);
                g.Q[(j * f) + d] += (e * pu[d]) + (lambda * qj);
            }

            g.B[i] += -e + (lambda * parameters.B[i]);
            g.B[j] += e + (lambda * parameters.B[j]);
        }

        return g;
    }

    /// <summary>One SGD step on one triple: θ ← θ − η·∂loss/∂θ (the per-triple form of <see cref="Gradient"/>).</summary>
    private void Step(BprParameters p, Span<double> user, int i, int j, bool updateItems)
    {
        var f = p.Factors;
        var eta = _options.LearningRate;
        var lambda = _options.Regularization;
        var e = 1 - Sigmoid(Difference(p, user, i, j));
        var qi = p.Q.AsSpan(i * f, f);
        var qj = p.Q.AsSpan(j * f, f);
        for (var d = 0; d < f; d++)
        {
            var pu = user[d];
            user[d] -= eta * ((-e * (qi[d] - qj[d])) + (lambda * pu));
            if (updateItems)
            {
                qi[d] -= eta * ((-e * pu) + (lambda * qi[d]));
                qj[d] -= eta * ((e * pu) + (lambda * qj[d]));
            }
        }

        if (updateItems)
        {
            p.B[i] -= eta * (-e + (lambda * p.B[i]));
            p.B[j] -= eta * (e + (lambda * p.B[j]));
        }
    }

    private static double Difference(BprParameters p, ReadOnlySpan<double> user, int i, int j)
    {
        var f = p.Factors;
        var x = p.B[i] - p.B[j];
        for (var d = 0; d < f; d++)
        {
            x += user[d] * (p.Q[(i * f) + d] - p.Q[(j * f) + d]);
        }

        return x;
    }

    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    private static double SumSq(ReadOnlySpan<double> v)
    {
        var s = 0.0;
        foreach (var x in v)
        {
            s += x * x;
        }

        return s;
    }
}

/// <summary>BPR parameters: user factors P (users × f), item factors Q (items × f), item biases B; row-major, double.</summary>
public sealed class BprParameters(int users, int items, int factors)
{
    /// <summary>Users.</summary>
    public int Users { get; } = users;

    /// <summary>Items.</summary>
    public int Items { get; } = items;

    /// <summary>Factors f.</summary>
    public int Factors { get; } = factors;

    /// <summary>User factors, users × f.</summary>
    public double[] P { get; } = new double[users * factors];

    /// <summary>Item factors, items × f.</summary>
    public double[] Q { get; } = new double[items * factors];

    /// <summary>Item biases.</summary>
    public double[] B { get; } = new double[items];
}

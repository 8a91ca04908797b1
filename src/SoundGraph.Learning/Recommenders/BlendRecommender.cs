namespace SoundGraph.Learning.Recommenders;

/// <summary>A weighted blend of fitted recommenders by rank: each component's top <see cref="Depth"/> list (known
/// items removed) gives item at rank r (0-based) the score 1 − r/Depth, items past the depth 0; the blend score is
/// Σ_m w_m·score_m (a weighted Borda count, robust to the components' incomparable score scales).</summary>
/// <remarks>Weights are chosen on a validation split by <see cref="Evaluation.BlendTuner"/>, never on the test split.</remarks>
public sealed class BlendRecommender(IReadOnlyList<IRecommender> components, IReadOnlyList<double> weights, int itemCount, int depth = 300) : IRecommender
{
    /// <summary>The blended models.</summary>
    public IReadOnlyList<IRecommender> Components { get; } = components ?? throw new ArgumentNullException(nameof(components));

    /// <summary>One weight per component.</summary>
    public IReadOnlyList<double> Weights { get; } = weights?.Count == components.Count ? weights : throw new ArgumentException("One weight per component.", nameof(weights));

    /// <summary>Rank depth read from each component (≥ 1).</summary>
    public int Depth { get; } = depth >= 1 ? depth : throw new ArgumentOutOfRangeException(nameof(depth));

    /// <inheritdoc/>
    public string Name => "blend";

    /// <summary>Fits every component on <paramref name="train"/>.</summary>
    public void Fit(Interactions train)
    {
        foreach (var c in Components)
        {
            c.Fit(train);
        }
    }

    /// <inheritdoc/>
    public void Score(RecommendQuery query, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(query);
        scores.Clear();
        for (var m = 0; m < Components.Count; m++)
        {
            if (Weights[m] == 0)
            {
                continue;
            }

            var list = Components[m].Recommend(query, Depth);
            for (var r = 0; r < list.Length; r++)
            {
                scores[list[r].Item] += (float)(Weights[m] * (1 - ((double)r / Depth)));
            }
        }
    }

    /// <inheritdoc/>
    public ScoredItem[] Recommend(RecommendQuery query, int k, IReadOnlySet<int>? exclude = null) =>
        Ranking.Recommend(this, itemCount, query, k, exclude);
}

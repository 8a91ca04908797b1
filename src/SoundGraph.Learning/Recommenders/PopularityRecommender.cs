namespace SoundGraph.Learning.Recommenders;

/// <summary>The non-personalized baseline: every query gets the items held by the most training users.</summary>
/// <remarks>Score = number of training users (or playlists) holding the item (not the sum of play counts, which a few
/// heavy listeners dominate).</remarks>
public sealed class PopularityRecommender : IRecommender
{
    private float[] _counts = [];

    /// <inheritdoc/>
    public string Name => "popularity";

    /// <inheritdoc/>
    public void Fit(Interactions train)
    {
        ArgumentNullException.ThrowIfNull(train);
        _counts = [.. train.ItemDegrees().Select(d => (float)d)];
    }

    /// <inheritdoc/>
    public void Score(RecommendQuery query, Span<float> scores) => _counts.CopyTo(scores);

    /// <inheritdoc/>
    public ScoredItem[] Recommend(RecommendQuery query, int k, IReadOnlySet<int>? exclude = null) =>
        Ranking.Recommend(this, _counts.Length, query, k, exclude);
}

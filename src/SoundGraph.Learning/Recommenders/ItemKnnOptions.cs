namespace SoundGraph.Learning.Recommenders;

/// <summary>How interaction values are weighted before item–item cosine.</summary>
public enum KnnWeighting
{
    /// <summary>Every interaction counts 1 (binary cosine).</summary>
    None,

    /// <summary>TF-IDF: √value × log(users / (1 + item's users)), as in the <c>implicit</c> library's <c>tfidf_weight</c>.</summary>
    TfIdf,

    /// <summary>Okapi BM25 on the item × user matrix (Robertson et al.), as in <c>implicit</c>'s <c>bm25_weight</c>:
    /// value·(K1+1) / (K1·((1−B) + B·len(item)/avg len) + value) × idf(user), idf = log(items) − log(1 + |user|).</summary>
    Bm25,
}

/// <summary>Options of <see cref="ItemKnnRecommender"/>.</summary>
public sealed record ItemKnnOptions
{
    /// <summary>Neighbours kept per item (≥ 1). Default 100.</summary>
    public int Neighbors { get; init; } = 100;

    /// <summary>Value weighting before cosine. Default <see cref="KnnWeighting.Bm25"/>.</summary>
    public KnnWeighting Weighting { get; init; } = KnnWeighting.Bm25;

    /// <summary>BM25 saturation K1 (&gt; 0). Default 100 (implicit's default for play counts).</summary>
    public double K1 { get; init; } = 100;

    /// <summary>BM25 length normalization B (0–1). Default 0.8.</summary>
    public double B { get; init; } = 0.8;

    /// <summary>Validates the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Neighbors, 1, nameof(Neighbors));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(K1, nameof(K1));
        if (B is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(B), B, "B must be in 0–1.");
        }
    }
}

namespace SoundGraph.Learning.Recommenders;

/// <summary>Item-based k-nearest-neighbours (Sarwar et al., "Item-based collaborative filtering recommendation
/// algorithms", WWW 2001; Deshpande and Karypis, TOIS 2004): cosine between item columns of the (optionally BM25 or
/// TF-IDF weighted) user × item matrix, the top <see cref="ItemKnnOptions.Neighbors"/> kept per item; a query's score for
/// item j is Σ over its known items i of sim(i, j) (binary query, so one heavy play count does not drown the rest).</summary>
/// <remarks>Fit costs O(Σ_u |u|²) time and O(items · neighbours) memory; a fold-in query (playlist seeds) is scored like
/// a user, so no refit is needed.</remarks>
public sealed class ItemKnnRecommender(ItemKnnOptions? options = null) : IRecommender
{
    private readonly ItemKnnOptions _options = Validated(options ?? new ItemKnnOptions());
    private int[][] _neighbors = [];
    private float[][] _similarities = [];

    /// <inheritdoc/>
    public string Name => "itemknn";

    /// <summary>The options in use.</summary>
    public ItemKnnOptions Options => _options;

    /// <inheritdoc/>
    public void Fit(Interactions train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var weighted = Weigh(train, _options);
        var byItem = weighted.Transpose();
        var norms = new double[train.ItemCount];
        for (var i = 0; i < train.ItemCount; i++)
        {
            foreach (var v in byItem.Values(i))
            {
                norms[i] += (double)v * v;
            }

            norms[i] = Math.Sqrt(norms[i]);
        }

        _neighbors = new int[train.ItemCount][];
        _similarities = new float[train.ItemCount][];
        var dot = new double[train.ItemCount];
        var touched = new List<int>();
        for (var i = 0; i < train.ItemCount; i++)
        {
            var users = byItem.Items(i);
            var values = byItem.Values(i);
            for (var a = 0; a < users.Length; a++)
            {
                var u = users[a];
                var items = weighted.Items(u);
                var uv = weighted.Values(u);
                for (var b = 0; b < items.Length; b++)
                {
                    var j = items[b];
                    if (j == i)
                    {
                        continue;
                    }

                    if (dot[j] == 0)
                    {
                        touched.Add(j);
                    }

                    dot[j] += (double)values[a] * uv[b];
                }
            }

            var scores = new float[touched.Count];
            for (var t = 0; t < touched.Count; t++)
            {
                var j = touched[t];
                scores[t] = (float)(dot[j] / (norms[i] * norms[j]));
            }

            var candidates = touched.ToArray();
            Array.Sort(candidates, scores);
            // Candidates are sorted, so a tie on position is a tie broken toward the lower item index.
            var top = Ranking.TopK(scores, _options.Neighbors, []);
            _neighbors[i] = [.. top.Select(s => candidates[s.Item])];
            _similarities[i] = [.. top.Select(s => (float)s.Score)];
            foreach (var j in touched)
            {
                dot[j] = 0;
            }

            touched.Clear();
        }
    }

    /// <summary>The kept neighbours of <paramref name="item"/> and their cosine, best first.</summary>
    public (int[] Items, float[] Similarities) Neighbors(int item) => (_neighbors[item], _similarities[item]);

    /// <inheritdoc/>
    public void Score(RecommendQuery query, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(query);
        scores.Clear();
        foreach (var i in query.Items)
        {
            var n = _neighbors[i];
            var s = _similarities[i];
            for (var k = 0; k < n.Length; k++)
            {
                scores[n[k]] += s[k];
            }
        }
    }

    /// <inheritdoc/>
    public ScoredItem[] Recommend(RecommendQuery query, int k, IReadOnlySet<int>? exclude = null) =>
        Ranking.Recommend(this, _neighbors.Length, query, k, exclude);

    /// <summary>Why <paramref name="item"/> was recommended: the query's known items that list it as a neighbour, with
    /// their similarity (the terms of its score), largest first.</summary>
    public (int Item, double Contribution)[] Explain(RecommendQuery query, int item, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(query);
        var terms = new List<(int, double)>();
        foreach (var i in query.Items)
        {
            var at = Array.IndexOf(_neighbors[i], item);
            if (at >= 0)
            {
                terms.Add((i, _similarities[i][at]));
            }
        }

        return [.. terms.OrderByDescending(t => t.Item2).ThenBy(t => t.Item1).Take(count)];
    }

    /// <summary>The matrix with <paramref name="options"/>' weighting applied (public for tests).</summary>
    public static Interactions Weigh(Interactions train, ItemKnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Weighting)
        {
            case KnnWeighting.None:
                return train.Map(_ => 1f);
            case KnnWeighting.TfIdf:
            {
                var degree = train.ItemDegrees();
                var idf = degree.Select(d => Math.Log(train.UserCount / (1.0 + d))).ToArray();
                return Reweigh(train, (_, i, v) => Math.Sqrt(v) * idf[i]);
            }

            default:
            {
                // implicit's bm25_weight works on the item × user matrix: rows are items (documents), columns users (terms).
                var userDegree = Enumerable.Range(0, train.UserCount).Select(train.Degree).ToArray();
                var idf = userDegree.Select(d => Math.Log(train.ItemCount) - Math.Log(1.0 + d)).ToArray();
                var length = new double[train.ItemCount];
                for (var u = 0; u < train.UserCount; u++)
                {
                    var items = train.Items(u);
                    var values = train.Values(u);
                    for (var k = 0; k < items.Length; k++)
                    {
                        length[items[k]] += values[k];
                    }
                }

                var average = length.Where(l => l > 0).DefaultIfEmpty(1).Average();
                return Reweigh(train, (u, i, v) =>
                {
                    var norm = (1 - options.B) + (options.B * length[i] / average);
                    return v * (options.K1 + 1) / ((options.K1 * norm) + v) * idf[u];
                });
            }
        }
    }

    private static Interactions Reweigh(Interactions train, Func<int, int, double, double> weight)
    {
        var triples = new List<(int, int, double)>(train.Count);
        for (var u = 0; u < train.UserCount; u++)
        {
            var items = train.Items(u);
            var values = train.Values(u);
            for (var k = 0; k < items.Length; k++)
            {
                // A weight of 0 or less (idf of a user holding every item) would drop the entry; keep a tiny positive one.
                triples.Add((u, items[k], Math.Max(weight(u, items[k], values[k]), 1e-9)));
            }
        }

        return Interactions.FromTriples(train.UserCount, train.ItemCount, triples);
    }

    private static ItemKnnOptions Validated(ItemKnnOptions options)
    {
        options.Validate();
        return options;
    }
}

using System.Numerics.Tensors;
using SoundGraph.Graph.Embeddings;
using SoundGraph.Graph.Sparse;

namespace SoundGraph.Learning.Recommenders;

/// <summary>Recommends by FastRP node embeddings (<see cref="FastRp"/>, Chen et al. 2019) of the user–item bipartite
/// graph: nodes 0..users−1 are users, users..users+items−1 items, one edge per interaction weighted 1 + ln(value)
/// (so a play count of 1 weighs 1 and 350,000 plays about 13.8). A known user is scored by the cosine of its node's
/// embedding with each item's; a fold-in query by the cosine of the mean of its seed items' (L2-normalized)
/// embeddings with each item's.</summary>
/// <remarks>Unsupervised: nothing is fitted to the ranking task except the options. Cost of Fit
/// O(iterations·(users + items + nnz)·d).</remarks>
public sealed class FastRpRecommender(FastRpOptions? options = null) : IRecommender
{
    private readonly FastRpOptions _options = options ?? new FastRpOptions();
    private float[][] _users = [];
    private float[][] _items = [];

    /// <inheritdoc/>
    public string Name => "fastrp";

    /// <inheritdoc/>
    public void Fit(Interactions train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var ids = Enumerable.Range(0, train.UserCount + train.ItemCount).Select(i => (long)i).ToArray();
        var edges = new List<(int, int, double)>(train.Count);
        for (var u = 0; u < train.UserCount; u++)
        {
            var items = train.Items(u);
            var values = train.Values(u);
            for (var k = 0; k < items.Length; k++)
            {
                edges.Add((u, train.UserCount + items[k], 1 + Math.Log(Math.Max(1, values[k]))));
            }
        }

        var embeddings = FastRp.Embed(WeightedGraph.FromEdges(ids, edges), _options);
        _users = embeddings[..train.UserCount];
        _items = [.. embeddings[train.UserCount..].Select(Normalized)];
    }

    /// <inheritdoc/>
    public void Score(RecommendQuery query, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = new float[_options.Dimension];
        if (query.User is { } u && u < _users.Length)
        {
            _users[u].CopyTo(q, 0);
        }
        else
        {
            foreach (var i in query.Items)
            {
                TensorPrimitives.Add(q, _items[i], q);
            }
        }

        q = Normalized(q);
        for (var i = 0; i < _items.Length; i++)
        {
            scores[i] = TensorPrimitives.Dot(q, _items[i]);
        }
    }

    /// <inheritdoc/>
    public ScoredItem[] Recommend(RecommendQuery query, int k, IReadOnlySet<int>? exclude = null) =>
        Ranking.Recommend(this, _items.Length, query, k, exclude);

    private static float[] Normalized(float[] v)
    {
        var norm = TensorPrimitives.Norm(v);
        var result = new float[v.Length];
        if (norm > 0)
        {
            TensorPrimitives.Divide(v, norm, result);
        }

        return result;
    }
}

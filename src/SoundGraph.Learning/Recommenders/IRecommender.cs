using System.Numerics.Tensors;

namespace SoundGraph.Learning.Recommenders;

/// <summary>Who to recommend for: a user (or playlist) row of the training matrix, or a new user given by seed items
/// (a playlist's first tracks, a track's "more like this"), folded in by each model.</summary>
/// <param name="User">Row of the training matrix, or null for a fold-in query.</param>
/// <param name="Items">The known items (for a user: their training items; for a fold-in: the seeds). They are never
/// recommended back.</param>
/// <param name="Values">Values aligned with <paramref name="Items"/> (play counts), or null for all 1.</param>
public sealed record RecommendQuery(int? User, int[] Items, float[]? Values = null)
{
    /// <summary>The query for training row <paramref name="user"/> of <paramref name="train"/>.</summary>
    public static RecommendQuery ForUser(Interactions train, int user)
    {
        ArgumentNullException.ThrowIfNull(train);
        return new RecommendQuery(user, train.Items(user).ToArray(), train.Values(user).ToArray());
    }

    /// <summary>A fold-in query from seed items (values 1).</summary>
    public static RecommendQuery ForSeeds(IEnumerable<int> seeds) => new(null, [.. seeds.Distinct()]);

    /// <summary>Value of the k-th known item (1 when no values were given).</summary>
    public float ValueAt(int k) => Values is null ? 1f : Values[k];
}

/// <summary>One recommended item and its model score (comparable within one list only).</summary>
public readonly record struct ScoredItem(int Item, double Score);

/// <summary>A top-N recommender over an <see cref="Interactions"/> matrix.</summary>
/// <remarks>Implementations are deterministic for a given training matrix and options (seeded where random).</remarks>
public interface IRecommender
{
    /// <summary>Short name used in reports (<c>als</c>, <c>itemknn</c>, …).</summary>
    string Name { get; }

    /// <summary>Trains on <paramref name="train"/> (users × items).</summary>
    void Fit(Interactions train);

    /// <summary>Writes a score for every item (higher is better) into <paramref name="scores"/> (length = items).
    /// Known items may get any score: <see cref="Recommend"/> removes them.</summary>
    void Score(RecommendQuery query, Span<float> scores);

    /// <summary>The <paramref name="k"/> best items for <paramref name="query"/>, best first, never one of the query's
    /// known items nor one in <paramref name="exclude"/>. Ties break toward the lower item index.</summary>
    ScoredItem[] Recommend(RecommendQuery query, int k, IReadOnlySet<int>? exclude = null);
}

/// <summary>Top-k selection shared by the recommenders.</summary>
public static class Ranking
{
    /// <summary>The <paramref name="k"/> highest scores, best first (ties: lower index first), skipping
    /// <paramref name="known"/> and <paramref name="exclude"/> and non-finite scores. O(n log k).</summary>
    public static ScoredItem[] TopK(ReadOnlySpan<float> scores, int k, ReadOnlySpan<int> known, IReadOnlySet<int>? exclude = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var skip = new HashSet<int>(known.Length);
        foreach (var i in known)
        {
            skip.Add(i);
        }

        // Min-heap of the best k so far; the worst (lowest score, then highest index) on top.
        var heap = new PriorityQueue<int, (float Score, int NegIndex)>(k + 1);
        for (var i = 0; i < scores.Length; i++)
        {
            var s = scores[i];
            if (!float.IsFinite(s) || skip.Contains(i) || (exclude?.Contains(i) ?? false))
            {
                continue;
            }

            if (heap.Count < k)
            {
                heap.Enqueue(i, (s, -i));
            }
            else if (k > 0 && heap.TryPeek(out _, out var worst) && (s > worst.Score || (s == worst.Score && -i > worst.NegIndex)))
            {
                heap.EnqueueDequeue(i, (s, -i));
            }
        }

        var result = new ScoredItem[heap.Count];
        for (var n = result.Length - 1; n >= 0; n--)
        {
            heap.TryDequeue(out var item, out var p);
            result[n] = new ScoredItem(item, p.Score);
        }

        return result;
    }

    /// <summary>The default <see cref="IRecommender.Recommend"/>: score every item, then <see cref="TopK"/>.</summary>
    public static ScoredItem[] Recommend(IRecommender model, int itemCount, RecommendQuery query, int k, IReadOnlySet<int>? exclude)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(query);
        var scores = new float[itemCount];
        model.Score(query, scores);
        return TopK(scores, k, query.Items, exclude);
    }

    /// <summary>Cosine of two vectors, 0 when either is zero.</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var na = TensorPrimitives.Norm(a);
        var nb = TensorPrimitives.Norm(b);
        return na == 0 || nb == 0 ? 0 : TensorPrimitives.Dot(a, b) / (na * nb);
    }
}

/// <summary>SplitMix64 (Steele, Lea and Flood, OOPSLA 2014): a tiny seeded generator whose sequence does not depend on
/// the .NET version, so seeded splits and trainers give the same numbers everywhere.</summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in 0..n−1 (Lemire's multiply-shift; bias below 2⁻³² for the sizes used here).</summary>
    public int NextInt(int n) => (int)(((Next() >> 32) * (ulong)n) >> 32);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box–Muller).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

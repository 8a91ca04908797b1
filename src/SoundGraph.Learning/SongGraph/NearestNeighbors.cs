using System.Numerics.Tensors;

namespace SoundGraph.Learning.SongGraph;

/// <summary>Exact cosine nearest-neighbour search over dense vectors.</summary>
public static class NearestNeighbors
{
    /// <summary>For each row, the <paramref name="k"/> other rows of highest cosine similarity, best first (ties: lower
    /// index first). A zero vector has cosine 0 with everything.</summary>
    /// <param name="vectors">n rows of one dimension.</param>
    /// <param name="k">Neighbours per row (≥ 1); fewer when fewer candidates exist.</param>
    /// <param name="candidates">Rows that may be neighbours and that get a list (null: all); others get an empty list.</param>
    /// <returns>n lists of (row, cosine).</returns>
    /// <remarks>O(n²·d) time, O(n·k) memory.</remarks>
    public static (int Index, double Cosine)[][] TopK(IReadOnlyList<double[]> vectors, int k, IReadOnlyList<bool>? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var n = vectors.Count;
        var unit = vectors.Select(Normalize).ToArray();
        var result = new (int, double)[n][];
        var heap = new PriorityQueue<int, (double Cosine, int NegIndex)>(k + 1);
        for (var u = 0; u < n; u++)
        {
            if (candidates is not null && !candidates[u])
            {
                result[u] = [];
                continue;
            }

            heap.Clear();
            for (var v = 0; v < n; v++)
            {
                if (v == u || (candidates is not null && !candidates[v]))
                {
                    continue;
                }

                var c = TensorPrimitives.Dot(unit[u], unit[v]);
                // Min-heap on (cosine, −index): the root is the worst kept neighbour (lowest cosine, then highest index).
                heap.Enqueue(v, (c, -v));
                if (heap.Count > k)
                {
                    heap.Dequeue();
                }
            }

            var list = new (int, double)[heap.Count];
            for (var i = list.Length - 1; i >= 0; i--)
            {
                heap.TryDequeue(out var v, out var p);
                list[i] = (v, p.Cosine);
            }

            result[u] = list;
        }

        return result;
    }

    /// <summary>Cosine similarity of two vectors of one length (0 when either is zero).</summary>
    public static double Cosine(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var na = TensorPrimitives.Norm(a);
        var nb = TensorPrimitives.Norm(b);
        return na > 0 && nb > 0 ? TensorPrimitives.Dot(a, b) / (na * nb) : 0;
    }

    /// <summary>A copy scaled to unit L2 norm (a zero vector stays zero).</summary>
    public static double[] Normalize(double[] vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var copy = (double[])vector.Clone();
        var norm = TensorPrimitives.Norm(copy);
        if (norm > 0)
        {
            TensorPrimitives.Divide(copy, norm, copy);
        }

        return copy;
    }
}

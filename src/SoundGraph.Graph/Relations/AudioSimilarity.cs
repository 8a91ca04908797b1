using System.Numerics.Tensors;
using SoundGraph.Core.Relations;

namespace SoundGraph.Graph.Relations;

/// <summary>
/// Track–track relation by cosine similarity of standardized audio features (tempo, energy, loudness, …), the
/// <see cref="RelationKind.TrackAudioSimilarity"/> kind.
/// </summary>
public static class AudioSimilarity
{
    /// <summary>Builds the top-K audio-similarity neighbours of each track.</summary>
    /// <param name="trackIds">Track ids, n entries, distinct.</param>
    /// <param name="features">Feature vector of each track, n vectors of one common length d, finite values.</param>
    /// <param name="topK">Neighbours kept per track; at least 1.</param>
    /// <param name="threshold">Minimum cosine similarity for a neighbour (compared with ≥); in [−1, 1].</param>
    /// <returns>Rows A → B of kind <see cref="RelationKind.TrackAudioSimilarity"/>, weight = cosine of the two
    /// standardized vectors (see <see cref="Standardize"/>), count = 0, no evidence; at most <paramref name="topK"/> per
    /// track ranked by weight descending then B's id ascending; sorted by A's id ascending then rank. A track whose
    /// standardized vector is all zeros (e.g. every feature equals the column mean) has no neighbours and is no one's.</returns>
    /// <exception cref="ArgumentNullException">An argument or a vector is null.</exception>
    /// <exception cref="ArgumentException">Lengths differ, a value is not finite, or a track id repeats.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="topK"/> &lt; 1 or <paramref name="threshold"/>
    /// outside [−1, 1].</exception>
    /// <remarks>Brute force over all pairs, parallel over source tracks: O(n²·d) time, O(n·(d + topK)) memory; fine up
    /// to about 20,000 tracks.</remarks>
    public static IReadOnlyList<Relation> Build(IReadOnlyList<long> trackIds, IReadOnlyList<double[]> features, int topK = 50, double threshold = 0.7)
    {
        ArgumentNullException.ThrowIfNull(trackIds);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        if (!(threshold >= -1 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be in [-1, 1].");
        }

        if (trackIds.Count != features.Count)
        {
            throw new ArgumentException($"{trackIds.Count} track ids but {features.Count} feature vectors.", nameof(features));
        }

        var n = trackIds.Count;
        var ids = new long[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = trackIds[i];
            order[i] = i;
        }

        // Work in ascending id order, so that index order is id order for tie-breaking and output.
        Array.Sort(ids, order);
        for (var i = 1; i < n; i++)
        {
            if (ids[i] == ids[i - 1])
            {
                throw new ArgumentException($"Track id {ids[i]} appears twice.", nameof(trackIds));
            }
        }

        var standardized = Standardize(features);
        var d = n == 0 ? 0 : standardized[0].Length;
        var unit = new double[n * d];
        var hasDirection = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var row = unit.AsSpan(i * d, d);
            standardized[order[i]].CopyTo(row);
            var norm = TensorPrimitives.Norm<double>(row);
            if (norm > 0)
            {
                TensorPrimitives.Divide(row, norm, row);
                hasDirection[i] = true;
            }
        }

        var neighbors = new Neighbor[n][];
        ParallelChunks.Run(n, 16, () => new TopK(Math.Min(topK, Math.Max(n, 1))), (a, heap) =>
        {
            if (!hasDirection[a])
            {
                neighbors[a] = [];
                return;
            }

            var rowA = unit.AsSpan(a * d, d);
            for (var b = 0; b < n; b++)
            {
                if (b == a || !hasDirection[b])
                {
                    continue;
                }

                var cosine = Math.Clamp(TensorPrimitives.Dot<double>(rowA, unit.AsSpan(b * d, d)), -1.0, 1.0);
                if (cosine >= threshold)
                {
                    heap.Offer(new Neighbor(b, 0, cosine));
                }
            }

            neighbors[a] = heap.TakeSorted();
        });
        return RelationTable.FromNeighbors(RelationKind.TrackAudioSimilarity, ids, neighbors).ToRelations();
    }

    /// <summary>Standardizes each feature column to z-scores: z = (x − mean) / sd with the population standard
    /// deviation sd = √(Σ(x − mean)² / n). A constant column (sd = 0) becomes all zeros.</summary>
    /// <param name="features">n vectors of one common length d, finite values.</param>
    /// <returns>n new vectors of length d; the input is not modified.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> or a vector is null.</exception>
    /// <exception cref="ArgumentException">Vectors differ in length or a value is not finite.</exception>
    /// <remarks>Cost O(n·d).</remarks>
    public static double[][] Standardize(IReadOnlyList<double[]> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var n = features.Count;
        if (n == 0)
        {
            return [];
        }

        var d = features[0]?.Length ?? throw new ArgumentNullException(nameof(features), "Feature vector 0 is null.");
        for (var i = 0; i < n; i++)
        {
            var vector = features[i] ?? throw new ArgumentNullException(nameof(features), $"Feature vector {i} is null.");
            if (vector.Length != d)
            {
                throw new ArgumentException($"Feature vector {i} has length {vector.Length}, expected {d}.", nameof(features));
            }

            if (!TensorPrimitives.IsFiniteAll<double>(vector))
            {
                throw new ArgumentException($"Feature vector {i} holds a NaN or infinite value.", nameof(features));
            }
        }

        var result = new double[n][];
        for (var i = 0; i < n; i++)
        {
            result[i] = new double[d];
        }

        for (var j = 0; j < d; j++)
        {
            double sum = 0, first = features[0][j];
            var constant = true;
            for (var i = 0; i < n; i++)
            {
                sum += features[i][j];
                constant &= features[i][j] == first;
            }

            // A constant column is tested exactly: its rounded mean may differ from the value by an ulp, which would
            // otherwise turn rounding noise into z-scores of ±1.
            if (constant)
            {
                continue;
            }

            var mean = sum / n;
            double squares = 0;
            for (var i = 0; i < n; i++)
            {
                var delta = features[i][j] - mean;
                squares += delta * delta;
            }

            var sd = Math.Sqrt(squares / n);
            for (var i = 0; i < n; i++)
            {
                result[i][j] = (features[i][j] - mean) / sd;
            }
        }

        return result;
    }
}

namespace SoundGraph.Taste.Mixtape;

/// <summary>The silhouette of a partition (Rousseeuw 1987, "Silhouettes: a graphical aid to the interpretation and
/// validation of cluster analysis", J. Comput. Appl. Math. 20), with point weights.</summary>
/// <remarks>For point i in cluster A: a(i) = the weighted mean distance from i to A's other members; b(i) = the smallest
/// weighted mean distance from i to the members of another non-empty cluster; s(i) = (b − a) / max(a, b), and 0 when i is
/// alone in A (Rousseeuw's convention) or a = b = 0. The partition's value is Σ wᵢ s(i) / Σ wᵢ, −1…1: near 1 tight,
/// well-separated clusters, near 0 none. Weights are minutes played, so a track played for an hour counts as much as
/// twenty played for three minutes once each — in the means and in the average. Cost O(n²).</remarks>
public static class WeightedSilhouette
{
    /// <summary>The weighted mean silhouette of <paramref name="assignment"/>.</summary>
    /// <param name="distances">Symmetric n×n distances.</param>
    /// <param name="weights">n weights, each &gt; 0.</param>
    /// <param name="assignment">n cluster indices, 0–(k−1).</param>
    /// <returns>−1…1; 0 when fewer than two clusters are non-empty.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The lengths disagree.</exception>
    public static double Mean(double[,] distances, IReadOnlyList<double> weights, IReadOnlyList<int> assignment)
    {
        ArgumentNullException.ThrowIfNull(distances);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(assignment);
        var n = weights.Count;
        if (distances.GetLength(0) != n || distances.GetLength(1) != n || assignment.Count != n)
        {
            throw new ArgumentException($"Need an n×n matrix, n weights and n assignments; got {distances.GetLength(0)}×{distances.GetLength(1)}, {n} and {assignment.Count}.", nameof(assignment));
        }

        var k = n == 0 ? 0 : assignment.Max() + 1;
        if (assignment.Distinct().Count() < 2)
        {
            return 0;
        }

        var sum = new double[k];
        var mass = new double[k];
        double total = 0, weighted = 0;
        for (var i = 0; i < n; i++)
        {
            Array.Clear(sum);
            Array.Clear(mass);
            for (var j = 0; j < n; j++)
            {
                if (j != i)
                {
                    sum[assignment[j]] += weights[j] * distances[i, j];
                    mass[assignment[j]] += weights[j];
                }
            }

            var own = assignment[i];
            var s = 0.0;
            if (mass[own] > 0)
            {
                var a = sum[own] / mass[own];
                var b = double.PositiveInfinity;
                for (var c = 0; c < k; c++)
                {
                    if (c != own && mass[c] > 0)
                    {
                        b = Math.Min(b, sum[c] / mass[c]);
                    }
                }

                var max = Math.Max(a, b);
                s = double.IsPositiveInfinity(b) || max <= 0 ? 0 : (b - a) / max;
            }

            weighted += weights[i] * s;
            total += weights[i];
        }

        return total > 0 ? weighted / total : 0;
    }
}

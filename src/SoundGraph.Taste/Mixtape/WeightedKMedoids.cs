namespace SoundGraph.Taste.Mixtape;

/// <summary>A k-medoids partition: the medoids (point indices) and each point's cluster.</summary>
/// <param name="Medoids">The k medoid point indices, in the order BUILD chose them.</param>
/// <param name="Assignment">For each point, the index into <paramref name="Medoids"/> of its cluster.</param>
/// <param name="Cost">Σᵢ wᵢ · d(i, medoid of i): the weighted total distance the algorithm minimizes.</param>
public sealed record KMedoidsResult(IReadOnlyList<int> Medoids, IReadOnlyList<int> Assignment, double Cost);

/// <summary>Weighted k-medoids: points carry weights (minutes played), the cost is Σᵢ wᵢ · d(i, nearest medoid).</summary>
/// <remarks>
/// <para>Initialization is PAM's greedy BUILD (Kaufman &amp; Rousseeuw 1990, ch. 2): the first medoid minimizes the
/// weighted total distance, each next one reduces the cost the most. It is then refined by alternating assignment and
/// medoid update (Park &amp; Jun 2009, "A simple and fast algorithm for K-medoids clustering"): every point joins its
/// nearest medoid, every cluster's medoid becomes the member with the least weighted distance to the other members,
/// until no medoid changes. Each step never raises the cost, so it stops; it can stop in a local optimum PAM's SWAP would
/// leave (Schubert &amp; Rousseeuw 2019), which BUILD's start makes rare on the few hundred tracks of a week.</para>
/// <para>Deterministic: every tie goes to the lowest point index (the caller sorts points by track id).</para>
/// <para>Cost O(k·n²) for BUILD and O(n² ) per refinement round, memory O(n) beyond the n×n distance matrix.</para>
/// </remarks>
public static class WeightedKMedoids
{
    /// <summary>Most refinement rounds: 100 (a week's tracks settle in a handful).</summary>
    public const int MaxRounds = 100;

    /// <summary>Partitions the n points of <paramref name="distances"/> into <paramref name="k"/> clusters.</summary>
    /// <param name="distances">Symmetric n×n distances, zero diagonal.</param>
    /// <param name="weights">n point weights, each &gt; 0.</param>
    /// <param name="k">Clusters, 1–n.</param>
    /// <returns>The medoids, the assignment and the cost.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The matrix is not square or the weights' length differs from n.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> outside 1–n.</exception>
    public static KMedoidsResult Fit(double[,] distances, IReadOnlyList<double> weights, int k)
    {
        ArgumentNullException.ThrowIfNull(distances);
        ArgumentNullException.ThrowIfNull(weights);
        var n = distances.GetLength(0);
        if (distances.GetLength(1) != n || weights.Count != n)
        {
            throw new ArgumentException($"Need an n×n matrix and n weights; got {n}×{distances.GetLength(1)} and {weights.Count}.", nameof(weights));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        var medoids = Build(distances, weights, k);
        var assignment = new int[n];
        for (var round = 0; round < MaxRounds; round++)
        {
            Assign(distances, medoids, assignment);
            var changed = false;
            for (var c = 0; c < k; c++)
            {
                var best = medoids[c];
                var bestCost = ClusterCost(distances, weights, assignment, c, best);
                for (var j = 0; j < n; j++)
                {
                    if (assignment[j] != c || j == medoids[c])
                    {
                        continue;
                    }

                    var cost = ClusterCost(distances, weights, assignment, c, j);
                    if (cost < bestCost - 1e-12 || (Math.Abs(cost - bestCost) <= 1e-12 && j < best))
                    {
                        (best, bestCost) = (j, cost);
                    }
                }

                if (best != medoids[c])
                {
                    medoids[c] = best;
                    changed = true;
                }
            }

            if (!changed)
            {
                break;
            }
        }

        Assign(distances, medoids, assignment);
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            total += weights[i] * distances[i, medoids[assignment[i]]];
        }

        return new KMedoidsResult(medoids, assignment, total);
    }

    private static int[] Build(double[,] d, IReadOnlyList<double> w, int k)
    {
        var n = w.Count;
        var medoids = new List<int>(k);
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        for (var m = 0; m < k; m++)
        {
            var best = -1;
            var bestCost = double.PositiveInfinity;
            for (var j = 0; j < n; j++)
            {
                if (medoids.Contains(j))
                {
                    continue;
                }

                // The cost with j added: Σ wᵢ · min(current nearest, d(i, j)); lowest wins, lowest index on ties.
                var cost = 0.0;
                for (var i = 0; i < n; i++)
                {
                    cost += w[i] * Math.Min(nearest[i], d[i, j]);
                }

                if (best < 0 || cost < bestCost - 1e-12)
                {
                    (best, bestCost) = (j, cost);
                }
            }

            medoids.Add(best);
            for (var i = 0; i < n; i++)
            {
                nearest[i] = Math.Min(nearest[i], d[i, best]);
            }
        }

        return [.. medoids];
    }

    private static void Assign(double[,] d, int[] medoids, int[] assignment)
    {
        for (var i = 0; i < assignment.Length; i++)
        {
            // A medoid stays in its own cluster even when it duplicates another medoid (distance 0 to both).
            var own = Array.IndexOf(medoids, i);
            if (own >= 0)
            {
                assignment[i] = own;
                continue;
            }

            var best = 0;
            for (var c = 1; c < medoids.Length; c++)
            {
                if (d[i, medoids[c]] < d[i, medoids[best]])
                {
                    best = c;
                }
            }

            assignment[i] = best;
        }
    }

    private static double ClusterCost(double[,] d, IReadOnlyList<double> w, int[] assignment, int cluster, int medoid)
    {
        var cost = 0.0;
        for (var i = 0; i < assignment.Length; i++)
        {
            if (assignment[i] == cluster)
            {
                cost += w[i] * d[i, medoid];
            }
        }

        return cost;
    }
}

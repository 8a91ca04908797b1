namespace SoundGraph.Taste.Mixtape;

/// <summary>Finds the cluster of a period's tracks that holds most of its listening: weighted k-medoids
/// (<see cref="WeightedKMedoids"/>) for k = 2…<see cref="MixtapeOptions.MaxClusters"/> in <see cref="MixtapeSpace"/>, k
/// chosen by the largest weighted mean silhouette (<see cref="WeightedSilhouette"/>), the cluster with the most minutes
/// played.</summary>
/// <remarks>
/// <para>The issue names HDBSCAN (Campello, Moulavi &amp; Sander 2013). This is the documented alternative: HDBSCAN's
/// result depends on a minimum cluster size and on how ties in its condensed tree fall, and it calls much of a sparse
/// week "noise"; k-medoids with the silhouette is deterministic, has one threshold with a published reading, works on
/// weighted points, and its medoid is a real track. When no k reaches <see cref="MixtapeOptions.MinSilhouette"/> (0.25,
/// "no substantial structure"), the whole period is the cluster, which is what a week of one mood should give.</para>
/// <para>Ties: equal silhouettes go to the smaller k, equal minutes to the cluster whose medoid has the lower track id.
/// With more than <see cref="MixtapeOptions.MaxCandidates"/> candidates only the most played are clustered (the caller,
/// <see cref="MixtapeBuilder"/>, trims them). Cost O(K²·n²) time, O(n²) memory.</para>
/// </remarks>
public static class DominantCluster
{
    /// <summary>The dominant cluster of <paramref name="candidates"/>.</summary>
    /// <param name="candidates">At least one candidate, distinct track ids.</param>
    /// <param name="options">Options (<see cref="MixtapeOptions.MaxClusters"/>, <see cref="MixtapeOptions.MinSilhouette"/>).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No candidate, or a track id twice.</exception>
    public static MixtapeCluster Find(IReadOnlyList<MixtapeCandidate> candidates, MixtapeOptions options)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(options);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("A cluster needs at least one candidate.", nameof(candidates));
        }

        var points = candidates.OrderBy(c => c.TrackId).ToList();
        if (points.Select(p => p.TrackId).Distinct().Count() != points.Count)
        {
            throw new ArgumentException("Each track may be a candidate once.", nameof(candidates));
        }

        var n = points.Count;
        var vectors = points.Select(MixtapeSpace.Vector).ToArray();
        var weights = points.Select(p => p.Weight).ToArray();
        var distances = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                distances[i, j] = distances[j, i] = MixtapeSpace.Distance(vectors[i], vectors[j]);
            }
        }

        var byK = new List<double>();
        KMedoidsResult? best = null;
        double bestSilhouette = double.NegativeInfinity;
        for (var k = 2; k <= Math.Min(options.MaxClusters, n - 1); k++)
        {
            var fit = WeightedKMedoids.Fit(distances, weights, k);
            var s = WeightedSilhouette.Mean(distances, weights, fit.Assignment);
            byK.Add(s);
            if (s > bestSilhouette + 1e-12)
            {
                (best, bestSilhouette) = (fit, s);
            }
        }

        var accepted = best is not null && bestSilhouette >= options.MinSilhouette;
        var partition = accepted ? best! : WeightedKMedoids.Fit(distances, weights, 1);
        var clusters = Enumerable.Range(0, partition.Medoids.Count)
            .Select(c => (Index: c, Minutes: Enumerable.Range(0, n).Where(i => partition.Assignment[i] == c).Sum(i => weights[i]), Medoid: points[partition.Medoids[c]].TrackId))
            .OrderByDescending(c => c.Minutes).ThenBy(c => c.Medoid)
            .ToList();
        var chosen = clusters[0].Index;
        var members = Enumerable.Range(0, n).Where(i => partition.Assignment[i] == chosen).ToList();
        var minutes = members.Sum(i => weights[i]);
        var centre = new double[MixtapeSpace.Dimensions];
        var spread = new double[MixtapeSpace.Dimensions];
        for (var a = 0; a < MixtapeSpace.Dimensions; a++)
        {
            centre[a] = members.Sum(i => weights[i] * vectors[i][a]) / minutes;
            spread[a] = Math.Sqrt(members.Sum(i => weights[i] * (vectors[i][a] - centre[a]) * (vectors[i][a] - centre[a])) / minutes);
        }

        return new MixtapeCluster(
            partition.Medoids.Count,
            accepted ? bestSilhouette : null,
            byK,
            [.. members.Select(i => points[i].TrackId)],
            points[partition.Medoids[chosen]].TrackId,
            AxisPoint.FromVector(centre),
            AxisPoint.FromVector(spread),
            minutes,
            minutes / weights.Sum());
    }
}

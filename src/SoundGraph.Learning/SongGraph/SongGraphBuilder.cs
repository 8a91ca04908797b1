using SoundGraph.Graph.Sparse;

namespace SoundGraph.Learning.SongGraph;

/// <summary>Builds the song-similarity graph: cosine k-nearest neighbours of the standardized audio features.</summary>
public static class SongGraphBuilder
{
    /// <summary>Connects each track to its <see cref="SongGraphOptions.K"/> most cosine-similar tracks whose cosine is at
    /// least <see cref="SongGraphOptions.Threshold"/>; the union of these directed choices is made undirected (an edge
    /// exists when either end chose the other, counted once), weight = the cosine (&gt; 0 as the graph requires: with a
    /// threshold ≤ 0, pairs with cosine ≤ 0 are skipped).</summary>
    /// <param name="features">Standardized rows (n × 13).</param>
    /// <param name="options">k and threshold.</param>
    /// <returns>The graph over node indices 0..n−1, with <see cref="WeightedGraph.NodeIds"/> = the track ids.</returns>
    /// <remarks>Exact brute-force search, O(n²·d) time and O(n·k) memory; 6,500 tracks take well under a second.
    /// Ties in cosine go to the lower index, so the graph is deterministic.</remarks>
    public static WeightedGraph Build(SongFeatures features, SongGraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var vectors = Enumerable.Range(0, features.Count).Select(i => features.Row(i).ToArray()).ToArray();
        var neighbours = NearestNeighbors.TopK(vectors, options.K);
        var edges = new Dictionary<(int, int), double>();
        for (var u = 0; u < neighbours.Length; u++)
        {
            foreach (var (v, cosine) in neighbours[u])
            {
                if (cosine >= options.Threshold && cosine > 0)
                {
                    edges.TryAdd(u < v ? (u, v) : (v, u), cosine);
                }
            }
        }

        return WeightedGraph.FromEdges(features.TrackIds, edges.OrderBy(e => e.Key).Select(e => (e.Key.Item1, e.Key.Item2, e.Value)));
    }
}

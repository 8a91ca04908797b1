using SoundGraph.Core.Relations;
using SoundGraph.Graph.Sparse;

namespace SoundGraph.Learning.LinkPrediction;

/// <summary>The artist collaboration graph: artists are adjacent when credited on one track together.</summary>
public static class CoCreditGraph
{
    /// <summary>Default cap on credited artists per track (larger credit lists are compilations or mass credits, whose
    /// k(k−1)/2 pairs would swamp the graph).</summary>
    public const int DefaultMaxArtistsPerTrack = 20;

    /// <summary>Builds the graph from track → credited artists.</summary>
    /// <param name="trackArtists">Groups are tracks, items artist ids (any role).</param>
    /// <param name="maxArtistsPerTrack">Tracks crediting more artists are skipped (≥ 2).</param>
    /// <returns>Nodes: the artists on at least one kept track with another artist, ascending by id; edge weight = number
    /// of tracks the two share.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxArtistsPerTrack"/> &lt; 2.</exception>
    /// <remarks>O(Σ k²) over tracks with k credited artists.</remarks>
    public static WeightedGraph FromCredits(Bipartite trackArtists, int maxArtistsPerTrack = DefaultMaxArtistsPerTrack)
    {
        ArgumentNullException.ThrowIfNull(trackArtists);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxArtistsPerTrack, 2);
        var ids = new SortedSet<long>();
        for (var g = 0; g < trackArtists.GroupCount; g++)
        {
            var items = trackArtists.Items(g);
            if (items.Length >= 2 && items.Length <= maxArtistsPerTrack)
            {
                foreach (var a in items)
                {
                    ids.Add(a);
                }
            }
        }

        var nodeIds = ids.ToArray();
        var index = new Dictionary<long, int>(nodeIds.Length);
        for (var i = 0; i < nodeIds.Length; i++)
        {
            index[nodeIds[i]] = i;
        }

        var edges = new List<(int U, int V, double Weight)>();
        for (var g = 0; g < trackArtists.GroupCount; g++)
        {
            var items = trackArtists.Items(g);
            if (items.Length < 2 || items.Length > maxArtistsPerTrack)
            {
                continue;
            }

            for (var a = 0; a < items.Length; a++)
            {
                for (var b = a + 1; b < items.Length; b++)
                {
                    edges.Add((index[items[a]], index[items[b]], 1));
                }
            }
        }

        return WeightedGraph.FromEdges(nodeIds, edges);
    }
}

namespace SoundGraph.Taste.Axes;

/// <summary>An undirected weighted edge between two tracks (audio similarity, co-playlist, same artist, release or label;
/// the caller chooses and scales the weights).</summary>
/// <param name="A">One track id.</param>
/// <param name="B">The other track id.</param>
/// <param name="Weight">Strength, finite and &gt; 0.</param>
public sealed record TrackEdge(long A, long B, double Weight);

/// <summary>The track graph <see cref="AxisSmoothing"/> propagates over, in compressed-row form: built once and reused for
/// every axis.</summary>
/// <remarks>Edges are undirected; repeats of a pair (in either direction) add their weights; self-loops are dropped.
/// Memory O(tracks + 2·edges).</remarks>
public sealed class TrackGraph
{
    private readonly Dictionary<long, int> _index;
    private readonly long[] _ids;

    private TrackGraph(Dictionary<long, int> index, long[] ids, int[] start, int[] neighbours, double[] weights)
    {
        _index = index;
        _ids = ids;
        Start = start;
        Neighbours = neighbours;
        Weights = weights;
    }

    /// <summary>The tracks with at least one edge.</summary>
    public int NodeCount => _ids.Length;

    /// <summary>Distinct undirected edges after merging repeats.</summary>
    public int EdgeCount => Neighbours.Length / 2;

    /// <summary>The tracks with at least one edge, in node order.</summary>
    public IReadOnlyList<long> Tracks => _ids;

    internal int[] Start { get; }

    internal int[] Neighbours { get; }

    internal double[] Weights { get; }

    /// <summary>Builds the graph from an edge list.</summary>
    /// <param name="edges">Edges; a pair may repeat.</param>
    /// <exception cref="ArgumentNullException"><paramref name="edges"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An edge's weight is not finite or not &gt; 0.</exception>
    public static TrackGraph FromEdges(IEnumerable<TrackEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var index = new Dictionary<long, int>();
        var ids = new List<long>();
        var merged = new Dictionary<(int, int), double>();
        foreach (var edge in edges)
        {
            if (!double.IsFinite(edge.Weight) || edge.Weight <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(edges), edge.Weight, $"Edge {edge.A}–{edge.B} needs a finite weight > 0.");
            }

            if (edge.A == edge.B)
            {
                continue;
            }

            var a = Node(edge.A);
            var b = Node(edge.B);
            var key = a < b ? (a, b) : (b, a);
            merged[key] = merged.GetValueOrDefault(key) + edge.Weight;
        }

        var degree = new int[ids.Count + 1];
        foreach (var ((a, b), _) in merged)
        {
            degree[a + 1]++;
            degree[b + 1]++;
        }

        for (var i = 0; i < ids.Count; i++)
        {
            degree[i + 1] += degree[i];
        }

        var fill = degree[..^1].ToArray();
        var neighbours = new int[degree[^1]];
        var weights = new double[degree[^1]];
        foreach (var ((a, b), w) in merged.OrderBy(p => p.Key))
        {
            (neighbours[fill[a]], weights[fill[a]++]) = (b, w);
            (neighbours[fill[b]], weights[fill[b]++]) = (a, w);
        }

        return new TrackGraph(index, ids.ToArray(), degree, neighbours, weights);

        int Node(long id)
        {
            if (!index.TryGetValue(id, out var i))
            {
                i = ids.Count;
                index[id] = i;
                ids.Add(id);
            }

            return i;
        }
    }

    /// <summary>Whether <paramref name="track"/> has at least one edge.</summary>
    public bool Contains(long track) => _index.ContainsKey(track);

    /// <summary>The node index of <paramref name="track"/>, or −1.</summary>
    internal int IndexOf(long track) => _index.TryGetValue(track, out var i) ? i : -1;
}

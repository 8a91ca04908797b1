namespace SoundGraph.Graph.Sparse;

/// <summary>An undirected weighted graph in CSR form over node indices 0..n−1, each index standing for a store id.</summary>
/// <remarks>Each undirected edge is stored in both endpoints' rows; rows are sorted by neighbour index, so neighbour sets
/// intersect by merging. Memory O(n + 2m).</remarks>
public sealed class WeightedGraph
{
    private readonly int[] _offsets;
    private readonly int[] _neighbors;
    private readonly double[] _weights;
    private readonly Dictionary<long, int> _index;

    private WeightedGraph(long[] nodeIds, int[] offsets, int[] neighbors, double[] weights)
    {
        NodeIds = nodeIds;
        _offsets = offsets;
        _neighbors = neighbors;
        _weights = weights;
        _index = new Dictionary<long, int>(nodeIds.Length);
        for (var i = 0; i < nodeIds.Length; i++)
        {
            _index[nodeIds[i]] = i;
        }
    }

    /// <summary>Store id of each node index.</summary>
    public long[] NodeIds { get; }

    /// <summary>Number of nodes n.</summary>
    public int NodeCount => NodeIds.Length;

    /// <summary>Number of undirected edges m.</summary>
    public long EdgeCount => _neighbors.Length / 2;

    /// <summary>Builds the graph. Edges are undirected: (u, v) and (v, u) are one edge; parallel edges add their weights;
    /// self-loops are dropped.</summary>
    /// <param name="nodeIds">Store id of each node index (n entries, distinct).</param>
    /// <param name="edges">Edges between node indices with positive weights.</param>
    /// <exception cref="ArgumentOutOfRangeException">An endpoint is outside 0..n−1.</exception>
    /// <exception cref="ArgumentException">Node ids repeat.</exception>
    public static WeightedGraph FromEdges(IReadOnlyList<long> nodeIds, IEnumerable<(int U, int V, double Weight)> edges)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        ArgumentNullException.ThrowIfNull(edges);
        var n = nodeIds.Count;
        if (nodeIds.Distinct().Count() != n)
        {
            throw new ArgumentException("Node ids must be distinct.", nameof(nodeIds));
        }

        var rows = new Dictionary<int, double>[n];
        foreach (var (u, v, w) in edges)
        {
            if ((uint)u >= (uint)n || (uint)v >= (uint)n)
            {
                throw new ArgumentOutOfRangeException(nameof(edges), $"Edge ({u}, {v}) is outside 0..{n - 1}.");
            }

            if (u == v)
            {
                continue;
            }

            Add(rows, u, v, w);
            Add(rows, v, u, w);
        }

        var offsets = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            offsets[i + 1] = offsets[i] + (rows[i]?.Count ?? 0);
        }

        var neighbors = new int[offsets[n]];
        var weights = new double[offsets[n]];
        for (var i = 0; i < n; i++)
        {
            if (rows[i] is not { } row)
            {
                continue;
            }

            var k = offsets[i];
            foreach (var (j, w) in row.OrderBy(p => p.Key))
            {
                neighbors[k] = j;
                weights[k++] = w;
            }
        }

        return new WeightedGraph([.. nodeIds], offsets, neighbors, weights);
    }

    /// <summary>Neighbours of <paramref name="u"/>, ascending.</summary>
    public ReadOnlySpan<int> Neighbors(int u) => _neighbors.AsSpan(_offsets[u], _offsets[u + 1] - _offsets[u]);

    /// <summary>Edge weights of <paramref name="u"/>'s row, parallel to <see cref="Neighbors"/>.</summary>
    public ReadOnlySpan<double> Weights(int u) => _weights.AsSpan(_offsets[u], _offsets[u + 1] - _offsets[u]);

    /// <summary>Number of neighbours of <paramref name="u"/>.</summary>
    public int Degree(int u) => _offsets[u + 1] - _offsets[u];

    /// <summary>Sum of <paramref name="u"/>'s edge weights.</summary>
    public double WeightedDegree(int u)
    {
        var sum = 0.0;
        foreach (var w in Weights(u))
        {
            sum += w;
        }

        return sum;
    }

    /// <summary>The node index of a store id, or −1.</summary>
    public int IndexOf(long nodeId) => _index.TryGetValue(nodeId, out var i) ? i : -1;

    /// <summary>True when u and v are adjacent (binary search in u's row).</summary>
    public bool HasEdge(int u, int v) => Neighbors(u).BinarySearch(v) >= 0;

    private static void Add(Dictionary<int, double>[] rows, int u, int v, double w)
    {
        var row = rows[u] ??= [];
        row[v] = row.TryGetValue(v, out var existing) ? existing + w : w;
    }
}

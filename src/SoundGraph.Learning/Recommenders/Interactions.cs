namespace SoundGraph.Learning.Recommenders;

/// <summary>An implicit-feedback matrix, users (or playlists) × items, in CSR form: row u lists the items of user u in
/// ascending index order with one positive value each (play count, 1 for a playlist membership, …).</summary>
/// <remarks>Immutable. Built with <see cref="FromTriples"/>, which sums duplicate (user, item) pairs and drops
/// non-positive values. Memory O(users + nnz).</remarks>
public sealed class Interactions
{
    private readonly int[] _rowStart;
    private readonly int[] _items;
    private readonly float[] _values;

    private Interactions(int users, int items, int[] rowStart, int[] cols, float[] values)
    {
        UserCount = users;
        ItemCount = items;
        _rowStart = rowStart;
        _items = cols;
        _values = values;
    }

    /// <summary>Rows (users or playlists).</summary>
    public int UserCount { get; }

    /// <summary>Columns (items).</summary>
    public int ItemCount { get; }

    /// <summary>Stored (user, item) pairs.</summary>
    public int Count => _items.Length;

    /// <summary>Builds the matrix from (user, item, value) triples.</summary>
    /// <param name="users">Row count; every user index is in 0..users−1.</param>
    /// <param name="items">Column count; every item index is in 0..items−1.</param>
    /// <param name="triples">Entries in any order; duplicates are summed, values ≤ 0 after summing are dropped.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or an index is out of range.</exception>
    public static Interactions FromTriples(int users, int items, IEnumerable<(int User, int Item, double Value)> triples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(users);
        ArgumentOutOfRangeException.ThrowIfNegative(items);
        ArgumentNullException.ThrowIfNull(triples);
        var rows = new List<(int Item, double Value)>[users];
        foreach (var (u, i, v) in triples)
        {
            if ((uint)u >= (uint)users || (uint)i >= (uint)items)
            {
                throw new ArgumentOutOfRangeException(nameof(triples), $"Entry ({u}, {i}) is outside {users} × {items}.");
            }

            (rows[u] ??= []).Add((i, v));
        }

        var rowStart = new int[users + 1];
        var cols = new List<int>();
        var values = new List<float>();
        for (var u = 0; u < users; u++)
        {
            if (rows[u] is { } row)
            {
                row.Sort((a, b) => a.Item.CompareTo(b.Item));
                for (var k = 0; k < row.Count;)
                {
                    var item = row[k].Item;
                    var sum = 0.0;
                    for (; k < row.Count && row[k].Item == item; k++)
                    {
                        sum += row[k].Value;
                    }

                    if (sum > 0)
                    {
                        cols.Add(item);
                        values.Add((float)sum);
                    }
                }
            }

            rowStart[u + 1] = cols.Count;
        }

        return new Interactions(users, items, rowStart, [.. cols], [.. values]);
    }

    /// <summary>The items of <paramref name="user"/>, ascending.</summary>
    public ReadOnlySpan<int> Items(int user) => _items.AsSpan(_rowStart[user], _rowStart[user + 1] - _rowStart[user]);

    /// <summary>The values of <paramref name="user"/>'s items, aligned with <see cref="Items"/>.</summary>
    public ReadOnlySpan<float> Values(int user) => _values.AsSpan(_rowStart[user], _rowStart[user + 1] - _rowStart[user]);

    /// <summary>Number of items of <paramref name="user"/>.</summary>
    public int Degree(int user) => _rowStart[user + 1] - _rowStart[user];

    /// <summary>The item × user matrix (same values). O(users + items + nnz).</summary>
    public Interactions Transpose()
    {
        var rowStart = new int[ItemCount + 1];
        foreach (var i in _items)
        {
            rowStart[i + 1]++;
        }

        for (var i = 0; i < ItemCount; i++)
        {
            rowStart[i + 1] += rowStart[i];
        }

        var next = rowStart[..^1].ToArray();
        var cols = new int[_items.Length];
        var values = new float[_items.Length];
        for (var u = 0; u < UserCount; u++)
        {
            for (var k = _rowStart[u]; k < _rowStart[u + 1]; k++)
            {
                var slot = next[_items[k]]++;
                cols[slot] = u;
                values[slot] = _values[k];
            }
        }

        return new Interactions(ItemCount, UserCount, rowStart, cols, values);
    }

    /// <summary>The same pattern with every value replaced by <paramref name="map"/>(value).</summary>
    public Interactions Map(Func<float, float> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new Interactions(UserCount, ItemCount, _rowStart, _items, [.. _values.Select(map)]);
    }

    /// <summary>Number of users holding each item (column degrees).</summary>
    public int[] ItemDegrees()
    {
        var degree = new int[ItemCount];
        foreach (var i in _items)
        {
            degree[i]++;
        }

        return degree;
    }
}

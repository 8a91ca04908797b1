namespace SoundGraph.Graph.Relations;

/// <summary>
/// Maps a set of 64-bit ids to dense indices 0..n−1 in ascending id order, so that comparing indices compares ids.
/// </summary>
/// <remarks>
/// When the ids span a range no larger than max(entries, 2²⁰) (database ids usually do), a direct lookup table is used:
/// O(entries + range) time, no hashing. Otherwise the ids are sorted and looked up through a dictionary.
/// </remarks>
internal sealed class IdIndex
{
    private readonly long _min;
    private readonly int[]? _table;
    private readonly Dictionary<long, int>? _dictionary;

    private IdIndex(long[] ids, long min, int[]? table, Dictionary<long, int>? dictionary)
    {
        Ids = ids;
        _min = min;
        _table = table;
        _dictionary = dictionary;
    }

    /// <summary>Distinct ids, ascending; index i holds the id of dense index i.</summary>
    public long[] Ids { get; }

    /// <summary>Number of distinct ids.</summary>
    public int Count => Ids.Length;

    /// <summary>Indexes the distinct values of <paramref name="ids"/> (duplicates allowed).</summary>
    public static IdIndex Build(ReadOnlySpan<long> ids)
    {
        if (ids.IsEmpty)
        {
            return new IdIndex([], 0, [], null);
        }

        long min = long.MaxValue, max = long.MinValue;
        foreach (var id in ids)
        {
            min = Math.Min(min, id);
            max = Math.Max(max, id);
        }

        var range = unchecked((ulong)max - (ulong)min);
        if (range < (ulong)Math.Max(ids.Length, 1 << 20))
        {
            // Direct table: slot holds dense index + 1 (0 = absent).
            var table = new int[(int)range + 1];
            foreach (var id in ids)
            {
                table[(int)(id - min)] = 1;
            }

            var n = 0;
            for (var s = 0; s < table.Length; s++)
            {
                if (table[s] != 0)
                {
                    table[s] = ++n;
                }
            }

            var sortedIds = new long[n];
            for (var s = 0; s < table.Length; s++)
            {
                if (table[s] != 0)
                {
                    sortedIds[table[s] - 1] = min + s;
                }
            }

            return new IdIndex(sortedIds, min, table, null);
        }

        var copy = ids.ToArray();
        Array.Sort(copy);
        var distinct = 0;
        for (var i = 0; i < copy.Length; i++)
        {
            if (i == 0 || copy[i] != copy[i - 1])
            {
                copy[distinct++] = copy[i];
            }
        }

        Array.Resize(ref copy, distinct);
        var dictionary = new Dictionary<long, int>(distinct);
        for (var i = 0; i < distinct; i++)
        {
            dictionary.Add(copy[i], i);
        }

        return new IdIndex(copy, min, null, dictionary);
    }

    /// <summary>Dense index of <paramref name="id"/>, which must be one of the indexed ids.</summary>
    public int IndexOf(long id) => _table is { } table ? table[(int)(id - _min)] - 1 : _dictionary![id];
}

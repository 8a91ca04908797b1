namespace SoundGraph.Core.Relations;

/// <summary>
/// A group → items membership in compressed sparse row form: group g (id <c>GroupIds[g]</c>) holds the items
/// <c>ItemIds[Offsets[g]..Offsets[g+1]]</c>. Groups are playlists, listeners, tags or tracks; items are the nodes
/// being related. Items within a group are distinct.
/// </summary>
public sealed class Bipartite
{
    /// <summary>Creates a membership from CSR arrays.</summary>
    /// <exception cref="ArgumentException">Offsets do not have GroupIds.Length + 1 entries, are not non-decreasing, or do not end at ItemIds.Length.</exception>
    public Bipartite(long[] groupIds, int[] offsets, long[] itemIds)
    {
        ArgumentNullException.ThrowIfNull(groupIds);
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(itemIds);
        if (offsets.Length != groupIds.Length + 1 || offsets[0] != 0 || offsets[^1] != itemIds.Length)
        {
            throw new ArgumentException("Offsets must have one more entry than groups, start at 0 and end at the item count.", nameof(offsets));
        }

        for (var i = 1; i < offsets.Length; i++)
        {
            if (offsets[i] < offsets[i - 1])
            {
                throw new ArgumentException("Offsets must be non-decreasing.", nameof(offsets));
            }
        }

        GroupIds = groupIds;
        Offsets = offsets;
        ItemIds = itemIds;
    }

    /// <summary>Group ids, length n.</summary>
    public long[] GroupIds { get; }

    /// <summary>Row offsets, length n + 1.</summary>
    public int[] Offsets { get; }

    /// <summary>Item ids, length Σ|g|.</summary>
    public long[] ItemIds { get; }

    /// <summary>Number of groups.</summary>
    public int GroupCount => GroupIds.Length;

    /// <summary>Items of group <paramref name="g"/> (by position, not id).</summary>
    public ReadOnlySpan<long> Items(int g) => ItemIds.AsSpan(Offsets[g], Offsets[g + 1] - Offsets[g]);

    /// <summary>Builds a membership from (group id, item id) pairs in any order; duplicate pairs are kept once.</summary>
    public static Bipartite FromPairs(IEnumerable<(long GroupId, long ItemId)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var byGroup = new SortedDictionary<long, SortedSet<long>>();
        foreach (var (g, i) in pairs)
        {
            if (!byGroup.TryGetValue(g, out var set))
            {
                set = [];
                byGroup[g] = set;
            }

            set.Add(i);
        }

        var groupIds = new long[byGroup.Count];
        var offsets = new int[byGroup.Count + 1];
        var items = new List<long>();
        var k = 0;
        foreach (var (g, set) in byGroup)
        {
            groupIds[k] = g;
            items.AddRange(set);
            offsets[++k] = items.Count;
        }

        return new Bipartite(groupIds, offsets, items.ToArray());
    }
}

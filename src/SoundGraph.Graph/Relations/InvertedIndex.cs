using SoundGraph.Core.Relations;

namespace SoundGraph.Graph.Relations;

/// <summary>
/// Dense form of a <see cref="Bipartite"/> in both directions: groups ranked by ascending id, items numbered twice (id
/// rank, ascending id; slot, descending degree), group → item slots and item slot → group ranks as CSR arrays of ints.
/// </summary>
/// <remarks>
/// Each item's group list is sorted by group rank (= group id), so two lists merge into ascending shared group ids.
/// A repeated item inside one group is counted once, so |g| is always the number of distinct items of g.
/// Cost O(entries) time and memory, plus a sort of the groups when their ids are not already ascending.
/// </remarks>
internal sealed class InvertedIndex
{
    private InvertedIndex(long[] itemIds, int[] slotOf, int[] idRankOf, long[] groupIds, int[] groupOffsets, int[] groupItems, int[] itemOffsets, int[] itemGroups)
    {
        ItemIds = itemIds;
        SlotOf = slotOf;
        IdRankOf = idRankOf;
        GroupIds = groupIds;
        GroupOffsets = groupOffsets;
        GroupItems = groupItems;
        ItemOffsets = itemOffsets;
        ItemGroups = itemGroups;
    }

    /// <summary>Item id of each id rank (the item's position among the distinct item ids, ascending).</summary>
    public long[] ItemIds { get; }

    /// <summary>Id rank → slot, the item's working index (items ordered by degree descending, then id).</summary>
    public int[] SlotOf { get; }

    /// <summary>Slot → id rank.</summary>
    public int[] IdRankOf { get; }

    /// <summary>Group id of each group rank, ascending (non-decreasing if the input repeats a group id).</summary>
    public long[] GroupIds { get; }

    /// <summary>Group rank → range of <see cref="GroupItems"/>; length groups + 1.</summary>
    public int[] GroupOffsets { get; }

    /// <summary>Item slots of each group, distinct within a group.</summary>
    public int[] GroupItems { get; }

    /// <summary>Item slot → range of <see cref="ItemGroups"/>; length items + 1.</summary>
    public int[] ItemOffsets { get; }

    /// <summary>Group ranks of each item, ascending.</summary>
    public int[] ItemGroups { get; }

    /// <summary>Number of distinct items.</summary>
    public int ItemCount => ItemIds.Length;

    /// <summary>Number of groups.</summary>
    public int GroupCount => GroupIds.Length;

    /// <summary>Number of groups holding the item in slot <paramref name="item"/>.</summary>
    public int Degree(int item) => ItemOffsets[item + 1] - ItemOffsets[item];

    /// <summary>Distinct items of group rank <paramref name="group"/>.</summary>
    public int Size(int group) => GroupOffsets[group + 1] - GroupOffsets[group];

    /// <summary>Builds the index of <paramref name="groups"/>.</summary>
    public static InvertedIndex Build(Bipartite groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var ids = IdIndex.Build(groups.ItemIds);
        var n = groups.GroupCount;

        // Rank groups by id (identity when already ascending, as Bipartite.FromPairs produces).
        var order = new int[n];
        for (var g = 0; g < n; g++)
        {
            order[g] = g;
        }

        var groupIds = (long[])groups.GroupIds.Clone();
        var sorted = true;
        for (var g = 1; g < n && sorted; g++)
        {
            sorted = groupIds[g - 1] <= groupIds[g];
        }

        if (!sorted)
        {
            Array.Sort(groupIds, order);
        }

        // Group → dense items in rank order, dropping repeats within a group (stamp = rank + 1 of the last group seen).
        var lastSeen = new int[ids.Count];
        var groupOffsets = new int[n + 1];
        var groupItems = new int[groups.ItemIds.Length];
        var degree = new int[ids.Count + 1];
        var k = 0;
        for (var r = 0; r < n; r++)
        {
            var g = order[r];
            for (var p = groups.Offsets[g]; p < groups.Offsets[g + 1]; p++)
            {
                var item = ids.IndexOf(groups.ItemIds[p]);
                if (lastSeen[item] != r + 1)
                {
                    lastSeen[item] = r + 1;
                    groupItems[k++] = item;
                    degree[item + 1]++;
                }
            }

            groupOffsets[r + 1] = k;
        }

        Array.Resize(ref groupItems, k);

        // Relabel items by degree descending (ties by id): popular items share a compact, cache-resident block of the
        // per-worker accumulators, which is where most of the Σ|g|² updates land on long-tailed (Zipf-like) data.
        var count = ids.Count;
        var maxDegree = 0;
        for (var i = 0; i < count; i++)
        {
            maxDegree = Math.Max(maxDegree, degree[i + 1]);
        }

        var bucket = new int[maxDegree + 2];
        for (var i = 0; i < count; i++)
        {
            bucket[maxDegree - degree[i + 1] + 1]++;
        }

        for (var b = 1; b < bucket.Length; b++)
        {
            bucket[b] += bucket[b - 1];
        }

        var slotOf = new int[count];
        var idRankOf = new int[count];
        for (var i = 0; i < count; i++)
        {
            var slot = bucket[maxDegree - degree[i + 1]]++;
            slotOf[i] = slot;
            idRankOf[slot] = i;
        }

        for (var p = 0; p < groupItems.Length; p++)
        {
            groupItems[p] = slotOf[groupItems[p]];
        }

        // Item → group ranks: counting sort by item slot, filled in rank order so each list is ascending.
        var itemOffsets = new int[count + 1];
        for (var slot = 0; slot < count; slot++)
        {
            itemOffsets[slot + 1] = itemOffsets[slot] + degree[idRankOf[slot] + 1];
        }

        var cursor = new int[count];
        Array.Copy(itemOffsets, cursor, count);
        var itemGroups = new int[k];
        for (var r = 0; r < n; r++)
        {
            for (var p = groupOffsets[r]; p < groupOffsets[r + 1]; p++)
            {
                itemGroups[cursor[groupItems[p]]++] = r;
            }
        }

        return new InvertedIndex(ids.Ids, slotOf, idRankOf, groupIds, groupOffsets, groupItems, itemOffsets, itemGroups);
    }
}

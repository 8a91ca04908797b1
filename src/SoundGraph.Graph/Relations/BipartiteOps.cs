using SoundGraph.Core.Relations;

namespace SoundGraph.Graph.Relations;

/// <summary>Operations on <see cref="Bipartite"/> memberships.</summary>
public static class BipartiteOps
{
    /// <summary>Swaps the roles of groups and items: item i of the input becomes a group holding every input group
    /// that contains i (e.g. users → artists becomes artists → users, the inverted index used for user–user
    /// similarity).</summary>
    /// <param name="membership">Group → items; n groups, Σ|g| entries.</param>
    /// <returns>Item → groups, with groups (the former items) in ascending id order and, within each, the former group
    /// ids ascending and distinct. A former group with no items does not appear.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="membership"/> is null.</exception>
    /// <remarks>Cost O(Σ|g|) time and memory (plus a sort of the group ids if they are not ascending).</remarks>
    public static Bipartite Transpose(Bipartite membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        var index = InvertedIndex.Build(membership);
        var itemIds = new long[index.ItemGroups.Length];
        var written = 0;
        var offsets = new int[index.ItemCount + 1];
        for (var i = 0; i < index.ItemCount; i++)
        {
            long previous = 0;
            var slot = index.SlotOf[i];
            for (var p = index.ItemOffsets[slot]; p < index.ItemOffsets[slot + 1]; p++)
            {
                // Ranks are ascending, so a repeated group id (two input groups with one id) is adjacent: keep it once.
                var id = index.GroupIds[index.ItemGroups[p]];
                if (p == index.ItemOffsets[slot] || id != previous)
                {
                    itemIds[written++] = id;
                }

                previous = id;
            }

            offsets[i + 1] = written;
        }

        Array.Resize(ref itemIds, written);
        return new Bipartite(index.ItemIds, offsets, itemIds);
    }
}

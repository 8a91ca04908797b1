using SoundGraph.Core.Relations;
using SoundGraph.Graph.Relations;
using static SoundGraph.Graph.Tests.Relations.TestGraphs;

namespace SoundGraph.Graph.Tests.Relations;

public sealed class BipartiteOpsTests
{
    [Fact]
    public void Transpose_UsersToArtists_ListsEachArtistsUsersAscending()
    {
        // Users 2 {10, 11}, 1 {11, 12}, 3 {} given out of order: artist 10 ← {2}, 11 ← {1, 2}, 12 ← {1}.
        var users = new Bipartite([2, 1, 3], [0, 2, 4, 4], [10, 11, 12, 11]);

        var artists = BipartiteOps.Transpose(users);

        Assert.Equal([10L, 11L, 12L], artists.GroupIds);
        Assert.Equal([0, 1, 3, 4], artists.Offsets);
        Assert.Equal([2L, 1L, 2L, 1L], artists.ItemIds);
    }

    [Fact]
    public void Transpose_Twice_ReturnsTheNonEmptyGroups()
    {
        var original = Of((5, [3, 1]), (9, [2]), (7, [1, 2, 3]));

        var back = BipartiteOps.Transpose(BipartiteOps.Transpose(original));

        Assert.Equal(original.GroupIds, back.GroupIds);
        Assert.Equal(original.Offsets, back.Offsets);
        Assert.Equal(original.ItemIds, back.ItemIds);
    }
}

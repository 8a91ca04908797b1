using SoundGraph.Core.Relations;

namespace SoundGraph.Graph.Tests.Relations;

/// <summary>Builders and row shapes shared by the relation tests.</summary>
internal static class TestGraphs
{
    /// <summary>Membership from (group id, item ids) rows.</summary>
    public static Bipartite Of(params (long Group, long[] Items)[] groups) =>
        Bipartite.FromPairs(groups.SelectMany(g => g.Items.Select(i => (g.Group, i))));

    /// <summary>Rows as comparable tuples (evidence joined as text).</summary>
    public static List<(long Src, long Dst, int Count, string Evidence)> Shape(IEnumerable<Relation> rows) =>
        rows.Select(r => (r.SrcId, r.DstId, r.Count, string.Join(",", r.Evidence))).ToList();

    /// <summary>Asserts the rows equal the expected (src, dst, weight, count) list, weights to 12 decimals, in order.</summary>
    public static void AssertRows(IReadOnlyList<(long Src, long Dst, double Weight, int Count)> expected, IReadOnlyList<Relation> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal((expected[i].Src, expected[i].Dst, expected[i].Count), (actual[i].SrcId, actual[i].DstId, actual[i].Count));
            Assert.Equal(expected[i].Weight, actual[i].Weight, 12);
        }
    }
}

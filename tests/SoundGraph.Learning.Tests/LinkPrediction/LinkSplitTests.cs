using SoundGraph.Graph.Sparse;
using SoundGraph.Learning.LinkPrediction;

namespace SoundGraph.Learning.Tests.LinkPrediction;

public sealed class LinkSplitTests
{
    private static WeightedGraph Complete(int n)
    {
        var edges = new List<(int, int, double)>();
        for (var u = 0; u < n; u++)
        {
            for (var v = u + 1; v < n; v++)
            {
                edges.Add((u, v, 1.0));
            }
        }

        return WeightedGraph.FromEdges(Enumerable.Range(100, n).Select(i => (long)i).ToArray(), edges);
    }

    [Fact]
    public void HoldOut_CompleteGraphOfFive_RemovesThreeOfTenAndKeepsTheRest()
    {
        var g = Complete(5);
        var split = LinkSplit.HoldOut(g, 0.3, seed: 7);
        Assert.Equal(3, split.HeldOut.Count);
        Assert.Equal(7, split.Train.EdgeCount);
        Assert.Equal(g.NodeIds, split.Train.NodeIds);
        Assert.All(split.HeldOut, e => Assert.True(e.U < e.V && g.HasEdge(e.U, e.V) && !split.Train.HasEdge(e.U, e.V)));
        Assert.All(Enumerable.Range(0, 5), u => Assert.True(split.Train.Degree(u) >= 1));
    }

    [Fact]
    public void HoldOut_Star_RemovesNothingBecauseEveryLeafWouldBeIsolated()
    {
        var star = WeightedGraph.FromEdges([0, 1, 2, 3, 4], [(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0), (0, 4, 1.0)]);
        var split = LinkSplit.HoldOut(star, 0.5, seed: 1);
        Assert.Empty(split.HeldOut);
        Assert.Equal(4, split.Train.EdgeCount);
    }

    [Fact]
    public void HoldOut_Cycle_NeverIsolatesANode()
    {
        var cycle = WeightedGraph.FromEdges([0, 1, 2, 3, 4, 5], Enumerable.Range(0, 6).Select(i => (i, (i + 1) % 6, 1.0)));
        for (var seed = 0; seed < 20; seed++)
        {
            var split = LinkSplit.HoldOut(cycle, 0.49, seed);
            Assert.InRange(split.HeldOut.Count, 1, 3);
            Assert.All(Enumerable.Range(0, 6), u => Assert.True(split.Train.Degree(u) >= 1));
            Assert.Equal(6, split.Train.EdgeCount + split.HeldOut.Count);
        }
    }

    [Fact]
    public void HoldOut_SameSeed_SameEdgesAndDifferentSeedDiffers()
    {
        var g = Complete(8);
        var a = LinkSplit.HoldOut(g, 0.2, 42).HeldOut;
        Assert.Equal(a, LinkSplit.HoldOut(g, 0.2, 42).HeldOut);
        Assert.NotEqual(a, LinkSplit.HoldOut(g, 0.2, 43).HeldOut);
    }

    [Fact]
    public void HoldOut_FractionOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LinkSplit.HoldOut(Complete(3), 1.0, 1));
    }

    [Fact]
    public void SampleNegatives_OneHardNegativeOnAPath_IsTheAnchorsOnlyTwoHopNode()
    {
        // Path 0–1–2–3–4. Positive (1, 2), k = 1: anchor 1 (its first endpoint), 2-hop pool {3}, so the negative is (1, 3).
        var path = WeightedGraph.FromEdges([0, 1, 2, 3, 4], [(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 4, 1.0)]);
        var negatives = LinkSplit.SampleNegatives(path, path, [(1, 2)], 1, seed: 5);
        Assert.Equal([(1, 3)], negatives);
    }

    [Fact]
    public void SampleNegatives_SparseGraph_AreDistinctNonEdgesOfTheFullGraph()
    {
        var edges = Enumerable.Range(0, 29).Select(i => (i, i + 1, 1.0)).ToList();
        var full = WeightedGraph.FromEdges(Enumerable.Range(0, 30).Select(i => (long)i).ToArray(), edges);
        var split = LinkSplit.HoldOut(full, 0.2, 3);
        var negatives = LinkSplit.SampleNegatives(full, split.Train, split.HeldOut, 4, seed: 9);
        Assert.Equal(split.HeldOut.Count * 4, negatives.Count);
        Assert.Equal(negatives.Count, negatives.Distinct().Count());
        Assert.All(negatives, p => Assert.True(p.U < p.V && !full.HasEdge(p.U, p.V)));
    }
}

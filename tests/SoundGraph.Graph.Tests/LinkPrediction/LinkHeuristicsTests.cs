#pragma warning disable CA1861 // expected values are written inline, next to the hand computation
using SoundGraph.Graph.LinkPrediction;
using SoundGraph.Graph.Sparse;

namespace SoundGraph.Graph.Tests.LinkPrediction;

public sealed class LinkHeuristicsTests
{
    // 0–1, 0–2, 0–3, 1–2, 2–4, 3–4, 4–5: Γ(0) = {1,2,3}, Γ(4) = {2,3,5}, deg(2) = 3, deg(3) = 2.
    private static readonly WeightedGraph G = WeightedGraph.FromEdges(
        [0, 1, 2, 3, 4, 5], [(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0), (1, 2, 1.0), (2, 4, 1.0), (3, 4, 1.0), (4, 5, 1.0)]);

    [Fact]
    public void Scores_PairZeroFour_MatchHandComputedValues()
    {
        Assert.Equal(2, LinkHeuristics.CommonNeighbors(G, 0, 4));
        Assert.Equal((1 / Math.Log(3)) + (1 / Math.Log(2)), LinkHeuristics.AdamicAdar(G, 0, 4), 12); // 2.352934…
        Assert.Equal(9, LinkHeuristics.PreferentialAttachment(G, 0, 4));
        Assert.Equal(0.5, LinkHeuristics.Jaccard(G, 0, 4)); // 2 / (3 + 3 − 2)
        Assert.Equal(new[] { 2, 3 }, LinkHeuristics.CommonNeighborList(G, 0, 4));
        Assert.Empty(LinkHeuristics.CommonNeighborList(G, 1, 5));
    }

    [Fact]
    public void Scores_NoCommonNeighbour_AreZeroButAttachmentIsNot()
    {
        Assert.Equal(0, LinkHeuristics.CommonNeighbors(G, 1, 5));
        Assert.Equal(0, LinkHeuristics.AdamicAdar(G, 1, 5));
        Assert.Equal(0, LinkHeuristics.Jaccard(G, 1, 5));
        Assert.Equal(2, LinkHeuristics.PreferentialAttachment(G, 1, 5));
    }

    [Fact]
    public void TwoHopCandidates_ExcludeSelfAndNeighbours()
    {
        Assert.Equal(new[] { 4 }, LinkHeuristics.TwoHopCandidates(G, 0));
        Assert.Equal(new[] { 2, 3 }, LinkHeuristics.TwoHopCandidates(G, 5));
    }
}

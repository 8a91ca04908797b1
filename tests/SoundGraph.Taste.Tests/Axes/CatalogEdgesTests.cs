using SoundGraph.Taste.Axes;

namespace SoundGraph.Taste.Tests.Axes;

public sealed class CatalogEdgesTests
{
    [Fact]
    public void Build_SameRelease_PairwiseByArtistAndCaseFoldedTitle()
    {
        // Artist 1's "Blue" (tracks 1, 2 and 3 as " blue "), artist 2's "Blue" (track 4): two releases. Track 5 has no
        // album, track 6 no credit.
        var edges = CatalogEdges.Build(
        [
            new(1, 1, "Blue", null, null), new(2, 1, "BLUE", null, null), new(3, 1, " blue ", null, null),
            new(4, 2, "Blue", null, null), new(5, 1, null, null, null), new(6, null, "Blue", null, null),
        ]);

        Assert.Equal(
            [new TrackEdge(1, 2, CatalogEdges.ReleaseWeight), new TrackEdge(1, 3, CatalogEdges.ReleaseWeight), new TrackEdge(2, 3, CatalogEdges.ReleaseWeight)],
            edges);
    }

    [Fact]
    public void Build_CatchAllRelease_LeftOut()
    {
        var tracks = Enumerable.Range(1, CatalogEdges.MaxReleaseTracks + 1).Select(i => new CatalogTrack(i, 7, "Singles", null, null));

        Assert.Empty(CatalogEdges.Build(tracks));
        Assert.Equal(CatalogEdges.MaxReleaseTracks * (CatalogEdges.MaxReleaseTracks - 1) / 2, CatalogEdges.Build(tracks.Skip(1)).Count);
    }

    [Fact]
    public void Build_SameLabel_ChainsTwoNeighboursEachSideInDateOrder()
    {
        // Label 9 in date order: 30 (2001), 10 (2003-05), 20 (2010), then undated 5 and 40 by id. Label 8 has one track.
        var edges = CatalogEdges.Build(
        [
            new(10, 1, null, 9, "2003-05"), new(20, 2, null, 9, "2010"), new(30, 3, null, 9, "2001"),
            new(40, 4, null, 9, null), new(5, 5, null, 9, ""), new(50, 6, null, 8, "2000"),
        ]);

        // Order 30, 10, 20, 5, 40: each to the next two.
        var w = CatalogEdges.LabelWeight;
        Assert.Equal(
            [new TrackEdge(10, 30, w), new TrackEdge(20, 30, w), new TrackEdge(10, 20, w), new TrackEdge(5, 10, w), new TrackEdge(5, 20, w), new TrackEdge(20, 40, w), new TrackEdge(5, 40, w)],
            edges);
    }

    [Fact]
    public void Build_ReleaseAndLabel_BothEdgesAddInTheGraph()
    {
        var edges = CatalogEdges.Build([new(1, 1, "A", 3, "2020"), new(2, 1, "A", 3, "2020")]);
        var graph = TrackGraph.FromEdges(edges);

        Assert.Equal(2, edges.Count);
        Assert.Equal(1, graph.EdgeCount);
    }
}

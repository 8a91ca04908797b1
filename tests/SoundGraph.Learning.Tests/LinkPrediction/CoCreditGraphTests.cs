using SoundGraph.Core.Relations;
using SoundGraph.Learning.LinkPrediction;

namespace SoundGraph.Learning.Tests.LinkPrediction;

public sealed class CoCreditGraphTests
{
    [Fact]
    public void FromCredits_SharedTracks_WeighEdgesAndDropSoloAndOversizedTracks()
    {
        // Track 1: artists 10, 20. Track 2: 10, 20, 30. Track 3: 40 alone. Track 4: 50, 60, 70 (over the cap of 3? no: cap 2).
        var credits = Bipartite.FromPairs([(1, 10), (1, 20), (2, 10), (2, 20), (2, 30), (3, 40), (4, 50), (4, 60), (4, 70)]);
        var g = CoCreditGraph.FromCredits(credits, maxArtistsPerTrack: 3);
        Assert.Equal([10L, 20, 30, 50, 60, 70], g.NodeIds);
        Assert.Equal(6, g.EdgeCount);
        Assert.Equal([2.0, 1.0], g.Weights(g.IndexOf(10)).ToArray()); // 10–20 on two tracks, 10–30 on one
        Assert.Equal(-1, g.IndexOf(40));

        var capped = CoCreditGraph.FromCredits(credits, maxArtistsPerTrack: 2);
        Assert.Equal([10L, 20], capped.NodeIds);
        Assert.Equal([1.0], capped.Weights(0).ToArray()); // only track 1 remains
    }
}

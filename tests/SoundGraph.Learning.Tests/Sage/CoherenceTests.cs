using SoundGraph.Learning.Sage;

namespace SoundGraph.Learning.Tests.Sage;

public class CoherenceTests
{
    [Fact]
    public void Share_UnlabelledRowsSkipped_UnlabelledNeighboursCountAsDifferent()
    {
        IReadOnlyList<int>[] neighbors = [[1, 2], [0, 3], [0, 1], [0, 1]];
        int[] labels = [7, 7, -1, 8];
        // Row 0: {7, −1} → 1/2; row 1: {7, 8} → 1/2; row 2 has no label; row 3: {7, 7} → 0. Mean = 1/3.
        var (share, rows) = Coherence.Share(neighbors, labels);
        Assert.Equal(1.0 / 3, share, 12);
        Assert.Equal(3, rows);
    }
}

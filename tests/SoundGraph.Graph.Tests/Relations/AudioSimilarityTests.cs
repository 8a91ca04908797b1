using SoundGraph.Core.Relations;
using SoundGraph.Graph.Relations;
using static SoundGraph.Graph.Tests.Relations.TestGraphs;

namespace SoundGraph.Graph.Tests.Relations;

public sealed class AudioSimilarityTests
{
    // Tracks 1..4, features (f1, f2, f3):
    //   t1 (0, 1, 7)   t2 (1, 1, 7)   t3 (2, 3, 7)   t4 (5, 3, 7)
    // f1: mean 2, deviations −2, −1, 0, 3, Σ² = 14, population sd s = √(14/4) = √3.5 → z = −2/s, −1/s, 0, 3/s.
    // f2: mean 2, deviations −1, −1, 1, 1, sd 1 → z = −1, −1, 1, 1.       f3: constant → 0.
    // With s² = 3.5 = 7/2: |t1|² = 8/7 + 1 = 15/7, |t2|² = 2/7 + 1 = 9/7, |t3|² = 1, |t4|² = 18/7 + 1 = 25/7.
    //   cos(t1,t2) = (4/7 + 1)/√(15/7·9/7) = 11/√135 ≈ 0.9467     cos(t1,t3) = −1/√(15/7) = −√(7/15) ≈ −0.6831
    //   cos(t1,t4) = (−12/7 − 1)/√(15/7·25/7) = −19/√375 ≈ −0.9812 cos(t2,t3) = −1/√(9/7) = −√7/3 ≈ −0.8819
    //   cos(t2,t4) = (−6/7 − 1)/(15/7) = −13/15 ≈ −0.8667          cos(t3,t4) = 1/√(25/7) = √7/5 ≈ 0.5292
    private static readonly long[] Ids = [1, 2, 3, 4];
    private static readonly double[][] Features = [[0, 1, 7], [1, 1, 7], [2, 3, 7], [5, 3, 7]];

    [Fact]
    public void Standardize_HandWorkedColumns_ReturnsPopulationZScores()
    {
        var z = AudioSimilarity.Standardize(Features);

        var s = Math.Sqrt(3.5);
        double[][] expected = [[-2 / s, -1, 0], [-1 / s, -1, 0], [0, 1, 0], [3 / s, 1, 0]];
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(expected[i][j], z[i][j], 12);
            }
        }
    }

    [Fact]
    public void Standardize_ConstantColumnWithInexactMean_IsExactlyZero()
    {
        // 0.1 + 0.1 + 0.1 = 0.30000000000000004, so the rounded mean is not 0.1; the column must still be zeros.
        var z = AudioSimilarity.Standardize([[0.1, 1], [0.1, 2], [0.1, 3]]);

        Assert.Equal([0.0, 0.0, 0.0], z.Select(v => v[0]));
        Assert.Equal(-Math.Sqrt(1.5), z[0][1], 12);
    }

    [Fact]
    public void Build_ThresholdHalf_KeepsOnlyPairsAtOrAboveIt()
    {
        var rows = AudioSimilarity.Build(Ids, Features, topK: 50, threshold: 0.5);

        AssertRows(
            [
                (1, 2, 11 / Math.Sqrt(135), 0), (2, 1, 11 / Math.Sqrt(135), 0),
                (3, 4, Math.Sqrt(7) / 5, 0), (4, 3, Math.Sqrt(7) / 5, 0),
            ],
            rows);
        Assert.All(rows, r => Assert.Equal(RelationKind.TrackAudioSimilarity, r.Kind));
        Assert.All(rows, r => Assert.Empty(r.Evidence));
    }

    [Fact]
    public void Build_DefaultThreshold_DropsTheWeakerPair()
    {
        var rows = AudioSimilarity.Build(Ids, Features);

        Assert.Equal([(1L, 2L), (2L, 1L)], rows.Select(r => (r.SrcId, r.DstId)));
    }

    [Fact]
    public void Build_LowestThresholdTopTwo_RanksByCosineDescending()
    {
        var rows = AudioSimilarity.Build(Ids, Features, topK: 2, threshold: -1);

        AssertRows(
            [
                (1, 2, 11 / Math.Sqrt(135), 0), (1, 3, -Math.Sqrt(7.0 / 15), 0),
                (2, 1, 11 / Math.Sqrt(135), 0), (2, 4, -13.0 / 15, 0),
                (3, 4, Math.Sqrt(7) / 5, 0), (3, 1, -Math.Sqrt(7.0 / 15), 0),
                (4, 3, Math.Sqrt(7) / 5, 0), (4, 2, -13.0 / 15, 0),
            ],
            rows);
    }

    [Fact]
    public void Build_TrackAtTheMean_HasNoNeighboursAndIsNoOnes()
    {
        // One column 0, 1, 2: z = −√1.5, 0, √1.5 (sd = √(2/3)). Track 2 is the zero vector; 1 and 3 are opposite.
        var rows = AudioSimilarity.Build([1, 2, 3], [[0.0], [1.0], [2.0]], threshold: -1);

        AssertRows([(1, 3, -1, 0), (3, 1, -1, 0)], rows);
    }

    [Fact]
    public void Build_EqualCosines_TieBrokenByIdAndOutputSortedById()
    {
        // Input order 7, 9, 8; tracks 9 and 8 are identical, 7 is opposite both (cos −1). Top 1 of 7 is 8 (lower id).
        var rows = AudioSimilarity.Build([7, 9, 8], [[0.0], [2.0], [2.0]], topK: 1, threshold: -1);

        AssertRows([(7, 8, -1, 0), (8, 9, 1, 0), (9, 8, 1, 0)], rows);
    }

    [Fact]
    public void Build_LengthMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => AudioSimilarity.Build([1, 2], [[1.0]]));

    [Fact]
    public void Build_VectorLengthMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => AudioSimilarity.Build([1, 2], [[1.0, 2.0], [1.0]]));

    [Fact]
    public void Build_NonFiniteFeature_Throws() =>
        Assert.Throws<ArgumentException>(() => AudioSimilarity.Build([1, 2], [[1.0], [double.NaN]]));

    [Fact]
    public void Build_DuplicateTrackId_Throws() =>
        Assert.Throws<ArgumentException>(() => AudioSimilarity.Build([1, 1], [[1.0], [2.0]]));

    [Theory]
    [InlineData(1.5)]
    [InlineData(-1.01)]
    [InlineData(double.NaN)]
    public void Build_ThresholdOutsideRange_Throws(double threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioSimilarity.Build(Ids, Features, threshold: threshold));

    [Fact]
    public void Build_TopKZero_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioSimilarity.Build(Ids, Features, topK: 0));
}

using SoundGraph.Core.Catalog;
using SoundGraph.Learning.SongGraph;

namespace SoundGraph.Learning.Tests.SongGraph;

public class SongFeaturesTests
{
    private static AudioFeatureRow Row(long id, double dance, int key, int mode) =>
        new(id, new AudioFeatures(dance, 0.5, 0.1, 0.2, 0, 0.1, 0.5, -6, 120, key, mode, 4));

    [Fact]
    public void Encode_KeyOnPitchClassCircle_SinCosOfTwoPiKOverTwelve()
    {
        var e = SongFeatures.Encode(Row(1, 0.5, 3, 1)); // D#: 90°.
        Assert.Equal(13, e.Length);
        Assert.Equal(1.0, e[9], 12);
        Assert.Equal(0.0, e[10], 12);
        Assert.Equal(1.0, e[11]);
        Assert.Equal(4.0, e[12]);
    }

    [Fact]
    public void Encode_UnknownKey_IsTheCircleCentre()
    {
        var e = SongFeatures.Encode(Row(1, 0.5, -1, 0));
        Assert.Equal(0.0, e[9]);
        Assert.Equal(0.0, e[10]);
    }

    [Fact]
    public void Build_ThreeRows_ZScoresEachColumnAndZeroesConstantColumns()
    {
        // Danceability 0.2, 0.4, 0.6: mean 0.4, population σ = √(0.08/3) = 0.163299…, so z = −1.2247, 0, 1.2247.
        var f = SongFeatures.Build([Row(10, 0.2, 0, 1), Row(11, 0.4, 0, 1), Row(12, 0.6, 0, 0)]);
        Assert.Equal([10L, 11, 12], f.TrackIds);
        Assert.Equal(-Math.Sqrt(1.5), f.Row(0)[0], 12);
        Assert.Equal(0.0, f.Row(1)[0], 12);
        Assert.Equal(Math.Sqrt(1.5), f.Row(2)[0], 12);
        Assert.Equal(0.4, f.Means[0], 12);
        // Energy is 0.5 everywhere: constant → 0.
        Assert.Equal(0.0, f.Row(2)[1]);
        Assert.Equal(0.0, f.Deviations[1]);
        // Mode 1, 1, 0: mean 2/3, σ = √(2/9), the minor track sits at −√2.
        Assert.Equal(-Math.Sqrt(2), f.Row(2)[11], 12);
    }

    [Fact]
    public void Build_RepeatedTrack_Throws() =>
        Assert.Throws<ArgumentException>(() => SongFeatures.Build([Row(1, 0.2, 0, 1), Row(1, 0.3, 0, 1)]));
}

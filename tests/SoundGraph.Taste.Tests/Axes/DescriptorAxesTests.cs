using SoundGraph.Taste.Axes;

namespace SoundGraph.Taste.Tests.Axes;

public sealed class DescriptorAxesTests
{
    [Fact]
    public void FromSpotify_DirectFields_TakenWithConfidenceOneAndClipped()
    {
        var axes = DescriptorAxes.FromSpotify(new SpotifyDescriptors(Danceability: 0.7, Energy: 1.2, Valence: double.NaN, TempoBpm: 128, Mode: 1));

        Assert.Equal(new AxisValue(0.7, "spotify", 1), axes[MoodAxis.Danceability]);
        Assert.Equal(new AxisValue(1, "spotify", 1), axes[MoodAxis.Energy]);
        Assert.Equal(new AxisValue(128, "spotify", 1), axes[MoodAxis.Tempo]);
        Assert.False(axes.ContainsKey(MoodAxis.Valence));
        Assert.False(axes.ContainsKey(MoodAxis.ModeConfidence));
        Assert.Equal(3, axes.Count);
    }

    [Fact]
    public void FromSpotify_TempoZero_IsNoBeatAndLeftOut()
    {
        var axes = DescriptorAxes.FromSpotify(new SpotifyDescriptors(TempoBpm: 0));

        Assert.Empty(axes);
    }

    [Theory]
    [InlineData(500, 0)]
    [InlineData(300, 0)]
    [InlineData(1581.1388300841897, 0.5)] // 500 · √10: half-way on the log-frequency scale.
    [InlineData(5000, 1)]
    [InlineData(9000, 1)]
    public void FromLocalAudio_Centroid_BrightnessOnLogFrequency(double centroidHz, double expected)
    {
        var axes = DescriptorAxes.FromLocalAudio(new LocalAudioDescriptors(SpectralCentroidMeanHz: centroidHz));

        Assert.Equal(expected, axes[MoodAxis.Brightness].Value, 12);
        Assert.Equal(0.8, axes[MoodAxis.Brightness].Confidence);
        Assert.Equal("local-audio", axes[MoodAxis.Brightness].Method);
    }

    [Theory]
    [InlineData(8.0, 120.0, 0.6, 0.7, 0.5)] // 4 onsets per beat → density 1; (1 + 0.4) / 2.
    [InlineData(4.0, 120.0, null, 0.5, 0.3)] // 2 per beat → log₂2 / 2.
    [InlineData(2.0, null, null, 0.0, 0.3)] // unknown tempo read as 120 BPM: 1 per beat.
    [InlineData(1.0, 60.0, 1.0, 0.0, 0.5)] // 1 per beat on a steady beat.
    [InlineData(1.0, 120.0, 0.0, 0.5, 0.5)] // half a beat's onsets → density 0; no steady beat → 1.
    public void FromLocalAudio_OnsetsPerBeatAndStability_RhythmicComplexity(double onsets, double? tempo, double? tempoConfidence, double expected, double confidence)
    {
        var axes = DescriptorAxes.FromLocalAudio(new LocalAudioDescriptors(OnsetRatePerSecond: onsets, TempoBpm: tempo, TempoConfidence: tempoConfidence));

        Assert.Equal(expected, axes[MoodAxis.RhythmicComplexity].Value, 12);
        Assert.Equal(confidence, axes[MoodAxis.RhythmicComplexity].Confidence);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.25, 0.4)] // 2 · 0.25 / 1.25
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    public void FromLocalAudio_SideToMid_StereoSize(double sideToMid, double expected)
    {
        var axes = DescriptorAxes.FromLocalAudio(new LocalAudioDescriptors(SideToMid: sideToMid));

        Assert.Equal(expected, axes[MoodAxis.StereoSize].Value, 12);
    }

    [Fact]
    public void FromLocalAudio_FlatnessAndPercussiveRatio_TextureDensityMean()
    {
        var both = DescriptorAxes.FromLocalAudio(new LocalAudioDescriptors(SpectralFlatnessMean: 0.01, PercussiveToHarmonic: 1));
        var one = DescriptorAxes.FromLocalAudio(new LocalAudioDescriptors(PercussiveToHarmonic: 3));

        // Flatness 0.01: (−2 + 3) / 2.5 = 0.4; P/H 1: 1/2. Mean 0.45.
        Assert.Equal(0.45, both[MoodAxis.TextureDensity].Value, 12);
        Assert.Equal(0.5, both[MoodAxis.TextureDensity].Confidence);
        Assert.Equal(0.75, one[MoodAxis.TextureDensity].Value, 12);
        Assert.Equal(0.3, one[MoodAxis.TextureDensity].Confidence);
    }

    [Fact]
    public void FromLocalAudio_DirectFields_PumpinessModeTempoWithHeuristicConfidences()
    {
        var axes = DescriptorAxes.FromLocalAudio(new LocalAudioDescriptors(
            Pumpiness: 0.799, KeyConfidence: 0.35, TempoBpm: 128, TempoConfidence: 0.6, IntegratedLufs: -9));

        Assert.Equal(new AxisValue(0.799, "local-audio", 0.7), axes[MoodAxis.Pumpiness]);
        Assert.Equal(new AxisValue(0.35, "local-audio", 0.6), axes[MoodAxis.ModeConfidence]);
        Assert.Equal(128, axes[MoodAxis.Tempo].Value);
        Assert.Equal(0.54, axes[MoodAxis.Tempo].Confidence, 12);
        Assert.Equal(3, axes.Count);
        Assert.All(axes.Values, v => Assert.True(v.Confidence < 1));
    }

    [Fact]
    public void FromLocalAudio_NothingMeasured_NoAxes()
    {
        Assert.Empty(DescriptorAxes.FromLocalAudio(new LocalAudioDescriptors(TempoBpm: double.NaN, IntegratedLufs: -14)));
    }
}

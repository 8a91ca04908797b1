namespace SoundGraph.Taste.Tests;

public sealed class MoodAxisTests
{
    [Fact]
    public void Codes_AreTheIssuesNamesAndRoundTrip()
    {
        Assert.Equal(
            ["energy", "valence", "danceability", "brightness", "tempo", "rhythmic_complexity", "pumpiness", "texture_density", "stereo_size", "mode_confidence"],
            MoodAxes.All.Select(a => a.Code()));
        Assert.All(MoodAxes.All, a => Assert.Equal(a, MoodAxes.FromCode(a.Code().ToUpperInvariant())));
        Assert.Null(MoodAxes.FromCode("loudness"));
        Assert.Equal("BPM", MoodAxis.Tempo.Unit());
        Assert.Equal("0–1", MoodAxis.Energy.Unit());
    }
}

using SoundGraph.Audio.Spectral;
using SoundGraph.Audio.Stereo;

namespace SoundGraph.Audio.Tests;

/// <summary>Spectral descriptors and the stereo image on signals with known answers, generated here.</summary>
public sealed class SpectralAndStereoTests
{
    private const int Rate = 44100;

    [Fact]
    public void Spectral_PureTone_CentroidAtItsFrequencyFlatnessNearZero()
    {
        var stats = new SpectralStatistics(Rate);
        stats.Add(Tone(1000, 3));

        Assert.Equal(1000, stats.Centroid.Mean, 25.0);
        Assert.Equal(1000, stats.Rolloff.Mean, 25.0);
        Assert.InRange(stats.Flatness.Mean, 0, 0.01);
        // A 1 kHz sine crosses zero twice per cycle: 2,000 times a second.
        Assert.Equal(2000.0 / Rate, stats.ZeroCrossingRate, 1e-4);
    }

    [Fact]
    public void Spectral_WhiteNoise_CentroidAtAQuarterOfTheRateAndFlat()
    {
        var random = new Random(7);
        var noise = Enumerable.Range(0, Rate * 3).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var stats = new SpectralStatistics(Rate);
        stats.Add(noise);

        // Flat spectrum from 0 to 22,050 Hz: centroid at 11,025 Hz, 85 % of the power below 18,743 Hz.
        Assert.Equal(Rate / 4.0, stats.Centroid.Mean, 300.0);
        Assert.Equal(0.85 * Rate / 2, stats.Rolloff.Mean, 300.0);
        Assert.InRange(stats.Flatness.Mean, 0.5, 0.6); // exp(−γ) ≈ 0.56 for the periodogram of white noise
        Assert.Equal(0.5, stats.ZeroCrossingRate, 0.01);
    }

    [Fact]
    public void Spectral_SteadyToneHasLessFluxThanChangingTones()
    {
        var steady = new SpectralStatistics(Rate);
        steady.Add(Tone(440, 3));
        var changing = new SpectralStatistics(Rate);
        changing.Add(Enumerable.Range(0, 30).SelectMany(i => Tone(220 * (1 + (i % 5)), 0.1)).ToArray());

        Assert.True(changing.Flux.Mean > 5 * steady.Flux.Mean, $"{changing.Flux.Mean} vs {steady.Flux.Mean}");
    }

    [Fact]
    public void Stereo_IdenticalUnrelatedAndInvertedChannels_ReadWidthAndCorrelation()
    {
        var random = new Random(3);
        float[] left = Enumerable.Range(0, Rate).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        float[] other = Enumerable.Range(0, Rate).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();

        var same = Image(left, left);
        var unrelated = Image(left, other);
        var inverted = Image(left, left.Select(x => -x).ToArray());

        Assert.Equal((0.0, 1.0), (same.SideToMid, same.Correlation));
        Assert.Equal(1.0, unrelated.SideToMid, 0.02);
        Assert.Equal(0.0, unrelated.Correlation, 0.02);
        Assert.Equal(-1.0, inverted.Correlation, 1e-9);
        Assert.Throws<ArgumentException>(() => new StereoImage().Add(new float[3]));
    }

    private static StereoImage Image(float[] left, float[] right)
    {
        var image = new StereoImage();
        image.Add(left.Zip(right).SelectMany(p => new[] { p.First, p.Second }).ToArray());
        return image;
    }

    private static float[] Tone(double hz, double seconds) =>
        Enumerable.Range(0, (int)(seconds * Rate)).Select(n => (float)(0.5 * Math.Sin(2 * Math.PI * hz * n / Rate))).ToArray();
}

using SoundGraph.Audio.Spectral;

namespace SoundGraph.Audio.Tests;

/// <summary>The median-filter separation puts a steady sine in the harmonic part and a click train in the percussive part.</summary>
public sealed class HpssTests
{
    private const int Rate = 22050;

    [Fact]
    public void PercussiveToHarmonic_SteadySine_IsNearZero()
    {
        var sine = Enumerable.Range(0, Rate * 3).Select(n => (float)(0.5 * Math.Sin(2 * Math.PI * 440 * n / Rate))).ToArray();

        Assert.InRange(HarmonicPercussive.PercussiveToHarmonic(sine), 0, 0.01);
    }

    [Fact]
    public void PercussiveToHarmonic_ClickTrain_IsLarge()
    {
        var clicks = new float[Rate * 3];
        for (var n = 0; n < clicks.Length; n += Rate / 4)
        {
            clicks[n] = 1;
            clicks[n + 1] = -1;
        }

        Assert.InRange(HarmonicPercussive.PercussiveToHarmonic(clicks), 100, double.MaxValue);
        Assert.Equal(0, HarmonicPercussive.PercussiveToHarmonic(new float[100]));
    }
}

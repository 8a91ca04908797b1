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

    [Fact]
    public void PercussiveToHarmonic_SlidingMedians_EqualTheSortedWindowDefinition()
    {
        // The running medians (sorted window, shift in/out) against the definition: sort each clamped 17-value window.
        // Kicks, a chord and noise, so every median is exercised with ties, edges and silence-free rows.
        var random = new Random(5);
        var mix = Enumerable.Range(0, Rate * 4).Select(n =>
        {
            var t = (double)n / Rate;
            var kick = t % 0.5 < 0.2 ? Math.Exp(-(t % 0.5) / 0.05) * Math.Sin(2 * Math.PI * 55 * t) : 0;
            return (float)(kick + (0.2 * Math.Sin(2 * Math.PI * 330 * t)) + (0.05 * ((random.NextDouble() * 2) - 1)));
        }).ToArray();

        var fast = HarmonicPercussive.PercussiveToHarmonic(mix);

        Assert.Equal(Reference(mix), fast, Math.Abs(fast) * 1e-9);
    }

    /// <summary>Fitzgerald's separation written as the definition (the implementation before issue 15's speed work).</summary>
    private static double Reference(float[] mono)
    {
        const int length = 2048, hop = 512, median = 17;
        var frames = 1 + ((mono.Length - length) / hop);
        var bins = (length / 2) + 1;
        var magnitude = new List<float[]>();
        var stft = new StftFrames(length, hop, (re, im) => magnitude.Add([.. Enumerable.Range(0, bins).Select(k => MathF.Sqrt((re[k] * re[k]) + (im[k] * im[k])))]));
        stft.Add(mono);
        double harmonicEnergy = 0, percussiveEnergy = 0;
        for (var f = 0; f < frames; f++)
        {
            for (var k = 0; k < bins; k++)
            {
                double h = Enumerable.Range(0, median).Select(i => magnitude[Math.Clamp(f + i - (median / 2), 0, frames - 1)][k]).Order().ElementAt(median / 2);
                double p = Enumerable.Range(0, median).Select(i => magnitude[f][Math.Clamp(k + i - (median / 2), 0, bins - 1)]).Order().ElementAt(median / 2);
                double h2 = h * h, p2 = p * p, m = magnitude[f][k];
                if (h2 + p2 > 0)
                {
                    harmonicEnergy += m * m * h2 / (h2 + p2);
                    percussiveEnergy += m * m * p2 / (h2 + p2);
                }
            }
        }

        return percussiveEnergy / harmonicEnergy;
    }
}

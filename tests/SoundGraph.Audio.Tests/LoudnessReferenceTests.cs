using System.Numerics;
using SoundGraph.Audio.Loudness;
using SoundGraph.Audio.Stereo;

namespace SoundGraph.Audio.Tests;

/// <summary>Issue 15's −23 LUFS pink-noise stereo reference, generated here with a loudness known analytically rather than
/// measured: a pink multisine (equal-amplitude tones spaced evenly in log frequency, 20 Hz–20 kHz, so equal power per
/// octave; seeded random phases, different in each channel). For a sum of sinusoids the K-weighted mean square is
/// Σ A²/2·|H(f)|², with H the frequency response of ITU-R BS.1770-4's 48 kHz K-weighting coefficients (Tables 1 and 2,
/// typed in below, not taken from the meter), so the amplitudes are scaled to make the reference exactly −23.000 LUFS.</summary>
public sealed class LoudnessReferenceTests
{
    private const int Rate = 48000;
    private const int Tones = 60;
    private const double Seconds = 10;

    [Theory]
    [InlineData(-23.0)]
    [InlineData(-29.0)]
    public void Integrated_PinkMultisineStereoReference_WithinATenthOfAnLu(double referenceLufs)
    {
        var stereo = PinkMultisine(referenceLufs, identicalChannels: false);
        var meter = new LoudnessMeter(Rate, 2);
        meter.Add(stereo);

        var result = meter.Result();

        Assert.Equal(referenceLufs, result.IntegratedLufs, 0.1); // measured: −22.99937 (0.0006 LU off)
        Assert.Equal(0, result.LoudnessRangeLu, 0.1); // a steady signal: no range
    }

    [Fact]
    public void Stereo_PinkReferenceWithIdenticalChannels_HasWidthZero()
    {
        var image = new StereoImage();
        image.Add(PinkMultisine(-23, identicalChannels: true));

        Assert.Equal(0, image.SideToMid);
        Assert.Equal(1, image.Correlation, 1e-12);
    }

    /// <summary>10 s of interleaved stereo at 48 kHz whose BS.1770 loudness is exactly <paramref name="lufs"/>.</summary>
    private static float[] PinkMultisine(double lufs, bool identicalChannels)
    {
        var random = new Random(23);
        var hz = Enumerable.Range(0, Tones).Select(i => 20 * Math.Pow(1000, i / (Tones - 1.0))).ToArray();
        var phases = new double[2][];
        phases[0] = hz.Select(_ => random.NextDouble() * 2 * Math.PI).ToArray();
        phases[1] = identicalChannels ? phases[0] : hz.Select(_ => random.NextDouble() * 2 * Math.PI).ToArray();

        // Two channels of weight 1, each Σ A²/2·|H|² with one amplitude A for every tone: solve for A.
        var weightedPower = 2 * hz.Sum(f => 0.5 * KWeightingPower(f));
        var amplitude = Math.Sqrt(Math.Pow(10, (lufs + 0.691) / 10) / weightedPower);

        var n = (int)(Seconds * Rate);
        var samples = new float[2 * n];
        for (var c = 0; c < 2; c++)
        {
            for (var t = 0; t < Tones; t++)
            {
                // A rotation per sample instead of a sine call; the phase restarts exactly every second against drift.
                double cs = Math.Cos(2 * Math.PI * hz[t] / Rate), sn = Math.Sin(2 * Math.PI * hz[t] / Rate), re = 0, im = 0;
                for (var i = 0; i < n; i++)
                {
                    if (i % Rate == 0)
                    {
                        var phase = phases[c][t] + (2 * Math.PI * hz[t] * (i / Rate));
                        (re, im) = (amplitude * Math.Cos(phase), amplitude * Math.Sin(phase));
                    }

                    samples[(2 * i) + c] += (float)im;
                    (re, im) = ((re * cs) - (im * sn), (re * sn) + (im * cs));
                }
            }
        }

        return samples;
    }

    /// <summary>|H(f)|² of BS.1770-4's K-weighting at 48 kHz: the pre-filter (Table 1) times the RLB high-pass (Table 2).</summary>
    private static double KWeightingPower(double hz)
    {
        var z = Complex.FromPolarCoordinates(1, -2 * Math.PI * hz / Rate); // z⁻¹
        var shelf = (1.53512485958697 + (-2.69169618940638 * z) + (1.19839281085285 * z * z))
            / (1 + (-1.69065929318241 * z) + (0.73248077421585 * z * z));
        var highPass = (1 - (2 * z) + (z * z)) / (1 + (-1.99004745483398 * z) + (0.99007225036621 * z * z));
        var h = shelf * highPass;
        return (h * Complex.Conjugate(h)).Real;
    }
}

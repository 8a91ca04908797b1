using SoundGraph.Audio.Loudness;

namespace SoundGraph.Audio.Tests;

/// <summary>The loudness meter against the test signals of EBU Tech 3341 (integrated loudness) and EBU Tech 3342 (loudness
/// range), generated here: 1 kHz sines at given dBFS (peak) levels, whose expected values the documents state.</summary>
public sealed class LoudnessMeterTests
{
    [Fact]
    public void KWeighting_At48kHz_MatchesTheCoefficientsTabulatedInBs1770()
    {
        var (shelf, highPass) = KWeighting.Create(48000);
        var s = shelf.Coefficients;
        var h = highPass.Coefficients;

        // ITU-R BS.1770-4 Table 1 (pre-filter) and Table 2 (RLB filter).
        Assert.Equal(1.53512485958697, s.B0, 1e-8);
        Assert.Equal(-2.69169618940638, s.B1, 1e-8);
        Assert.Equal(1.19839281085285, s.B2, 1e-8);
        Assert.Equal(-1.69065929318241, s.A1, 1e-8);
        Assert.Equal(0.73248077421585, s.A2, 1e-8);
        Assert.Equal((1.0, -2.0, 1.0), (h.B0, h.B1, h.B2));
        Assert.Equal(-1.99004745483398, h.A1, 1e-8);
        Assert.Equal(0.99007225036621, h.A2, 1e-8);
    }

    [Theory]
    [InlineData(48000, -23.0)]
    [InlineData(44100, -23.0)]
    [InlineData(48000, -33.0)]
    public void Integrated_StereoSine_ReadsItsLevel(int rate, double dbfs)
    {
        // EBU Tech 3341 cases 1 and 2: a stereo 1 kHz sine at −23 (−33) dBFS reads −23.0 (−33.0) LUFS ± 0.1.
        var result = Measure(rate, 2, (20, dbfs));

        Assert.Equal(dbfs, result.IntegratedLufs, 0.1);
        Assert.Equal(dbfs, result.MaxMomentaryLufs, 0.1);
        Assert.Equal(dbfs, result.MaxShortTermLufs, 0.1);
        Assert.Equal(0, result.LoudnessRangeLu, 0.1);
    }

    [Fact]
    public void Integrated_QuietLeadInAndOut_AreGatedOutRelatively()
    {
        // EBU Tech 3341 case 3: −36 / −23 / −36 dBFS for 10 / 60 / 10 s reads −23.0 LUFS ± 0.1.
        Assert.Equal(-23.0, Measure(48000, 2, (10, -36), (60, -23), (10, -36)).IntegratedLufs, 0.1);
    }

    [Fact]
    public void Integrated_NearSilence_IsGatedOutAbsolutely()
    {
        // EBU Tech 3341 case 4: −72 / −36 / −23 / −36 / −72 dBFS for 10 / 10 / 60 / 10 / 10 s reads −23.0 LUFS ± 0.1.
        Assert.Equal(-23.0, Measure(48000, 2, (10, -72), (10, -36), (60, -23), (10, -36), (10, -72)).IntegratedLufs, 0.1);
    }

    [Theory]
    [InlineData(10.0, new[] { -20.0, -30.0 })]
    [InlineData(5.0, new[] { -20.0, -15.0 })]
    [InlineData(20.0, new[] { -40.0, -20.0 })]
    [InlineData(15.0, new[] { -50.0, -35.0, -20.0, -35.0, -50.0 })]
    public void LoudnessRange_Ebu3342Cases_ReadTheirRange(double expectedLu, double[] levels)
    {
        // EBU Tech 3342 cases 1–4: 20 s segments of a stereo 1 kHz sine at each level; LRA within ± 1 LU.
        var result = Measure(48000, 2, levels.Select(l => (20.0, l)).ToArray());

        Assert.Equal(expectedLu, result.LoudnessRangeLu, 1.0);
    }

    [Fact]
    public void Integrated_MonoFullScaleSine_ReadsMinus3Point01()
    {
        // BS.1770-4 §2.1: a 0 dBFS 1 kHz sine in one channel reads −3.01 LKFS.
        Assert.Equal(-3.01, Measure(48000, 1, (5, 0)).IntegratedLufs, 0.05);
    }

    [Fact]
    public void Peaks_SineAtAQuarterOfTheRateBetweenItsPeaks_TruePeakFindsTheCrest()
    {
        // fs/4 with a 45° phase: every sample lands at ±√½ of the crest, so the sample peak is −3.01 dBFS while the true
        // peak is 0 dBTP (BS.1770-4 Annex 2's motivating case).
        const int rate = 48000;
        var samples = new float[rate];
        for (var n = 0; n < samples.Length; n++)
        {
            samples[n] = (float)Math.Sin((2 * Math.PI * n / 4) + (Math.PI / 4));
        }

        var meter = new LoudnessMeter(rate, 1);
        meter.Add(samples);
        var result = meter.Result();

        Assert.Equal(-3.01, result.SamplePeakDbfs, 0.01);
        Assert.Equal(0.0, result.TruePeakDbtp, 0.2);
        Assert.Equal(result.TruePeakDbtp - result.IntegratedLufs, result.PeakToLoudnessRatio, 1e-12);
    }

    [Fact]
    public void Result_SilenceOrTooShort_IsMinusInfinityWithoutRange()
    {
        var silence = Measure(48000, 2, (5, double.NegativeInfinity));
        var short300Ms = Measure(48000, 2, (0.3, -20));

        Assert.True(double.IsNegativeInfinity(silence.IntegratedLufs));
        Assert.True(double.IsNegativeInfinity(silence.SamplePeakDbfs));
        Assert.True(double.IsNaN(silence.PeakToLoudnessRatio));
        Assert.Equal(0, silence.LoudnessRangeLu);
        Assert.True(double.IsNegativeInfinity(short300Ms.IntegratedLufs));
        Assert.Equal(0.3, short300Ms.DurationSeconds, 1e-9);
    }

    [Fact]
    public void Add_PartialFrame_IsRefusedAndUnknownLayoutsNeedWeights()
    {
        var meter = new LoudnessMeter(44100, 2);

        Assert.Throws<ArgumentException>(() => meter.Add(new float[3]));
        Assert.Throws<ArgumentException>(() => new LoudnessMeter(44100, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoudnessMeter(44100, 2, [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoudnessMeter(4000, 1));
    }

    /// <summary>Feeds consecutive segments (seconds, dBFS peak level of a 1 kHz sine, the same in every channel) in 4,096-frame
    /// chunks and returns the result.</summary>
    private static LoudnessResult Measure(int rate, int channels, params (double Seconds, double Dbfs)[] segments)
    {
        var meter = new LoudnessMeter(rate, channels);
        var chunk = new float[4096 * channels];
        long n = 0;
        foreach (var (seconds, dbfs) in segments)
        {
            var amplitude = double.IsNegativeInfinity(dbfs) ? 0 : Math.Pow(10, dbfs / 20);
            var frames = (long)Math.Round(seconds * rate);
            while (frames > 0)
            {
                var count = (int)Math.Min(4096, frames);
                for (var f = 0; f < count; f++, n++)
                {
                    var x = (float)(amplitude * Math.Sin(2 * Math.PI * 1000 * n / rate));
                    for (var c = 0; c < channels; c++)
                    {
                        chunk[(f * channels) + c] = x;
                    }
                }

                meter.Add(chunk.AsSpan(0, count * channels));
                frames -= count;
            }
        }

        return meter.Result();
    }
}

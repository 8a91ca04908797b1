using NWaves.FeatureExtractors;
using NWaves.FeatureExtractors.Options;
using NWaves.Windows;
using SoundGraph.Audio.Loudness;
using SoundGraph.Audio.Spectral;

namespace SoundGraph.Audio.Tests;

/// <summary>The pieces of issue 15's speed work against the slower definitions they replace: MFCC from the shared spectrum
/// against NWaves' own extractor, the vectorized medians against sorting, the pruned block true-peak meter against the
/// per-sample filter, and the streaming analysis against its block size.</summary>
public sealed class SharedSpectrumTests
{
    private const int Rate = 44100;

    [Fact]
    public void Mfcc_FromTheSharedSpectrum_AgreesWithNWavesMfccExtractor()
    {
        // A chord with a changing bass and a little noise: every coefficient moves. NWaves frames with a symmetric Hann
        // window, the shared STFT with a periodic one, so the two agree closely but not bit for bit.
        var signal = Chord(4);
        var extractor = new MfccExtractor(new MfccOptions { SamplingRate = Rate, FeatureCount = 13, FrameSize = 2048, HopSize = 1024, FilterBankSize = 26, Window = WindowType.Hann });
        var vectors = extractor.ComputeFrom(signal);
        var mfcc = new MfccStatistics(Rate);
        var stft = new StftFrames(2048, 1024, mfcc.AddSpectrum);
        stft.Add(signal);

        Assert.Equal(vectors.Count, mfcc.Frames);
        for (var c = 0; c < 13; c++)
        {
            var values = vectors.Select(v => (double)v[c]).ToArray();
            var mean = values.Average();
            var sd = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
            Assert.Equal(mean, mfcc.Mean[c], 0.05);
            Assert.Equal(sd, mfcc.Sd[c], 0.05);
        }

        Assert.InRange(Math.Abs(mfcc.Mean[1]), 0.1, double.MaxValue);
    }

    [Theory]
    [InlineData(40, 37)]
    [InlineData(5, 3)]
    [InlineData(1, 1)]
    [InlineData(17, 1025)]
    public void MedianFilter_BothDirections_EqualSortingEachClampedWindow(int rows, int columns)
    {
        var random = new Random(rows * columns);

        // Few distinct values, so ties are everywhere.
        var matrix = Enumerable.Range(0, rows * columns).Select(_ => (float)random.Next(0, 6)).ToArray();
        var down = new float[matrix.Length];
        var across = new float[matrix.Length];

        MedianFilter.AlongColumns(matrix, rows, columns, down);
        MedianFilter.AlongRows(matrix, rows, columns, across);

        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var column = Enumerable.Range(-8, 17).Select(i => matrix[(Math.Clamp(r + i, 0, rows - 1) * columns) + c]).Order().ElementAt(8);
                var row = Enumerable.Range(-8, 17).Select(i => matrix[(r * columns) + Math.Clamp(c + i, 0, columns - 1)]).Order().ElementAt(8);
                Assert.Equal(column, down[(r * columns) + c]);
                Assert.Equal(row, across[(r * columns) + c]);
            }
        }
    }

    [Fact]
    public void MedianFilter_Network_IsSmallerThanSortingAndPruned()
    {
        // Batcher's network for 32 inputs has 191 comparators; restricted to 17 and to the middle output it must be far
        // smaller than a full odd–even transposition sort of 17 (136), or the vectorization buys little.
        Assert.InRange(MedianFilter.Network.Length, 40, 100);
        Assert.All(MedianFilter.Network, c => Assert.True(c.I < c.J && c.J < MedianFilter.Window));
    }

    [Theory]
    [InlineData("crescendo")]
    [InlineData("late intersample peak")]
    [InlineData("noise")]
    public void TruePeak_PrunedBlocks_EqualThePerSampleFilter(string kind)
    {
        var random = new Random(3);
        var n = Rate * 2;
        var x = kind switch
        {
            // Every block is louder than the last: nothing can be skipped.
            "crescendo" => Enumerable.Range(0, n).Select(i => (float)(i / (double)n * Math.Sin(2 * Math.PI * 997 * i / Rate))).ToArray(),

            // Quiet noise, then (faded in over 400 samples, so no onset transient) a full-scale sine at fs/4 with a 45°
            // phase: its crest falls between the samples.
            "late intersample peak" => Enumerable.Range(0, n).Select(i => i > n - 2000
                ? (float)(Math.Min(1, (i - (n - 2000)) / 400.0) * Math.Sin((Math.PI / 2 * i) + (Math.PI / 4)))
                : (float)(0.1 * ((random.NextDouble() * 2) - 1))).ToArray(),
            _ => Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray(),
        };

        var meter = new TruePeakMeter();
        for (var at = 0; at < n;)
        {
            var take = Math.Min(n - at, random.Next(1, 5000));
            meter.Add(x.AsSpan(at, take));
            at += take;
        }

        var reference = ReferenceTruePeak(x);
        Assert.Equal(reference, meter.Peak, reference * 1e-5);
        if (kind == "late intersample peak")
        {
            // Sample values reach sin(45°) = 0.707; the crest between them is 1 (the meter's stated ±0.2 dB).
            Assert.InRange(meter.Peak, 0.977, 1.023);
        }
    }

    [Fact]
    public void StreamingAnalysis_AnyBlockSize_GivesTheSameFeatures()
    {
        var stereo = Stereo(Chord(6));
        var one = Analyse(stereo, stereo.Length);
        var small = Analyse(stereo, 2 * 777);

        Assert.Equal(one.Frames, small.Frames);
        Assert.Equal(one.Loudness.IntegratedLufs, small.Loudness.IntegratedLufs, 1e-9);
        Assert.Equal(one.Loudness.TruePeakDbtp, small.Loudness.TruePeakDbtp, 1e-9);
        Assert.Equal(one.Tempo?.Bpm, small.Tempo?.Bpm);
        Assert.Equal(one.Key, small.Key);
        Assert.Equal(one.SpectralCentroidHz.Mean, small.SpectralCentroidHz.Mean, 1e-9);
        Assert.Equal(one.MfccMean, small.MfccMean);
        Assert.Equal(one.PercussiveToHarmonic, small.PercussiveToHarmonic, 1e-12);
        Assert.Equal(one.Pumpiness, small.Pumpiness, 1e-12);
    }

    [Fact]
    public void StreamingAnalysis_KeepsTheCentredThirtySecondsForTheSeparation()
    {
        // 40 s: a quiet sine for 20 s (harmonic), then 5 ms noise bursts every 250 ms for 20 s (percussive). Knowing the
        // length, it keeps 5–35 s (15 s of each); told nothing, 0–30 s (20 s of sine, 10 s of bursts): the percussive ratio
        // of the centred slice is about twice the other.
        var random = new Random(2);
        var n = Rate * 40;
        var mono = Enumerable.Range(0, n).Select(i =>
        {
            var t = (double)i / Rate;
            return t < 20 ? (float)(0.05 * Math.Sin(2 * Math.PI * 440 * t)) : t % 0.25 < 0.005 ? (float)((random.NextDouble() * 1.6) - 0.8) : 0f;
        }).ToArray();

        var centred = new StreamingAnalysis(Rate, 1, n);
        var unknown = new StreamingAnalysis(Rate, 1);
        centred.Add(mono);
        unknown.Add(mono);

        Assert.InRange(centred.Finish().PercussiveToHarmonic, unknown.Finish().PercussiveToHarmonic * 1.5, double.MaxValue);
    }

    private static StreamingFeatures Analyse(float[] stereo, int block)
    {
        var analysis = new StreamingAnalysis(Rate, 2, stereo.Length / 2);
        for (var at = 0; at < stereo.Length; at += block)
        {
            analysis.Add(stereo.AsSpan(at, Math.Min(block, stereo.Length - at)));
        }

        return analysis.Finish();
    }

    /// <summary>BS.1770-4 Annex 2 as the per-sample definition: every phase of the 4× interpolator at every sample, in
    /// double precision, with the meter's coefficients and zeros before the first sample.</summary>
    private static double ReferenceTruePeak(float[] x)
    {
        var peak = 0.0;
        for (var n = 0; n < x.Length; n++)
        {
            foreach (var phase in TruePeakMeter.PhaseCoefficients)
            {
                var y = 0.0;
                for (var t = 0; t < phase.Length && t <= n; t++)
                {
                    y += (double)phase[t] * x[n - t];
                }

                peak = Math.Max(peak, Math.Abs(y));
            }
        }

        return peak;
    }

    private static float[] Chord(double seconds)
    {
        var random = new Random(11);
        return [.. Enumerable.Range(0, (int)(seconds * Rate)).Select(i =>
        {
            var t = (double)i / Rate;
            var bass = t % 2 < 1 ? 110 : 146.83;
            var kick = t % 0.5 < 0.1 ? Math.Exp(-(t % 0.5) / 0.03) * Math.Sin(2 * Math.PI * 60 * t) : 0;
            return (float)((0.3 * Math.Sin(2 * Math.PI * bass * t)) + (0.2 * Math.Sin(2 * Math.PI * 440 * t)) + (0.15 * Math.Sin(2 * Math.PI * 554.37 * t)) + (0.5 * kick) + (0.02 * ((random.NextDouble() * 2) - 1)));
        })];
    }

    private static float[] Stereo(float[] mono)
    {
        var stereo = new float[mono.Length * 2];
        for (var i = 0; i < mono.Length; i++)
        {
            stereo[2 * i] = mono[i];
            stereo[(2 * i) + 1] = 0.8f * mono[i];
        }

        return stereo;
    }
}

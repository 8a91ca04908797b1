using System.Numerics.Tensors;
using NWaves.Transforms;

namespace SoundGraph.Audio.Spectral;

/// <summary>
/// The percussive-to-harmonic energy ratio by median-filter separation (D. Fitzgerald 2010, "Harmonic/percussive separation
/// using median filtering", DAFx-10): on the magnitude spectrogram (Hann, 2,048-point NWaves <see cref="RealFft"/> frames,
/// hop 512), a 17-frame median along time keeps the harmonic (horizontal) part and a 17-bin median along frequency the
/// percussive (vertical) part; Wiener masks H²/(H²+P²) and P²/(H²+P²) split each bin's energy, and the ratio of the two
/// sums is returned. Nothing is resynthesized: the ratio is computed in the spectral domain.
/// </summary>
/// <remarks>Written here rather than taken from NWaves' <c>HarmonicPercussiveSeparator</c>: in NWaves 0.9.6 a steady sine
/// came back only 3:1 harmonic, with its level scaled by ~10⁴, while this separation puts it ≥ 100:1 harmonic (tests).</remarks>
public static class HarmonicPercussive
{
    private const int FrameLength = 2048;
    private const int Hop = 512;
    private const int Median = MedianFilter.Window;

    /// <summary>Percussive over harmonic energy of <paramref name="mono"/> (0 when shorter than one frame or silent).</summary>
    public static double PercussiveToHarmonic(ReadOnlySpan<float> mono)
    {
        var frames = mono.Length < FrameLength ? 0 : 1 + ((mono.Length - FrameLength) / Hop);
        if (frames == 0)
        {
            return 0;
        }

        var bins = (FrameLength / 2) + 1;

        // Magnitudes frame-major (frames × bins): the harmonic median runs down each bin's column (along time), the
        // percussive one along each frame's row (along frequency), both vectorized (MedianFilter).
        var byFrame = new float[frames * bins];
        var frame = 0;
        var stft = new StftFrames(FrameLength, Hop, (re, im) =>
        {
            var row = byFrame.AsSpan(frame * bins, bins);
            TensorPrimitives.Multiply(re, re, row);
            TensorPrimitives.MultiplyAdd(im, im, row, row);
            TensorPrimitives.Sqrt(row, row);
            frame++;
        });
        stft.Add(mono);

        var harmonic = new float[frames * bins];
        var percussive = new float[frames * bins];
        MedianFilter.AlongColumns(byFrame, frames, bins, harmonic);
        MedianFilter.AlongRows(byFrame, frames, bins, percussive);

        double harmonicEnergy = 0, percussiveEnergy = 0;
        for (var x = 0; x < byFrame.Length; x++)
        {
            double h = harmonic[x], p = percussive[x];
            double h2 = h * h, p2 = p * p;
            if (h2 + p2 <= 0)
            {
                continue;
            }

            double m = byFrame[x];
            var energy = m * m;
            harmonicEnergy += energy * h2 / (h2 + p2);
            percussiveEnergy += energy * p2 / (h2 + p2);
        }

        return harmonicEnergy > 0 ? percussiveEnergy / harmonicEnergy : 0;
    }
}

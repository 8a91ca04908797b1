using System.Numerics.Tensors;

namespace SoundGraph.Audio.Loudness;

/// <summary>True-peak level per ITU-R BS.1770-4 Annex 2: the signal is oversampled 4× by a polyphase low-pass FIR interpolator
/// and the largest absolute value of the result is the true peak (one meter per channel).</summary>
/// <remarks>The interpolator is SoundGraph's own design, as Annex 2 allows ("the filter ... an example"): a 48-tap
/// (12 per phase) sinc low-pass at the original Nyquist frequency, Kaiser window β = 8, each phase normalized to unit DC
/// gain. Its passband is flat within 0.1 dB to 0.4 · fs, so a full-scale sine reads within ±0.2 dB of its analytic peak
/// up to ~18 kHz at 44.1 kHz.
/// <para>Blocks of samples are filtered in single precision, vectorized (TensorPrimitives), 256 output positions at a time,
/// and a chunk is skipped when it cannot raise the peak: every interpolated value is a weighted sum of 12 samples, so it is
/// at most G · max|x| over those samples, G = max over phases of Σ|h| (≈ 1.2). The skip is exact, not an approximation:
/// once the loudest passage has been measured, quieter chunks cost one max-magnitude scan.</para></remarks>
internal sealed class TruePeakMeter
{
    /// <summary>Oversampling factor.</summary>
    public const int Factor = 4;

    private const int TapsPerPhase = 12;
    private const int History = TapsPerPhase - 1;
    private const int Chunk = 256;
    private static readonly float[][] Phases = [.. Design().Select(p => p.Select(v => (float)v).ToArray())];

    /// <summary>The interpolator's phases (<see cref="Factor"/> × 12 taps; tap t weights the sample t steps back).</summary>
    internal static IReadOnlyList<float[]> PhaseCoefficients => Phases;

    /// <summary>G: the largest gain any phase can apply to a signal bounded by 1 (max over phases of Σ|h|).</summary>
    private static readonly float Gain = Phases.Max(p => p.Sum(MathF.Abs)) * 1.0001f;

    private readonly float[] _acc = new float[Chunk];
    private float[] _x = new float[History + 8192];

    /// <summary>The largest absolute interpolated value seen so far (linear, full scale 1).</summary>
    public double Peak { get; private set; }

    /// <summary>Feeds one sample.</summary>
    public void Add(double x) => Add([(float)x]);

    /// <summary>Feeds consecutive samples of one channel.</summary>
    public void Add(ReadOnlySpan<float> samples)
    {
        if (_x.Length < History + samples.Length)
        {
            var grown = new float[History + samples.Length];
            _x.AsSpan(0, History).CopyTo(grown);
            _x = grown;
        }

        // _x[0 … History) holds the previous block's last samples (zeros at the start), the new ones follow.
        samples.CopyTo(_x.AsSpan(History));
        var peak = (float)Peak;
        for (var start = 0; start < samples.Length; start += Chunk)
        {
            var length = Math.Min(Chunk, samples.Length - start);

            // Output j of this chunk reads _x[start + j … start + j + History].
            if (Gain * MathF.Abs(TensorPrimitives.MaxMagnitude(_x.AsSpan(start, length + History))) <= peak)
            {
                continue;
            }

            var acc = _acc.AsSpan(0, length);
            foreach (var phase in Phases)
            {
                // y[j] = Σ_t h[t] · x[n − t], x[n − t] = _x[start + j + History − t].
                TensorPrimitives.Multiply(_x.AsSpan(start + History, length), phase[0], acc);
                for (var t = 1; t < TapsPerPhase; t++)
                {
                    TensorPrimitives.MultiplyAdd(_x.AsSpan(start + History - t, length), phase[t], acc, acc);
                }

                peak = Math.Max(peak, MathF.Abs(TensorPrimitives.MaxMagnitude(acc)));
            }
        }

        Peak = peak;
        _x.AsSpan(samples.Length, History).CopyTo(_x);
    }

    private static double[][] Design()
    {
        const int length = Factor * TapsPerPhase;
        const double beta = 8.0;
        var h = new double[length];
        var centre = (length - 1) / 2.0;
        for (var n = 0; n < length; n++)
        {
            var x = (n - centre) / Factor;
            var sinc = x == 0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
            var r = (n - centre) / centre;
            h[n] = sinc * BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - (r * r)))) / BesselI0(beta);
        }

        var phases = new double[Factor][];
        for (var p = 0; p < Factor; p++)
        {
            phases[p] = new double[TapsPerPhase];
            var sum = 0.0;
            for (var t = 0; t < TapsPerPhase; t++)
            {
                phases[p][t] = h[(t * Factor) + p];
                sum += phases[p][t];
            }

            for (var t = 0; t < TapsPerPhase; t++)
            {
                phases[p][t] /= sum;
            }
        }

        return phases;
    }

    /// <summary>The modified Bessel function of the first kind, order 0 (power series; converges fast for the β used).</summary>
    private static double BesselI0(double x)
    {
        double sum = 1, term = 1;
        for (var k = 1; k < 50; k++)
        {
            term *= x * x / (4.0 * k * k);
            sum += term;
            if (term < 1e-17 * sum)
            {
                break;
            }
        }

        return sum;
    }
}

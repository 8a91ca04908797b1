using System.Numerics.Tensors;
using NWaves.Filters.Fda;
using NWaves.Transforms;

namespace SoundGraph.Audio.Spectral;

/// <summary>MFCC 1–13 (Davis and Mermelstein 1980, "Comparison of parametric representations for monosyllabic word
/// recognition in continuously spoken sentences", IEEE TASSP 28(4)) summarized as mean and standard deviation over the
/// frames of a shared Hann-windowed 2,048/1,024 <see cref="StftFrames"/>: the power spectrum through NWaves' 26-band
/// triangular mel filter bank (<see cref="FilterBanks.MelBands(int, int, double, double, bool)"/>, 0 Hz to Nyquist), log10
/// with NWaves' floor (float ε), and NWaves' normalized DCT-II (<see cref="Dct2.DirectNorm"/>), coefficients 0–12 — the
/// definition of NWaves' <c>MfccExtractor</c> with those options, computed from the spectrum the other spectral
/// extractors already have instead of a second FFT of every frame (a test checks the two agree).</summary>
public sealed class MfccStatistics
{
    /// <summary>Coefficients kept.</summary>
    public const int Coefficients = 13;

    /// <summary>Mel bands.</summary>
    public const int MelBands = 26;

    private readonly float[][] _filterBank;
    private readonly (int From, int Length)[] _support;
    private readonly Dct2 _dct = new(MelBands);
    private readonly float[] _power;
    private readonly float[] _mel = new float[MelBands];
    private readonly float[] _cepstrum = new float[MelBands];
    private readonly double[] _sum = new double[Coefficients];
    private readonly double[] _sumOfSquares = new double[Coefficients];
    private readonly long[] _count = new long[Coefficients];
    private long _frames;

    /// <summary>Creates the statistics for spectra of <paramref name="frameLength"/>-sample frames at
    /// <paramref name="sampleRate"/> Hz.</summary>
    public MfccStatistics(int sampleRate, int frameLength = SpectralStatistics.FrameLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameLength, 64);
        _filterBank = FilterBanks.Triangular(frameLength, sampleRate, FilterBanks.MelBands(MelBands, sampleRate));
        _power = new float[(frameLength / 2) + 1];
        _support = [.. _filterBank.Select(Support)];
    }

    /// <summary>Frames summarized so far.</summary>
    public long Frames => _frames;

    /// <summary>Mean per coefficient 0–12 (zeros when no frame was added; non-finite values are left out).</summary>
    public double[] Mean => [.. _sum.Select((s, c) => _count[c] == 0 ? 0 : s / _count[c])];

    /// <summary>Population standard deviation per coefficient 0–12 (zeros when no frame was added; non-finite values are left out).</summary>
    public double[] Sd => [.. _sum.Select((s, c) => _count[c] == 0 ? 0 : Math.Sqrt(Math.Max(0, (_sumOfSquares[c] / _count[c]) - ((s / _count[c]) * (s / _count[c])))))];

    /// <summary>The bins where a filter's weight is not zero (first, count).</summary>
    private static (int From, int Length) Support(float[] weights)
    {
        var from = Array.FindIndex(weights, w => w != 0);
        return from < 0 ? (0, 0) : (from, Array.FindLastIndex(weights, w => w != 0) - from + 1);
    }

    /// <summary>Adds one frame's spectrum (bins 0 … N/2 of a Hann-windowed frame, as <see cref="StftFrames"/> hands it on).</summary>
    /// <exception cref="ArgumentException">The spectrum has another bin count than the frame length given.</exception>
    public void AddSpectrum(float[] re, float[] im)
    {
        ArgumentNullException.ThrowIfNull(re);
        ArgumentNullException.ThrowIfNull(im);
        if (re.Length != _power.Length || im.Length != _power.Length)
        {
            throw new ArgumentException($"An MFCC frame has {_power.Length} bins, not {re.Length}.", nameof(re));
        }

        TensorPrimitives.Multiply(re, re, _power);
        TensorPrimitives.MultiplyAdd(im, im, _power, _power);

        // NWaves' FilterBanks.ApplyAndLog10 (log10 of max(Σ w·P, float ε)), summed over each triangle's non-zero bins only.
        for (var b = 0; b < MelBands; b++)
        {
            var (from, length) = _support[b];
            var energy = length == 0 ? 0 : TensorPrimitives.Dot(_filterBank[b].AsSpan(from, length), _power.AsSpan(from, length));
            _mel[b] = (float)Math.Log10(Math.Max(energy, float.Epsilon));
        }

        _dct.DirectNorm(_mel, _cepstrum);
        for (var c = 0; c < Coefficients; c++)
        {
            double v = _cepstrum[c];
            if (!double.IsFinite(v))
            {
                continue;
            }

            _sum[c] += v;
            _sumOfSquares[c] += v * v;
            _count[c]++;
        }

        _frames++;
    }
}

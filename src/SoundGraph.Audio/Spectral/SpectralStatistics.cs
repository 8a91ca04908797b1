using System.Numerics.Tensors;
using NWaves.Transforms;

namespace SoundGraph.Audio.Spectral;

/// <summary>Frame-wise spectral descriptors of a mono stream, summarized as mean and standard deviation (Peeters 2004, "A
/// large set of audio features for sound description", CUIDADO report): Hann-windowed 2,048-sample frames, hop 1,024,
/// NWaves' <see cref="RealFft"/>. Silent frames (no energy) are left out.</summary>
/// <remarks><list type="bullet">
/// <item>Centroid, Hz: Σ f·|X(f)| / Σ |X(f)|.</item>
/// <item>Rolloff, Hz: the lowest frequency below which 85 % of the frame's power lies.</item>
/// <item>Flatness, 0–1: geometric over arithmetic mean of the power spectrum (1 = white noise, → 0 = a pure tone).</item>
/// <item>Flux: Euclidean distance between consecutive frames' magnitude spectra, each normalized to unit sum (0–√2).</item>
/// <item>Zero-crossing rate: sign changes per sample, 0–1.</item>
/// </list>
/// Feed mono samples with <see cref="Add"/>; or the zero-crossing counter with <see cref="AddSamples"/> and the spectra of
/// a shared 2,048/1,024 <see cref="StftFrames"/> with <see cref="AddSpectrum"/>. The per-bin arithmetic is vectorized
/// (TensorPrimitives) in single precision; the per-frame values are accumulated in double.</remarks>
public sealed class SpectralStatistics
{
    /// <summary>Frame length in samples.</summary>
    public const int FrameLength = 2048;

    /// <summary>Hop in samples.</summary>
    public const int Hop = FrameLength / 2;

    private const int Bins = (FrameLength / 2) + 1;

    private readonly int _sampleRate;
    private readonly StftFrames _frames;
    private readonly float[] _previous = new float[Bins];
    private readonly float[] _power = new float[Bins];
    private readonly float[] _magnitude = new float[Bins];
    private readonly float[] _scratch = new float[Bins];
    private readonly float[] _binHz = new float[Bins];
    private readonly Moments _centroid = new();
    private readonly Moments _rolloff = new();
    private readonly Moments _flatness = new();
    private readonly Moments _flux = new();
    private bool _hasPrevious;
    private long _samples;
    private long _crossings;
    private float _last;

    /// <summary>Creates the statistics for mono samples at <paramref name="sampleRate"/> Hz.</summary>
    public SpectralStatistics(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        _sampleRate = sampleRate;
        _frames = new StftFrames(FrameLength, Hop, AddSpectrum);
        for (var k = 0; k < Bins; k++)
        {
            _binHz[k] = (float)((double)k * sampleRate / FrameLength);
        }
    }

    /// <summary>Spectral centroid, Hz (mean, sd).</summary>
    public (double Mean, double Sd) Centroid => _centroid.Summary;

    /// <summary>85 % rolloff, Hz (mean, sd).</summary>
    public (double Mean, double Sd) Rolloff => _rolloff.Summary;

    /// <summary>Spectral flatness, 0–1 (mean, sd).</summary>
    public (double Mean, double Sd) Flatness => _flatness.Summary;

    /// <summary>Spectral flux (mean, sd).</summary>
    public (double Mean, double Sd) Flux => _flux.Summary;

    /// <summary>Zero crossings per sample, 0–1.</summary>
    public double ZeroCrossingRate => _samples > 1 ? (double)_crossings / (_samples - 1) : 0;

    /// <summary>Adds mono samples (zero crossings and spectra).</summary>
    public void Add(ReadOnlySpan<float> mono)
    {
        AddSamples(mono);
        _frames.Add(mono);
    }

    /// <summary>Counts the zero crossings of mono samples only (the spectra then come through <see cref="AddSpectrum"/>).</summary>
    public void AddSamples(ReadOnlySpan<float> mono)
    {
        foreach (var x in mono)
        {
            if (_samples > 0 && (x >= 0) != (_last >= 0))
            {
                _crossings++;
            }

            _last = x;
            _samples++;
        }
    }

    /// <summary>Adds one frame's spectrum (bins 0 … <see cref="FrameLength"/>/2 of a Hann-windowed frame, as
    /// <see cref="StftFrames"/> hands it on).</summary>
    /// <exception cref="ArgumentException">The spectrum does not have FrameLength/2 + 1 bins.</exception>
    public void AddSpectrum(float[] re, float[] im)
    {
        ArgumentNullException.ThrowIfNull(re);
        ArgumentNullException.ThrowIfNull(im);
        if (re.Length != Bins || im.Length != Bins)
        {
            throw new ArgumentException($"A spectral-statistics frame has {Bins} bins, not {re.Length}.", nameof(re));
        }

        TensorPrimitives.Multiply(re, re, _power);
        TensorPrimitives.MultiplyAdd(im, im, _power, _power);
        double power = TensorPrimitives.Sum(_power);
        if (power <= 1e-12)
        {
            _hasPrevious = false;
            return;
        }

        TensorPrimitives.Sqrt(_power, _magnitude);
        double magnitudeSum = TensorPrimitives.Sum(_magnitude);
        _centroid.Add(TensorPrimitives.Dot(_magnitude, _binHz) / magnitudeSum);
        double cumulative = 0;
        for (var k = 0; k < Bins; k++)
        {
            cumulative += _power[k];
            if (cumulative >= 0.85 * power)
            {
                _rolloff.Add(_binHz[k]);
                break;
            }
        }

        TensorPrimitives.Add(_power, 1e-20f, _scratch);
        TensorPrimitives.Log(_scratch, _scratch);
        double logPower = TensorPrimitives.Sum(_scratch);
        _flatness.Add(Math.Clamp(Math.Exp(logPower / Bins) / (power / Bins), 0, 1));
        TensorPrimitives.Multiply(_magnitude, (float)(1 / magnitudeSum), _scratch);
        if (_hasPrevious)
        {
            _flux.Add(TensorPrimitives.Distance(_scratch, _previous));
        }

        _scratch.CopyTo(_previous, 0);
        _hasPrevious = true;
    }

    /// <summary>Running mean and variance (Welford).</summary>
    private sealed class Moments
    {
        private long _n;
        private double _mean;
        private double _m2;

        public (double Mean, double Sd) Summary => _n == 0 ? (double.NaN, double.NaN) : (_mean, _n > 1 ? Math.Sqrt(_m2 / (_n - 1)) : 0);

        public void Add(double x)
        {
            _n++;
            var delta = x - _mean;
            _mean += delta / _n;
            _m2 += delta * (x - _mean);
        }
    }
}

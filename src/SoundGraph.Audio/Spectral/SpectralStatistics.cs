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
/// </list></remarks>
public sealed class SpectralStatistics
{
    /// <summary>Frame length in samples.</summary>
    public const int FrameLength = 2048;

    private const int Hop = FrameLength / 2;

    private readonly int _sampleRate;
    private readonly StftFrames _frames;
    private readonly double[] _previous = new double[(FrameLength / 2) + 1];
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
        _frames = new StftFrames(FrameLength, Hop, Analyze);
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

    /// <summary>Adds mono samples.</summary>
    public void Add(ReadOnlySpan<float> mono)
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

        _frames.Add(mono);
    }

    private void Analyze(float[] re, float[] im)
    {
        double magnitudeSum = 0, weighted = 0, power = 0, logPower = 0;
        var bins = re.Length;
        var magnitude = new double[bins];
        for (var k = 0; k < bins; k++)
        {
            var p = ((double)re[k] * re[k]) + ((double)im[k] * im[k]);
            magnitude[k] = Math.Sqrt(p);
            magnitudeSum += magnitude[k];
            weighted += magnitude[k] * k * _sampleRate / FrameLength;
            power += p;
            logPower += Math.Log(p + 1e-20);
        }

        if (power <= 1e-12)
        {
            _hasPrevious = false;
            return;
        }

        _centroid.Add(weighted / magnitudeSum);
        double cumulative = 0;
        for (var k = 0; k < bins; k++)
        {
            cumulative += magnitude[k] * magnitude[k];
            if (cumulative >= 0.85 * power)
            {
                _rolloff.Add((double)k * _sampleRate / FrameLength);
                break;
            }
        }

        _flatness.Add(Math.Clamp(Math.Exp(logPower / bins) / (power / bins), 0, 1));
        if (_hasPrevious)
        {
            double d = 0;
            for (var k = 0; k < bins; k++)
            {
                var diff = (magnitude[k] / magnitudeSum) - _previous[k];
                d += diff * diff;
            }

            _flux.Add(Math.Sqrt(d));
        }

        for (var k = 0; k < bins; k++)
        {
            _previous[k] = magnitude[k] / magnitudeSum;
        }

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

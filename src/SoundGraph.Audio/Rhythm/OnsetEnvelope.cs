using System.Numerics.Tensors;
using NWaves.Transforms;
using SoundGraph.Audio.Spectral;

namespace SoundGraph.Audio.Rhythm;

/// <summary>
/// Onset strength by spectral flux (Bello et al. 2005, "A tutorial on onset detection in music signals", IEEE TSAP 13(5)):
/// per Hann-windowed 1,024-sample frame (hop 256), the sum over bins of the half-wave rectified increase of log-compressed
/// magnitude, log(1 + 100·|X|); the envelope then has its 0.5 s moving average removed and is half-wave rectified again,
/// so steady sound contributes nothing. The rise of the linear magnitude summed over the bins up to <see cref="KickBandHz"/> gives
/// the kick-band envelope (<see cref="KickEnvelope"/>), which <see cref="TempoEstimator"/> uses to settle the octave.
/// </summary>
/// <remarks>Feed mono samples with <see cref="Add"/>, or the spectra of a shared <see cref="StftFrames"/> of
/// <see cref="FrameLength"/>/<see cref="Hop"/> with <see cref="AddSpectrum"/> (not both); <see cref="Envelope"/> gives one
/// value per hop (<see cref="FrameRate"/> values per second). The FFT is NWaves' <see cref="RealFft"/>; the per-bin
/// arithmetic is vectorized (TensorPrimitives).</remarks>
public sealed class OnsetEnvelope
{
    /// <summary>Frame length in samples.</summary>
    public const int FrameLength = 1024;

    /// <summary>Hop in samples.</summary>
    public const int Hop = 256;

    /// <summary>Upper edge of the kick band, Hz (the bins from 0 to 150 Hz hold a kick drum's fundamental).</summary>
    public const double KickBandHz = 150;

    private readonly StftFrames _frames;
    private readonly int _kickBins;
    private readonly List<float> _kickFlux = [];
    private readonly float[] _previous = new float[(FrameLength / 2) + 1];
    private readonly float[] _magnitude = new float[(FrameLength / 2) + 1];
    private readonly float[] _compressed = new float[(FrameLength / 2) + 1];
    private readonly List<float> _flux = [];
    private double _previousKick;
    private bool _first = true;

    /// <summary>Creates the envelope for mono samples at <paramref name="sampleRate"/> Hz.</summary>
    public OnsetEnvelope(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        SampleRate = sampleRate;
        _frames = new StftFrames(FrameLength, Hop, AddSpectrum);
        _kickBins = (int)Math.Floor(KickBandHz * FrameLength / sampleRate);
    }

    /// <summary>Input rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Envelope values per second (<see cref="SampleRate"/> / <see cref="Hop"/>).</summary>
    public double FrameRate => (double)SampleRate / Hop;

    /// <summary>Frames analysed so far.</summary>
    public int Count => _flux.Count;

    /// <summary>Adds mono samples.</summary>
    public void Add(ReadOnlySpan<float> mono) => _frames.Add(mono);

    /// <summary>The onset strength per frame: flux minus its 0.5 s centred moving average, floored at 0.</summary>
    public float[] Envelope() => Detrend(_flux);

    /// <summary>The onset strength of the kick band (0 … <see cref="KickBandHz"/>) per frame: the half-wave rectified rise
    /// of the band's summed <b>linear</b> magnitude (no log compression, so a hi-hat's faint low-frequency leakage stays
    /// small next to a kick), detrended like <see cref="Envelope"/>. A four-on-the-floor kick shows in it even when
    /// broadband hats or snares dominate the full envelope.</summary>
    public float[] KickEnvelope() => Detrend(_kickFlux);

    private float[] Detrend(List<float> flux)
    {
        var n = flux.Count;
        var half = Math.Max(1, (int)Math.Round(0.25 * FrameRate));
        var prefix = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            prefix[i + 1] = prefix[i] + flux[i];
        }

        var result = new float[n];
        for (var i = 0; i < n; i++)
        {
            int lo = Math.Max(0, i - half), hi = Math.Min(n, i + half + 1);
            var mean = (prefix[hi] - prefix[lo]) / (hi - lo);
            result[i] = (float)Math.Max(0, flux[i] - mean);
        }

        return result;
    }

    /// <summary>Adds one frame's spectrum (bins 0 … <see cref="FrameLength"/>/2 of a Hann-windowed frame, as
    /// <see cref="StftFrames"/> hands it on).</summary>
    /// <exception cref="ArgumentException">The spectrum does not have FrameLength/2 + 1 bins.</exception>
    public void AddSpectrum(float[] re, float[] im)
    {
        ArgumentNullException.ThrowIfNull(re);
        ArgumentNullException.ThrowIfNull(im);
        if (re.Length != _magnitude.Length || im.Length != _magnitude.Length)
        {
            throw new ArgumentException($"An onset frame has {_magnitude.Length} bins, not {re.Length}.", nameof(re));
        }

        // |X| = √(re² + im²); log compression log(1 + 100·|X|); flux = Σ max(0, m − previous m).
        TensorPrimitives.Multiply(re, re, _magnitude);
        TensorPrimitives.MultiplyAdd(im, im, _magnitude, _magnitude);
        TensorPrimitives.Sqrt(_magnitude, _magnitude);
        var kick = TensorPrimitives.Sum(_magnitude.AsSpan(0, _kickBins + 1));
        TensorPrimitives.Multiply(_magnitude, 100f, _compressed);
        TensorPrimitives.Add(_compressed, 1f, _compressed);
        TensorPrimitives.Log(_compressed, _compressed);
        var flux = 0f;
        if (!_first)
        {
            TensorPrimitives.Subtract(_compressed, _previous, _magnitude);
            TensorPrimitives.Max(_magnitude, 0f, _magnitude);
            flux = TensorPrimitives.Sum(_magnitude);
        }

        _compressed.CopyTo(_previous, 0);
        _flux.Add(flux);
        _kickFlux.Add(_first ? 0 : (float)Math.Max(0, kick - _previousKick));
        _previousKick = kick;
        _first = false;
    }
}

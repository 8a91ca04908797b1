using NWaves.Transforms;
using SoundGraph.Audio.Spectral;

namespace SoundGraph.Audio.Rhythm;

/// <summary>
/// Onset strength by spectral flux (Bello et al. 2005, "A tutorial on onset detection in music signals", IEEE TSAP 13(5)):
/// per Hann-windowed 1,024-sample frame (hop 256), the sum over bins of the half-wave rectified increase of log-compressed
/// magnitude, log(1 + 100·|X|); the envelope then has its 0.5 s moving average removed and is half-wave rectified again,
/// so steady sound contributes nothing.
/// </summary>
/// <remarks>Feed mono samples with <see cref="Add"/>; <see cref="Envelope"/> gives one value per hop
/// (<see cref="FrameRate"/> values per second). The FFT is NWaves' <see cref="RealFft"/>.</remarks>
public sealed class OnsetEnvelope
{
    /// <summary>Frame length in samples.</summary>
    public const int FrameLength = 1024;

    /// <summary>Hop in samples.</summary>
    public const int Hop = 256;

    private readonly StftFrames _frames;
    private readonly float[] _previous = new float[(FrameLength / 2) + 1];
    private readonly List<float> _flux = [];
    private bool _first = true;

    /// <summary>Creates the envelope for mono samples at <paramref name="sampleRate"/> Hz.</summary>
    public OnsetEnvelope(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        SampleRate = sampleRate;
        _frames = new StftFrames(FrameLength, Hop, Analyze);
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
    public float[] Envelope()
    {
        var n = _flux.Count;
        var half = Math.Max(1, (int)Math.Round(0.25 * FrameRate));
        var prefix = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            prefix[i + 1] = prefix[i] + _flux[i];
        }

        var result = new float[n];
        for (var i = 0; i < n; i++)
        {
            int lo = Math.Max(0, i - half), hi = Math.Min(n, i + half + 1);
            var mean = (prefix[hi] - prefix[lo]) / (hi - lo);
            result[i] = (float)Math.Max(0, _flux[i] - mean);
        }

        return result;
    }

    private void Analyze(float[] re, float[] im)
    {
        var flux = 0.0;
        for (var k = 0; k < re.Length; k++)
        {
            var m = (float)Math.Log(1 + (100 * Math.Sqrt((re[k] * re[k]) + (im[k] * im[k]))));
            if (!_first && m > _previous[k])
            {
                flux += m - _previous[k];
            }

            _previous[k] = m;
        }

        _first = false;
        _flux.Add((float)flux);
    }
}

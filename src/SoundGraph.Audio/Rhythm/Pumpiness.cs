using NWaves.Transforms;

namespace SoundGraph.Audio.Rhythm;

/// <summary>
/// Pumpiness: how much the mid/high band "breathes" with the kick, the side-chain pump of EDM. <b>SoundGraph's own
/// heuristic</b>, modelled on the side-chain compressor it detects: the kick's onsets drive an envelope follower, and the
/// music ducks by that envelope; so the score is the correlation between the follower and the negated level of the rest.
/// </summary>
/// <remarks>
/// <para>Per Hann-windowed 1,024-sample frame (hop 256, NWaves <see cref="RealFft"/>): low-band energy 40–120 Hz (the kick)
/// and mid/high-band level 200 Hz–8 kHz in dB. Kick onset strength: the half-wave rectified rise of the low band's log
/// energy. Follower: that onset strength held with a 150 ms exponential release, like a compressor's side-chain detector.
/// The mid/high level has its 1 s moving average removed (slow swells are arrangement, not pump). Pumpiness = max(0,
/// Pearson(follower, −level)): 0 when the rest of the mix ignores the kick (or gets louder with it), towards 1 when it
/// dips after every kick and recovers.</para>
/// <para>Checked on synthetic music: a pad ducked by 12 dB after each kick at 128 BPM against the same pad without ducking
/// (the test reports both scores).</para>
/// </remarks>
public sealed class Pumpiness
{
    private const int FrameLength = 1024;
    private const int Hop = 256;
    private const double ReleaseSeconds = 0.15;

    private readonly int _sampleRate;
    private readonly RealFft _fft = new(FrameLength);
    private readonly float[] _window = new float[FrameLength];
    private readonly float[] _buffer = new float[FrameLength];
    private readonly float[] _frame = new float[FrameLength];
    private readonly float[] _re = new float[(FrameLength / 2) + 1];
    private readonly float[] _im = new float[(FrameLength / 2) + 1];
    private readonly List<double> _low = [];
    private readonly List<double> _high = [];
    private int _fill;

    /// <summary>Creates the meter for mono samples at <paramref name="sampleRate"/> Hz.</summary>
    public Pumpiness(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 16000);
        _sampleRate = sampleRate;
        for (var n = 0; n < FrameLength; n++)
        {
            _window[n] = (float)(0.5 - (0.5 * Math.Cos(2 * Math.PI * n / FrameLength)));
        }
    }

    /// <summary>Adds mono samples.</summary>
    public void Add(ReadOnlySpan<float> mono)
    {
        foreach (var x in mono)
        {
            _buffer[_fill++] = x;
            if (_fill == FrameLength)
            {
                Analyze();
                Array.Copy(_buffer, Hop, _buffer, 0, FrameLength - Hop);
                _fill = FrameLength - Hop;
            }
        }
    }

    /// <summary>The score, 0–1 (0 also when there are fewer than two seconds of frames or no kick energy).</summary>
    public double Score()
    {
        var n = _low.Count;
        var frameRate = (double)_sampleRate / Hop;
        if (n < 2 * frameRate)
        {
            return 0;
        }

        var release = Math.Exp(-1 / (ReleaseSeconds * frameRate));
        var follower = new double[n];
        for (var t = 1; t < n; t++)
        {
            var onset = Math.Max(0, Math.Log(_low[t] + 1e-12) - Math.Log(_low[t - 1] + 1e-12));
            follower[t] = Math.Max(onset, follower[t - 1] * release);
        }

        var level = _high.Select(e => 10 * Math.Log10(e + 1e-12)).ToArray();
        var half = (int)Math.Round(0.5 * frameRate);
        var prefix = new double[n + 1];
        for (var t = 0; t < n; t++)
        {
            prefix[t + 1] = prefix[t] + level[t];
        }

        var negated = new double[n];
        for (var t = 0; t < n; t++)
        {
            int lo = Math.Max(0, t - half), hi = Math.Min(n, t + half + 1);
            negated[t] = -(level[t] - ((prefix[hi] - prefix[lo]) / (hi - lo)));
        }

        return Math.Max(0, Pearson(follower, negated));
    }

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    private void Analyze()
    {
        for (var n = 0; n < FrameLength; n++)
        {
            _frame[n] = _buffer[n] * _window[n];
        }

        _fft.Direct(_frame, _re, _im);
        double low = 0, high = 0;
        for (var k = 0; k < _re.Length; k++)
        {
            var hz = (double)k * _sampleRate / FrameLength;
            var p = ((double)_re[k] * _re[k]) + ((double)_im[k] * _im[k]);
            if (hz >= 40 && hz <= 120)
            {
                low += p;
            }
            else if (hz >= 200 && hz <= 8000)
            {
                high += p;
            }
        }

        _low.Add(low);
        _high.Add(high);
    }
}

using System.Numerics.Tensors;

namespace SoundGraph.Audio.Loudness;

/// <summary>
/// Measures a programme's loudness as it streams by: integrated loudness and loudness range per ITU-R BS.1770-4 and EBU
/// Tech 3341/3342, maximum momentary and short-term loudness, sample peak and true peak.
/// </summary>
/// <remarks>
/// <para>Each channel is K-weighted (<see cref="KWeighting"/>); its mean square over each 100 ms step (fs/10 samples,
/// rounded) is weighted by the channel weight G and summed over channels. Gating blocks (BS.1770-4 §2.3) are 400 ms
/// (four steps) overlapping by 75 %; the block loudness is −0.691 + 10·log10(Σ G·z). Integrated loudness: blocks above
/// −70 LUFS (absolute gate), then above the loudness of their mean energy − 10 LU (relative gate); the result is the
/// loudness of the remaining blocks' mean energy. Short-term loudness uses 3 s windows in 100 ms steps; the loudness range
/// (EBU Tech 3342) is the difference of the 95th and 10th percentiles (linear interpolation between order statistics)
/// of the short-term values above −70 LUFS and above their energy mean − 20 LU.</para>
/// <para>Channel weights: 1 for mono and stereo; for six channels in SMPTE order (L, R, C, LFE, Ls, Rs) 1, 1, 1, 0,
/// 1.41, 1.41 (BS.1770-4 Table 3; the LFE channel is not measured); other layouts pass their own weights.</para>
/// <para>Usage: <see cref="Add"/> interleaved float samples (any block size), then <see cref="Result"/>.</para>
/// </remarks>
public sealed class LoudnessMeter
{
    private const double Offset = -0.691;
    private const double AbsoluteGateLufs = -70;
    private const double RelativeGateLu = -10;
    private const double RangeRelativeGateLu = -20;
    private const int BlockSteps = 4;
    private const int ShortTermSteps = 30;

    private readonly int _channels;
    private readonly double[] _weights;
    private readonly Biquad[] _shelf;
    private readonly Biquad[] _highPass;
    private readonly TruePeakMeter[] _truePeak;
    private readonly int _stepLength;
    private readonly List<double> _steps = [];
    private float[] _channel = [];
    private double[] _filtered = [];
    private double[] _weighted = [];
    private int _stepFill;
    private double _stepSum;
    private long _frames;
    private double _samplePeak;

    /// <summary>Creates a meter for <paramref name="channels"/> interleaved channels at <paramref name="sampleRate"/> Hz.</summary>
    /// <param name="sampleRate">Samples per second per channel, at least 8,000.</param>
    /// <param name="channels">Channels per frame, at least 1.</param>
    /// <param name="weights">Per-channel weights G; default as in the remarks. Required for layouts other than 1, 2 or 6 channels.</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate below 8,000 Hz, no channel, or weights of the wrong count.</exception>
    /// <exception cref="ArgumentException">No default weights exist for the layout and none were given.</exception>
    public LoudnessMeter(int sampleRate, int channels, IReadOnlyList<double>? weights = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        SampleRate = sampleRate;
        _channels = channels;
        _weights = weights?.ToArray() ?? channels switch
        {
            1 or 2 => Enumerable.Repeat(1.0, channels).ToArray(),
            6 => [1, 1, 1, 0, 1.41, 1.41],
            _ => throw new ArgumentException($"No default BS.1770 channel weights for {channels} channels: pass them.", nameof(weights)),
        };
        ArgumentOutOfRangeException.ThrowIfNotEqual(_weights.Length, channels, nameof(weights));
        _shelf = new Biquad[channels];
        _highPass = new Biquad[channels];
        _truePeak = new TruePeakMeter[channels];
        for (var c = 0; c < channels; c++)
        {
            (_shelf[c], _highPass[c]) = KWeighting.Create(sampleRate);
            _truePeak[c] = new TruePeakMeter();
        }

        _stepLength = Math.Max(1, (int)Math.Round(sampleRate / 10.0));
    }

    /// <summary>Samples per second per channel.</summary>
    public int SampleRate { get; }

    /// <summary>Adds interleaved samples (full scale ±1); the length must be a whole number of frames.</summary>
    /// <exception cref="ArgumentException">The span is not a whole number of frames.</exception>
    public void Add(ReadOnlySpan<float> interleaved)
    {
        if (interleaved.Length % _channels != 0)
        {
            throw new ArgumentException($"{interleaved.Length} samples are not a whole number of {_channels}-channel frames.", nameof(interleaved));
        }

        var frames = interleaved.Length / _channels;
        if (frames == 0)
        {
            return;
        }

        if (_channel.Length < frames)
        {
            _channel = new float[frames];
            _filtered = new double[frames];
            _weighted = new double[frames];
        }

        _samplePeak = Math.Max(_samplePeak, Math.Abs(TensorPrimitives.MaxMagnitude(interleaved)));
        var channel = _channel.AsSpan(0, frames);
        var filtered = _filtered.AsSpan(0, frames);
        var weighted = _weighted.AsSpan(0, frames);
        weighted.Clear();
        for (var c = 0; c < _channels; c++)
        {
            for (var i = 0; i < frames; i++)
            {
                var x = interleaved[(i * _channels) + c];
                channel[i] = x;
                filtered[i] = x;
            }

            _truePeak[c].Add(channel);
            _shelf[c].Process(filtered);
            _highPass[c].Process(filtered);

            // weighted += G_c · k²
            TensorPrimitives.Multiply(filtered, filtered, filtered);
            TensorPrimitives.MultiplyAdd(filtered, _weights[c], weighted, weighted);
        }

        var at = 0;
        while (at < frames)
        {
            var take = Math.Min(_stepLength - _stepFill, frames - at);
            _stepSum += TensorPrimitives.Sum(weighted.Slice(at, take));
            _stepFill += take;
            at += take;
            if (_stepFill == _stepLength)
            {
                _steps.Add(_stepSum / _stepLength);
                _stepSum = 0;
                _stepFill = 0;
            }
        }

        _frames += frames;
    }

    /// <summary>The measurements over everything added so far (a partial last 100 ms step is left out of the loudness).</summary>
    public LoudnessResult Result()
    {
        var blocks = Windows(BlockSteps);
        var shortTerm = Windows(ShortTermSteps);
        var truePeak = _truePeak.Max(t => t.Peak);
        return new LoudnessResult(
            Gated(blocks, RelativeGateLu),
            Range(shortTerm),
            blocks.Count == 0 ? double.NegativeInfinity : Lufs(blocks.Max()),
            shortTerm.Count == 0 ? double.NegativeInfinity : Lufs(shortTerm.Max()),
            Db(_samplePeak),
            Db(Math.Max(truePeak, _samplePeak)),
            _frames / (double)SampleRate);
    }

    /// <summary>Loudness in LUFS of a weighted mean square <paramref name="z"/>.</summary>
    internal static double Lufs(double z) => z <= 0 ? double.NegativeInfinity : Offset + (10 * Math.Log10(z));

    private static double Db(double linear) => linear <= 0 ? double.NegativeInfinity : 20 * Math.Log10(linear);

    /// <summary>Mean weighted energy of every full window of <paramref name="steps"/> consecutive 100 ms steps.</summary>
    private List<double> Windows(int steps)
    {
        var windows = new List<double>(Math.Max(0, _steps.Count - steps + 1));
        var sum = 0.0;
        for (var i = 0; i < _steps.Count; i++)
        {
            sum += _steps[i];
            if (i >= steps)
            {
                sum -= _steps[i - steps];
            }

            if (i >= steps - 1)
            {
                // Recomputed exactly every 1,000 windows so the running sum cannot drift over hours of audio.
                if (i % 1000 == 0)
                {
                    sum = 0;
                    for (var j = i - steps + 1; j <= i; j++)
                    {
                        sum += _steps[j];
                    }
                }

                windows.Add(Math.Max(0, sum) / steps);
            }
        }

        return windows;
    }

    /// <summary>Energy-gated loudness (BS.1770-4 §2.3): absolute gate, then a relative gate <paramref name="relativeLu"/>
    /// below the loudness of the remaining mean energy.</summary>
    private static double Gated(List<double> energies, double relativeLu)
    {
        var absolute = energies.Where(z => Lufs(z) > AbsoluteGateLufs).ToList();
        if (absolute.Count == 0)
        {
            return double.NegativeInfinity;
        }

        var threshold = Lufs(absolute.Average()) + relativeLu;
        var gated = absolute.Where(z => Lufs(z) > threshold).ToList();
        return gated.Count == 0 ? double.NegativeInfinity : Lufs(gated.Average());
    }

    /// <summary>Loudness range (EBU Tech 3342) of short-term energies.</summary>
    private static double Range(List<double> shortTerm)
    {
        var absolute = shortTerm.Where(z => Lufs(z) > AbsoluteGateLufs).ToList();
        if (absolute.Count < 2)
        {
            return 0;
        }

        var threshold = Lufs(absolute.Average()) + RangeRelativeGateLu;
        var values = absolute.Select(Lufs).Where(l => l > threshold).Order().ToArray();
        return values.Length < 2 ? 0 : Percentile(values, 0.95) - Percentile(values, 0.10);
    }

    private static double Percentile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}

using System.Diagnostics;
using SoundGraph.Audio.Loudness;
using SoundGraph.Audio.Rhythm;
using SoundGraph.Audio.Spectral;
using SoundGraph.Audio.Stereo;
using SoundGraph.Audio.Tonal;

namespace SoundGraph.Audio;

/// <summary>
/// Every extractor of <see cref="AudioAnalyzer"/> over one stream of decoded samples, in one pass: feed interleaved blocks
/// with <see cref="Add"/>, then <see cref="Finish"/>. Works on samples from anywhere (ffmpeg's pipe, a test's synthetic
/// signal); nothing is written anywhere.
/// </summary>
/// <remarks>
/// <para>Per block: loudness (BS.1770-4, true peak) and stereo image on the interleaved samples; the mono mix ½(L + R)
/// then goes through three shared short-time Fourier transforms, each frame transformed once and handed to every
/// extractor of that framing: 1,024/256 (onset strength and kick band, pumpiness), 2,048/1,024 (spectral statistics, MFCC)
/// and 8,192/4,096 (pitch-class profile for the key). Only the centred 30 s of the mono mix are kept, for the
/// harmonic–percussive separation at the end.</para>
/// <para>Memory: a few frames per transform, the per-frame onset and pumpiness series (12 bytes per 5.8 ms), and 30 s of
/// mono samples; not the track.</para>
/// </remarks>
public sealed class StreamingAnalysis
{
    /// <summary>Seconds of mono audio, centred, that the harmonic–percussive ratio is computed on.</summary>
    public const double HpssSeconds = 30;

    private readonly int _channels;
    private readonly AnalysisTimings _timings;
    private readonly LoudnessMeter _loudness;
    private readonly StereoImage _stereo = new();
    private readonly KeyDetector _key;
    private readonly OnsetEnvelope _onsets;
    private readonly Pumpiness _pump;
    private readonly SpectralStatistics _spectral;
    private readonly MfccStatistics _mfcc;
    private readonly StftFrames _short;
    private readonly StftFrames _medium;
    private readonly long _keepFrom;
    private readonly float[] _kept;
    private float[] _mono = new float[AudioDecoderBlock];
    private int _keptCount;
    private long _frames;
    private long _at;

    private const int AudioDecoderBlock = 8192;

    /// <summary>Creates the stream.</summary>
    /// <param name="sampleRate">Samples per second per channel (at least 16,000 Hz: the pumpiness bands reach 8 kHz).</param>
    /// <param name="channels">1 or 2, interleaved.</param>
    /// <param name="expectedFrames">Frames the stream will carry (from the file's duration), so that the centred 30 s kept
    /// for the harmonic–percussive ratio are the middle ones; 0 when unknown (the first 30 s are kept).</param>
    /// <param name="timings">Receives the seconds per stage; optional.</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate below 16,000 Hz, or a channel count other than 1 or 2.</exception>
    public StreamingAnalysis(int sampleRate, int channels, long expectedFrames = 0, AnalysisTimings? timings = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 16000);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 2);
        SampleRate = sampleRate;
        _channels = channels;
        _timings = timings ?? new AnalysisTimings();
        _loudness = new LoudnessMeter(sampleRate, channels);
        _key = new KeyDetector(sampleRate);
        _onsets = new OnsetEnvelope(sampleRate);
        _pump = new Pumpiness(sampleRate);
        _spectral = new SpectralStatistics(sampleRate);
        _mfcc = new MfccStatistics(sampleRate);
        _short = new StftFrames(OnsetEnvelope.FrameLength, OnsetEnvelope.Hop, _onsets.AddSpectrum, _pump.AddSpectrum);
        _medium = new StftFrames(SpectralStatistics.FrameLength, SpectralStatistics.Hop, _spectral.AddSpectrum, _mfcc.AddSpectrum);
        var keep = (int)(HpssSeconds * sampleRate);
        _kept = new float[keep];
        _keepFrom = Math.Max(0, (expectedFrames - keep) / 2);
    }

    /// <summary>Samples per second per channel.</summary>
    public int SampleRate { get; }

    /// <summary>Frames added so far.</summary>
    public long Frames => _frames;

    /// <summary>Adds interleaved samples (full scale ±1), a whole number of frames.</summary>
    /// <exception cref="ArgumentException">The span is not a whole number of frames.</exception>
    public void Add(ReadOnlySpan<float> interleaved)
    {
        if (interleaved.Length % _channels != 0)
        {
            throw new ArgumentException($"{interleaved.Length} samples are not a whole number of {_channels}-channel frames.", nameof(interleaved));
        }

        var t = _timings;
        var at = Stopwatch.GetTimestamp();
        _loudness.Add(interleaved);
        at = t.Lap("loudness", at);
        var frames = interleaved.Length / _channels;
        if (_mono.Length < frames)
        {
            _mono = new float[frames];
        }

        var mono = _mono.AsSpan(0, frames);
        if (_channels == 2)
        {
            _stereo.Add(interleaved);
            at = t.Lap("stereo", at);
            for (var i = 0; i < frames; i++)
            {
                mono[i] = 0.5f * (interleaved[2 * i] + interleaved[(2 * i) + 1]);
            }
        }
        else
        {
            interleaved.CopyTo(mono);
        }

        Keep(mono);
        at = t.Lap("downmix", at);
        _key.Add(mono);
        at = t.Lap("key", at);
        _short.Add(mono);
        at = t.Lap("onsets + pumpiness", at);
        _spectral.AddSamples(mono);
        _medium.Add(mono);
        t.Lap("spectral + mfcc", at);
        _frames += frames;
    }

    /// <summary>The features of everything added.</summary>
    public StreamingFeatures Finish()
    {
        var t = _timings;
        var at = Stopwatch.GetTimestamp();
        var envelope = _onsets.Envelope();
        var tempo = TempoEstimator.Estimate(envelope, _onsets.FrameRate, _onsets.KickEnvelope());
        var onsetRate = AudioAnalyzer.OnsetRate(envelope, _onsets.FrameRate);
        at = t.Lap("tempo", at);
        var percussive = _keptCount < 8192 ? 0 : HarmonicPercussive.PercussiveToHarmonic(_kept.AsSpan(0, _keptCount));
        at = t.Lap("hpss", at);
        var result = new StreamingFeatures(
            _frames,
            tempo,
            _key.Estimate(),
            _key.Profile,
            _loudness.Result(),
            _spectral.Centroid,
            _spectral.Rolloff,
            _spectral.Flatness,
            _spectral.Flux,
            _spectral.ZeroCrossingRate,
            onsetRate,
            _mfcc.Mean,
            _mfcc.Sd,
            _channels == 2 ? _stereo.SideToMid : 0,
            _channels == 2 ? _stereo.Correlation : 1,
            percussive,
            _pump.Score());
        t.Lap("summaries", at);
        return result;
    }

    /// <summary>Copies the part of <paramref name="mono"/> that falls in the kept window.</summary>
    private void Keep(ReadOnlySpan<float> mono)
    {
        var from = Math.Max(_at, _keepFrom);
        var to = Math.Min(_at + mono.Length, _keepFrom + _kept.Length);
        if (to > from)
        {
            mono.Slice((int)(from - _at), (int)(to - from)).CopyTo(_kept.AsSpan(_keptCount));
            _keptCount += (int)(to - from);
        }

        _at += mono.Length;
    }
}

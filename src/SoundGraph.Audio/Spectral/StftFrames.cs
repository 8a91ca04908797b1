using NWaves.Transforms;

namespace SoundGraph.Audio.Spectral;

/// <summary>Cuts a mono stream into Hann-windowed frames of <see cref="FrameLength"/> samples every <see cref="Hop"/>
/// samples and hands each frame's spectrum (NWaves <see cref="RealFft"/>: real and imaginary parts of bins 0 … N/2) to
/// one or more callbacks: the framing every spectral extractor here shares. Extractors with the same frame length and hop
/// share one instance, so each frame is transformed once (<see cref="StreamingAnalysis"/>).</summary>
public sealed class StftFrames
{
    private readonly RealFft _fft;
    private readonly float[] _window;
    private readonly float[] _buffer;
    private readonly float[] _frame;
    private readonly float[] _re;
    private readonly float[] _im;
    private readonly Action<float[], float[]>[] _onSpectrum;
    private int _fill;

    /// <summary>Creates the framer; each of <paramref name="onSpectrum"/> receives (re, im) of each frame, valid during
    /// the call (a callback must not change them).</summary>
    /// <param name="frameLength">Frame length, a power of two.</param>
    /// <param name="hop">Samples between frame starts, 1 … <paramref name="frameLength"/>.</param>
    /// <param name="onSpectrum">Called once per full frame, in order.</param>
    /// <exception cref="ArgumentOutOfRangeException">A frame shorter than 16 samples or a hop out of range.</exception>
    /// <exception cref="ArgumentException">No callback.</exception>
    public StftFrames(int frameLength, int hop, params Action<float[], float[]>[] onSpectrum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameLength, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(hop, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hop, frameLength);
        ArgumentNullException.ThrowIfNull(onSpectrum);
        if (onSpectrum.Length == 0 || onSpectrum.Any(a => a is null))
        {
            throw new ArgumentException("At least one callback, none null.", nameof(onSpectrum));
        }

        FrameLength = frameLength;
        Hop = hop;
        _onSpectrum = onSpectrum;
        _fft = new RealFft(frameLength);
        _window = Hann(frameLength);
        _buffer = new float[frameLength];
        _frame = new float[frameLength];
        _re = new float[(frameLength / 2) + 1];
        _im = new float[(frameLength / 2) + 1];
    }

    /// <summary>Frame length in samples.</summary>
    public int FrameLength { get; }

    /// <summary>Hop in samples.</summary>
    public int Hop { get; }

    /// <summary>Frames analysed so far.</summary>
    public int Count { get; private set; }

    /// <summary>A periodic Hann window of <paramref name="length"/> samples.</summary>
    public static float[] Hann(int length)
    {
        var w = new float[length];
        for (var n = 0; n < length; n++)
        {
            w[n] = (float)(0.5 - (0.5 * Math.Cos(2 * Math.PI * n / length)));
        }

        return w;
    }

    /// <summary>Adds mono samples; every completed frame is transformed and handed on.</summary>
    public void Add(ReadOnlySpan<float> mono)
    {
        while (!mono.IsEmpty)
        {
            var take = Math.Min(FrameLength - _fill, mono.Length);
            mono[..take].CopyTo(_buffer.AsSpan(_fill));
            _fill += take;
            mono = mono[take..];
            if (_fill < FrameLength)
            {
                return;
            }

            System.Numerics.Tensors.TensorPrimitives.Multiply(_buffer, _window, _frame);
            _fft.Direct(_frame, _re, _im);
            Count++;
            foreach (var callback in _onSpectrum)
            {
                callback(_re, _im);
            }

            Array.Copy(_buffer, Hop, _buffer, 0, FrameLength - Hop);
            _fill = FrameLength - Hop;
        }
    }
}

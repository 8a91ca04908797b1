using NWaves.Transforms;

namespace SoundGraph.Audio.Spectral;

/// <summary>Cuts a mono stream into Hann-windowed frames of <see cref="FrameLength"/> samples every <see cref="Hop"/>
/// samples and hands each frame's spectrum (NWaves <see cref="RealFft"/>: real and imaginary parts of bins 0 … N/2) to a
/// callback: the framing every spectral extractor here shares.</summary>
public sealed class StftFrames
{
    private readonly RealFft _fft;
    private readonly float[] _window;
    private readonly float[] _buffer;
    private readonly float[] _frame;
    private readonly float[] _re;
    private readonly float[] _im;
    private readonly Action<float[], float[]> _onSpectrum;
    private int _fill;

    /// <summary>Creates the framer; <paramref name="onSpectrum"/> receives (re, im) of each frame, valid during the call.</summary>
    /// <param name="frameLength">Frame length, a power of two.</param>
    /// <param name="hop">Samples between frame starts, 1 … <paramref name="frameLength"/>.</param>
    /// <param name="onSpectrum">Called once per full frame.</param>
    public StftFrames(int frameLength, int hop, Action<float[], float[]> onSpectrum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameLength, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(hop, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hop, frameLength);
        ArgumentNullException.ThrowIfNull(onSpectrum);
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
        foreach (var x in mono)
        {
            _buffer[_fill++] = x;
            if (_fill == FrameLength)
            {
                for (var n = 0; n < FrameLength; n++)
                {
                    _frame[n] = _buffer[n] * _window[n];
                }

                _fft.Direct(_frame, _re, _im);
                Count++;
                _onSpectrum(_re, _im);
                Array.Copy(_buffer, Hop, _buffer, 0, FrameLength - Hop);
                _fill = FrameLength - Hop;
            }
        }
    }
}

namespace SoundGraph.Audio.Stereo;

/// <summary>Stereo width and phase coherence of a stereo stream: the side/mid energy ratio Σ(L−R)² / Σ(L+R)² (0 for identical
/// channels, 1 for unrelated channels of equal level, above 1 for out-of-phase material) and the left–right correlation
/// Σ LR / √(Σ L² · Σ R²) (1 identical, 0 unrelated, −1 inverted).</summary>
public sealed class StereoImage
{
    private double _ll;
    private double _rr;
    private double _lr;
    private double _mid;
    private double _side;

    /// <summary>Adds interleaved stereo samples.</summary>
    /// <exception cref="ArgumentException">An odd number of samples.</exception>
    public void Add(ReadOnlySpan<float> stereo)
    {
        if (stereo.Length % 2 != 0)
        {
            throw new ArgumentException("Stereo samples come in pairs.", nameof(stereo));
        }

        for (var i = 0; i < stereo.Length; i += 2)
        {
            double l = stereo[i], r = stereo[i + 1];
            _ll += l * l;
            _rr += r * r;
            _lr += l * r;
            _mid += (l + r) * (l + r);
            _side += (l - r) * (l - r);
        }
    }

    /// <summary>Side/mid energy ratio (0 when silent).</summary>
    public double SideToMid => _mid > 0 ? _side / _mid : 0;

    /// <summary>Left–right correlation (1 when either channel is silent: nothing to tell apart).</summary>
    public double Correlation => _ll > 0 && _rr > 0 ? _lr / Math.Sqrt(_ll * _rr) : 1;
}

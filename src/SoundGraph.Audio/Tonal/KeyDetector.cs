using NWaves.Transforms;
using SoundGraph.Audio.Spectral;

namespace SoundGraph.Audio.Tonal;

/// <summary>
/// Key and mode from audio: a pitch-class profile (the energy of every spectral bin from 65 Hz to 2.1 kHz, Hann-windowed
/// 8,192-point frames with a 4,096 hop, folded onto the nearest equal-tempered pitch class, A4 = 440 Hz) correlated with the
/// 24 rotations of a key profile; the best Pearson correlation wins (the Krumhansl–Schmuckler method, Krumhansl 1990,
/// "Cognitive Foundations of Musical Pitch", ch. 4). Profiles (<see cref="KeyProfile"/>): Krumhansl–Kessler (default),
/// Temperley, and as options for electronic dance music Faraldo et al.'s <see cref="KeyProfile.Edma"/> and
/// <see cref="KeyProfile.Edmm"/> (ECIR 2016) and <see cref="KeyProfile.Braw"/>/<see cref="KeyProfile.Bgate"/> (AES 2017).
/// </summary>
/// <remarks>Feed mono samples with <see cref="Add"/>, then <see cref="Estimate(KeyProfile)"/>. The FFT is NWaves'
/// <see cref="RealFft"/>. Frequencies below C2 (65.4 Hz) are left out (kick and sub-bass energy says little about the
/// key); above 2.1 kHz the harmonics of lower notes dominate.</remarks>
public sealed class KeyDetector
{
    /// <summary>FFT frame length in samples.</summary>
    public const int FrameLength = 8192;

    private const int Hop = FrameLength / 2;
    private const double LowHz = 65.4;
    private const double HighHz = 2100;

    private readonly StftFrames _frames;
    private readonly int[] _pitchClassOfBin = new int[(FrameLength / 2) + 1];
    private readonly double[] _profile = new double[12];

    /// <summary>Creates a detector for mono samples at <paramref name="sampleRate"/> Hz.</summary>
    public KeyDetector(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        _frames = new StftFrames(FrameLength, Hop, Analyze);
        for (var k = 0; k < _pitchClassOfBin.Length; k++)
        {
            var hz = (double)k * sampleRate / FrameLength;
            _pitchClassOfBin[k] = hz < LowHz || hz > HighHz ? -1 : (int)(((Math.Round(69 + (12 * Math.Log2(hz / 440))) % 12) + 12) % 12);
        }
    }

    /// <summary>The pitch-class profile so far (energy per pitch class, C first), normalized to sum 1 (zeros when silent).</summary>
    public IReadOnlyList<double> Profile
    {
        get
        {
            var sum = _profile.Sum();
            return sum > 0 ? _profile.Select(v => v / sum).ToArray() : new double[12];
        }
    }

    /// <summary>Adds mono samples (any block size).</summary>
    public void Add(ReadOnlySpan<float> mono) => _frames.Add(mono);

    /// <summary>The best of the 24 keys under <paramref name="profile"/> (default Krumhansl–Kessler, or e.g.
    /// <see cref="KeyProfile.Edma"/> for electronic dance music); null when no frame had energy. The profile can change
    /// between calls: the pitch-class profile is kept.</summary>
    public KeyEstimate? Estimate(KeyProfile? profile = null) => Estimate(Profile, profile);

    /// <summary>The best of the 24 keys for a pitch-class profile <paramref name="pcp"/> (12 values, C first, any scale)
    /// under <paramref name="profile"/> (default Krumhansl–Kessler); null when <paramref name="pcp"/> is all zeros.</summary>
    /// <exception cref="ArgumentException"><paramref name="pcp"/> does not hold 12 values.</exception>
    public static KeyEstimate? Estimate(IReadOnlyList<double> pcp, KeyProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(pcp);
        if (pcp.Count != 12)
        {
            throw new ArgumentException($"A pitch-class profile has 12 values, not {pcp.Count}.", nameof(pcp));
        }

        profile ??= KeyProfile.KrumhanslKessler;
        if (pcp.All(v => v == 0))
        {
            return null;
        }

        var scores = new List<(int Tonic, bool Major, double R)>(24);
        for (var tonic = 0; tonic < 12; tonic++)
        {
            scores.Add((tonic, true, Pearson(pcp, profile.Major, tonic)));
            scores.Add((tonic, false, Pearson(pcp, profile.Minor, tonic)));
        }

        var ranked = scores.OrderByDescending(s => s.R).ToList();
        var best = ranked[0];
        var confidence = best.R <= 0 ? 0 : Math.Clamp((best.R - ranked[1].R) / best.R, 0, 1);
        return new KeyEstimate(best.Tonic, best.Major, best.R, confidence);
    }

    /// <summary>Pearson correlation of <paramref name="pcp"/> with <paramref name="keyProfile"/> rotated to <paramref name="tonic"/>.</summary>
    internal static double Pearson(IReadOnlyList<double> pcp, IReadOnlyList<double> keyProfile, int tonic)
    {
        double mx = pcp.Average(), my = keyProfile.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var pc = 0; pc < 12; pc++)
        {
            var x = pcp[pc] - mx;
            var y = keyProfile[((pc - tonic) % 12 + 12) % 12] - my;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }

        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    private void Analyze(float[] re, float[] im)
    {
        for (var k = 0; k < re.Length; k++)
        {
            var pc = _pitchClassOfBin[k];
            if (pc >= 0)
            {
                _profile[pc] += (re[k] * re[k]) + (im[k] * im[k]);
            }
        }
    }
}

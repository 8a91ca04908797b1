namespace SoundGraph.Taste.Mixtape;

/// <summary>The Camelot wheel (Mixed In Key, "Camelot Wheel", https://mixedinkey.com/camelot-wheel/): the 24 keys on a
/// clock, majors on the outer ring B, minors on the inner ring A, each hour a perfect fifth from its neighbours and each
/// minor beside its relative major. C major is 8B, A minor 8A, G major 9B, E minor 9A, B major 1B, G♯ minor 1A.</summary>
/// <remarks>DJs mix "harmonically" by moving to the same code, one hour either way on the same ring, or to the other ring
/// at the same hour (Mixed In Key's "energy boost" and diagonal moves are further steps). <see cref="Distance"/> counts
/// those steps.</remarks>
public static class Camelot
{
    /// <summary>Largest <see cref="Distance"/>: 6 hours round the wheel plus the ring change.</summary>
    public const int MaxDistance = 7;

    private static readonly string[] PitchNames = ["C", "C♯", "D", "E♭", "E", "F", "F♯", "G", "A♭", "A", "B♭", "B"];

    /// <summary>The Camelot code of the key with tonic <paramref name="pitchClass"/> and <paramref name="mode"/>, as
    /// Spotify's audio features and SoundGraph.Audio's key detector give them.</summary>
    /// <param name="pitchClass">Tonic pitch class, 0 = C, 1 = C♯/D♭ … 11 = B.</param>
    /// <param name="mode">1 major, 0 minor.</param>
    /// <returns>Majors: hour = (7·pc + 7) mod 12 + 1 (C 8B, each fifth up one hour); minors: the hour of the relative major
    /// (pc + 3), ring A (A minor 8A).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pitchClass"/> outside 0–11 (Spotify's −1 means
    /// unknown: leave such a track without a key) or <paramref name="mode"/> not 0 or 1.</exception>
    public static CamelotKey FromKey(int pitchClass, int mode)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pitchClass);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pitchClass, 11);
        if (mode is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "The mode is 1 (major) or 0 (minor).");
        }

        var majorTonic = mode == 1 ? pitchClass : (pitchClass + 3) % 12;
        return new CamelotKey((7 * majorTonic + 7) % 12 + 1, mode == 1);
    }

    /// <summary>The code of a key when both parts are known and valid, else null (Spotify writes −1 for an unknown key).</summary>
    public static CamelotKey? TryFromKey(int? pitchClass, int? mode) =>
        pitchClass is >= 0 and <= 11 && mode is 0 or 1 ? FromKey(pitchClass.Value, mode.Value) : null;

    /// <summary>Steps between two codes on the wheel: the hours between them the short way round (0–6) plus 1 when the
    /// rings differ. Same code 0; one hour on the same ring (a fifth, 8B→9B) 1; relative major/minor (8B↔8A) 1; a diagonal
    /// (8A→9B) 2; the tritone on the other ring (8B→2A) the largest, <see cref="MaxDistance"/> (7).</summary>
    /// <remarks>A metric (symmetric, zero only for the same code, triangle inequality): the sum of the circular distance
    /// on the hours and the discrete distance on the rings.</remarks>
    public static int Distance(CamelotKey a, CamelotKey b)
    {
        var hours = Math.Abs(a.Number - b.Number);
        return Math.Min(hours, 12 - hours) + (a.Major == b.Major ? 0 : 1);
    }

    /// <summary>The key's name, e.g. "C major", "F♯ minor", "E♭ major" (flats for E♭, A♭, B♭; sharps for C♯, F♯).</summary>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="FromKey"/>.</exception>
    public static string KeyName(int pitchClass, int mode)
    {
        _ = FromKey(pitchClass, mode);
        return PitchNames[pitchClass] + (mode == 1 ? " major" : " minor");
    }
}

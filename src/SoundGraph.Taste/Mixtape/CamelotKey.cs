using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SoundGraph.Taste.Mixtape;

/// <summary>A key on the Camelot wheel: an hour 1–12 and a ring, "B" (outer, major) or "A" (inner, minor), written "8B"
/// (C major) or "8A" (A minor). See <see cref="Camelot"/> for the mapping from keys and the distance between codes.</summary>
public readonly record struct CamelotKey
{
    /// <summary>Creates the code <paramref name="number"/> + (<paramref name="major"/> ? "B" : "A").</summary>
    /// <param name="number">The hour on the wheel, 1–12.</param>
    /// <param name="major">True for the outer ring (B, major keys), false for the inner ring (A, minor keys).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is outside 1–12.</exception>
    public CamelotKey(int number, bool major)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 12);
        Number = number;
        Major = major;
    }

    /// <summary>The hour on the wheel, 1–12; neighbouring hours are a perfect fifth apart.</summary>
    public int Number { get; }

    /// <summary>True for the B ring (major keys), false for the A ring (minor keys).</summary>
    public bool Major { get; }

    /// <summary>The ring's letter: 'B' (major) or 'A' (minor).</summary>
    public char Letter => Major ? 'B' : 'A';

    /// <summary>Parses "8B", "12A" (case-insensitive letter, no spaces).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">Not an hour 1–12 followed by A or B.</exception>
    public static CamelotKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var key) ? key : throw new FormatException($"'{text}' is not a Camelot code such as 8B or 12A (an hour 1–12, then A for minor or B for major).");
    }

    /// <summary>Parses as <see cref="Parse"/> does; false instead of an exception.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out CamelotKey key)
    {
        key = default;
        if (text is not { Length: 2 or 3 })
        {
            return false;
        }

        var letter = char.ToUpperInvariant(text[^1]);
        if (letter is not ('A' or 'B')
            || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number is < 1 or > 12)
        {
            return false;
        }

        key = new CamelotKey(number, letter == 'B');
        return true;
    }

    /// <summary>"8B", "12A".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number}{Letter}");
}

using SoundGraph.Taste.Mixtape;

namespace SoundGraph.Taste.Tests.Mixtape;

public sealed class CamelotTests
{
    // Hand-copied from Mixed In Key's Camelot wheel (https://mixedinkey.com/camelot-wheel/), not from the formula:
    // outer ring B = majors, inner ring A = minors.
    [Theory]
    [InlineData(0, 1, "8B")]    // C major
    [InlineData(7, 1, "9B")]    // G major
    [InlineData(2, 1, "10B")]   // D major
    [InlineData(9, 1, "11B")]   // A major
    [InlineData(4, 1, "12B")]   // E major
    [InlineData(11, 1, "1B")]   // B major
    [InlineData(6, 1, "2B")]    // F♯ major
    [InlineData(1, 1, "3B")]    // D♭ major
    [InlineData(8, 1, "4B")]    // A♭ major
    [InlineData(3, 1, "5B")]    // E♭ major
    [InlineData(10, 1, "6B")]   // B♭ major
    [InlineData(5, 1, "7B")]    // F major
    [InlineData(9, 0, "8A")]    // A minor
    [InlineData(4, 0, "9A")]    // E minor
    [InlineData(11, 0, "10A")]  // B minor
    [InlineData(6, 0, "11A")]   // F♯ minor
    [InlineData(1, 0, "12A")]   // C♯ minor
    [InlineData(8, 0, "1A")]    // G♯ minor
    [InlineData(3, 0, "2A")]    // E♭ minor
    [InlineData(10, 0, "3A")]   // B♭ minor
    [InlineData(5, 0, "4A")]    // F minor
    [InlineData(0, 0, "5A")]    // C minor
    [InlineData(7, 0, "6A")]    // G minor
    [InlineData(2, 0, "7A")]    // D minor
    public void FromKey_EachOfThe24Keys_MatchesTheMixedInKeyWheel(int pitchClass, int mode, string expected) =>
        Assert.Equal(expected, Camelot.FromKey(pitchClass, mode).ToString());

    [Fact]
    public void FromKey_All24Keys_Give24DistinctCodes() =>
        Assert.Equal(24, Enumerable.Range(0, 12).SelectMany(pc => new[] { Camelot.FromKey(pc, 0), Camelot.FromKey(pc, 1) }).Distinct().Count());

    [Fact]
    public void FromKey_EachMinor_SitsBesideItsRelativeMajor()
    {
        // The relative major of a minor key is three semitones up (A minor → C major).
        foreach (var pc in Enumerable.Range(0, 12))
        {
            var minor = Camelot.FromKey(pc, 0);
            var major = Camelot.FromKey((pc + 3) % 12, 1);
            Assert.Equal(minor.Number, major.Number);
            Assert.Equal(1, Camelot.Distance(minor, major));
        }
    }

    [Theory]
    [InlineData("8B", "8B", 0)]    // same key
    [InlineData("8B", "8A", 1)]    // relative minor
    [InlineData("8B", "9B", 1)]    // a fifth up
    [InlineData("8B", "7B", 1)]    // a fifth down
    [InlineData("12A", "1A", 1)]   // across 12 → 1
    [InlineData("8A", "9B", 2)]    // diagonal
    [InlineData("8B", "10B", 2)]   // two hours (a whole tone): Mixed In Key's "energy boost"
    [InlineData("1B", "7B", 6)]    // opposite hours
    [InlineData("8B", "2A", 7)]    // opposite hour, other ring: the largest
    [InlineData("3A", "11A", 4)]   // the short way round: 3 → 2 → 1 → 12 → 11
    public void Distance_HandCheckedPairs_CountsStepsAroundTheWheel(string a, string b, int expected)
    {
        Assert.Equal(expected, Camelot.Distance(CamelotKey.Parse(a), CamelotKey.Parse(b)));
        Assert.Equal(expected, Camelot.Distance(CamelotKey.Parse(b), CamelotKey.Parse(a)));
    }

    [Fact]
    public void Distance_AllPairs_IsAMetricBoundedBySeven()
    {
        var all = Enumerable.Range(1, 12).SelectMany(n => new[] { new CamelotKey(n, true), new CamelotKey(n, false) }).ToList();
        foreach (var a in all)
        {
            foreach (var b in all)
            {
                var d = Camelot.Distance(a, b);
                Assert.InRange(d, a == b ? 0 : 1, Camelot.MaxDistance);
                Assert.All(all, c => Assert.True(d <= Camelot.Distance(a, c) + Camelot.Distance(c, b)));
            }
        }
    }

    [Theory]
    [InlineData("8b", "8B")]
    [InlineData("12A", "12A")]
    [InlineData("1a", "1A")]
    public void Parse_ValidCodes_RoundTrip(string text, string expected) => Assert.Equal(expected, CamelotKey.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("0A")]
    [InlineData("13B")]
    [InlineData("8C")]
    [InlineData(" 8A")]
    [InlineData("A8")]
    public void Parse_InvalidCodes_ThrowsFormatException(string text) => Assert.Throws<FormatException>(() => CamelotKey.Parse(text));

    [Theory]
    [InlineData(-1, 1)]   // Spotify's "no key detected"
    [InlineData(12, 0)]
    [InlineData(0, 2)]
    public void FromKey_OutOfRange_Throws(int pitchClass, int mode) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Camelot.FromKey(pitchClass, mode));

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(null, 1)]
    [InlineData(5, null)]
    [InlineData(5, 3)]
    public void TryFromKey_UnknownOrInvalid_Null(int? pitchClass, int? mode) => Assert.Null(Camelot.TryFromKey(pitchClass, mode));

    [Theory]
    [InlineData(0, 1, "C major")]
    [InlineData(6, 0, "F♯ minor")]
    [InlineData(3, 1, "E♭ major")]
    public void KeyName_Keys_SpelledWithSharpsAndFlats(int pitchClass, int mode, string expected) => Assert.Equal(expected, Camelot.KeyName(pitchClass, mode));
}

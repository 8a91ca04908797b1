using SoundGraph.Audio.Tonal;

namespace SoundGraph.Audio.Tests;

/// <summary>Key and mode of synthesized chord progressions (generated here: each chord 1 s of harmonic tones, 1/h partials,
/// the root doubled an octave below).</summary>
public sealed class KeyDetectorTests
{
    private const int Rate = 22050;

    public static TheoryData<string, int[][], int, bool> Progressions => new()
    {
        // I–IV–V–I in C major.
        { "C major", [[60, 64, 67], [65, 69, 72], [67, 71, 74], [60, 64, 67]], 0, true },
        // i–iv–V–i in A minor (harmonic minor: E major's G♯).
        { "A minor", [[57, 60, 64], [62, 65, 69], [64, 68, 71], [57, 60, 64]], 9, false },
        // i–iv–V–i in F♯ minor.
        { "F# minor", [[54, 57, 61], [59, 62, 66], [61, 65, 68], [54, 57, 61]], 6, false },
    };

    [Theory]
    [MemberData(nameof(Progressions))]
    public void Estimate_ChordProgression_FindsKeyAndMode(string name, int[][] chords, int tonic, bool major)
    {
        foreach (var profile in new[] { KeyProfile.KrumhanslKessler, KeyProfile.Temperley })
        {
            var detector = new KeyDetector(Rate);
            detector.Add(Synthesize(chords));

            var key = detector.Estimate(profile)!;

            Assert.Equal((tonic, major, name), (key.PitchClass, key.IsMajor, key.Name));
            Assert.InRange(key.Confidence, 0.0001, 1);
            Assert.Equal(major ? 1 : 0, key.Mode);
        }
    }

    [Theory]
    [MemberData(nameof(Progressions))]
    public void Estimate_ChordProgressionUnderFaraldoEdmProfiles_FindsKeyAndMode(string name, int[][] chords, int tonic, bool major)
    {
        var detector = new KeyDetector(Rate);
        detector.Add(Synthesize(chords));

        foreach (var profile in new[] { KeyProfile.Edma, KeyProfile.Braw, KeyProfile.Bgate })
        {
            Assert.Equal((profile.Name, name), (profile.Name, detector.Estimate(profile)!.Name));
        }

        // edmm has a flat major profile: it reports every key as minor, and a minor progression's tonic right.
        var edmm = detector.Estimate(KeyProfile.Edmm)!;
        Assert.False(edmm.IsMajor);
        if (!major)
        {
            Assert.Equal(tonic, edmm.PitchClass);
        }
    }

    [Fact]
    public void Estimate_TransposedTwoSemitones_MovesTheTonicTwoSemitones()
    {
        int[][] cMajor = [[60, 64, 67], [65, 69, 72], [67, 71, 74], [60, 64, 67]];
        var detector = new KeyDetector(Rate);
        detector.Add(Synthesize(cMajor.Select(c => c.Select(n => n + 2).ToArray()).ToArray()));

        Assert.Equal("D major", detector.Estimate()!.Name);
    }

    [Fact]
    public void Estimate_Silence_IsNull()
    {
        var detector = new KeyDetector(Rate);
        detector.Add(new float[Rate * 2]);

        Assert.Null(detector.Estimate());
        Assert.All(detector.Profile, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Pearson_ProfileAgainstItselfAtItsTonic_IsOne()
    {
        var major = KeyProfile.KrumhanslKessler.Major;
        var rotated = Enumerable.Range(0, 12).Select(pc => major[((pc - 5) % 12 + 12) % 12]).ToArray();

        Assert.Equal(1.0, KeyDetector.Pearson(rotated, major, 5), 1e-12);
        Assert.Same(KeyProfile.Edma, KeyProfile.Named("EDMA"));
        Assert.Same(KeyProfile.KrumhanslKessler, KeyProfile.Named("kk"));
        Assert.Contains("bgate", Assert.Throws<ArgumentException>(() => KeyProfile.Named("shaath")).Message, StringComparison.Ordinal);
    }

    private static float[] Synthesize(int[][] chords)
    {
        var samples = new float[chords.Length * Rate];
        for (var c = 0; c < chords.Length; c++)
        {
            var notes = chords[c].Append(chords[c][0] - 12).ToArray();
            for (var n = 0; n < Rate; n++)
            {
                var t = (double)n / Rate;
                var envelope = Math.Min(1, Math.Min(n, Rate - n) / (0.02 * Rate));
                var x = 0.0;
                foreach (var midi in notes)
                {
                    var hz = 440 * Math.Pow(2, (midi - 69) / 12.0);
                    for (var h = 1; h <= 4; h++)
                    {
                        x += Math.Sin(2 * Math.PI * hz * h * t) / h;
                    }
                }

                samples[(c * Rate) + n] = (float)(0.05 * envelope * x);
            }
        }

        return samples;
    }
}

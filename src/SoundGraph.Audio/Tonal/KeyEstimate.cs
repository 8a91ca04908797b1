namespace SoundGraph.Audio.Tonal;

/// <summary>An estimated key.</summary>
/// <param name="PitchClass">The tonic as a pitch class, 0 = C … 11 = B.</param>
/// <param name="IsMajor">True for major, false for minor.</param>
/// <param name="Correlation">Pearson correlation of the pitch-class profile with the winning key profile, −1…1.</param>
/// <param name="Confidence">How clearly it won, 0…1: (best − second best correlation) / best, 0 when best ≤ 0.</param>
public sealed record KeyEstimate(int PitchClass, bool IsMajor, double Correlation, double Confidence)
{
    private static readonly string[] Names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    /// <summary>"C major", "F# minor", ….</summary>
    public string Name => $"{Names[PitchClass]} {(IsMajor ? "major" : "minor")}";

    /// <summary>Spotify's mode convention: 1 major, 0 minor.</summary>
    public int Mode => IsMajor ? 1 : 0;
}

namespace SoundGraph.Taste.Time;

/// <summary>The four moods of the energy × valence plane, the dashboard's mood bins.</summary>
/// <remarks>Russell's circumplex (1980) read on Spotify's two axes, cut at 0.5 on each (a value of exactly 0.5 counts as
/// high): high energy and high valence is happy/energetic, high energy and low valence angry/tense, low energy and low
/// valence sad/calm, low energy and high valence peaceful. Coarser than the 3 × 3 <see cref="EnergyValenceGrid"/> of the
/// diversity measure, on purpose: four named bins read at a glance.</remarks>
public enum MoodQuadrant
{
    /// <summary>Energy ≥ 0.5, valence ≥ 0.5: happy/energetic.</summary>
    Happy,

    /// <summary>Energy ≥ 0.5, valence &lt; 0.5: angry/tense.</summary>
    Tense,

    /// <summary>Energy &lt; 0.5, valence &lt; 0.5: sad/calm.</summary>
    Sad,

    /// <summary>Energy &lt; 0.5, valence ≥ 0.5: peaceful.</summary>
    Peaceful,
}

/// <summary>Codes, labels and the bin of a track for <see cref="MoodQuadrant"/>.</summary>
public static class MoodQuadrants
{
    /// <summary>Where each axis is cut: 0.5.</summary>
    public const double Cut = 0.5;

    /// <summary>Every quadrant, in declaration order (happy, tense, sad, peaceful).</summary>
    public static IReadOnlyList<MoodQuadrant> All { get; } = Enum.GetValues<MoodQuadrant>();

    /// <summary>The quadrant of a track with <paramref name="energy"/> and <paramref name="valence"/> (0–1 each).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN.</exception>
    public static MoodQuadrant Of(double energy, double valence)
    {
        if (double.IsNaN(energy) || double.IsNaN(valence))
        {
            throw new ArgumentOutOfRangeException(double.IsNaN(energy) ? nameof(energy) : nameof(valence), "A mood value must be a number.");
        }

        return (energy >= Cut, valence >= Cut) switch
        {
            (true, true) => MoodQuadrant.Happy,
            (true, false) => MoodQuadrant.Tense,
            (false, false) => MoodQuadrant.Sad,
            _ => MoodQuadrant.Peaceful,
        };
    }

    /// <summary>The quadrant's code as the API spells it: "happy", "tense", "sad", "peaceful".</summary>
    public static string Code(this MoodQuadrant quadrant) => quadrant switch
    {
        MoodQuadrant.Happy => "happy",
        MoodQuadrant.Tense => "tense",
        MoodQuadrant.Sad => "sad",
        MoodQuadrant.Peaceful => "peaceful",
        _ => throw new ArgumentOutOfRangeException(nameof(quadrant), quadrant, "Unknown mood quadrant."),
    };

    /// <summary>The quadrant's label: "happy/energetic", "angry/tense", "sad/calm", "peaceful".</summary>
    public static string Label(this MoodQuadrant quadrant) => quadrant switch
    {
        MoodQuadrant.Happy => "happy/energetic",
        MoodQuadrant.Tense => "angry/tense",
        MoodQuadrant.Sad => "sad/calm",
        MoodQuadrant.Peaceful => "peaceful",
        _ => throw new ArgumentOutOfRangeException(nameof(quadrant), quadrant, "Unknown mood quadrant."),
    };
}

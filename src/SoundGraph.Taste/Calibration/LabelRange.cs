namespace SoundGraph.Taste.Calibration;

/// <summary>The values a listener may give a track on each axis (a personal label): 0–1 for the 0–1 axes, a plausible
/// musical tempo for <see cref="MoodAxis.Tempo"/>.</summary>
public static class LabelRange
{
    /// <summary>Slowest tempo label, BPM: 20.</summary>
    public const double MinTempoBpm = 20;

    /// <summary>Fastest tempo label, BPM: 300.</summary>
    public const double MaxTempoBpm = 300;

    /// <summary>The inclusive range of <paramref name="axis"/>'s labels: [20, 300] BPM for tempo, [0, 1] otherwise.</summary>
    public static (double Min, double Max) Of(MoodAxis axis) => axis == MoodAxis.Tempo ? (MinTempoBpm, MaxTempoBpm) : (0, 1);

    /// <summary>Whether <paramref name="value"/> is a valid label of <paramref name="axis"/> (finite and within
    /// <see cref="Of"/>).</summary>
    public static bool Contains(MoodAxis axis, double value)
    {
        var (min, max) = Of(axis);
        return double.IsFinite(value) && value >= min && value <= max;
    }
}

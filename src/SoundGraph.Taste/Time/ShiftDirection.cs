namespace SoundGraph.Taste.Time;

/// <summary>Which way a change point moved an axis.</summary>
public enum ShiftDirection
{
    /// <summary>The level rose: the upper sum S⁺ raised the alarm.</summary>
    Up,

    /// <summary>The level fell: the lower sum S⁻ raised the alarm.</summary>
    Down,
}

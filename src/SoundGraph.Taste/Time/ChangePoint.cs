namespace SoundGraph.Taste.Time;

/// <summary>A week in which a listener's level on one axis was found to have shifted (<see cref="ChangePointDetector"/>).</summary>
/// <param name="Axis">The axis.</param>
/// <param name="Week">The alarm week: the first week the evidence was enough (a sum exceeded h).</param>
/// <param name="Direction">Up or down.</param>
/// <param name="LastZeroWeek">The estimated change start as Montgomery gives it: the last week with a value at which
/// the alarming sum was 0 (the last week still at the old level); null when the sum had been positive since the first
/// week with a value.</param>
/// <param name="FirstShiftedWeek">The first week with a value after <paramref name="LastZeroWeek"/>: the first week of
/// the new level.</param>
/// <param name="ShiftSd">The estimated new level, signed, in the listener's own weekly sd from the whole-history mean:
/// ±(k + S / N), S the alarming sum and N the weeks with a value since it was 0 (Montgomery's estimate of the new
/// process mean).</param>
/// <param name="Shift">The same in the axis's unit: <paramref name="ShiftSd"/> × the weekly sd.</param>
public sealed record ChangePoint(
    MoodAxis Axis,
    IsoWeek Week,
    ShiftDirection Direction,
    IsoWeek? LastZeroWeek,
    IsoWeek FirstShiftedWeek,
    double ShiftSd,
    double Shift);

namespace SoundGraph.Taste.Time;

/// <summary>A week in which a listener's level on one axis was found to have shifted (<see cref="ChangePointDetector"/>).</summary>
/// <param name="Axis">The axis.</param>
/// <param name="Week">The alarm week: the first week the evidence was enough (a sum exceeded h).</param>
/// <param name="Direction">Up or down.</param>
/// <param name="LastZeroWeek">The estimated last week at the old level, as Montgomery gives it: the last week with a
/// value at which the alarming sum was 0. Self-starting: never null (the sums are 0 through each warm-up's last week).
/// Whole history: null when the sum had been positive since the first week with a value.</param>
/// <param name="FirstShiftedWeek">The first week with a value after <paramref name="LastZeroWeek"/>: the estimated first
/// week of the new level (self-starting: where the next baseline starts).</param>
/// <param name="ShiftSd">The estimated shift, signed, in the listener's own weekly sd. Self-starting: <paramref name="Shift"/>
/// / the sd of the baseline weeks (from the baseline's start through <paramref name="LastZeroWeek"/>, sample sd, at least
/// the sd floor). Whole history: the new level's distance from the whole-history mean, ±(k + S / N), S the alarming sum
/// and N the weeks with a value since it was 0 (Montgomery's estimate of the new process mean).</param>
/// <param name="Shift">The same in the axis's unit. Self-starting: the mean of the weeks from
/// <paramref name="FirstShiftedWeek"/> through <paramref name="Week"/> minus the mean of the baseline weeks before it
/// (new level − old level). Whole history: <paramref name="ShiftSd"/> × the whole-history sd (new level − whole-history
/// mean).</param>
public sealed record ChangePoint(
    MoodAxis Axis,
    IsoWeek Week,
    ShiftDirection Direction,
    IsoWeek? LastZeroWeek,
    IsoWeek FirstShiftedWeek,
    double ShiftSd,
    double Shift);

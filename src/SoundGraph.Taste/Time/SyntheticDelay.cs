namespace SoundGraph.Taste.Time;

/// <summary>Detection delay of the CUSUM on SYNTHETIC series with a planted shift
/// (<see cref="SyntheticCusumEvaluation.MeanDetectionDelay"/>).</summary>
/// <param name="Delta">The planted upward shift, sd.</param>
/// <param name="Runs">Series generated.</param>
/// <param name="Detected">Series with an upward alarm at or after the shift.</param>
/// <param name="MeanDelayWeeks">Mean over the detected series of alarm week − shift week + 1 (the run length from the
/// first shifted week, that week included, comparable with ARL₁); NaN when none was detected.</param>
/// <param name="TheoreticalArl">Siegmund's two-sided ARL₁ for this shift (<see cref="SiegmundArl.TwoSided"/>).</param>
/// <param name="AlarmsBeforeShift">Alarms, either direction, before the shift week over all runs: false alarms (with a
/// known baseline about <see cref="SyntheticCusumEvaluation.ShiftWeek"/> / ARL₀ per run), plus, with the
/// whole-history baseline, "down" alarms on the pre-shift weeks, which the shift itself pushes below the
/// baseline; with the self-starting baseline false alarms only, and only after its warm-up.</param>
/// <param name="AlarmsAfterDetection">Alarms, either direction, after the detecting one over the detected runs: with a
/// baseline that does not move to the new level (known; whole history, half-way) a train of "up" alarms while the
/// shift lasts; with the self-starting baseline, which restarts at the new level, in-control alarms only (a little more
/// often than ARL₀ says, the new baseline starting with the run of high weeks that raised the alarm).</param>
public sealed record SyntheticDelay(
    double Delta,
    int Runs,
    int Detected,
    double MeanDelayWeeks,
    double TheoreticalArl,
    int AlarmsBeforeShift,
    int AlarmsAfterDetection);

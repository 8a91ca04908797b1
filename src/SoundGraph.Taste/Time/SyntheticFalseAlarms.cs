namespace SoundGraph.Taste.Time;

/// <summary>False alarms of the CUSUM on SYNTHETIC series without a shift
/// (<see cref="SyntheticCusumEvaluation.FalseAlarmsPerYear"/>).</summary>
/// <param name="Runs">Series generated.</param>
/// <param name="WeeksPerRun">Weeks in each.</param>
/// <param name="Alarms">Alarms over all series (every one is false).</param>
/// <param name="PerYear">Alarms per 52 weeks: 52 × alarms / (runs × weeks per run).</param>
/// <param name="TheoreticalPerYear">52 / Siegmund's two-sided ARL₀.</param>
public sealed record SyntheticFalseAlarms(int Runs, int WeeksPerRun, int Alarms, double PerYear, double TheoreticalPerYear);

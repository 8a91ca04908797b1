namespace SoundGraph.Taste.Time;

/// <summary>Momentum of a listener's taste, week by week (<see cref="MomentumAnalyzer.Compute"/>).</summary>
/// <param name="Weeks">The weeks, as in <see cref="WeeklyTaste.Weeks"/>.</param>
/// <param name="Axes">Per axis (every axis), the EMA and momentum series aligned with <paramref name="Weeks"/>.</param>
/// <param name="Index">Per week, the momentum index: √Σₐ (momentumₐ / sdₐ)² over the axes with a momentum that week and a
/// weekly sd &gt; 0, in sd per week; null when no axis qualifies.</param>
public sealed record TasteMomentum(
    IReadOnlyList<IsoWeek> Weeks,
    IReadOnlyDictionary<MoodAxis, AxisMomentum> Axes,
    IReadOnlyList<double?> Index);

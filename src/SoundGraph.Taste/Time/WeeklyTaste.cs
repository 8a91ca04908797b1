namespace SoundGraph.Taste.Time;

/// <summary>A listener's listening history week by week (<see cref="WeeklyAggregator"/>).</summary>
/// <param name="Zone">The listener's time zone, in which weeks, weekdays and hours are read.</param>
/// <param name="Weeks">Every ISO week from the first to the last with a counted play, in order and without gaps
/// (empty weeks included); empty when no play counted.</param>
/// <param name="Clock">Counted minutes by local weekday × hour over the whole history.</param>
public sealed record WeeklyTaste(TimeZoneInfo Zone, IReadOnlyList<WeekTaste> Weeks, ListeningClock Clock)
{
    /// <summary>The weekly centroids on <paramref name="axis"/>, one per week of <see cref="Weeks"/>; null for a week
    /// without a value.</summary>
    public IReadOnlyList<double?> Centroids(MoodAxis axis) => Weeks.Select(w => w.Centroid(axis)).ToArray();
}

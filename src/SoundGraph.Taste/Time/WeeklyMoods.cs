namespace SoundGraph.Taste.Time;

/// <summary>One week's counted minutes split by <see cref="MoodQuadrant"/>.</summary>
/// <param name="Week">The ISO week.</param>
/// <param name="Minutes">Counted minutes of the week (<see cref="PlayFilter.CountedMinutes"/>).</param>
/// <param name="PlacedMinutes">Of those, the minutes whose track has both energy and valence.</param>
/// <param name="QuadrantMinutes">Minutes per quadrant, indexed by <see cref="MoodQuadrant"/>; they sum to
/// <see cref="PlacedMinutes"/>.</param>
public sealed record WeekMoods(IsoWeek Week, double Minutes, double PlacedMinutes, IReadOnlyList<double> QuadrantMinutes)
{
    /// <summary>The share of <see cref="PlacedMinutes"/> in <paramref name="quadrant"/>, 0–1; null when nothing was
    /// placed.</summary>
    public double? Share(MoodQuadrant quadrant) => PlacedMinutes > 0 ? QuadrantMinutes[(int)quadrant] / PlacedMinutes : null;

    /// <summary>The quadrant with the most minutes (the first in <see cref="MoodQuadrants.All"/> order on a tie); null
    /// when nothing was placed.</summary>
    public MoodQuadrant? Dominant => PlacedMinutes > 0
        ? MoodQuadrants.All.OrderByDescending(q => QuadrantMinutes[(int)q]).ThenBy(q => q).First()
        : null;
}

/// <summary>Splits a listener's counted minutes per ISO week into the four energy × valence moods (the dashboard's mood
/// chart).</summary>
public static class WeeklyMoods
{
    /// <summary>The mood minutes of every week from <paramref name="first"/> to <paramref name="last"/> (both included,
    /// empty weeks kept).</summary>
    /// <param name="plays">The listener's plays, any order; only those that <see cref="PlayFilter.Counts"/> are used,
    /// weighted by <see cref="PlayFilter.CountedMinutes"/>, in the ISO week they ended in on <paramref name="zone"/>'s
    /// wall clock (as <see cref="WeeklyAggregator"/> does).</param>
    /// <param name="axesOf">A track id → its axis values, or null; a play is placed when its track has a finite energy
    /// and valence.</param>
    /// <param name="zone">The listener's time zone.</param>
    /// <param name="first">First week to report.</param>
    /// <param name="last">Last week to report, not before <paramref name="first"/>.</param>
    /// <returns>One <see cref="WeekMoods"/> per week, oldest first.</returns>
    /// <exception cref="ArgumentNullException">An argument or a play is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="last"/> is before <paramref name="first"/>.</exception>
    public static IReadOnlyList<WeekMoods> Aggregate(
        IEnumerable<Play> plays, Func<long, IReadOnlyDictionary<MoodAxis, double>?> axesOf, TimeZoneInfo zone, IsoWeek first, IsoWeek last)
    {
        ArgumentNullException.ThrowIfNull(plays);
        ArgumentNullException.ThrowIfNull(axesOf);
        ArgumentNullException.ThrowIfNull(zone);
        if (last < first)
        {
            throw new ArgumentException($"The last week {last} is before the first {first}.", nameof(last));
        }

        var count = IsoWeek.WeeksBetween(first, last) + 1;
        var minutes = new double[count];
        var placed = new double[count];
        var quadrants = new double[count][];
        for (var i = 0; i < count; i++)
        {
            quadrants[i] = new double[MoodQuadrants.All.Count];
        }

        var tracks = new Dictionary<long, MoodQuadrant?>();
        foreach (var play in plays)
        {
            ArgumentNullException.ThrowIfNull(play, nameof(plays));
            if (!PlayFilter.Counts(play))
            {
                continue;
            }

            var index = IsoWeek.WeeksBetween(first, IsoWeek.FromInstant(play.EndedAt, zone));
            if (index < 0 || index >= count)
            {
                continue;
            }

            if (!tracks.TryGetValue(play.TrackId, out var quadrant))
            {
                quadrant = QuadrantOf(axesOf(play.TrackId));
                tracks[play.TrackId] = quadrant;
            }

            var m = PlayFilter.Minutes(play);
            minutes[index] += m;
            if (quadrant is { } q)
            {
                placed[index] += m;
                quadrants[index][(int)q] += m;
            }
        }

        return [.. Enumerable.Range(0, count).Select(i => new WeekMoods(first.AddWeeks(i), minutes[i], placed[i], quadrants[i]))];
    }

    private static MoodQuadrant? QuadrantOf(IReadOnlyDictionary<MoodAxis, double>? axes) =>
        axes is not null
        && axes.TryGetValue(MoodAxis.Energy, out var energy) && double.IsFinite(energy)
        && axes.TryGetValue(MoodAxis.Valence, out var valence) && double.IsFinite(valence)
            ? MoodQuadrants.Of(energy, valence)
            : null;
}

namespace SoundGraph.Taste.Time;

/// <summary>Turns a listener's plays into weekly taste: per ISO week and mood axis, the minute-weighted centroid and
/// variance (issue 16).</summary>
public static class WeeklyAggregator
{
    /// <summary>Aggregates <paramref name="plays"/> week by week in <paramref name="zone"/>.</summary>
    /// <param name="plays">One listener's plays, any order. Only those that <see cref="PlayFilter.Counts"/> are used,
    /// each weighted by <see cref="PlayFilter.CountedMinutes"/>; a play belongs to the ISO week in which it ended on
    /// the zone's wall clock (<see cref="IsoWeek.FromInstant"/>).</param>
    /// <param name="axesOf">A track id → its mood-axis values (the Axes/ side), or null for a track without any.
    /// Called once per distinct track id of a counted play. A missing axis, NaN or ±∞ is "no value" on that axis.</param>
    /// <param name="zone">The listener's time zone (e.g. <c>TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")</c>).</param>
    /// <returns>Every week from the first to the last with a counted play, gaps included as empty weeks; per week the
    /// counted plays and minutes, the coverage (share of counted minutes with both energy and valence), per axis
    /// <see cref="AxisWeek"/> (weighted mean, weighted population variance, plays and minutes with a value) and the
    /// energy × valence <see cref="Diversity"/>; and the weekday × hour <see cref="ListeningClock"/>. No weeks when no
    /// play counts.</returns>
    /// <exception cref="ArgumentNullException">An argument or a play is null.</exception>
    /// <remarks>Cost O(plays + weeks) time, O(distinct tracks + weeks) memory.</remarks>
    public static WeeklyTaste Aggregate(
        IEnumerable<Play> plays,
        Func<long, IReadOnlyDictionary<MoodAxis, double>?> axesOf,
        TimeZoneInfo zone) => Aggregate(plays, axesOf, zone, null);

    /// <summary>Aggregates <paramref name="plays"/> week by week in <paramref name="zone"/>, with each week's
    /// <see cref="TagDiversity"/> from <paramref name="tagsOf"/>.</summary>
    /// <param name="plays">As for <see cref="Aggregate(IEnumerable{Play}, Func{long, IReadOnlyDictionary{MoodAxis, double}?}, TimeZoneInfo)"/>.</param>
    /// <param name="axesOf">As there.</param>
    /// <param name="zone">As there.</param>
    /// <param name="tagsOf">A track id → its tags with weights (e.g. its own tags, else its artists'), or null for an
    /// untagged track; called once per distinct track id of a counted play. Null: no tag diversity.</param>
    /// <returns>As there, each week with <see cref="WeekTaste.TagDiversity"/> when <paramref name="tagsOf"/> is given.</returns>
    /// <exception cref="ArgumentNullException">plays, axesOf, zone or a play is null.</exception>
    public static WeeklyTaste Aggregate(
        IEnumerable<Play> plays,
        Func<long, IReadOnlyDictionary<MoodAxis, double>?> axesOf,
        TimeZoneInfo zone,
        Func<long, IReadOnlyDictionary<string, double>?>? tagsOf)
    {
        ArgumentNullException.ThrowIfNull(plays);
        ArgumentNullException.ThrowIfNull(axesOf);
        ArgumentNullException.ThrowIfNull(zone);

        var weeks = new Dictionary<IsoWeek, WeekAccumulator>();
        var tracks = new Dictionary<long, IReadOnlyDictionary<MoodAxis, double>?>();
        var trackTags = new Dictionary<long, IReadOnlyDictionary<string, double>?>();
        var clock = new ListeningClock();
        foreach (var play in plays)
        {
            ArgumentNullException.ThrowIfNull(play, nameof(plays));
            if (!PlayFilter.Counts(play))
            {
                continue;
            }

            if (!tracks.TryGetValue(play.TrackId, out var axes))
            {
                axes = axesOf(play.TrackId);
                tracks[play.TrackId] = axes;
                trackTags[play.TrackId] = tagsOf?.Invoke(play.TrackId);
            }

            var week = IsoWeek.FromInstant(play.EndedAt, zone);
            if (!weeks.TryGetValue(week, out var accumulator))
            {
                accumulator = new WeekAccumulator();
                weeks[week] = accumulator;
            }

            var cappedMs = PlayFilter.CappedMs(play);
            accumulator.Add(cappedMs / 60_000.0, axes, trackTags[play.TrackId]);
            clock.Add(play.EndedAt, cappedMs * TimeSpan.TicksPerMillisecond, zone);
        }

        if (weeks.Count == 0)
        {
            return new WeeklyTaste(zone, [], clock);
        }

        var first = weeks.Keys.Min();
        var count = IsoWeek.WeeksBetween(first, weeks.Keys.Max()) + 1;
        var result = new WeekTaste[count];
        for (var i = 0; i < count; i++)
        {
            var week = first.AddWeeks(i);
            result[i] = (weeks.GetValueOrDefault(week) ?? new WeekAccumulator()).ToWeek(week);
        }

        return new WeeklyTaste(zone, result, clock);
    }
}

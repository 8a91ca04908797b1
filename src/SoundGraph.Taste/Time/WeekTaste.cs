namespace SoundGraph.Taste.Time;

/// <summary>One listener's listening in one ISO week (<see cref="WeeklyAggregator"/>).</summary>
/// <param name="Week">The week, in the listener's time zone.</param>
/// <param name="CountedPlays">Plays that counted (<see cref="PlayFilter.Counts"/>), ≥ 0.</param>
/// <param name="CountedMinutes">Their total weight, minutes.</param>
/// <param name="Coverage">Share, 0–1, of the counted minutes whose track had both an energy and a valence value; 0 in
/// an empty week.</param>
/// <param name="Axes">Per axis, the moments over the counted plays with a value on it; an axis no counted play had
/// is absent.</param>
/// <param name="Diversity">Spread over the energy × valence grid of the covered minutes; null when none.</param>
/// <param name="TagDiversity">Spread over the tags of the tracks played (<see cref="TagMix"/>); null when no counted
/// minute had a tag or no tags were given to the aggregator.</param>
public sealed record WeekTaste(
    IsoWeek Week,
    int CountedPlays,
    double CountedMinutes,
    double Coverage,
    IReadOnlyDictionary<MoodAxis, AxisWeek> Axes,
    Diversity? Diversity,
    TagDiversity? TagDiversity = null)
{
    /// <summary>True for a week without counted plays (a gap between the first and last listening weeks).</summary>
    public bool IsEmpty => CountedPlays == 0;

    /// <summary>The week's weighted mean on <paramref name="axis"/>; null when no counted play had a value on it.</summary>
    public double? Centroid(MoodAxis axis) => Axes.TryGetValue(axis, out var moments) ? moments.Mean : null;
}

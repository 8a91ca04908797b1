using SoundGraph.Storage.Taste;
using SoundGraph.Taste.Time;

namespace SoundGraph.Services.Taste;

/// <summary>Per week, how a listener's minutes split over the four energy × valence moods (the dashboard's mood chart).</summary>
/// <param name="UserId">The listener.</param>
/// <param name="TimeZone">The IANA zone the weeks are cut in.</param>
/// <param name="Moods">The bins, in the order of every week's <see cref="MoodWeek.Shares"/>.</param>
/// <param name="Weeks">The window's weeks, oldest first.</param>
public sealed record TasteMoods(long UserId, string TimeZone, IReadOnlyList<MoodBin> Moods, IReadOnlyList<MoodWeek> Weeks);

/// <summary>A mood bin: a quadrant of the energy × valence plane (<see cref="MoodQuadrant"/>), cut at 0.5.</summary>
/// <param name="Mood">Code: happy, tense, sad, peaceful.</param>
/// <param name="Label">"happy/energetic", "angry/tense", "sad/calm", "peaceful".</param>
/// <param name="Energy">"high" (≥ 0.5) or "low" (&lt; 0.5).</param>
/// <param name="Valence">"high" (≥ 0.5) or "low" (&lt; 0.5).</param>
public sealed record MoodBin(string Mood, string Label, string Energy, string Valence);

/// <summary>One week of a <see cref="TasteMoods"/>.</summary>
/// <param name="Week">'YYYY-Www'.</param>
/// <param name="Minutes">Counted minutes of the week.</param>
/// <param name="PlacedMinutes">Of those, minutes whose track has both energy and valence (on the listener's scale).</param>
/// <param name="Dominant">The mood with the most minutes; null when nothing was placed.</param>
/// <param name="Shares">Per mood (in <see cref="TasteMoods.Moods"/> order) its minutes and share of the placed minutes.</param>
public sealed record MoodWeek(string Week, double Minutes, double PlacedMinutes, string? Dominant, IReadOnlyList<MoodShare> Shares);

/// <summary>One mood's part of a week.</summary>
/// <param name="Mood">Mood code.</param>
/// <param name="Minutes">Its minutes.</param>
/// <param name="Share">Its share of the week's placed minutes, 0–1; null when nothing was placed.</param>
public sealed record MoodShare(string Mood, double Minutes, double? Share);

/// <summary>Builds <see cref="TasteMoods"/>: reads the listener's plays and axes (calibrated, <see cref="ListenerAxes"/>)
/// and splits each week's counted minutes with <see cref="WeeklyMoods"/>.</summary>
public static class TasteMoodCharts
{
    /// <summary>The four bins, in chart order.</summary>
    public static IReadOnlyList<MoodBin> Bins { get; } =
        [.. MoodQuadrants.All.Select(q => new MoodBin(q.Code(), q.Label(), q is MoodQuadrant.Happy or MoodQuadrant.Tense ? "high" : "low", q is MoodQuadrant.Happy or MoodQuadrant.Peaceful ? "high" : "low"))];

    /// <summary>The moods of <paramref name="userId"/> over the last <paramref name="weeks"/> aggregated weeks (the same
    /// window as the trajectory, in the stored time zone); null when the listener has no aggregates yet.</summary>
    /// <param name="taste">The store's taste tables (read only).</param>
    /// <param name="userId">The listener.</param>
    /// <param name="weeks">Window length, 1–<see cref="TasteReports.MaxWeeks"/>.</param>
    /// <param name="ct">Cancels the reads.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weeks"/> outside 1–520.</exception>
    /// <exception cref="TimeZoneNotFoundException">The stored zone is unknown to this machine.</exception>
    public static async Task<TasteMoods?> BuildAsync(TasteStore taste, long userId, int weeks, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(taste);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weeks, TasteReports.MaxWeeks);
        var state = await taste.StateAsync(userId, ct).ConfigureAwait(false);
        var totals = await taste.TotalsAsync(userId, ct).ConfigureAwait(false);
        if (state is null || totals.Count == 0)
        {
            return null;
        }

        var first = IsoWeek.Parse(totals[Math.Max(0, totals.Count - weeks)].Week);
        var last = IsoWeek.Parse(totals[^1].Week);
        var rows = await taste.PlaysAsync(userId, 0, ct).ConfigureAwait(false);
        var plays = rows.Select(StoredPlays.ToPlay).ToList();
        var axes = await ListenerAxes.LoadAsync(taste, userId, plays.Select(p => p.TrackId).Distinct().ToList(), ct).ConfigureAwait(false);
        var moods = WeeklyMoods.Aggregate(plays, axes.Of, TasteAggregation.FindZone(state.TimeZone), first, last);
        return new TasteMoods(userId, state.TimeZone, Bins, [.. moods.Select(Week)]);
    }

    private static MoodWeek Week(WeekMoods w) => new(
        w.Week.ToString(),
        w.Minutes,
        w.PlacedMinutes,
        w.Dominant?.Code(),
        [.. MoodQuadrants.All.Select(q => new MoodShare(q.Code(), w.QuadrantMinutes[(int)q], w.Share(q)))]);
}

using SoundGraph.Storage.Taste;
using SoundGraph.Taste;
using SoundGraph.Taste.Time;

namespace SoundGraph.Services.Taste;

/// <summary>The data of a listener's 2-D taste map (the dashboard projects it with UMAP in the browser): every track
/// played in each week of the window as one point with its axis values on the listener's scale, and the weekly
/// centroids.</summary>
/// <param name="UserId">The listener.</param>
/// <param name="TimeZone">The IANA zone the weeks are cut in.</param>
/// <param name="Weeks">The window's weeks, oldest first (the same window as the trajectory).</param>
/// <param name="Axes">The axes of the vectors, in axis order: those on which at least one point has a value.</param>
/// <param name="TotalPoints">Points in the window before <c>limit</c> cut them (placed ones only).</param>
/// <param name="UnplacedPoints">Track-weeks left out because the track has no value on any axis.</param>
/// <param name="Points">The points (at most <c>limit</c>: the ones with the most minutes), by week then track id.</param>
/// <param name="Centroids">One per window week: the stored weekly centroid per axis (the trajectory's values), null where
/// the week has none.</param>
public sealed record TasteMap(
    long UserId,
    string TimeZone,
    IReadOnlyList<string> Weeks,
    IReadOnlyList<MapAxis> Axes,
    int TotalPoints,
    int UnplacedPoints,
    IReadOnlyList<MapPoint> Points,
    IReadOnlyList<MapCentroid> Centroids);

/// <summary>One axis of a <see cref="TasteMap"/>'s vectors.</summary>
/// <param name="Axis">Axis code.</param>
/// <param name="Unit">"0–1" or "BPM".</param>
public sealed record MapAxis(string Axis, string Unit);

/// <summary>A track in one week of a <see cref="TasteMap"/>.</summary>
/// <param name="TrackId">The track.</param>
/// <param name="Title">Its title.</param>
/// <param name="Artist">Its primary artist; null when uncredited.</param>
/// <param name="Week">'YYYY-Www'.</param>
/// <param name="Plays">Counted plays of the track that week.</param>
/// <param name="Minutes">Their counted minutes.</param>
/// <param name="Mood">The energy × valence mood (<see cref="TasteMoodCharts.Bins"/>); null without both values.</param>
/// <param name="Values">One value per <see cref="TasteMap.Axes"/> entry, on the listener's scale; null where the track has none.</param>
public sealed record MapPoint(long TrackId, string Title, string? Artist, string Week, long Plays, double Minutes, string? Mood, IReadOnlyList<double?> Values);

/// <summary>A week's centroid in a <see cref="TasteMap"/>.</summary>
/// <param name="Week">'YYYY-Www'.</param>
/// <param name="Minutes">Counted minutes of the week.</param>
/// <param name="Values">One minute-weighted centroid per <see cref="TasteMap.Axes"/> entry; null where the week has no value.</param>
public sealed record MapCentroid(string Week, double Minutes, IReadOnlyList<double?> Values);

/// <summary>Builds <see cref="TasteMap"/>s.</summary>
public static class TasteMaps
{
    /// <summary>Most points a map returns: 2,000.</summary>
    public const int MaxPoints = 2000;

    /// <summary>The map of <paramref name="userId"/> over the last <paramref name="weeks"/> aggregated weeks; null when
    /// the listener has no aggregates yet.</summary>
    /// <remarks>A point is a (track, week) pair with at least one counted play (<see cref="PlayFilter.Counts"/>), the week
    /// cut in the stored zone; its values are <see cref="ListenerAxes"/> (calibrated by the listener's labels). When more
    /// than <paramref name="limit"/> pairs exist, the ones with the most minutes are kept (ties: older week, lower track
    /// id). The centroids are the stored weekly aggregates, so they match the trajectory.</remarks>
    /// <param name="taste">The store's taste tables (read only).</param>
    /// <param name="userId">The listener.</param>
    /// <param name="weeks">Window length, 1–<see cref="TasteReports.MaxWeeks"/>.</param>
    /// <param name="limit">Most points, 1–<see cref="MaxPoints"/>.</param>
    /// <param name="ct">Cancels the reads.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weeks"/> or <paramref name="limit"/> out of range.</exception>
    /// <exception cref="TimeZoneNotFoundException">The stored zone is unknown to this machine.</exception>
    public static async Task<TasteMap?> BuildAsync(TasteStore taste, long userId, int weeks, int limit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(taste);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weeks, TasteReports.MaxWeeks);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPoints);
        var state = await taste.StateAsync(userId, ct).ConfigureAwait(false);
        var totals = await taste.TotalsAsync(userId, ct).ConfigureAwait(false);
        if (state is null || totals.Count == 0)
        {
            return null;
        }

        var window = totals.Skip(Math.Max(0, totals.Count - weeks)).ToList();
        var inWindow = window.Select(t => t.Week).ToHashSet(StringComparer.Ordinal);
        var zone = TasteAggregation.FindZone(state.TimeZone);
        var cells = (await taste.PlaysAsync(userId, 0, ct).ConfigureAwait(false))
            .Select(StoredPlays.ToPlay)
            .Where(PlayFilter.Counts)
            .Select(p => (Week: IsoWeek.FromInstant(p.EndedAt, zone).ToString(), Play: p))
            .Where(p => inWindow.Contains(p.Week))
            .GroupBy(p => (p.Week, p.Play.TrackId))
            .Select(g => (g.Key.Week, g.Key.TrackId, Plays: (long)g.Count(), Minutes: g.Sum(p => PlayFilter.CountedMinutes(p.Play))))
            .ToList();
        var axes = await ListenerAxes.LoadAsync(taste, userId, cells.Select(c => c.TrackId).Distinct().ToList(), ct).ConfigureAwait(false);
        var placed = cells.Where(c => axes.Of(c.TrackId) is not null).ToList();
        var used = MoodAxes.All.Where(a => placed.Any(c => axes.Of(c.TrackId)!.ContainsKey(a))).ToList();
        var kept = placed
            .OrderByDescending(c => c.Minutes).ThenBy(c => c.Week, StringComparer.Ordinal).ThenBy(c => c.TrackId)
            .Take(limit)
            .OrderBy(c => c.Week, StringComparer.Ordinal).ThenBy(c => c.TrackId)
            .ToList();
        var titles = await taste.TrackTitlesAsync([.. kept.Select(c => c.TrackId).Distinct()], ct).ConfigureAwait(false);
        var points = kept.Select(c =>
        {
            var values = axes.Of(c.TrackId)!;
            var mood = values.TryGetValue(MoodAxis.Energy, out var e) && values.TryGetValue(MoodAxis.Valence, out var v) ? MoodQuadrants.Of(e, v).Code() : null;
            var (title, artist) = titles.GetValueOrDefault(c.TrackId, ("track:" + c.TrackId, null));
            return new MapPoint(c.TrackId, title, artist, c.Week, c.Plays, c.Minutes, mood, [.. used.Select(a => values.TryGetValue(a, out var x) ? x : (double?)null)]);
        }).ToList();

        var means = (await taste.WeeksAsync(userId, ct).ConfigureAwait(false)).ToDictionary(r => (r.Week, r.Axis), r => r.Mean);
        var centroids = window
            .Select(t => new MapCentroid(t.Week, t.Minutes, [.. used.Select(a => means.TryGetValue((t.Week, a.Code()), out var m) ? m : (double?)null)]))
            .ToList();
        return new TasteMap(
            userId,
            state.TimeZone,
            [.. window.Select(t => t.Week)],
            [.. used.Select(a => new MapAxis(a.Code(), a.Unit()))],
            placed.Count,
            cells.Count - placed.Count,
            points,
            centroids);
    }
}

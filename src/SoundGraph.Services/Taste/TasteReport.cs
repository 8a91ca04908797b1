using SoundGraph.Storage;
using SoundGraph.Storage.Taste;
using SoundGraph.Taste;
using SoundGraph.Taste.Time;

namespace SoundGraph.Services.Taste;

/// <summary>A listener's taste overview over the last weeks (what <c>sgr taste report</c> prints and the dashboard's
/// overview shows), read from the stored aggregates of <see cref="TasteAggregation"/>.</summary>
/// <param name="UserId">The listener.</param>
/// <param name="TimeZone">The zone the weeks are cut in.</param>
/// <param name="FirstWeek">First week with a counted play.</param>
/// <param name="LastWeek">Last week with a counted play.</param>
/// <param name="Weeks">The window's weeks, oldest first.</param>
/// <param name="CountedPlays">Counted plays in the window.</param>
/// <param name="Minutes">Their minutes.</param>
/// <param name="Coverage">Share of the window's minutes with energy and valence, 0–1.</param>
/// <param name="Diversity">Minute-weighted mean of the window's weekly diversity, 0–1; null when none.</param>
/// <param name="MomentumIndex">The last week's momentum index; null when undefined.</param>
/// <param name="Axes">Per axis: the window's weekly centroids and the last EMA and momentum.</param>
/// <param name="Changes">Every change point found (all weeks), newest first.</param>
/// <param name="Outliers">Tracks farthest from the centroid of the last 90 days.</param>
/// <param name="TagDiversity">Minute-weighted mean of the window's weekly tag entropy, bits (2^bits: the effective
/// number of tags); null when no week had a tagged minute.</param>
/// <param name="TaggedShare">Share of the window's minutes whose track had a tag, 0–1.</param>
public sealed record TasteReport(
    long UserId,
    string TimeZone,
    string FirstWeek,
    string LastWeek,
    IReadOnlyList<string> Weeks,
    long CountedPlays,
    double Minutes,
    double Coverage,
    double? Diversity,
    double? MomentumIndex,
    IReadOnlyList<AxisTrend> Axes,
    IReadOnlyList<TasteChangeRow> Changes,
    IReadOnlyList<TasteOutlier> Outliers,
    double? TagDiversity = null,
    double TaggedShare = 0);

/// <summary>One axis over the report's window.</summary>
/// <param name="Axis">Axis code.</param>
/// <param name="Unit">"0–1" or "BPM".</param>
/// <param name="Centroids">Weekly centroid per window week (null: no value that week).</param>
/// <param name="Ema">Last EMA in the window.</param>
/// <param name="Momentum">Last momentum in the window.</param>
public sealed record AxisTrend(string Axis, string Unit, IReadOnlyList<double?> Centroids, double? Ema, double? Momentum);

/// <summary>A track far from the listener's recent centre.</summary>
/// <param name="TrackId">The track.</param>
/// <param name="Name">"Title — Artist".</param>
/// <param name="Distance">Root mean square z-score over the track's axes (z in the 90-day play-weighted sd).</param>
/// <param name="Axis">The axis that makes it far (largest |z|).</param>
/// <param name="Value">The track's value on that axis.</param>
/// <param name="Centre">The 90-day centroid on that axis.</param>
/// <param name="Z">Its z-score on that axis.</param>
public sealed record TasteOutlier(long TrackId, string Name, double Distance, string Axis, double Value, double Centre, double Z);

/// <summary>Builds <see cref="TasteReport"/>s.</summary>
public static class TasteReports
{
    /// <summary>Days before the last listen that the outliers' centroid covers.</summary>
    public const int OutlierDays = 90;

    /// <summary>Most weeks a window may span: 520 (ten years).</summary>
    public const int MaxWeeks = 520;

    /// <summary>The report of <paramref name="userId"/> over the last <paramref name="weeks"/> weeks (see
    /// <see cref="BuildAsync(TasteStore, long, int, int, CancellationToken)"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weeks"/> outside 1–520.</exception>
    public static Task<TasteReport?> BuildAsync(SoundGraphStore store, long userId, int weeks = 12, int outliers = 5, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return BuildAsync(store.Taste, userId, weeks, outliers, ct);
    }

    /// <summary>The report of <paramref name="userId"/> over the last <paramref name="weeks"/> weeks; null when the
    /// listener has no aggregates (run <see cref="TasteAggregation.RunAsync(TasteStore, long, string?, bool, CancellationToken)"/> first).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weeks"/> outside 1–520.</exception>
    public static async Task<TasteReport?> BuildAsync(TasteStore taste, long userId, int weeks = 12, int outliers = 5, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(taste);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weeks, MaxWeeks);
        var state = await taste.StateAsync(userId, ct).ConfigureAwait(false);
        var totals = await taste.TotalsAsync(userId, ct).ConfigureAwait(false);
        if (state is null || totals.Count == 0)
        {
            return null;
        }

        var window = totals.Skip(Math.Max(0, totals.Count - weeks)).ToList();
        var windowWeeks = window.Select(t => t.Week).ToList();
        var rows = (await taste.WeeksAsync(userId, ct).ConfigureAwait(false)).ToLookup(r => r.Axis);
        var axes = new List<AxisTrend>();
        foreach (var axis in MoodAxes.All)
        {
            var byWeek = rows[axis.Code()].ToDictionary(r => r.Week);
            if (byWeek.Count == 0)
            {
                continue;
            }

            var last = windowWeeks.Select(w => byWeek.GetValueOrDefault(w)).LastOrDefault(r => r is not null);
            axes.Add(new AxisTrend(axis.Code(), axis.Unit(), [.. windowWeeks.Select(w => byWeek.TryGetValue(w, out var r) ? r.Mean : (double?)null)], last?.Ema, last?.Momentum));
        }

        var minutes = window.Sum(t => t.Minutes);
        var withDiversity = window.Where(t => t.Diversity is not null).ToList();
        var diversityMinutes = withDiversity.Sum(t => t.Minutes);
        var withTags = window.Where(t => t.TagDiversity is not null).ToList();
        var tagMinutes = withTags.Sum(t => t.Minutes * (t.TaggedShare ?? 0));
        var changes = (await taste.ChangesAsync(userId, ct).ConfigureAwait(false)).OrderByDescending(c => c.Week, StringComparer.Ordinal).ThenBy(c => c.Axis, StringComparer.Ordinal).ToList();
        return new TasteReport(
            userId,
            state.TimeZone,
            totals.First(t => t.Plays > 0).Week,
            totals.Last(t => t.Plays > 0).Week,
            windowWeeks,
            window.Sum(t => t.Plays),
            minutes,
            minutes > 0 ? window.Sum(t => t.Minutes * t.Coverage) / minutes : 0,
            diversityMinutes > 0 ? withDiversity.Sum(t => t.Minutes * t.Diversity!.Value) / diversityMinutes : null,
            window[^1].MomentumIndex,
            axes,
            changes,
            await OutliersAsync(taste, userId, outliers, ct).ConfigureAwait(false),
            tagMinutes > 0 ? withTags.Sum(t => t.Minutes * (t.TaggedShare ?? 0) * t.TagDiversity!.Value) / tagMinutes : null,
            minutes > 0 ? window.Sum(t => t.Minutes * (t.TaggedShare ?? 0)) / minutes : 0);
    }

    /// <summary>The <paramref name="count"/> tracks of the last <see cref="OutlierDays"/> days farthest from that period's
    /// play-weighted centroid: per axis z = (value − centroid) / sd (sd of the played tracks' values, weighted by minutes
    /// played; tempo is in BPM, so z-scores make the axes comparable), distance = √(mean z²) over the axes the track has
    /// (at least two). Values are the listener's (<see cref="ListenerAxes"/>: calibrated by their labels). Empty when the
    /// listener has no plays or <paramref name="count"/> ≤ 0.</summary>
    /// <param name="taste">The store's taste tables (read only).</param>
    /// <param name="userId">The listener.</param>
    /// <param name="count">Most tracks to return.</param>
    /// <param name="ct">Cancels the reads.</param>
    public static async Task<IReadOnlyList<TasteOutlier>> OutliersAsync(TasteStore taste, long userId, int count, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(taste);
        var plays = await taste.PlaysAsync(userId, 0, ct).ConfigureAwait(false);
        if (plays.Count == 0 || count <= 0)
        {
            return [];
        }

        var end = plays.Max(p => p.ListenedAt);
        var recent = plays
            .Where(p => p.ListenedAt > end.AddDays(-OutlierDays))
            .Select(p => new Play(p.ListenedAt, p.TrackId, Math.Max(0, p.MsPlayed), p.DurationMs is > 0 ? p.DurationMs : null))
            .Where(PlayFilter.Counts)
            .GroupBy(p => p.TrackId)
            .ToDictionary(g => g.Key, g => g.Sum(PlayFilter.CountedMinutes));
        var axes = (await ListenerAxes.LoadAsync(taste, userId, recent.Keys.ToList(), ct).ConfigureAwait(false)).Values;
        var stats = new Dictionary<MoodAxis, (double Mean, double Sd)>();
        foreach (var axis in MoodAxes.All)
        {
            var values = recent.Where(p => axes.TryGetValue(p.Key, out var a) && a.ContainsKey(axis)).Select(p => (Value: axes[p.Key][axis], Weight: p.Value)).ToList();
            var weight = values.Sum(v => v.Weight);
            if (values.Count < 2 || weight <= 0)
            {
                continue;
            }

            var mean = values.Sum(v => v.Value * v.Weight) / weight;
            var sd = Math.Sqrt(values.Sum(v => v.Weight * (v.Value - mean) * (v.Value - mean)) / weight);
            if (sd > 0)
            {
                stats[axis] = (mean, sd);
            }
        }

        var far = new List<(long Track, double Distance, MoodAxis Axis, double Value, double Centre, double Z)>();
        foreach (var (track, values) in axes)
        {
            var zs = values.Where(v => stats.ContainsKey(v.Key)).Select(v => (Axis: v.Key, v.Value, Z: (v.Value - stats[v.Key].Mean) / stats[v.Key].Sd)).ToList();
            if (zs.Count < 2)
            {
                continue;
            }

            var top = zs.OrderByDescending(z => Math.Abs(z.Z)).ThenBy(z => z.Axis).First();
            far.Add((track, Math.Sqrt(zs.Average(z => z.Z * z.Z)), top.Axis, top.Value, stats[top.Axis].Mean, top.Z));
        }

        var chosen = far.OrderByDescending(f => f.Distance).ThenBy(f => f.Track).Take(count).ToList();
        var names = await taste.TrackNamesAsync([.. chosen.Select(c => c.Track)], ct).ConfigureAwait(false);
        return [.. chosen.Select(c => new TasteOutlier(c.Track, names.GetValueOrDefault(c.Track, "track:" + c.Track), c.Distance, c.Axis.Code(), c.Value, c.Centre, c.Z))];
    }
}

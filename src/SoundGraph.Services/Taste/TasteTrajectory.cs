using SoundGraph.Storage.Taste;
using SoundGraph.Taste;

namespace SoundGraph.Services.Taste;

/// <summary>A listener's weekly trajectory over a window (the dashboard's trend chart), read from the stored aggregates.</summary>
/// <param name="UserId">The listener.</param>
/// <param name="TimeZone">The IANA zone the weeks are cut in.</param>
/// <param name="Weeks">The window's ISO weeks ('YYYY-Www'), oldest first: the last <c>window</c> aggregated weeks, empty
/// weeks included.</param>
/// <param name="Plays">Counted plays per week.</param>
/// <param name="Minutes">Their minutes per week.</param>
/// <param name="Coverage">Per week the share of minutes whose track has energy and valence, 0–1.</param>
/// <param name="MomentumIndex">Per week the momentum index (norm of the axes' EMA changes in each axis's weekly sd);
/// null when undefined.</param>
/// <param name="Axes">Per axis with any stored week: one value per window week.</param>
/// <param name="Changes">The stored change points (CUSUM, <c>taste_changes</c>) whose week is in the window, by week then
/// axis.</param>
/// <param name="Diversity">Per week the diversity of its minutes over the 3 × 3 energy × valence grid (Shannon
/// entropy / log₂ 9, 0–1); null when the week has no placed play.</param>
/// <param name="TagDiversity">Per week the entropy of its minutes over tags, bits (<c>TagMix</c>; 2^bits is the
/// effective number of tags); null when no minute of the week had a tag.</param>
/// <param name="TaggedShare">Per week the share of its counted minutes whose track had a tag, 0–1; null in an empty week.</param>
public sealed record TasteTrajectory(
    long UserId,
    string TimeZone,
    IReadOnlyList<string> Weeks,
    IReadOnlyList<long> Plays,
    IReadOnlyList<double> Minutes,
    IReadOnlyList<double> Coverage,
    IReadOnlyList<double?> MomentumIndex,
    IReadOnlyList<AxisTrajectory> Axes,
    IReadOnlyList<TasteChangeRow> Changes,
    IReadOnlyList<double?> Diversity,
    IReadOnlyList<double?> TagDiversity,
    IReadOnlyList<double?> TaggedShare);

/// <summary>One axis over a <see cref="TasteTrajectory"/>'s weeks; each list has one entry per week, null where the week
/// had no counted play with a value on the axis (no <c>taste_weeks</c> row).</summary>
/// <param name="Axis">Axis code.</param>
/// <param name="Unit">"0–1" or "BPM".</param>
/// <param name="Centroids">The minute-weighted centroid of the week's plays.</param>
/// <param name="Ema">The EMA of the centroids (span 4 weeks, α = 0.4).</param>
/// <param name="Momentum">The EMA's change from the week before.</param>
public sealed record AxisTrajectory(string Axis, string Unit, IReadOnlyList<double?> Centroids, IReadOnlyList<double?> Ema, IReadOnlyList<double?> Momentum);

/// <summary>Builds <see cref="TasteTrajectory"/>s.</summary>
public static class TasteTrajectories
{
    /// <summary>The trajectory of <paramref name="userId"/> over the last <paramref name="weeks"/> aggregated weeks; null
    /// when the listener has no aggregates yet.</summary>
    /// <param name="taste">The store's taste tables (read only).</param>
    /// <param name="userId">The listener.</param>
    /// <param name="weeks">Window length in weeks, 1–<see cref="TasteReports.MaxWeeks"/>.</param>
    /// <param name="ct">Cancels the reads.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weeks"/> outside 1–520.</exception>
    public static async Task<TasteTrajectory?> BuildAsync(TasteStore taste, long userId, int weeks, CancellationToken ct = default)
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

        var window = totals.Skip(Math.Max(0, totals.Count - weeks)).ToList();
        var rows = (await taste.WeeksAsync(userId, ct).ConfigureAwait(false)).ToLookup(r => r.Axis);
        var axes = new List<AxisTrajectory>();
        foreach (var axis in MoodAxes.All)
        {
            var byWeek = rows[axis.Code()].ToDictionary(r => r.Week);
            if (byWeek.Count == 0)
            {
                continue;
            }

            var cells = window.Select(t => byWeek.GetValueOrDefault(t.Week)).ToList();
            axes.Add(new AxisTrajectory(axis.Code(), axis.Unit(), [.. cells.Select(r => r?.Mean)], [.. cells.Select(r => r?.Ema)], [.. cells.Select(r => r?.Momentum)]));
        }

        var inWindow = window.Select(t => t.Week).ToHashSet(StringComparer.Ordinal);
        var changes = (await taste.ChangesAsync(userId, ct).ConfigureAwait(false)).Where(c => inWindow.Contains(c.Week)).ToList();
        return new TasteTrajectory(
            userId,
            state.TimeZone,
            [.. window.Select(t => t.Week)],
            [.. window.Select(t => t.Plays)],
            [.. window.Select(t => t.Minutes)],
            [.. window.Select(t => t.Coverage)],
            [.. window.Select(t => t.MomentumIndex)],
            axes,
            changes,
            [.. window.Select(t => t.Diversity)],
            [.. window.Select(t => t.TagDiversity)],
            [.. window.Select(t => t.TaggedShare)]);
    }
}

using SoundGraph.Storage.Taste;
using SoundGraph.Taste;
using SoundGraph.Taste.Time;

namespace SoundGraph.Services.Taste;

/// <summary>One week of a listener against their recent past, per axis (the dashboard's radar chart).</summary>
/// <param name="UserId">The listener.</param>
/// <param name="TimeZone">The IANA zone the weeks are cut in.</param>
/// <param name="Week">The week shown ('YYYY-Www').</param>
/// <param name="BaselineFrom">First week of the baseline: <see cref="Week"/> − <see cref="TasteRadars.BaselineWeeks"/>.</param>
/// <param name="BaselineTo">Last week of the baseline: the week before <see cref="Week"/>.</param>
/// <param name="Axes">One entry per axis that has a value in the week or in the baseline, in axis order.</param>
public sealed record TasteRadar(long UserId, string TimeZone, string Week, string BaselineFrom, string BaselineTo, IReadOnlyList<RadarAxis> Axes);

/// <summary>One axis of a <see cref="TasteRadar"/>.</summary>
/// <param name="Axis">Axis code.</param>
/// <param name="Unit">"0–1" or "BPM".</param>
/// <param name="Value">The week's minute-weighted centroid; null when the week has no value.</param>
/// <param name="Minutes">Minutes behind <see cref="Value"/> (0 when none).</param>
/// <param name="Baseline">The minute-weighted mean of the baseline weeks' centroids (Σ minutes·centroid / Σ minutes),
/// i.e. the centroid of all the baseline's plays; null when the baseline has no value.</param>
/// <param name="BaselineSd">The sd of the baseline's plays (law of total variance over the weeks: √(Σ mᵢ(varᵢ +
/// (centroidᵢ − baseline)²) / Σ mᵢ)); null without a baseline.</param>
/// <param name="BaselineMinutes">Minutes behind the baseline.</param>
/// <param name="BaselineWeeksWithValue">Baseline weeks that have a value.</param>
/// <param name="Delta">Value − baseline, in the axis's unit; null when either is missing.</param>
/// <param name="Z">Delta / baseline sd; null when undefined (either missing, or sd 0).</param>
public sealed record RadarAxis(
    string Axis, string Unit, double? Value, double Minutes, double? Baseline, double? BaselineSd, double BaselineMinutes, int BaselineWeeksWithValue, double? Delta, double? Z);

/// <summary>Builds <see cref="TasteRadar"/>s from the stored weekly aggregates (<c>taste_weeks</c>).</summary>
public static class TasteRadars
{
    /// <summary>Weeks before the shown week that make its baseline: 26 (half a year).</summary>
    public const int BaselineWeeks = 26;

    /// <summary>The radar of <paramref name="userId"/> for <paramref name="week"/>; null when the listener has no
    /// aggregates yet.</summary>
    /// <param name="taste">The store's taste tables (read only).</param>
    /// <param name="userId">The listener.</param>
    /// <param name="week">The week; null for the listener's last week with a counted play.</param>
    /// <param name="ct">Cancels the reads.</param>
    /// <remarks>A week outside the aggregated range is answered with whatever the store holds for it (no value, perhaps a
    /// baseline), never an error.</remarks>
    public static async Task<TasteRadar?> BuildAsync(TasteStore taste, long userId, IsoWeek? week, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(taste);
        var state = await taste.StateAsync(userId, ct).ConfigureAwait(false);
        var totals = await taste.TotalsAsync(userId, ct).ConfigureAwait(false);
        if (state is null || totals.Count == 0)
        {
            return null;
        }

        var shown = week ?? IsoWeek.Parse(totals.LastOrDefault(t => t.Plays > 0)?.Week ?? totals[^1].Week);
        var from = shown.AddWeeks(-BaselineWeeks);
        var to = shown.AddWeeks(-1);
        var rows = await taste.WeeksAsync(userId, ct).ConfigureAwait(false);
        var axes = new List<RadarAxis>();
        foreach (var axis in MoodAxes.All)
        {
            var code = axis.Code();
            var mine = rows.Where(r => r.Axis == code).ToList();
            var current = mine.FirstOrDefault(r => r.Week == shown.ToString());
            var baseline = mine.Where(r => IsoWeek.TryParse(r.Week, out var w) && w >= from && w <= to && r.Minutes > 0).ToList();
            if (current is null && baseline.Count == 0)
            {
                continue;
            }

            var minutes = baseline.Sum(r => r.Minutes);
            double? mean = minutes > 0 ? baseline.Sum(r => r.Minutes * r.Mean) / minutes : null;
            double? sd = mean is { } m ? Math.Sqrt(Math.Max(0, baseline.Sum(r => r.Minutes * (r.Variance + ((r.Mean - m) * (r.Mean - m)))) / minutes)) : null;
            double? delta = current is not null && mean is not null ? current.Mean - mean.Value : null;
            double? z = delta is { } d && sd is > 0 ? d / sd.Value : null;
            axes.Add(new RadarAxis(code, axis.Unit(), current?.Mean, current?.Minutes ?? 0, mean, sd, minutes, baseline.Count, delta, z));
        }

        return new TasteRadar(userId, state.TimeZone, shown.ToString(), from.ToString(), to.ToString(), axes);
    }
}

using SoundGraph.Storage;
using SoundGraph.Storage.Taste;
using SoundGraph.Taste;
using SoundGraph.Taste.Time;

namespace SoundGraph.Services.Taste;

/// <summary>The outcome of aggregating one listener (<see cref="TasteAggregation.RunAsync(TasteStore, long, string?, bool, CancellationToken)"/>).</summary>
/// <param name="UserId">The listener.</param>
/// <param name="Recomputed">False when the stored aggregates were already up to date (no new listen, same zone, axes
/// unchanged since).</param>
/// <param name="Weeks">Weeks from the first to the last counted play.</param>
/// <param name="CountedPlays">Plays that count as listens (≥ 30 s or ≥ half the track).</param>
/// <param name="Plays">All plays read; null when nothing was recomputed.</param>
/// <param name="Coverage">Share of counted minutes whose track has energy and valence, 0–1.</param>
/// <param name="ChangePoints">Change points found over all axes.</param>
public sealed record AggregationResult(long UserId, bool Recomputed, int Weeks, long CountedPlays, long? Plays, double Coverage, int ChangePoints);

/// <summary>
/// Aggregates a listener's plays week by week (SoundGraph.Taste <see cref="WeeklyAggregator"/>, <see cref="MomentumAnalyzer"/>,
/// <see cref="ChangePointDetector"/>) over the stored track axes (<c>track_axes</c>) as that listener sees them
/// (<see cref="ListenerAxes"/>: calibrated by their personal labels, a labelled track at its label) and stores the
/// result, with each week's diversity over the energy × valence grid and over tags (<see cref="TagMix"/> on
/// <see cref="TasteStore.TagProfilesAsync"/>), (<c>taste_weeks</c>, <c>taste_week_totals</c>, <c>taste_changes</c>, <c>taste_state</c>) for the dashboard and
/// <c>sgr taste</c> to read.
/// </summary>
/// <remarks>Incremental per listener: a listener whose listens, time zone, labels and track axes have not changed since
/// the last aggregation is skipped; one with a new listen or a changed label is recomputed whole (the EMA and the change
/// points depend on the whole history, and a whole listener's year of weeks takes milliseconds), and its rows are
/// replaced in one transaction. A listener without labels gets exactly the stored axes, as before labels existed.</remarks>
public static class TasteAggregation
{
    /// <summary>Time zone used when neither the caller nor the stored state gives one.</summary>
    public const string DefaultTimeZone = "UTC";

    /// <summary>Aggregates <paramref name="userId"/>'s listens (see
    /// <see cref="RunAsync(TasteStore, long, string?, bool, CancellationToken)"/>).</summary>
    /// <exception cref="TimeZoneNotFoundException">The time zone is unknown (the message names it).</exception>
    public static Task<AggregationResult> RunAsync(SoundGraphStore store, long userId, string? timeZone = null, bool force = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return RunAsync(store.Taste, userId, timeZone, force, ct);
    }

    /// <summary>Aggregates <paramref name="userId"/>'s listens.</summary>
    /// <param name="taste">The store's taste tables, on a writable connection.</param>
    /// <param name="userId">The listener.</param>
    /// <param name="timeZone">IANA time zone the weeks are cut in; null keeps the stored one (else UTC).</param>
    /// <param name="force">Recompute even when up to date.</param>
    /// <param name="ct">Cancels the work (nothing is stored then).</param>
    /// <exception cref="TimeZoneNotFoundException">The time zone is unknown (the message names it).</exception>
    public static async Task<AggregationResult> RunAsync(TasteStore taste, long userId, string? timeZone = null, bool force = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(taste);
        var state = await taste.StateAsync(userId, ct).ConfigureAwait(false);
        var zoneId = timeZone ?? state?.TimeZone ?? DefaultTimeZone;
        var zone = FindZone(zoneId);
        var maxListen = await taste.MaxListenIdAsync(userId, ct).ConfigureAwait(false);
        var axesAt = await taste.AxesComputedAtAsync(ct).ConfigureAwait(false);
        var labels = await taste.LabelsAsync(userId, ct: ct).ConfigureAwait(false);

        // Both times are stored to the second: axes written in the aggregation's own second may be newer, so only axes
        // from an earlier second count as included.
        if (!force && state is not null && state.TimeZone == zoneId && state.MaxListenId == maxListen && state.LabelsDigest == ListenerAxes.Digest(labels)
            && (axesAt is null || axesAt < state.ComputedAt))
        {
            var totals = await taste.TotalsAsync(userId, ct).ConfigureAwait(false);
            var changes = await taste.ChangesAsync(userId, ct).ConfigureAwait(false);
            return new AggregationResult(userId, false, totals.Count, totals.Sum(t => t.Plays), null, Coverage(totals), changes.Count);
        }

        var rows = await taste.PlaysAsync(userId, 0, ct).ConfigureAwait(false);
        var axes = await ListenerAxes.LoadAsync(taste, userId, rows.Select(r => r.TrackId).Distinct().ToList(), labels, ct).ConfigureAwait(false);
        var tags = await taste.TagProfilesAsync(rows.Select(r => r.TrackId).Distinct().ToList(), ct).ConfigureAwait(false);
        var plays = rows.Select(StoredPlays.ToPlay).ToList();
        var weekly = WeeklyAggregator.Aggregate(plays, axes.Of, zone, tags.GetValueOrDefault);
        var momentum = MomentumAnalyzer.Compute(weekly);
        var points = ChangePointDetector.Detect(weekly);
        var aggregate = new TasteAggregate(userId, zoneId, maxListen, WeekRows(weekly, momentum), TotalRows(weekly, momentum), [.. points.Select(ChangeRow)], axes.LabelsDigest);
        await taste.ReplaceAggregateAsync(aggregate, DateTimeOffset.UtcNow, ct).ConfigureAwait(false);
        return new AggregationResult(userId, true, weekly.Weeks.Count, weekly.Weeks.Sum(w => (long)w.CountedPlays), plays.Count, Coverage(aggregate.Totals), points.Count);
    }

    /// <summary>The time zone of IANA (or Windows) id <paramref name="id"/>.</summary>
    /// <exception cref="TimeZoneNotFoundException">Unknown id; the message names it and gives an example.</exception>
    public static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new TimeZoneNotFoundException($"Unknown time zone '{id}': give an IANA id such as Europe/Berlin or America/New_York (or UTC).");
        }
    }

    private static double Coverage(IReadOnlyList<TasteWeekTotalRow> totals)
    {
        var minutes = totals.Sum(t => t.Minutes);
        return minutes > 0 ? totals.Sum(t => t.Minutes * t.Coverage) / minutes : 0;
    }

    private static List<TasteWeekRow> WeekRows(WeeklyTaste weekly, TasteMomentum momentum)
    {
        var rows = new List<TasteWeekRow>();
        for (var i = 0; i < weekly.Weeks.Count; i++)
        {
            var week = weekly.Weeks[i];
            foreach (var (axis, a) in week.Axes.OrderBy(p => p.Key))
            {
                var m = momentum.Axes.GetValueOrDefault(axis);
                rows.Add(new TasteWeekRow(week.Week.ToString(), axis.Code(), a.Mean, a.Variance, a.Plays, a.Minutes, m?.Ema[i], m?.Momentum[i]));
            }
        }

        return rows;
    }

    private static List<TasteWeekTotalRow> TotalRows(WeeklyTaste weekly, TasteMomentum momentum) =>
        [.. weekly.Weeks.Select((w, i) => new TasteWeekTotalRow(w.Week.ToString(), w.CountedPlays, w.CountedMinutes, w.Coverage, w.Diversity?.Normalized, momentum.Index[i],
            w.TagDiversity?.Bits, w.IsEmpty ? null : w.TagDiversity?.TaggedShare ?? 0))];

    private static TasteChangeRow ChangeRow(ChangePoint p) =>
        new(p.Axis.Code(), p.Week.ToString(), p.FirstShiftedWeek.ToString(), p.Direction == ShiftDirection.Up ? "up" : "down", p.Shift);
}

using SoundGraph.Storage.Taste;
using SoundGraph.Taste;
using SoundGraph.Taste.Time;

namespace SoundGraph.Services.Taste;

/// <summary>When a listener listens: counted minutes by local weekday × hour over the last weeks (<see cref="TasteClocks"/>).</summary>
/// <param name="UserId">The listener.</param>
/// <param name="TimeZone">The zone the hours are read in: the listener's stored one (<c>sgr taste aggregate --time-zone</c>), else UTC.</param>
/// <param name="FirstWeek">First ISO week of the window, in that zone; null when the listener has no counted play.</param>
/// <param name="LastWeek">Last ISO week of the window (the week of the last counted play); null as above.</param>
/// <param name="Minutes">168 cells, minutes: index 24 × day (0 Monday … 6 Sunday) + hour (<see cref="ListeningClock.Cells"/>).</param>
/// <param name="TotalMinutes">Sum of the cells = the window's counted minutes.</param>
/// <param name="PeakDay">Weekday of the busiest cell (0 Monday … 6 Sunday); null when empty.</param>
/// <param name="PeakHour">Hour of the busiest cell, 0–23; null when empty.</param>
public sealed record TasteClock(long UserId, string TimeZone, string? FirstWeek, string? LastWeek, IReadOnlyList<double> Minutes, double TotalMinutes, int? PeakDay, int? PeakHour);

/// <summary>Builds <see cref="TasteClock"/>s from the stored plays (no aggregation needed).</summary>
public static class TasteClocks
{
    /// <summary>The listening clock of <paramref name="userId"/> over the last <paramref name="weeks"/> ISO weeks up to
    /// the week of their last counted play, in their stored time zone (else UTC).</summary>
    /// <param name="taste">The store's taste tables.</param>
    /// <param name="userId">The listener.</param>
    /// <param name="weeks">Window, 1–520 weeks.</param>
    /// <param name="ct">Cancels the reads.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weeks"/> is outside 1–520.</exception>
    /// <exception cref="TimeZoneNotFoundException">The stored zone is unknown on this machine.</exception>
    public static async Task<TasteClock> BuildAsync(TasteStore taste, long userId, int weeks = 12, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(taste);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weeks, 520);
        var zoneId = (await taste.StateAsync(userId, ct).ConfigureAwait(false))?.TimeZone ?? TasteAggregation.DefaultTimeZone;
        var zone = TasteAggregation.FindZone(zoneId);
        var plays = (await taste.PlaysAsync(userId, 0, ct).ConfigureAwait(false))
            .Select(StoredPlays.ToPlay)
            .Where(PlayFilter.Counts)
            .ToList();
        if (plays.Count == 0)
        {
            return new TasteClock(userId, zoneId, null, null, new double[ListeningClock.CellCount], 0, null, null);
        }

        var last = IsoWeek.FromInstant(plays.Max(p => p.EndedAt), zone);
        var first = last.AddWeeks(-(weeks - 1));
        var clock = WeeklyAggregator.Aggregate(plays.Where(p => IsoWeek.FromInstant(p.EndedAt, zone) >= first), _ => null, zone).Clock;
        var cells = clock.Cells.ToArray();
        var peak = Array.IndexOf(cells, cells.Max());
        return new TasteClock(userId, zoneId, first.ToString(), last.ToString(), cells, cells.Sum(), peak / 24, peak % 24);
    }
}

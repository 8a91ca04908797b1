using System.Globalization;
using SoundGraph.Storage.Resolution;
using SoundGraph.Storage.Taste;
using SoundGraph.Taste;
using SoundGraph.Taste.Calibration;

namespace SoundGraph.Services.Taste;

/// <summary>The outcome of <see cref="TasteLabels.AddAsync"/>.</summary>
/// <param name="Label">The stored label.</param>
/// <param name="Created">True when it is new, false when it replaced the listener's earlier label of that track and axis.</param>
/// <param name="Calibration">How the axis is calibrated now, with this label.</param>
public sealed record LabelOutcome(TasteLabelRow Label, bool Created, CalibrationSummary Calibration);

/// <summary>A stored label as listed.</summary>
/// <param name="TrackId">The track.</param>
/// <param name="Track">"Title — Artist".</param>
/// <param name="Axis">Axis code.</param>
/// <param name="Unit">"0–1" or "BPM".</param>
/// <param name="Value">The listener's value.</param>
/// <param name="Model">The model's stored value of the track on the axis (<c>track_axes</c>); null when it has none.</param>
/// <param name="LabelledAt">When it was given, UTC.</param>
public sealed record LabelView(long TrackId, string Track, string Axis, string Unit, double Value, double? Model, DateTimeOffset LabelledAt);

/// <summary>A listener's personal labels (issue 16, "calibration with personal labels"): a listener says where a track
/// sits on an axis for them; the labels calibrate that listener's axes (<see cref="ListenerAxes"/>). Behind
/// <c>sgr taste label</c> and <c>POST /api/labels</c>.</summary>
/// <remarks>A new or changed label makes the listener's stored aggregates stale (<c>taste_state.labels_digest</c>); the
/// next <see cref="TasteAggregation.RunAsync(TasteStore, long, string?, bool, CancellationToken)"/> recomputes them.</remarks>
public static class TasteLabels
{
    /// <summary>The axis with code <paramref name="code"/> (case-insensitive).</summary>
    /// <exception cref="LabelRejectedException">Unknown code (field "axis"); the message lists the codes.</exception>
    public static MoodAxis ParseAxis(string? code) =>
        (string.IsNullOrWhiteSpace(code) ? null : MoodAxes.FromCode(code.Trim()))
        ?? throw new LabelRejectedException("axis", string.IsNullOrWhiteSpace(code)
            ? $"The axis is missing: give one of {AxisList}."
            : $"Unknown axis '{Echo(code)}': give one of {AxisList}.");

    /// <summary>Checks that <paramref name="value"/> is a label of <paramref name="axis"/> (<see cref="LabelRange"/>).</summary>
    /// <exception cref="LabelRejectedException">Not finite or out of range (field "value").</exception>
    public static void CheckValue(MoodAxis axis, double value)
    {
        if (LabelRange.Contains(axis, value))
        {
            return;
        }

        var (min, max) = LabelRange.Of(axis);
        var got = double.IsFinite(value) ? value.ToString("0.###", CultureInfo.InvariantCulture) : "not a number";
        throw new LabelRejectedException("value", axis == MoodAxis.Tempo
            ? $"tempo labels are in BPM from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} (got {got})."
            : $"{axis.Code()} labels are from 0 to 1 (got {got}).");
    }

    /// <summary>Stores <paramref name="userId"/>'s label of <paramref name="trackId"/> on <paramref name="axis"/>,
    /// replacing an earlier one.</summary>
    /// <param name="taste">The store's taste tables (on a writable connection).</param>
    /// <param name="resolver">The store's resolver (to check that the user and the track exist).</param>
    /// <param name="userId">The listener (users.id).</param>
    /// <param name="trackId">The track (tracks.id).</param>
    /// <param name="axis">Axis code, e.g. "energy".</param>
    /// <param name="value">0–1, or BPM (20–300) for tempo.</param>
    /// <param name="now">When the label is given; default now (UTC).</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="LabelRejectedException">Unknown axis, value out of range, or no such user or track; the field is
    /// in ParamName and the message says what to give instead.</exception>
    public static async Task<LabelOutcome> AddAsync(TasteStore taste, EntityResolver resolver, long userId, long trackId, string axis, double value, DateTimeOffset? now = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(taste);
        ArgumentNullException.ThrowIfNull(resolver);
        var mood = ParseAxis(axis);
        CheckValue(mood, value);
        _ = await resolver.FindByIdAsync("user", userId, ct).ConfigureAwait(false)
            ?? throw new LabelRejectedException("user", $"No user with id {userId.ToString(CultureInfo.InvariantCulture)}.");
        _ = await resolver.FindByIdAsync("track", trackId, ct).ConfigureAwait(false)
            ?? throw new LabelRejectedException("track", $"No track with id {trackId.ToString(CultureInfo.InvariantCulture)}.");

        var at = now ?? DateTimeOffset.UtcNow;
        var row = new TasteLabelRow(userId, trackId, mood.Code(), value, DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds()));
        var created = await taste.UpsertLabelAsync(row, ct).ConfigureAwait(false);
        return new LabelOutcome(row, created, await CalibrationAsync(taste, userId, mood, ct).ConfigureAwait(false));
    }

    /// <summary>The labels of <paramref name="userId"/> (all axes, or <paramref name="axis"/>) with their tracks' names and
    /// model values, by axis then track.</summary>
    /// <exception cref="LabelRejectedException">Unknown axis.</exception>
    public static async Task<IReadOnlyList<LabelView>> ListAsync(TasteStore taste, long userId, string? axis = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(taste);
        var code = axis is null ? null : ParseAxis(axis).Code();
        var labels = await taste.LabelsAsync(userId, code, ct).ConfigureAwait(false);
        var tracks = labels.Select(l => l.TrackId).Distinct().ToList();
        var names = await taste.TrackNamesAsync(tracks, ct).ConfigureAwait(false);
        var model = await ListenerAxes.ModelAxesAsync(taste, tracks, ct).ConfigureAwait(false);
        return [.. labels.Select(l =>
        {
            var mood = MoodAxes.FromCode(l.Axis);
            double? m = mood is { } a && model.TryGetValue(l.TrackId, out var values) && values.TryGetValue(a, out var v) ? v : null;
            return new LabelView(l.TrackId, names.GetValueOrDefault(l.TrackId, "track:" + l.TrackId.ToString(CultureInfo.InvariantCulture)), l.Axis, mood?.Unit() ?? "0–1", l.Value, m, l.LabelledAt);
        })];
    }

    /// <summary>How every labelled axis of <paramref name="userId"/> is calibrated, in axis order.</summary>
    public static async Task<IReadOnlyList<CalibrationSummary>> CalibrationsAsync(TasteStore taste, long userId, CancellationToken ct = default)
    {
        var axes = await ListenerAxes.LoadAsync(taste, userId, [], ct).ConfigureAwait(false);
        return axes.Summaries();
    }

    /// <summary>Removes <paramref name="userId"/>'s label of <paramref name="trackId"/> on <paramref name="axis"/> (every
    /// axis when null).</summary>
    /// <returns>How many labels were removed.</returns>
    /// <exception cref="LabelRejectedException">Unknown axis.</exception>
    public static Task<int> RemoveAsync(TasteStore taste, long userId, long trackId, string? axis = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(taste);
        var code = axis is null ? null : ParseAxis(axis).Code();
        return taste.DeleteLabelsAsync(userId, trackId, code, ct);
    }

    private static async Task<CalibrationSummary> CalibrationAsync(TasteStore taste, long userId, MoodAxis axis, CancellationToken ct)
    {
        var axes = await ListenerAxes.LoadAsync(taste, userId, [], ct).ConfigureAwait(false);
        return ListenerAxes.Summary(axis, axes.Labels.Count(l => l.Axis == axis.Code()), axes.Calibrations[axis]);
    }

    private static string AxisList => string.Join(", ", MoodAxes.All.Select(a => a.Code()));

    private static string Echo(string text) => text.Length <= 60 ? text : text[..60] + "…";
}

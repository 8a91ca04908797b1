using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SoundGraph.Storage.Taste;
using SoundGraph.Taste;
using SoundGraph.Taste.Calibration;

namespace SoundGraph.Services.Taste;

/// <summary>How one axis of a listener is calibrated.</summary>
/// <param name="Axis">Axis code.</param>
/// <param name="Unit">"0–1" or "BPM".</param>
/// <param name="Labels">The listener's labels on the axis.</param>
/// <param name="Pairs">Of those, labels whose track has a model value on the axis (the fit's data).</param>
/// <param name="Calibrated">True when the axis is mapped through an isotonic fit, false for the identity.</param>
/// <param name="Note">Why, in one phrase (<see cref="AxisCalibration.Note"/>).</param>
public sealed record CalibrationSummary(string Axis, string Unit, int Labels, int Pairs, bool Calibrated, string Note);

/// <summary>One listener's view of the track axes: the stored model values (<c>track_axes</c>) calibrated by the
/// listener's labels (<c>taste_labels</c>). Used by <see cref="TasteAggregation"/>, the outliers and the dashboard, so
/// every figure of a listener is on their own scale.</summary>
/// <remarks>
/// Per axis: at least <see cref="AxisCalibration.MinimumLabels"/> labelled tracks with a model value make the axis
/// calibrated (isotonic regression of the labels on the model values, <see cref="AxisCalibration"/>); with fewer the
/// model values pass unchanged. Either way a track the listener labelled takes the label itself on that axis (their own
/// word beats any model), also when the model has no value for it. Without labels every value is the stored one.
/// </remarks>
public sealed class ListenerAxes
{
    private ListenerAxes(long userId, IReadOnlyDictionary<long, IReadOnlyDictionary<MoodAxis, double>> values, IReadOnlyDictionary<MoodAxis, AxisCalibration> calibrations,
        IReadOnlyList<TasteLabelRow> labels)
    {
        UserId = userId;
        Values = values;
        Calibrations = calibrations;
        Labels = labels;
        LabelsDigest = Digest(labels);
    }

    /// <summary>The listener.</summary>
    public long UserId { get; }

    /// <summary>The requested tracks' values on the listener's scale, by track id; a track without any value is absent.</summary>
    public IReadOnlyDictionary<long, IReadOnlyDictionary<MoodAxis, double>> Values { get; }

    /// <summary>Every axis's calibration (the identity for axes without enough labels).</summary>
    public IReadOnlyDictionary<MoodAxis, AxisCalibration> Calibrations { get; }

    /// <summary>The listener's labels.</summary>
    public IReadOnlyList<TasteLabelRow> Labels { get; }

    /// <summary>A SHA-256 digest (hex) of the labels' tracks, axes and values; null without labels. Stored with the
    /// aggregates (<c>taste_state.labels_digest</c>) so a changed label makes them stale.</summary>
    public string? LabelsDigest { get; }

    /// <summary>The values of <paramref name="trackId"/> (null when it has none): the aggregator's look-up.</summary>
    public IReadOnlyDictionary<MoodAxis, double>? Of(long trackId) => Values.GetValueOrDefault(trackId);

    /// <summary>Per axis that has labels (in axis order): how it is calibrated.</summary>
    public IReadOnlyList<CalibrationSummary> Summaries() =>
        [.. MoodAxes.All
            .Select(a => (Axis: a, Count: Labels.Count(l => l.Axis == a.Code())))
            .Where(a => a.Count > 0)
            .Select(a => Summary(a.Axis, a.Count, Calibrations[a.Axis]))];

    /// <summary>The summary of one axis's calibration.</summary>
    internal static CalibrationSummary Summary(MoodAxis axis, int labels, AxisCalibration calibration) =>
        new(axis.Code(), axis.Unit(), labels, calibration.Pairs, !calibration.IsIdentity, calibration.Note);

    /// <summary>Loads <paramref name="userId"/>'s calibrated values of <paramref name="trackIds"/>.</summary>
    /// <param name="taste">The store's taste tables (read only).</param>
    /// <param name="userId">The listener.</param>
    /// <param name="trackIds">The tracks whose values are wanted (e.g. every track the listener played).</param>
    /// <param name="ct">Cancels the reads.</param>
    public static Task<ListenerAxes> LoadAsync(TasteStore taste, long userId, IReadOnlyCollection<long> trackIds, CancellationToken ct = default) =>
        LoadAsync(taste, userId, trackIds, null, ct);

    /// <summary>As <see cref="LoadAsync(TasteStore, long, IReadOnlyCollection{long}, CancellationToken)"/>, with the
    /// listener's labels already read (null reads them).</summary>
    internal static async Task<ListenerAxes> LoadAsync(TasteStore taste, long userId, IReadOnlyCollection<long> trackIds, IReadOnlyList<TasteLabelRow>? labels, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(taste);
        ArgumentNullException.ThrowIfNull(trackIds);
        labels ??= await taste.LabelsAsync(userId, ct: ct).ConfigureAwait(false);
        var labelled = labels.Select(l => l.TrackId).ToHashSet();
        var wanted = trackIds.Concat(labelled).Distinct().ToList();
        var model = await ModelAxesAsync(taste, wanted, ct).ConfigureAwait(false);

        var calibrations = new Dictionary<MoodAxis, AxisCalibration>();
        foreach (var axis in MoodAxes.All)
        {
            var pairs = labels
                .Where(l => l.Axis == axis.Code() && model.TryGetValue(l.TrackId, out var m) && m.ContainsKey(axis))
                .Select(l => (Model: model[l.TrackId][axis], Label: l.Value))
                .ToList();
            calibrations[axis] = pairs.Count == 0 ? AxisCalibration.Identity(axis) : AxisCalibration.Learn(axis, pairs);
        }

        var byTrack = labels.ToLookup(l => l.TrackId);
        var values = new Dictionary<long, IReadOnlyDictionary<MoodAxis, double>>();
        foreach (var track in trackIds.Distinct())
        {
            var own = new Dictionary<MoodAxis, double>();
            if (model.TryGetValue(track, out var m))
            {
                foreach (var (axis, value) in m)
                {
                    own[axis] = calibrations[axis].Apply(value);
                }
            }

            foreach (var label in byTrack[track])
            {
                if (MoodAxes.FromCode(label.Axis) is { } axis)
                {
                    own[axis] = label.Value;
                }
            }

            if (own.Count > 0)
            {
                values[track] = own;
            }
        }

        return new ListenerAxes(userId, values, calibrations, labels);
    }

    /// <summary>The stored (uncalibrated) axes of <paramref name="trackIds"/>, by track.</summary>
    internal static async Task<Dictionary<long, Dictionary<MoodAxis, double>>> ModelAxesAsync(TasteStore taste, IReadOnlyCollection<long> trackIds, CancellationToken ct)
    {
        var result = new Dictionary<long, Dictionary<MoodAxis, double>>();
        if (trackIds.Count == 0)
        {
            return result;
        }

        foreach (var row in await taste.TrackAxesAsync(trackIds, ct).ConfigureAwait(false))
        {
            if (MoodAxes.FromCode(row.Axis) is { } axis)
            {
                if (!result.TryGetValue(row.TrackId, out var values))
                {
                    values = [];
                    result[row.TrackId] = values;
                }

                values[axis] = row.Value;
            }
        }

        return result;
    }

    /// <summary>The <see cref="LabelsDigest"/> of <paramref name="labels"/>.</summary>
    internal static string? Digest(IReadOnlyList<TasteLabelRow> labels)
    {
        if (labels.Count == 0)
        {
            return null;
        }

        var lines = labels
            .Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.TrackId}\t{l.Axis}\t{l.Value:R}"))
            .Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }
}

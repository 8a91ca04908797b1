using System.Globalization;
using Dapper;

namespace SoundGraph.Storage.Taste;

/// <summary>Listeners' personal labels (<c>taste_labels</c>): a listener's own value of a track on an axis, which
/// calibrates that listener's axes (SoundGraph.Services <c>TasteLabels</c>, <c>ListenerAxes</c>).</summary>
public sealed partial class TasteStore
{
    private const string LabelTime = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Stores <paramref name="label"/>, replacing the listener's earlier label of that track and axis.</summary>
    /// <returns>True when the label is new, false when it replaced one.</returns>
    /// <remarks>Checks nothing: the caller validates the axis code, the value's range and that the user and track exist
    /// (the foreign keys reject unknown ids on PostgreSQL and on SQLite with <c>foreign_keys=ON</c>). The time is stored
    /// to the second, UTC.</remarks>
    public async Task<bool> UpsertLabelAsync(TasteLabelRow label, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(label);
        await using var tx = await _connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var existed = await _connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM taste_labels WHERE user_id = @UserId AND track_id = @TrackId AND axis = @Axis",
            new { label.UserId, label.TrackId, label.Axis }, tx, cancellationToken: ct)).ConfigureAwait(false) > 0;
        await _connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO taste_labels (user_id, track_id, axis, value, labelled_at) VALUES (@UserId, @TrackId, @Axis, @Value, @at)
            ON CONFLICT (user_id, track_id, axis) DO UPDATE SET value = excluded.value, labelled_at = excluded.labelled_at
            """,
            new { label.UserId, label.TrackId, label.Axis, label.Value, at = label.LabelledAt.UtcDateTime.ToString(LabelTime, CultureInfo.InvariantCulture) },
            tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return !existed;
    }

    /// <summary>The labels of <paramref name="userId"/>, all axes or only <paramref name="axis"/>, by axis then track.</summary>
    public async Task<IReadOnlyList<TasteLabelRow>> LabelsAsync(long userId, string? axis = null, CancellationToken ct = default)
    {
        var sql = "SELECT user_id, track_id, axis, value, labelled_at FROM taste_labels WHERE user_id = @userId"
            + (axis is null ? string.Empty : " AND axis = @axis") + " ORDER BY axis, track_id";
        var rows = await _connection.QueryAsync<(long, long, string, double, string)>(new CommandDefinition(sql, new { userId, axis }, cancellationToken: ct)).ConfigureAwait(false);
        return [.. rows.Select(r => new TasteLabelRow(r.Item1, r.Item2, r.Item3, r.Item4,
            DateTimeOffset.Parse(r.Item5, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)))];
    }

    /// <summary>Removes <paramref name="userId"/>'s labels of <paramref name="trackId"/>: on <paramref name="axis"/>, or on
    /// every axis when null.</summary>
    /// <returns>How many labels were removed (0 when there were none).</returns>
    public Task<int> DeleteLabelsAsync(long userId, long trackId, string? axis = null, CancellationToken ct = default) =>
        _connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM taste_labels WHERE user_id = @userId AND track_id = @trackId" + (axis is null ? string.Empty : " AND axis = @axis"),
            new { userId, trackId, axis }, cancellationToken: ct));
}

using SoundGraph.Storage;
using SoundGraph.Taste;

namespace SoundGraph.Services.Taste;

/// <summary>One stored mood-axis value of a track.</summary>
/// <param name="Axis">Axis code, e.g. "energy".</param>
/// <param name="Unit">"0–1", or "BPM" for tempo.</param>
/// <param name="Value">The value in <paramref name="Unit"/>.</param>
/// <param name="Method">Where it came from: spotify | local-audio | tags | graph | artist.</param>
/// <param name="Confidence">0–1.</param>
public sealed record TrackAxisValue(string Axis, string Unit, double Value, string Method, double Confidence);

/// <summary>What <see cref="TrackScoring.RunAsync"/> returns: the track's axes after the catalog was scored.</summary>
/// <param name="TrackId">The track.</param>
/// <param name="Track">Its display name ("Title — Artist").</param>
/// <param name="Axes">Its stored axes, by axis code; empty when scoring placed it on none (it has no listens, or no
/// descriptor, tag or graph neighbour to place it by).</param>
/// <param name="ListenedTracks">Tracks with listens, the set scoring covers.</param>
/// <param name="StoredRows">track_axes rows written for the whole catalog.</param>
public sealed record TrackScoreResult(long TrackId, string Track, IReadOnlyList<TrackAxisValue> Axes, int ListenedTracks, int StoredRows);

/// <summary>Computes or refreshes one track's mood axes: the use case behind <c>POST /api/score/track/{id}</c>.</summary>
/// <remarks>Scoring is not per track: the tag model is learned from, and label propagation runs over, the whole listened
/// catalog, so this runs <see cref="TasteScoring.RunAsync"/> (every listened track's axes are replaced, as by
/// <c>sgr taste score</c>) and then reads the one track's axes.</remarks>
public static class TrackScoring
{
    /// <summary>Scores the catalog and returns <paramref name="trackId"/>'s axes.</summary>
    /// <param name="store">The open, writable store.</param>
    /// <param name="trackId">The track (tracks.id).</param>
    /// <param name="seed">Seed of scoring's held-out splits (default 16, as <c>sgr taste score</c>).</param>
    /// <param name="progress">One line per scoring stage; may be null.</param>
    /// <param name="ct">Cancels the work (the stored axes are then unchanged).</param>
    /// <returns>The track's axes and the run's counts.</returns>
    /// <exception cref="KeyNotFoundException">No track has id <paramref name="trackId"/>.</exception>
    public static async Task<TrackScoreResult> RunAsync(SoundGraphStore store, long trackId, int seed = 16, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var names = await store.Taste.TrackNamesAsync([trackId], ct).ConfigureAwait(false);
        if (!names.TryGetValue(trackId, out var name))
        {
            throw new KeyNotFoundException($"No track with id {trackId}.");
        }

        var run = await TasteScoring.RunAsync(store, seed, progress, ct).ConfigureAwait(false);
        var rows = await store.Taste.TrackAxesAsync([trackId], ct).ConfigureAwait(false);
        var axes = rows.Select(r => new TrackAxisValue(r.Axis, MoodAxes.FromCode(r.Axis)?.Unit() ?? "0–1", r.Value, r.Method, r.Confidence)).ToList();
        return new TrackScoreResult(trackId, name, axes, run.ListenedTracks, run.StoredRows);
    }
}

namespace SoundGraph.Api.Jobs;

/// <summary>A background job as <c>GET /api/jobs/{id}</c> shows it.</summary>
/// <param name="Id">The job's id (32 hex digits).</param>
/// <param name="Kind">What it does: "aggregate-weeks", "ingest-listens", "lastfm-tags", "analyze-track" or "score-track".</param>
/// <param name="Status">queued | running | done | failed.</param>
/// <param name="Subject">What it works on (aggregate-weeks: the listener; ingest-listens: the ListenBrainz user; lastfm-tags:
/// since and limit; analyze-track, score-track: the track).</param>
/// <param name="CreatedAt">When it was queued, UTC.</param>
/// <param name="StartedAt">When it started; null while queued.</param>
/// <param name="FinishedAt">When it ended; null until done or failed.</param>
/// <param name="Progress">The work's latest progress line (e.g. "up to 2023-11-14 22:13:20Z: 1500 fetched, 1500 stored"), kept once it ends; null when it
/// reported none.</param>
/// <param name="Result">Its result once done (for aggregate-weeks: weeks, counted plays, coverage, change points, whether
/// anything was recomputed); null otherwise.</param>
/// <param name="Error">Why it failed, one sentence; null unless failed.</param>
/// <param name="StatusUrl">Where to poll it: <c>/api/jobs/{id}</c>.</param>
public sealed record JobView(
    string Id, string Kind, string Status, object? Subject, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Progress, object? Result, string? Error, string StatusUrl);

/// <summary>The states of a job, as <see cref="JobView.Status"/> spells them.</summary>
public static class JobStatus
{
    /// <summary>Waiting for the worker.</summary>
    public const string Queued = "queued";

    /// <summary>Being worked on.</summary>
    public const string Running = "running";

    /// <summary>Finished; <see cref="JobView.Result"/> holds the result.</summary>
    public const string Done = "done";

    /// <summary>Ended with an error; <see cref="JobView.Error"/> says which.</summary>
    public const string Failed = "failed";
}

using SoundGraph.Storage.Harvest;

namespace SoundGraph.Ingest.Harvest;

/// <summary>Where a harvest's workers get their walks and record their progress: the process's own queue over the run's
/// frontier (<see cref="LocalFrontier"/>), or claims and leases on a frontier that several processes share
/// (<see cref="SharedFrontier"/>).</summary>
internal interface IWalkFrontier
{
    /// <summary>The next walk to run, or null when the run has no walk left for this worker.</summary>
    Task<FrontierTask?> NextAsync(CancellationToken ct);

    /// <summary>Adds the walks a stored page found, then records the walk's next cursor, counters and status, in that
    /// order (a kill between the two re-fetches the page and adds nothing new).</summary>
    /// <returns>False when the walk is no longer this worker's (another took it over): stop walking it.</returns>
    Task<bool> AdvanceAsync(FrontierTask task, string? cursor, long kept, long scanned, FrontierStatus status, List<FrontierTask> children, CancellationToken ct);

    /// <summary>A walk returned by <see cref="NextAsync"/> has ended (finished, failed or given up).</summary>
    void Completed();

    /// <summary>Records the first failure; <see cref="NextAsync"/> then hands out no more walks.</summary>
    void Fail(Exception e);

    /// <summary>The first failure, or null.</summary>
    Exception? Failure { get; }
}

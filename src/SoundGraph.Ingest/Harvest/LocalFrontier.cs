using SoundGraph.Storage;
using SoundGraph.Storage.Harvest;

namespace SoundGraph.Ingest.Harvest;

/// <summary>A single-process harvest's frontier: the run's pending walks in an in-memory queue, progress written to
/// <c>harvest_frontier</c> through the store connection (one caller at a time through <paramref name="gate"/>).</summary>
internal sealed class LocalFrontier(SoundGraphStore store, long runId, SemaphoreSlim gate, HarvestProgress progress) : IWalkFrontier
{
    private readonly WalkQueue _queue = new();

    /// <summary>Queues walks (the run's pending walks when it starts or resumes).</summary>
    public void Add(IEnumerable<FrontierTask> tasks) => _queue.Add(tasks);

    /// <inheritdoc/>
    public Task<FrontierTask?> NextAsync(CancellationToken ct) => _queue.NextAsync(ct);

    /// <inheritdoc/>
    public async Task<bool> AdvanceAsync(FrontierTask task, string? cursor, long kept, long scanned, FrontierStatus status, List<FrontierTask> children, CancellationToken ct)
    {
        IReadOnlyList<FrontierTask> added = [];
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (children.Count > 0)
            {
                added = await store.Harvest.AddTasksAsync(runId, children, ct).ConfigureAwait(false);
            }

            await store.Harvest.AdvanceAsync(runId, task.Task, cursor, kept, scanned, status, ct).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }

        foreach (var t in added)
        {
            progress.Layer(t.Layer).AddWalks(1);
        }

        _queue.Add(added);
        return true;
    }

    /// <inheritdoc/>
    public void Completed() => _queue.Completed();

    /// <inheritdoc/>
    public void Fail(Exception e) => _queue.Fail(e);

    /// <inheritdoc/>
    public Exception? Failure => _queue.Failure;
}

using System.Data.Common;
using Microsoft.Extensions.Logging;
using SoundGraph.Storage;
using SoundGraph.Storage.Harvest;

namespace SoundGraph.Ingest.Harvest;

/// <summary>A harvest frontier shared by several worker processes in PostgreSQL: each walk is claimed from
/// <c>harvest_frontier</c> (<see cref="HarvestLeaseStore.ClaimAsync"/>), its leases are renewed every third of the lease
/// while the worker runs, and its progress is recorded only while this worker still holds it. The walks a page finds
/// go to the table, unclaimed, for whichever worker claims them first.</summary>
/// <remarks>Store calls share the engine's connection, one at a time through <c>gate</c>; renewals have a connection of
/// their own (<see cref="HarvestLeaseRenewer"/>). A worker with nothing to claim
/// waits <see cref="HarvestWorker.PollInterval"/> and looks again while the run has pending walks (held by others, who
/// may add more, or by a killed worker whose lease will run out); it is done when no walk of the run is pending.</remarks>
internal sealed class SharedFrontier : IWalkFrontier, IAsyncDisposable
{
    private readonly SoundGraphStore _store;
    private readonly HarvestLeaseStore _leases;
    private readonly HarvestLeaseRenewer _renewer;
    private readonly long _runId;
    private readonly HarvestWorker _worker;
    private readonly SemaphoreSlim _gate;
    private readonly HarvestProgress _progress;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopRenewing = new();
    private readonly Task _renewing;
    private readonly Lock _failureGate = new();

    public SharedFrontier(
        SoundGraphStore store, HarvestLeaseStore leases, HarvestLeaseRenewer renewer, long runId, HarvestWorker worker, SemaphoreSlim gate, HarvestProgress progress, ILogger logger)
    {
        _renewer = renewer;
        _store = store;
        _leases = leases;
        _runId = runId;
        _worker = worker;
        _gate = gate;
        _progress = progress;
        _logger = logger;
        _renewing = RenewAsync(_stopRenewing.Token);
    }

    /// <inheritdoc/>
    public Exception? Failure { get; private set; }

    /// <inheritdoc/>
    public async Task<FrontierTask?> NextAsync(CancellationToken ct)
    {
        while (Failure is null)
        {
            ClaimedWalk? claimed;
            long pending;
            await _gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                claimed = await _leases.ClaimAsync(_runId, _worker.Name, _worker.Lease, ct).ConfigureAwait(false);
                pending = claimed is null ? await _leases.CountPendingAsync(_runId, ct).ConfigureAwait(false) : 1;
            }
            finally
            {
                _gate.Release();
            }

            if (claimed is not null)
            {
                if (claimed.PreviousOwner is { } previous)
                {
                    HarvestLog.WalkTakenOver(_logger, claimed.Task.Task, previous);
                }

                _progress.Layer(claimed.Task.Layer).AddWalks(1);
                return claimed.Task;
            }

            if (pending == 0)
            {
                return null;
            }

            await Task.Delay(_worker.PollInterval, ct).ConfigureAwait(false);
        }

        return null;
    }

    /// <inheritdoc/>
    public async Task<bool> AdvanceAsync(FrontierTask task, string? cursor, long kept, long scanned, FrontierStatus status, List<FrontierTask> children, CancellationToken ct)
    {
        bool held;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (children.Count > 0)
            {
                // In task-key order: two workers adding overlapping walks lock their rows in one order and never deadlock.
                await _store.Harvest.AddTasksAsync(_runId, children.OrderBy(t => t.Task, StringComparer.Ordinal), ct).ConfigureAwait(false);
            }

            held = await _leases.AdvanceAsync(_runId, task.Task, _worker.Name, cursor, kept, scanned, status, _worker.Lease, ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        if (!held)
        {
            HarvestLog.WalkLost(_logger, task.Task);
        }

        return held;
    }

    /// <inheritdoc/>
    public void Completed()
    {
    }

    /// <inheritdoc/>
    public void Fail(Exception e)
    {
        lock (_failureGate)
        {
            Failure ??= e;
        }
    }

    /// <summary>Stops renewing and gives this worker's pending walks back (a worker that stops, fails or is cancelled), so
    /// the other workers claim them at once; a killed worker's walks wait for their lease to run out instead.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopRenewing.CancelAsync().ConfigureAwait(false);
        try
        {
            await _renewing.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await _leases.ReleaseAsync(_runId, _worker.Name, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DbException)
        {
            // The database is gone: the leases run out on their own.
        }
        finally
        {
            _gate.Release();
            _stopRenewing.Dispose();
            await _renewer.DisposeAsync().ConfigureAwait(false);
        }
    }

    // On the renewer's own connection, never behind the gate: the store connection may wait for the write lock.
    private async Task RenewAsync(CancellationToken ct)
    {
        var every = _worker.Lease / 3;
        while (true)
        {
            await Task.Delay(every, ct).ConfigureAwait(false);
            try
            {
                await _renewer.RenewAsync(_runId, _worker.Name, _worker.Lease, ct).ConfigureAwait(false);
            }
            catch (DbException e)
            {
                HarvestLog.RenewFailed(_logger, e, _worker.Name);
            }
        }
    }
}

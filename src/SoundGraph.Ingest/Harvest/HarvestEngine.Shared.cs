using SoundGraph.Storage.Harvest;

namespace SoundGraph.Ingest.Harvest;

// Several worker processes on one run (HarvestRequest.Worker): joining the run and opening the shared frontier.
public sealed partial class HarvestEngine
{
    private HarvestLeaseStore OpenLeases()
    {
        try
        {
            return new HarvestLeaseStore(_store);
        }
        catch (NotSupportedException e)
        {
            throw new HarvestException(e.Message, e);
        }
    }

    /// <summary>The run <c>--run</c> names, which must be a running SoundCloud run.</summary>
    private static async Task<HarvestRun> FindRunToJoinAsync(HarvestLeaseStore leases, long runId, CancellationToken ct)
    {
        var run = await leases.FindRunAsync(runId, ct).ConfigureAwait(false) ?? throw new HarvestException($"Harvest run {runId} does not exist in this store.");
        if (run.Source != "soundcloud" || run.Status != "running")
        {
            throw new HarvestException($"Harvest run {runId} is {run.Status}, not a running SoundCloud harvest; there is nothing to join.");
        }

        return run;
    }

    /// <summary>The track id of a run's seed key (<c>soundcloud:track:&lt;id&gt;</c>).</summary>
    private static string SeedOf(HarvestRun run) => run.Seed[(run.Seed.LastIndexOf(':') + 1)..];

    private async Task<(HarvestRun Run, bool Joined)> JoinRunAsync(
        HarvestLeaseStore leases, HarvestRun? named, HarvestRequest request, string seedKey, string hash, CancellationToken ct)
    {
        if (named is null)
        {
            return await leases.JoinRunAsync("soundcloud", seedKey, hash, _options.ToJson(), request.Restart, ct).ConfigureAwait(false);
        }

        if (named.ConfigHash != hash)
        {
            throw new HarvestException(
                $"Harvest run {named.Id} was started with another configuration or API host: give this worker the same --config, --only and --api as the run's first worker.");
        }

        return (named, true);
    }

    private async Task<IWalkFrontier> OpenSharedFrontierAsync(HarvestLeaseStore leases, long runId, HarvestWorker worker, bool joined, CancellationToken ct)
    {
        // A worker name is one process at a time: walks left under this name by a killed run of it are taken back now.
        await _storeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await leases.ReleaseAsync(runId, worker.Name, ct).ConfigureAwait(false);
        }
        finally
        {
            _storeGate.Release();
        }

        HarvestLog.WorkerJoined(_logger, worker.Name, runId, joined ? "joined" : "started");
        var renewer = await leases.OpenRenewerAsync(ct).ConfigureAwait(false);
        return new SharedFrontier(_store, leases, renewer, runId, worker, _storeGate, Progress, _logger);
    }
}

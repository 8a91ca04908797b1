namespace SoundGraph.Ingest.Harvest;

/// <summary>How one worker of a harvest shared by several processes (<c>sgr harvest soundcloud --join</c>) takes part:
/// its name on the walks it claims and the lease those claims hold under. Each worker has its own credentials and its
/// own rate limit (its <see cref="Sources.SoundCloud.SoundCloudClient"/>); they share one run's frontier in PostgreSQL
/// (<see cref="Storage.Harvest.HarvestLeaseStore"/>).</summary>
/// <param name="Name">The worker's name, unique among the run's live workers (a worker restarted under its name takes its
/// walks back at once); 1–100 characters. The CLI's default is <c>host:pid</c>.</param>
/// <param name="Lease">How long a claimed walk stays this worker's without renewal; renewed every third of it while
/// the worker runs, so a killed worker's walks are taken over by the others within one lease. 1 s – 1 h; default 30 s.</param>
/// <param name="RunId">Join this run (its seed and configuration must be the worker's), or null to join, or start, the
/// unfinished run of the request's seed and configuration.</param>
public sealed record HarvestWorker(string Name, TimeSpan Lease, long? RunId = null)
{
    /// <summary>The default lease: 30 s.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(30);

    /// <summary>How often a worker with nothing to claim looks again while other workers still hold walks (which may
    /// add new ones): a tenth of the lease, between 50 ms and 1 s.</summary>
    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(Math.Clamp(Lease.TotalMilliseconds / 10, 50, 1000));

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentException">The name is empty, longer than 100 characters or has control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The lease lies outside 1 s – 1 h, or the run id is below 1.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 100 || Name.Any(char.IsControl))
        {
            throw new ArgumentException("The worker name must be 1–100 characters without control characters.", nameof(Name));
        }

        if (Lease < TimeSpan.FromSeconds(1) || Lease > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(Lease), Lease, "The lease must be 1 s – 1 h.");
        }

        if (RunId is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RunId), RunId, "A run id is at least 1.");
        }
    }
}

using System.Threading.Channels;

namespace SoundGraph.Api.Jobs;

/// <summary>The API's background jobs (a singleton): long work such as an aggregation runs outside the request, which
/// answers 202 with the job's status URL. Jobs run one at a time, in order, on <see cref="JobWorker"/> (one writer keeps
/// SQLite's single-writer lock uncontended). Kept in memory only: a restart forgets them.</summary>
/// <remarks>At most <see cref="MaxFinished"/> finished jobs are kept; the oldest finished one is forgotten first. Queued
/// and running jobs are never forgotten.</remarks>
internal sealed class JobRegistry
{
    /// <summary>Finished (done or failed) jobs kept for their status URL: 200.</summary>
    public const int MaxFinished = 200;

    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Job> _jobs = [];
    private readonly object _gate = new();

    /// <summary>The status path of job <paramref name="id"/>: <c>/api/jobs/{id}</c>.</summary>
    public static string StatusPath(string id) => "/api/jobs/" + id;

    /// <summary>The queue the worker reads.</summary>
    internal ChannelReader<Job> Queue => _queue.Reader;

    /// <summary>Queues work, unless a job with the same <paramref name="key"/> is queued or running: then that job is
    /// returned and nothing is queued.</summary>
    /// <returns>The job, and whether it is one already there.</returns>
    /// <remarks><paramref name="owner"/>: the account that queued it (null: the local owner or no account); only that
    /// account and admins see the job (<see cref="Job.VisibleTo"/>), and equal work of different owners is not shared.</remarks>
    public (Job Job, bool Existing) Enqueue(string kind, string key, object? subject, Func<CancellationToken, Task<object?>> work, long? owner = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Enqueue(kind, key, subject, (_, ct) => work(ct), owner);
    }

    /// <summary>Queues work that reports progress lines (the last one shows as <see cref="JobView.Progress"/>), unless a
    /// job with the same <paramref name="key"/> is queued or running: then that job is returned and nothing is queued.</summary>
    /// <returns>The job, and whether it is one already there.</returns>
    public (Job Job, bool Existing) Enqueue(string kind, string key, object? subject, Func<IProgress<string>, CancellationToken, Task<object?>> work, long? owner = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        key = (owner?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-") + "|" + key;
        lock (_gate)
        {
            var active = _jobs.FirstOrDefault(j => j.Key == key && j.IsActive);
            if (active is not null)
            {
                return (active, true);
            }

            var job = new Job(kind, key, subject, work) { Owner = owner };
            _jobs.Add(job);
            Trim();
            if (!_queue.Writer.TryWrite(job))
            {
                throw new InvalidOperationException("The job queue is closed: the API is stopping.");
            }

            return (job, false);
        }
    }

    /// <summary>The queued or running job of <paramref name="kind"/> owned by <paramref name="owner"/>, or null.</summary>
    public Job? Active(string kind, long? owner)
    {
        lock (_gate)
        {
            return _jobs.FirstOrDefault(j => j.Kind == kind && j.Owner == owner && j.IsActive);
        }
    }

    /// <summary>The job with <paramref name="id"/>; null when unknown or forgotten.</summary>
    public Job? Find(string id)
    {
        lock (_gate)
        {
            return _jobs.FirstOrDefault(j => j.Id == id);
        }
    }

    private void Trim()
    {
        var finished = _jobs.Where(j => !j.IsActive).ToList();
        foreach (var old in finished.Take(Math.Max(0, finished.Count - MaxFinished)))
        {
            _jobs.Remove(old);
        }
    }
}

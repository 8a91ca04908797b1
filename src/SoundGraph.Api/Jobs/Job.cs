namespace SoundGraph.Api.Jobs;

/// <summary>One background job: its work and its state, changed only by <see cref="JobWorker"/> through
/// <see cref="RunAsync"/>. Thread-safe: requests read <see cref="View"/> while the worker runs it.</summary>
internal sealed class Job
{
    private readonly Func<IProgress<string>, CancellationToken, Task<object?>> _work;
    private readonly object _gate = new();
    private string _status = JobStatus.Queued;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _finishedAt;
    private object? _result;
    private string? _error;
    private string? _progress;

    /// <summary>Creates a queued job.</summary>
    /// <param name="kind">What it does ("aggregate-weeks").</param>
    /// <param name="key">Identifies equal work: a second request for the same key while this one is queued or running
    /// gets this job back instead of a new one.</param>
    /// <param name="subject">What it works on, shown as is.</param>
    /// <param name="work">The work; its return value becomes the result. It may report progress lines: the last one is
    /// shown as <see cref="JobView.Progress"/>.</param>
    public Job(string kind, string key, object? subject, Func<IProgress<string>, CancellationToken, Task<object?>> work)
    {
        Id = Guid.NewGuid().ToString("N");
        Kind = kind;
        Key = key;
        Subject = subject;
        _work = work;
        CreatedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>The account that queued it; null for the local owner (single-user mode).</summary>
    public long? Owner { get; init; }

    /// <summary>Whether <paramref name="caller"/> may see the job: admins (and the local owner) see every job, an account
    /// its own.</summary>
    public bool VisibleTo(SoundGraph.Services.Accounts.Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsAdmin || (caller.AccountId is { } id && Owner == id);
    }

    /// <summary>The job's id.</summary>
    public string Id { get; }

    /// <summary>What it does.</summary>
    public string Kind { get; }

    /// <summary>Identifies equal work.</summary>
    public string Key { get; }

    /// <summary>What it works on.</summary>
    public object? Subject { get; }

    /// <summary>When it was queued.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>True while queued or running.</summary>
    public bool IsActive
    {
        get
        {
            lock (_gate)
            {
                return _status is JobStatus.Queued or JobStatus.Running;
            }
        }
    }

    /// <summary>The job's current state.</summary>
    public JobView View()
    {
        lock (_gate)
        {
            return new JobView(Id, Kind, _status, Subject, CreatedAt, _startedAt, _finishedAt, _progress, _result, _error, JobRegistry.StatusPath(Id));
        }
    }

    /// <summary>Runs the work once: running, then done with its result or failed with the exception's first line.</summary>
    /// <param name="stopping">Cancelled when the API stops; the job then fails as cancelled.</param>
    /// <returns>The exception that failed it, or null.</returns>
    public async Task<Exception?> RunAsync(CancellationToken stopping)
    {
        Set(JobStatus.Running, started: true);
        try
        {
            var result = await _work(new ProgressLine(this), stopping).ConfigureAwait(false);
            lock (_gate)
            {
                _result = result;
            }

            Set(JobStatus.Done, started: false);
            return null;
        }
        catch (OperationCanceledException ex) when (stopping.IsCancellationRequested)
        {
            Fail("Cancelled: the API stopped before the job finished.");
            return ex;
        }
#pragma warning disable CA1031 // A job's failure, whatever it is, is reported in its status, never thrown at the worker.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fail(ex.Message.Split('\n')[0].TrimEnd());
            return ex;
        }
    }

    private void Report(string line)
    {
        lock (_gate)
        {
            _progress = line;
        }
    }

    private void Fail(string error)
    {
        lock (_gate)
        {
            _error = error;
        }

        Set(JobStatus.Failed, started: false);
    }

    private void Set(string status, bool started)
    {
        lock (_gate)
        {
            _status = status;
            if (started)
            {
                _startedAt = DateTimeOffset.UtcNow;
            }
            else
            {
                _finishedAt = DateTimeOffset.UtcNow;
            }
        }
    }

    /// <summary>Keeps the work's latest progress line on the job.</summary>
    private sealed class ProgressLine(Job job) : IProgress<string>
    {
        public void Report(string value) => job.Report(value);
    }
}

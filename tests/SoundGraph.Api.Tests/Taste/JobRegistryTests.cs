using SoundGraph.Api.Jobs;

namespace SoundGraph.Api.Tests.Taste;

/// <summary>The in-memory job registry and a job's life: queued → running → done | failed, de-duplication by key.</summary>
public sealed class JobRegistryTests
{
    [Fact]
    public async Task Job_Work_QueuedThenDoneWithResult()
    {
        var registry = new JobRegistry();
        var (job, existing) = registry.Enqueue("test", "k", "subject", _ => Task.FromResult<object?>(42));

        Assert.False(existing);
        Assert.Equal(JobStatus.Queued, job.View().Status);
        Assert.Null(job.View().StartedAt);
        Assert.Same(job, registry.Find(job.Id));

        Assert.Null(await job.RunAsync(CancellationToken.None));

        var view = job.View();
        Assert.Equal(JobStatus.Done, view.Status);
        Assert.Equal(42, view.Result);
        Assert.Null(view.Error);
        Assert.NotNull(view.FinishedAt);
        Assert.Equal("/api/jobs/" + job.Id, view.StatusUrl);
    }

    [Fact]
    public async Task Job_Throws_FailedWithTheMessagesFirstLine()
    {
        var registry = new JobRegistry();
        var (job, _) = registry.Enqueue("test", "k", null, _ => throw new InvalidOperationException("The store is gone.\nstack"));

        var error = await job.RunAsync(CancellationToken.None);

        Assert.IsType<InvalidOperationException>(error);
        Assert.Equal(JobStatus.Failed, job.View().Status);
        Assert.Equal("The store is gone.", job.View().Error);
    }

    [Fact]
    public async Task Enqueue_SameKeyWhileActive_ReturnsThatJob_AfterItEndsQueuesANewOne()
    {
        var registry = new JobRegistry();
        var (first, _) = registry.Enqueue("test", "same", null, _ => Task.FromResult<object?>(1));
        var (again, existing) = registry.Enqueue("test", "same", null, _ => Task.FromResult<object?>(2));
        var (other, otherExisting) = registry.Enqueue("test", "other", null, _ => Task.FromResult<object?>(3));

        Assert.True(existing);
        Assert.Same(first, again);
        Assert.False(otherExisting);
        Assert.NotSame(first, other);

        await first.RunAsync(CancellationToken.None);
        var (next, nextExisting) = registry.Enqueue("test", "same", null, _ => Task.FromResult<object?>(4));
        Assert.False(nextExisting);
        Assert.NotSame(first, next);
    }

    [Fact]
    public async Task Registry_KeepsAtMostMaxFinishedJobs_OldestForgottenFirst()
    {
        var registry = new JobRegistry();
        var jobs = new List<Job>();
        for (var i = 0; i <= JobRegistry.MaxFinished + 1; i++)
        {
            var (job, _) = registry.Enqueue("test", "k" + i, null, _ => Task.FromResult<object?>(null));
            await job.RunAsync(CancellationToken.None);
            jobs.Add(job);
        }

        registry.Enqueue("test", "last", null, _ => Task.FromResult<object?>(null));

        Assert.Null(registry.Find(jobs[0].Id));
        Assert.Null(registry.Find(jobs[1].Id));
        Assert.NotNull(registry.Find(jobs[2].Id));
        Assert.NotNull(registry.Find(jobs[^1].Id));
    }

    [Fact]
    public async Task Job_CancelledByShutdown_FailsAsCancelled()
    {
        var registry = new JobRegistry();
        using var stopping = new CancellationTokenSource();
        var (job, _) = registry.Enqueue("test", "k", null, async ct =>
        {
            await stopping.CancelAsync();
            ct.ThrowIfCancellationRequested();
            return null;
        });

        await job.RunAsync(stopping.Token);

        Assert.Equal(JobStatus.Failed, job.View().Status);
        Assert.Equal("Cancelled: the API stopped before the job finished.", job.View().Error);
    }
}

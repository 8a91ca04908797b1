using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SoundGraph.Api.Jobs;

/// <summary>Runs the <see cref="JobRegistry"/>'s jobs one at a time, in the order they were queued, for as long as the
/// API runs. A job's failure is recorded in its status (and logged as a warning), never thrown.</summary>
internal sealed partial class JobWorker(JobRegistry registry, ILogger<JobWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in registry.Queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                if (await job.RunAsync(stoppingToken).ConfigureAwait(false) is { } error && !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, job.Kind, job.Id, error.GetType().Name, error.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The API is stopping; queued jobs are dropped with the registry.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Kind} {Id} failed: {ExceptionType}: {Message}")]
    private static partial void LogFailed(ILogger logger, string kind, string id, string exceptionType, string message);
}

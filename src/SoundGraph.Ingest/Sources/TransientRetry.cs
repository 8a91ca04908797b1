using Polly;
using Polly.Retry;

namespace SoundGraph.Ingest.Sources;

/// <summary>What one HTTP attempt of an API client tells the retry policy.</summary>
internal interface IRetryOutcome
{
    /// <summary>True when the attempt failed in a way worth retrying (429, 503, other 5xx).</summary>
    bool Transient { get; }

    /// <summary>How long the server asked to wait (Retry-After, a rate-limit reset), when it said.</summary>
    TimeSpan? RetryAfter { get; }
}

/// <summary>The retry policy every API client here shares (SoundCloud, ListenBrainz, MusicBrainz): Polly exponential
/// backoff with jitter from a base delay up to a cap, retrying transient outcomes and transport exceptions, and waiting
/// what the server asked for when it asked (a Retry-After or rate-limit reset longer than the backoff wins).</summary>
internal static class TransientRetry
{
    /// <summary>Transport failures worth a retry: connection errors, timeouts, a body cut off mid-read.</summary>
    public static bool IsTransientException(Exception ex) => ex is HttpRequestException or TimeoutException or IOException;

    /// <summary>The pipeline: none when <paramref name="maxRetries"/> is 0.</summary>
    /// <param name="maxRetries">Retries after the first attempt.</param>
    /// <param name="baseDelay">First backoff delay.</param>
    /// <param name="maxDelay">Longest backoff delay.</param>
    /// <param name="time">The clock (tests pass a fake one).</param>
    /// <param name="isTransient">Which exceptions are retried.</param>
    /// <param name="onRetry">Called before each retry (statistics, a log line).</param>
    public static ResiliencePipeline<T> Build<T>(
        int maxRetries, TimeSpan baseDelay, TimeSpan maxDelay, TimeProvider time, Func<Exception, bool> isTransient, Action<OnRetryArguments<T>> onRetry)
        where T : class, IRetryOutcome
    {
        if (maxRetries == 0)
        {
            return ResiliencePipeline<T>.Empty;
        }

        var retry = new RetryStrategyOptions<T>
        {
            MaxRetryAttempts = maxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = baseDelay,
            MaxDelay = maxDelay,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Transient: true } || (args.Outcome.Exception is { } ex && isTransient(ex))),
            // A server-given wait wins; null lets Polly use the jittered backoff.
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
            OnRetry = args =>
            {
                onRetry(args);
                return ValueTask.CompletedTask;
            },
        };
        return new ResiliencePipelineBuilder<T> { TimeProvider = time }.AddRetry(retry).Build();
    }

    /// <summary>Runs <paramref name="attempt"/> through <paramref name="pipeline"/> under <paramref name="operationKey"/> (the
    /// endpoint logs name) and counts the attempts made. A transport failure that outlives the retries is turned into the
    /// client's own exception by <paramref name="exhausted"/> (given the failure and the attempt count); cancellation
    /// passes through unchanged. The caller checks a transient last answer itself (its message names the answer).</summary>
    public static async Task<(T Result, int Attempts)> RunAsync<T>(
        ResiliencePipeline<T> pipeline,
        string operationKey,
        Func<CancellationToken, Task<T>> attempt,
        Func<Exception, bool> isTransient,
        Func<Exception, int, Exception> exhausted,
        CancellationToken cancellationToken)
    {
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(operationKey, cancellationToken);
        try
        {
            var result = await pipeline.ExecuteAsync(
                async ctx =>
                {
                    attempts++;
                    return await attempt(ctx.CancellationToken).ConfigureAwait(false);
                },
                context).ConfigureAwait(false);
            return (result, attempts);
        }
        catch (Exception ex) when (isTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw exhausted(ex, attempts);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}

namespace SoundGraph.Api.Pipeline;

/// <summary>Keeps the pipeline's secrets out of a failed job's status: the clients' messages never hold the token or
/// key, and this is the last line of defence should one ever do (a job's error is shown to callers and logged).</summary>
internal static class JobSecrets
{
    /// <summary>Replaces each secret in <paramref name="message"/> by "(secret)".</summary>
    public static string Scrub(string message, IEnumerable<string> secrets) =>
        secrets.Where(s => s.Length > 0).Aggregate(message, (text, secret) => text.Replace(secret, "(secret)", StringComparison.Ordinal));

    /// <summary>Runs <paramref name="work"/>; an exception whose message holds a secret is replaced by an
    /// <see cref="InvalidOperationException"/> with the secret scrubbed (cancellation passes unchanged).</summary>
    public static Task<T> GuardAsync<T>(PipelineSettings settings, Func<Task<T>> work) => GuardAsync(settings, [], work);

    /// <summary>As <see cref="GuardAsync{T}(PipelineSettings, Func{Task{T}})"/>, also scrubbing <paramref name="more"/> (a
    /// listener's own token).</summary>
    public static async Task<T> GuardAsync<T>(PipelineSettings settings, IReadOnlyList<string> more, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(work);
        var secrets = settings.Secrets().Concat(more).ToList();
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && secrets.Any(s => s.Length > 0 && ex.Message.Contains(s, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(Scrub(ex.Message, secrets));
        }
    }
}

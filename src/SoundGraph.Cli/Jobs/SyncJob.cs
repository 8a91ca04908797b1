using SoundGraph.Cli.Rendering;
using SoundGraph.Ingest;
using SoundGraph.Ingest.Harvest;
using SoundGraph.Ingest.Sources.ListenBrainz;
using SoundGraph.Services.Sync;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Jobs;

/// <summary>Runs <see cref="ListenBrainzSync"/> for <c>sgr sync listenbrainz</c> and prints its summary.</summary>
public static class SyncJob
{
    /// <summary>Syncs and prints one summary line (or JSON with <paramref name="json"/>); progress lines go to stderr.</summary>
    /// <param name="context">Console and error writer.</param>
    /// <param name="store">The open store.</param>
    /// <param name="options">Client options (validated).</param>
    /// <param name="request">User, since, full.</param>
    /// <param name="spillPath">A JSONL file receiving every response, or null.</param>
    /// <param name="json">Print JSON instead of text.</param>
    /// <param name="ct">Cancels the sync between requests.</param>
    /// <returns>0, or 3 when listens were rejected (written to the rejects file beside the database).</returns>
    /// <exception cref="ListenBrainzException">The token was rejected or a request failed.</exception>
    public static async Task<int> RunAsync(CliContext context, SoundGraphStore store, ListenBrainzOptions options, ListenBrainzSyncRequest request, string? spillPath, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        using var spill = spillPath is null ? null : new SpillWriter(spillPath);
        var rejectsPath = CliContext.RejectsPath(store.Location);
        ListenBrainzSyncResult result;
        using (var rejects = new FileRejectSink(rejectsPath))
        {
            var progress = new LineProgress<string>(line => context.Error.WriteLine("listenbrainz " + line));
            result = await ListensSync.RunAsync(store, options, request, rejects, progress, spill, ct).ConfigureAwait(false);
        }

        var writer = context.Console.Profile.Out.Writer;
        writer.WriteLine(json ? ReportJson.Serialize(ListensSync.Summarize(request.UserName, result)) : ListensSync.Describe(request.UserName, result));
        if (result.Rejected > 0)
        {
            await context.Error.WriteLineAsync($"{result.Rejected} listens rejected; see {rejectsPath}").ConfigureAwait(false);
            return 3;
        }

        return 0;
    }
}

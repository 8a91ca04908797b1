using System.Globalization;
using SoundGraph.Cli.Rendering;
using SoundGraph.Ingest;
using SoundGraph.Ingest.Harvest;
using SoundGraph.Ingest.Sources.ListenBrainz;
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
        using var http = ApiHttp.Create();
        using var spill = spillPath is null ? null : new SpillWriter(spillPath);
        using var client = new ListenBrainzClient(http, options, sink: spill);
        var rejectsPath = CliContext.RejectsPath(store.Location);
        ListenBrainzSyncResult result;
        using (var rejects = new FileRejectSink(rejectsPath))
        {
            var progress = new LineProgress(line => context.Error.WriteLine("listenbrainz " + line));
            result = await new ListenBrainzSync(client, store.Catalog, store.Connection, rejects).RunAsync(request, progress, ct).ConfigureAwait(false);
        }

        if (json)
        {
            context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(new
            {
                user = request.UserName,
                fetched = result.Fetched,
                stored = result.Stored,
                skipped = result.Skipped,
                rejected = result.Rejected,
                requests = result.Requests,
                pages = result.Pages,
                rateLimitedAnswered = result.RateLimitedAnswered,
                seconds = Math.Round(result.Seconds, 2),
            }));
        }
        else
        {
            context.Console.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"listenbrainz {request.UserName}: fetched {result.Fetched:N0}, stored {result.Stored:N0}, skipped {result.Skipped:N0}, rejected {result.Rejected:N0}; {result.Requests:N0} requests ({result.Pages:N0} pages), {result.RateLimitedAnswered:N0} 429s answered, {result.Seconds:0.0} s"));
        }

        if (result.Rejected > 0)
        {
            await context.Error.WriteLineAsync($"{result.Rejected} listens rejected; see {rejectsPath}").ConfigureAwait(false);
            return 3;
        }

        return 0;
    }

    private sealed class LineProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}

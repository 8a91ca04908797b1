using System.Globalization;
using SoundGraph.Cli.Rendering;
using SoundGraph.Ingest;
using SoundGraph.Ingest.Harvest;
using SoundGraph.Ingest.Sources.LastFm;
using SoundGraph.Services.Sync;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Jobs;

/// <summary>Runs <see cref="LastFmSync"/> (<c>sgr sync lastfm</c>) and <see cref="LastFmTagFill"/> (<c>sgr tags lastfm</c>)
/// and prints their summaries; progress lines go to stderr.</summary>
public static class LastFmJobs
{
    /// <summary>Syncs one user and prints one summary line (or JSON).</summary>
    /// <param name="context">Consoles.</param>
    /// <param name="store">The open store.</param>
    /// <param name="options">Client options (validated).</param>
    /// <param name="request">User, since, full.</param>
    /// <param name="spillPath">A JSONL file receiving every response (key redacted), or null.</param>
    /// <param name="json">Print JSON instead of text.</param>
    /// <param name="ct">Cancels between requests.</param>
    /// <returns>0, or 3 when scrobbles were rejected (written to the rejects file beside the database).</returns>
    /// <exception cref="LastFmException">A private profile, no such user, a rejected or suspended key, or a request failed.</exception>
    public static async Task<int> SyncAsync(CliContext context, SoundGraphStore store, LastFmOptions options, LastFmSyncRequest request, string? spillPath, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        using var spill = spillPath is null ? null : new SpillWriter(spillPath);
        using var http = ApiHttp.Create();
        using var client = new LastFmClient(http, options, sink: spill);
        var rejectsPath = CliContext.RejectsPath(store.Location);
        LastFmSyncResult r;
        using (var rejects = new FileRejectSink(rejectsPath))
        {
            var progress = new LineProgress<string>(line => context.Error.WriteLine("lastfm " + line));
            r = await new LastFmSync(client, store.Catalog, store.Connection, rejects).RunAsync(request, progress, ct).ConfigureAwait(false);
        }

        var writer = context.Console.Profile.Out.Writer;
        if (json)
        {
            writer.WriteLine(ReportJson.Serialize(new
            {
                user = request.UserName,
                fetched = r.Fetched,
                stored = r.Stored,
                skipped = r.Skipped,
                rejected = r.Rejected,
                nowPlayingSkipped = r.NowPlayingSkipped,
                requests = r.Requests,
                pages = r.Pages,
                rateLimitedAnswered = r.RateLimitedAnswered,
                unavailableAnswered = r.UnavailableAnswered,
                seconds = Math.Round(r.Seconds, 2),
            }));
        }
        else
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"lastfm {request.UserName}: fetched {r.Fetched:N0}, stored {r.Stored:N0}, skipped {r.Skipped:N0}, rejected {r.Rejected:N0}; {r.Requests:N0} requests ({r.Pages:N0} pages), {r.RateLimitedAnswered:N0} 429s/error-29s answered, {r.UnavailableAnswered:N0} 503s/errors 11-16 retried, {r.Seconds:0.0} s"));
        }

        if (r.Rejected > 0)
        {
            await context.Error.WriteLineAsync($"{r.Rejected} scrobbles rejected; see {rejectsPath}").ConfigureAwait(false);
            return CliApp.ImportedWithRejects;
        }

        return 0;
    }

    /// <summary>Fills tags and prints the summary (or JSON).</summary>
    /// <param name="context">Consoles.</param>
    /// <param name="store">The open store.</param>
    /// <param name="options">Client options (validated).</param>
    /// <param name="request">Kinds and limit.</param>
    /// <param name="json">Print JSON instead of text.</param>
    /// <param name="ct">Cancels between requests.</param>
    /// <returns>0.</returns>
    /// <exception cref="LastFmException">A rejected or suspended key, or a request failed.</exception>
    public static async Task<int> TagsAsync(CliContext context, SoundGraphStore store, LastFmOptions options, LastFmTagFillRequest request, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        var progress = new LineProgress<string>(line => context.Error.WriteLine("lastfm tags " + line));
        var r = await LastFmTags.RunAsync(store, options, request, progress, ct).ConfigureAwait(false);
        context.Console.Profile.Out.Writer.WriteLine(json ? ReportJson.Serialize(LastFmTags.Summarize(r)) : LastFmTags.Describe(r));
        return 0;
    }
}

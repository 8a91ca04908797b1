using System.Globalization;
using SoundGraph.Cli.Rendering;
using SoundGraph.Ingest.Harvest;
using SoundGraph.Ingest.Sources.ListenBrainz;
using SoundGraph.Services.Sync;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Jobs;

/// <summary>Runs <see cref="ListenBrainzTagFill"/> for <c>sgr tags listenbrainz</c> and prints its summary.</summary>
public static class ListenBrainzTagsJob
{
    /// <summary>Fills tags and prints one summary line (or JSON with <paramref name="json"/>); progress lines go to stderr.</summary>
    /// <param name="context">Console and error writer.</param>
    /// <param name="store">The open store.</param>
    /// <param name="options">Client options (validated).</param>
    /// <param name="limit">Tracks to look up at most.</param>
    /// <param name="spillPath">A JSONL file receiving every response, or null.</param>
    /// <param name="json">Print JSON instead of text.</param>
    /// <param name="ct">Cancels between requests.</param>
    /// <returns>0.</returns>
    /// <exception cref="ListenBrainzException">A request failed after its retries.</exception>
    public static async Task<int> RunAsync(CliContext context, SoundGraphStore store, ListenBrainzOptions options, int limit, string? spillPath, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        using var http = ApiHttp.Create();
        using var spill = spillPath is null ? null : new SpillWriter(spillPath);
        using var client = new ListenBrainzClient(http, options, sink: spill);
        var progress = new Progress<int>(n => context.Error.WriteLine($"listenbrainz tags: {n.ToString("N0", CultureInfo.InvariantCulture)} tracks looked up"));
        var r = await new ListenBrainzTagFill(client, store).RunAsync(limit, progress, ct).ConfigureAwait(false);
        if (json)
        {
            context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(new
            {
                lookedUp = r.LookedUp,
                tagged = r.Tagged,
                tagsStored = r.TagsStored,
                withoutTags = r.WithoutTags,
                unknown = r.Unknown,
                requests = r.Requests,
                rateLimitedAnswered = r.RateLimitedAnswered,
                seconds = Math.Round(r.Seconds, 2),
            }));
        }
        else
        {
            context.Console.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"listenbrainz tags: looked up {r.LookedUp:N0} tracks, tagged {r.Tagged:N0} ({r.TagsStored:N0} tags stored), {r.WithoutTags:N0} without tags, {r.Unknown:N0} unknown; {r.Requests:N0} requests, {r.RateLimitedAnswered:N0} 429s answered, {r.Seconds:0.0} s"));
        }

        return 0;
    }
}

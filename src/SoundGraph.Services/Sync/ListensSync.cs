using System.Globalization;
using SoundGraph.Ingest;
using SoundGraph.Ingest.Sources;
using SoundGraph.Ingest.Sources.ListenBrainz;
using SoundGraph.Storage;

namespace SoundGraph.Services.Sync;

/// <summary>The counts of one ListenBrainz listens sync, as <c>sgr sync listenbrainz --json</c> prints them and the
/// <c>ingest-listens</c> job of the HTTP API returns them.</summary>
/// <param name="User">The ListenBrainz user name synced.</param>
/// <param name="Fetched">Listens received that were new within the sync.</param>
/// <param name="Stored">Listens stored.</param>
/// <param name="Skipped">Fetched but not stored (already stored, or repeated within the sync).</param>
/// <param name="Rejected">Rejected by the value checks.</param>
/// <param name="Requests">HTTP requests sent, retries included.</param>
/// <param name="Pages">Listens pages received.</param>
/// <param name="RateLimitedAnswered">429 answers waited out.</param>
/// <param name="Seconds">Wall time, seconds, rounded to 0.01.</param>
public sealed record ListensSyncSummary(string User, long Fetched, long Stored, long Skipped, long Rejected, long Requests, long Pages, long RateLimitedAnswered, double Seconds);

/// <summary>Runs one ListenBrainz listens sync (<see cref="ListenBrainzSync"/>) with a client built here: the use case
/// behind <c>sgr sync listenbrainz</c> and <c>POST /api/ingest/listens</c>.</summary>
public static class ListensSync
{
    /// <summary>Syncs <paramref name="request"/>'s user into <paramref name="store"/>.</summary>
    /// <param name="store">The open, writable store.</param>
    /// <param name="options">Client options (validated; the token, if any, is checked first and never reported).</param>
    /// <param name="request">User, since, full, listener.</param>
    /// <param name="rejects">Receives the listens the value checks reject.</param>
    /// <param name="progress">One line per stored page ("page 3: 1,000 listens, …"); may be null.</param>
    /// <param name="spill">Receives every response (JSONL spill), or null.</param>
    /// <param name="cancellationToken">Cancels between requests; pages stored stay stored.</param>
    /// <returns>The sync's counts.</returns>
    /// <exception cref="ListenBrainzException">The token was rejected (nothing is stored) or a request failed for good.</exception>
    public static async Task<ListenBrainzSyncResult> RunAsync(
        SoundGraphStore store, ListenBrainzOptions options, ListenBrainzSyncRequest request, IRejectSink rejects,
        IProgress<string>? progress = null, IApiResponseSink? spill = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var http = ApiHttp.Create();
        using var client = new ListenBrainzClient(http, options, sink: spill);
        return await new ListenBrainzSync(client, store.Catalog, store.Connection, rejects).RunAsync(request, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The counts of <paramref name="result"/> for <paramref name="user"/>, seconds rounded to 0.01.</summary>
    public static ListensSyncSummary Summarize(string user, ListenBrainzSyncResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(user, result.Fetched, result.Stored, result.Skipped, result.Rejected, result.Requests, result.Pages, result.RateLimitedAnswered, Math.Round(result.Seconds, 2));
    }

    /// <summary>The one-line summary: "listenbrainz USER: fetched N, stored N, skipped N, rejected N; N requests (N pages),
    /// N 429s answered, S s".</summary>
    public static string Describe(string user, ListenBrainzSyncResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return string.Create(CultureInfo.InvariantCulture,
            $"listenbrainz {user}: fetched {result.Fetched:N0}, stored {result.Stored:N0}, skipped {result.Skipped:N0}, rejected {result.Rejected:N0}; {result.Requests:N0} requests ({result.Pages:N0} pages), {result.RateLimitedAnswered:N0} 429s answered, {result.Seconds:0.0} s");
    }
}

using System.Globalization;
using SoundGraph.Ingest.Sources.LastFm;
using SoundGraph.Storage;

namespace SoundGraph.Services.Sync;

/// <summary>The counts of one Last.fm tag fill, as <c>sgr tags lastfm --json</c> prints them and the <c>lastfm-tags</c>
/// job of the HTTP API returns them.</summary>
/// <param name="LookedUp">Tracks and artists asked for.</param>
/// <param name="Tagged">Targets that got at least one tag.</param>
/// <param name="WithoutTags">Targets Last.fm knows with no tag at the minimum count.</param>
/// <param name="NotFound">Targets Last.fm does not know (error 6).</param>
/// <param name="Skipped">Tracks with neither an artist nor an MBID to ask by.</param>
/// <param name="TagsStored">Tag assignments stored.</param>
/// <param name="Requests">HTTP requests sent, retries included.</param>
/// <param name="RateLimitedAnswered">Error-29 and 429 answers backed off from.</param>
/// <param name="UnavailableAnswered">Error 8/11/16 and 5xx answers retried.</param>
/// <param name="Seconds">Wall time, seconds, rounded to 0.01.</param>
public sealed record LastFmTagsSummary(
    long LookedUp, long Tagged, long WithoutTags, long NotFound, long Skipped, long TagsStored, long Requests, long RateLimitedAnswered, long UnavailableAnswered, double Seconds);

/// <summary>Fills Last.fm top tags of untagged tracks and artists (<see cref="LastFmTagFill"/>) with a client built here:
/// the use case behind <c>sgr tags lastfm</c> and <c>POST /api/tags/lastfm/sync</c>.</summary>
public static class LastFmTags
{
    /// <summary>Fills tags.</summary>
    /// <param name="store">The open, writable store.</param>
    /// <param name="options">Client options (validated, with an API key that is never reported).</param>
    /// <param name="request">Kinds, limit, minimum count, listened-since filter.</param>
    /// <param name="progress">A line every 25 targets; may be null.</param>
    /// <param name="cancellationToken">Cancels between requests; tags stored stay stored.</param>
    /// <returns>The fill's counts.</returns>
    /// <exception cref="LastFmException">A rejected or suspended key, or a request failed for good.</exception>
    public static async Task<LastFmTagFillResult> RunAsync(
        SoundGraphStore store, LastFmOptions options, LastFmTagFillRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var http = ApiHttp.Create();
        using var client = new LastFmClient(http, options);
        return await new LastFmTagFill(store, client).FillAsync(request, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The counts of <paramref name="r"/>, seconds rounded to 0.01.</summary>
    public static LastFmTagsSummary Summarize(LastFmTagFillResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.LookedUp, r.Tagged, r.WithoutTags, r.NotFound, r.Skipped, r.TagsStored, r.Requests, r.RateLimitedAnswered, r.UnavailableAnswered, Math.Round(r.Seconds, 2));
    }

    /// <summary>The one-line summary <c>sgr tags lastfm</c> prints.</summary>
    public static string Describe(LastFmTagFillResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return string.Create(CultureInfo.InvariantCulture,
            $"lastfm tags: looked up {r.LookedUp:N0} (fetched {r.LookedUp - r.NotFound:N0}, stored tags for {r.Tagged:N0}: {r.TagsStored:N0} tags), none above the minimum count {r.WithoutTags:N0}, not found {r.NotFound:N0}, skipped {r.Skipped:N0}; {r.Requests:N0} requests, {r.RateLimitedAnswered:N0} 429s/error-29s answered, {r.Seconds:0.0} s");
    }
}

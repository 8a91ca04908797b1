namespace SoundGraph.Ingest.Sources.SoundCloud;

/// <summary>One HTTP response from the SoundCloud API, as handed to an <see cref="ISoundCloudResponseSink"/>.</summary>
/// <param name="Endpoint">Path template of the request, numeric segments replaced by <c>{id}</c>, e.g.
/// <c>/tracks/{id}/favoriters</c>.</param>
/// <param name="Url">The request URL with the values of <c>client_id</c>, <c>client_secret</c>, <c>oauth_token</c> and
/// <c>access_token</c> query parameters replaced by <c>REDACTED</c>.</param>
/// <param name="Status">HTTP status code.</param>
/// <param name="Body">The body as received (possibly truncated or empty); null when there was none.</param>
/// <param name="FetchedAt">When the response was received, from the client's <see cref="TimeProvider"/>.</param>
public sealed record SoundCloudResponse(string Endpoint, string Url, int Status, string? Body, DateTimeOffset FetchedAt);

/// <summary>Receives every API response the client gets (2xx, 3xx, 4xx including 429, 5xx, truncated bodies), before
/// the body is parsed: the raw record of a crawl. Token-endpoint responses are not passed on: they carry secrets.</summary>
public interface ISoundCloudResponseSink
{
    /// <summary>Called once per HTTP response, possibly from several threads at once.</summary>
    /// <param name="response">The response with its URL redacted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the response is recorded.</returns>
    ValueTask OnResponseAsync(SoundCloudResponse response, CancellationToken cancellationToken);
}

/// <summary>One page of a collection.</summary>
/// <typeparam name="T">Item type (<c>ScTrack</c>, <c>ScUser</c>, …).</typeparam>
/// <param name="Items">The items of the page, in the order received.</param>
/// <param name="NextHref">Absolute URL of the next page (to be followed verbatim), or null on the last page.</param>
public sealed record SoundCloudPage<T>(IReadOnlyList<T> Items, string? NextHref);

namespace SoundGraph.Ingest.Sources;

/// <summary>One HTTP response from a music API, as handed to an <see cref="IApiResponseSink"/> before its body is parsed.</summary>
/// <param name="Endpoint">The API and endpoint, e.g. <c>listenbrainz /1/user/{user}/listens</c> or <c>musicbrainz recording/{mbid}</c>.</param>
/// <param name="Url">The request URL, with any secret redacted by the client (ListenBrainz and MusicBrainz URLs carry none:
/// the token and the contact travel in headers).</param>
/// <param name="Status">HTTP status code.</param>
/// <param name="Body">The body as received (possibly empty or cut off); null when there was none.</param>
/// <param name="FetchedAt">When the response was received, UTC.</param>
public sealed record ApiResponse(string Endpoint, string Url, int Status, string? Body, DateTimeOffset FetchedAt);

/// <summary>Receives every response a music API client gets (answers, 4xx including 429, 5xx), before it is parsed: the
/// raw record of a sync, a resolve or a tag fill (<see cref="Harvest.SpillWriter"/> appends them as JSON lines), so the
/// store's contents can be recomputed without fetching again.</summary>
public interface IApiResponseSink
{
    /// <summary>Called once per HTTP response.</summary>
    /// <param name="response">The response.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the response is recorded.</returns>
    ValueTask OnResponseAsync(ApiResponse response, CancellationToken cancellationToken);
}

namespace SoundGraph.Ingest.Sources.LastFm;

/// <summary>One HTTP response from Last.fm, as handed to an <see cref="ILastFmResponseSink"/>.</summary>
/// <param name="Method">The API method, e.g. <c>user.getRecentTracks</c>.</param>
/// <param name="Url">The request URL with the <c>api_key</c> value replaced by <c>REDACTED</c>.</param>
/// <param name="Status">HTTP status code.</param>
/// <param name="Body">The body as received (redacted too, should it echo the key); null when empty.</param>
/// <param name="FetchedAt">When the response was received, from the client's <see cref="TimeProvider"/>.</param>
public sealed record LastFmResponse(string Method, string Url, int Status, string? Body, DateTimeOffset FetchedAt);

/// <summary>Receives every response the Last.fm client gets (answers, error bodies, 429s, 5xx), before it is parsed:
/// the raw record of a sync (<see cref="Harvest.SpillWriter"/> writes them as JSON lines).</summary>
public interface ILastFmResponseSink
{
    /// <summary>Called once per HTTP response.</summary>
    /// <param name="response">The response, redacted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the response is recorded.</returns>
    ValueTask OnResponseAsync(LastFmResponse response, CancellationToken cancellationToken);
}

/// <summary>Keeps the API key out of everything the client writes or throws.</summary>
internal static class LastFmRedaction
{
    /// <summary>The stand-in for the key.</summary>
    public const string Mask = "REDACTED";

    /// <summary><paramref name="text"/> with every occurrence of <paramref name="apiKey"/> (raw or URL-escaped) replaced by
    /// <see cref="Mask"/>; null stays null.</summary>
    public static string? Redact(string? text, string apiKey)
    {
        if (string.IsNullOrEmpty(text) || apiKey.Length == 0)
        {
            return text;
        }

        var escaped = Uri.EscapeDataString(apiKey);
        var result = text.Replace(apiKey, Mask, StringComparison.Ordinal);
        return escaped == apiKey ? result : result.Replace(escaped, Mask, StringComparison.Ordinal);
    }
}

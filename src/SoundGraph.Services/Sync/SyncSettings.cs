using SoundGraph.Ingest.Sources.LastFm;
using SoundGraph.Ingest.Sources.ListenBrainz;

namespace SoundGraph.Services.Sync;

/// <summary>Builds the validated client options of the web-API syncs from the values a shell read (CLI options and files,
/// or the HTTP API's configuration), so both shells apply the same defaults and checks. Secrets are never echoed: every
/// message names the setting, never its value.</summary>
public static class SyncSettings
{
    /// <summary>The trimmed value of environment variable <paramref name="variable"/>; null when unset or blank.</summary>
    /// <param name="variable">E.g. <see cref="ListenBrainzOptions.TokenVariable"/> or <see cref="LastFmOptions.ApiKeyVariable"/>.</param>
    public static string? FromEnvironment(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>ListenBrainz client options.</summary>
    /// <param name="baseUrl">API base URL; null: https://api.listenbrainz.org/.</param>
    /// <param name="token">User token; null: unauthenticated reads.</param>
    /// <param name="pageSize">Listens per request, 1–1000; null: 1000.</param>
    /// <returns>The options, validated.</returns>
    /// <exception cref="UriFormatException"><paramref name="baseUrl"/> is not an absolute URI.</exception>
    /// <exception cref="ArgumentException">A value is out of range (the message names the field, never the token).</exception>
    public static ListenBrainzOptions ListenBrainz(string? baseUrl, string? token, int? pageSize = null)
    {
        var options = new ListenBrainzOptions
        {
            ApiBaseUri = baseUrl is { } url ? new Uri(url, UriKind.Absolute) : new ListenBrainzOptions().ApiBaseUri,
            Token = token,
            PageSize = pageSize ?? ListenBrainzOptions.MaxPageSize,
        };
        options.Validate();
        return options;
    }

    /// <summary>Last.fm client options.</summary>
    /// <param name="baseUrl">API root; null: https://ws.audioscrobbler.com/2.0/ (a missing trailing slash is added).</param>
    /// <param name="apiKey">The API key (required); blank counts as missing.</param>
    /// <param name="requestsPerSecond">Requests per second, (0, 50]; null: 5.</param>
    /// <returns>The options, validated.</returns>
    /// <exception cref="InvalidOperationException">No API key (<see cref="LastFmOptions.MissingApiKey"/>).</exception>
    /// <exception cref="UriFormatException"><paramref name="baseUrl"/> is not an absolute URI.</exception>
    /// <exception cref="ArgumentException">A value is out of range (the message names the field, never the key).</exception>
    public static LastFmOptions LastFm(string? baseUrl, string? apiKey, double? requestsPerSecond = null)
    {
        var options = new LastFmOptions
        {
            ApiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey,
            BaseUri = baseUrl is { } url ? new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute) : new LastFmOptions().BaseUri,
            RequestsPerSecond = requestsPerSecond ?? 5,
        };
        options.Validate();
        return options;
    }
}

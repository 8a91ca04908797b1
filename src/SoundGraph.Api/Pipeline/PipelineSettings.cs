using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using SoundGraph.Ingest.Sources.LastFm;
using SoundGraph.Ingest.Sources.ListenBrainz;
using SoundGraph.Services.Sync;

namespace SoundGraph.Api.Pipeline;

/// <summary>The web-API settings of the taste pipeline's jobs (<c>POST /api/ingest/listens</c>, <c>POST
/// /api/tags/lastfm/sync</c>), read once from configuration. The token and key are secrets: they go to the clients only,
/// never into a log, a problem, a job's status or <see cref="ToString"/>.</summary>
internal sealed class PipelineSettings
{
    /// <summary>Setting of the ListenBrainz API base URL (default https://api.listenbrainz.org/).</summary>
    public const string ListenBrainzBaseUrlKey = "SoundGraph:ListenBrainz:BaseUrl";

    /// <summary>Setting of the ListenBrainz user token (else the <c>LISTENBRAINZ_TOKEN</c> variable).</summary>
    public const string ListenBrainzTokenKey = "SoundGraph:ListenBrainz:Token";

    /// <summary>Setting of the Last.fm API root (default https://ws.audioscrobbler.com/2.0/).</summary>
    public const string LastFmBaseUrlKey = "SoundGraph:LastFm:BaseUrl";

    /// <summary>Setting of the Last.fm API key (else the <c>LASTFM_API_KEY</c> variable).</summary>
    public const string LastFmApiKeyKey = "SoundGraph:LastFm:ApiKey";

    private readonly string? _listenBrainzBaseUrl;
    private readonly string? _listenBrainzToken;
    private readonly string? _lastFmBaseUrl;
    private readonly string? _lastFmApiKey;

    private PipelineSettings(string? listenBrainzBaseUrl, string? listenBrainzToken, string? lastFmBaseUrl, string? lastFmApiKey)
    {
        _listenBrainzBaseUrl = listenBrainzBaseUrl;
        _listenBrainzToken = listenBrainzToken;
        _lastFmBaseUrl = lastFmBaseUrl;
        _lastFmApiKey = lastFmApiKey;
    }

    /// <summary>Reads the four settings; a blank token or key falls back to its environment variable.</summary>
    public static PipelineSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new PipelineSettings(
            NonBlank(configuration[ListenBrainzBaseUrlKey]),
            NonBlank(configuration[ListenBrainzTokenKey]) ?? SyncSettings.FromEnvironment(ListenBrainzOptions.TokenVariable),
            NonBlank(configuration[LastFmBaseUrlKey]),
            NonBlank(configuration[LastFmApiKeyKey]) ?? SyncSettings.FromEnvironment(LastFmOptions.ApiKeyVariable));
    }

    /// <summary>The ListenBrainz client options, or a 503 problem naming the missing or bad setting.</summary>
    /// <remarks>The API requires a token although ListenBrainz serves public listens without one: the sync runs unattended
    /// on the server's behalf, and the token both proves the account and raises the rate limit.</remarks>
    public (ListenBrainzOptions? Options, IResult? Problem) ListenBrainz()
    {
        if (_listenBrainzToken is null)
        {
            return (null, Unavailable("ListenBrainz is not configured",
                $"No ListenBrainz token: set {ListenBrainzTokenKey} (or the {ListenBrainzOptions.TokenVariable} environment variable) where sgr serve runs."));
        }

        return Build(() => SyncSettings.ListenBrainz(_listenBrainzBaseUrl, _listenBrainzToken), ListenBrainzBaseUrlKey, "ListenBrainz");
    }

    /// <summary>The ListenBrainz client options with a listener's own <paramref name="token"/> (a connected service) and the
    /// configured base URL, or a 503 problem naming a bad base URL.</summary>
    public (ListenBrainzOptions? Options, IResult? Problem) ListenBrainzWith(string token) =>
        Build(() => SyncSettings.ListenBrainz(_listenBrainzBaseUrl, token), ListenBrainzBaseUrlKey, "ListenBrainz");

    /// <summary>The Last.fm client options, or a 503 problem naming the missing or bad setting.</summary>
    public (LastFmOptions? Options, IResult? Problem) LastFm()
    {
        if (_lastFmApiKey is null)
        {
            return (null, Unavailable("Last.fm is not configured",
                $"No Last.fm API key: set {LastFmApiKeyKey} (or the {LastFmOptions.ApiKeyVariable} environment variable) where sgr serve runs."));
        }

        return Build(() => SyncSettings.LastFm(_lastFmBaseUrl, _lastFmApiKey), LastFmBaseUrlKey, "Last.fm");
    }

    /// <summary>The secrets in use (to scrub from a failed job's message, as a last line of defence).</summary>
    public IEnumerable<string> Secrets() => new[] { _listenBrainzToken, _lastFmApiKey }.OfType<string>();

    /// <inheritdoc/>
    public override string ToString() =>
        $"PipelineSettings {{ ListenBrainz = {_listenBrainzBaseUrl ?? "default"}, token {(_listenBrainzToken is null ? "none" : "(set)")}; LastFm = {_lastFmBaseUrl ?? "default"}, key {(_lastFmApiKey is null ? "none" : "(set)")} }}";

    private static (T? Options, IResult? Problem) Build<T>(Func<T> build, string baseUrlKey, string service)
        where T : class
    {
        try
        {
            return (build(), null);
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            // The option checks name the field, never a secret's value; a bad URL is reported by its setting only.
            var detail = ex is UriFormatException
                ? $"{baseUrlKey} is not an absolute URL."
                : $"A {service} setting is invalid ({baseUrlKey} or the credential): {ex.Message.Split(" (Parameter", 2)[0]}";
            return (null, Unavailable($"{service} is misconfigured", detail));
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Unavailable(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable);

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

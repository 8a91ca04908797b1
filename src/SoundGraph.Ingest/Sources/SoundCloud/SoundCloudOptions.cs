using System.Globalization;

namespace SoundGraph.Ingest.Sources.SoundCloud;

/// <summary>Configuration of one <see cref="SoundCloudClient"/>: endpoints, credentials, paging, pacing and retries.</summary>
/// <remarks>
/// Defaults follow SoundCloud's public API guide (https://developers.soundcloud.com/docs/api/guide): collections page
/// 1–200 items with <c>linked_partitioning</c>, tokens come from the OAuth 2.1 client-credentials grant at
/// <c>secure.soundcloud.com</c> and are renewed with the single-use refresh token. Call <see cref="Validate"/> (the client
/// constructor does) to check the values; credentials are checked only when a token is first needed.
/// </remarks>
public sealed class SoundCloudOptions
{
    /// <summary>Environment variable holding the client id (read by <see cref="FromEnvironment"/>).</summary>
    public const string ClientIdVariable = "SOUNDCLOUD_CLIENT_ID";

    /// <summary>Environment variable holding the client secret.</summary>
    public const string ClientSecretVariable = "SOUNDCLOUD_CLIENT_SECRET";

    /// <summary>Environment variable holding a user access token (used as-is instead of client credentials).</summary>
    public const string AccessTokenVariable = "SOUNDCLOUD_ACCESS_TOKEN";

    /// <summary>Base address of the API; relative paths such as <c>/tracks/5</c> are resolved against it.</summary>
    /// <value>Default <c>https://api.soundcloud.com/</c>. Absolute http(s) URI.</value>
    public Uri ApiBaseUri { get; init; } = new("https://api.soundcloud.com/");

    /// <summary>OAuth token endpoint (client-credentials and refresh-token grants).</summary>
    /// <value>Default <c>https://secure.soundcloud.com/oauth/token</c>. Absolute http(s) URI.</value>
    public Uri TokenUri { get; init; } = new("https://secure.soundcloud.com/oauth/token");

    /// <summary>Application client id (sent only in the Basic authorization header of token requests).</summary>
    /// <value>Default none; from <c>SOUNDCLOUD_CLIENT_ID</c> with <see cref="FromEnvironment"/>.</value>
    public string? ClientId { get; init; }

    /// <summary>Application client secret (sent only in the Basic authorization header of token requests).</summary>
    /// <value>Default none; from <c>SOUNDCLOUD_CLIENT_SECRET</c> with <see cref="FromEnvironment"/>.</value>
    public string? ClientSecret { get; init; }

    /// <summary>A user access token used as-is instead of client credentials when set (never refreshed).</summary>
    /// <value>Default none; from <c>SOUNDCLOUD_ACCESS_TOKEN</c> with <see cref="FromEnvironment"/>.</value>
    public string? UserToken { get; init; }

    /// <summary>Items requested per collection page (the <c>limit</c> query parameter).</summary>
    /// <value>Default 50 items; range 1–200 (SoundCloud's documented maximum).</value>
    public int PageSize { get; init; } = 50;

    /// <summary>Upper bound on request starts per second, enforced client-side by strict request spacing.</summary>
    /// <value>Default 5 requests/s; range (0, 1000]. Starts are on slots 1.02/RequestsPerSecond seconds apart, and never more than ⌊RequestsPerSecond⌋ fall in one second
    /// (a 2 % margin so that network jitter cannot make the server see more than this many in any 1-s window).</value>
    public double RequestsPerSecond { get; init; } = 5;

    /// <summary>Upper bound on requests in flight at once.</summary>
    /// <value>Default 4 requests; range 1–64.</value>
    public int MaxConcurrentRequests { get; init; } = 4;

    /// <summary>Retries of one request after a 429, a 5xx, a timeout, a connection failure or a truncated body.</summary>
    /// <value>Default 6 retries (7 attempts); range 0–20.</value>
    public int MaxRetries { get; init; } = 6;

    /// <summary>Time allowed for one attempt, from sending the request to reading the whole body.</summary>
    /// <value>Default 30 s; range (0, 10 min]. Measured on the real clock (it guards real network I/O).</value>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait before one retry. A 429 whose <c>reset_time</c> lies further ahead is not waited for: the
    /// client throws <see cref="SoundCloudRateLimitException"/> with the reset time instead.</summary>
    /// <value>Default 2 min; range (0, 24 h].</value>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Median delay of the first retry of a 5xx/timeout; later retries back off exponentially with jitter.</summary>
    /// <value>Default 1 s; range (0, <see cref="MaxRetryDelay"/>].</value>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long before <c>expires_in</c> runs out a cached access token is renewed.</summary>
    /// <value>Default 60 s; range [0, 1 h). Tokens living shorter than twice the margin are renewed at half their life.</value>
    public TimeSpan TokenRefreshMargin { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>User-Agent header sent with every request (identify the crawler and a contact).</summary>
    /// <value>Default <c>SoundGraph/0.4 (+https://github.com/soundgraph/soundgraph; contact: soundgraph@example.org)</c>.</value>
    public string UserAgent { get; init; } = "SoundGraph/0.4 (+https://github.com/soundgraph/soundgraph; contact: soundgraph@example.org)";

    /// <summary>True when a user token or both client id and secret are present.</summary>
    public bool HasCredentials =>
        !string.IsNullOrWhiteSpace(UserToken) || (!string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret));

    /// <summary>Copies <paramref name="baseOptions"/> (or the defaults) and fills the credentials from
    /// <c>SOUNDCLOUD_CLIENT_ID</c>, <c>SOUNDCLOUD_CLIENT_SECRET</c> and <c>SOUNDCLOUD_ACCESS_TOKEN</c>; a variable that
    /// is unset or blank leaves the base value.</summary>
    /// <param name="baseOptions">Options to start from; null means the defaults.</param>
    /// <returns>A new options object; <paramref name="baseOptions"/> is not changed.</returns>
    public static SoundCloudOptions FromEnvironment(SoundCloudOptions? baseOptions = null)
    {
        var b = baseOptions ?? new SoundCloudOptions();
        return new SoundCloudOptions
        {
            ApiBaseUri = b.ApiBaseUri,
            TokenUri = b.TokenUri,
            ClientId = Env(ClientIdVariable) ?? b.ClientId,
            ClientSecret = Env(ClientSecretVariable) ?? b.ClientSecret,
            UserToken = Env(AccessTokenVariable) ?? b.UserToken,
            PageSize = b.PageSize,
            RequestsPerSecond = b.RequestsPerSecond,
            MaxConcurrentRequests = b.MaxConcurrentRequests,
            MaxRetries = b.MaxRetries,
            RequestTimeout = b.RequestTimeout,
            MaxRetryDelay = b.MaxRetryDelay,
            RetryBaseDelay = b.RetryBaseDelay,
            TokenRefreshMargin = b.TokenRefreshMargin,
            UserAgent = b.UserAgent,
        };

        static string? Env(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }
    }

    /// <summary>Checks every value against its documented range.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message and <see cref="ArgumentException.ParamName"/>
    /// name the field (never a credential's value).</exception>
    public void Validate()
    {
        CheckUri(ApiBaseUri, nameof(ApiBaseUri));
        CheckUri(TokenUri, nameof(TokenUri));
        Check(PageSize is >= 1 and <= 200, nameof(PageSize), "must be 1–200, was " + PageSize.ToString(CultureInfo.InvariantCulture));
        Check(double.IsFinite(RequestsPerSecond) && RequestsPerSecond > 0 && RequestsPerSecond <= 1000, nameof(RequestsPerSecond),
            "must be in (0, 1000], was " + RequestsPerSecond.ToString(CultureInfo.InvariantCulture));
        Check(MaxConcurrentRequests is >= 1 and <= 64, nameof(MaxConcurrentRequests), "must be 1–64, was " + MaxConcurrentRequests.ToString(CultureInfo.InvariantCulture));
        Check(MaxRetries is >= 0 and <= 20, nameof(MaxRetries), "must be 0–20, was " + MaxRetries.ToString(CultureInfo.InvariantCulture));
        Check(RequestTimeout > TimeSpan.Zero && RequestTimeout <= TimeSpan.FromMinutes(10), nameof(RequestTimeout), "must be in (0, 10 min], was " + RequestTimeout);
        Check(MaxRetryDelay > TimeSpan.Zero && MaxRetryDelay <= TimeSpan.FromHours(24), nameof(MaxRetryDelay), "must be in (0, 24 h], was " + MaxRetryDelay);
        Check(RetryBaseDelay > TimeSpan.Zero && RetryBaseDelay <= MaxRetryDelay, nameof(RetryBaseDelay), "must be in (0, MaxRetryDelay], was " + RetryBaseDelay);
        Check(TokenRefreshMargin >= TimeSpan.Zero && TokenRefreshMargin < TimeSpan.FromHours(1), nameof(TokenRefreshMargin), "must be in [0, 1 h), was " + TokenRefreshMargin);
        Check(!string.IsNullOrWhiteSpace(UserAgent), nameof(UserAgent), "must not be empty");
        Check(ClientId is null || !string.IsNullOrWhiteSpace(ClientId), nameof(ClientId), "must not be blank when set");
        Check(ClientSecret is null || !string.IsNullOrWhiteSpace(ClientSecret), nameof(ClientSecret), "must not be blank when set");
        Check(UserToken is null || !string.IsNullOrWhiteSpace(UserToken), nameof(UserToken), "must not be blank when set");
    }

    // Credentials and tokens travel to these URIs: plain http only on the loopback interface (the fake server).
    private static void CheckUri(Uri? uri, string name) =>
        Check(uri is not null && uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)),
            name, "must be an absolute https URI (plain http only on 127.0.0.1/localhost)");

    private static void Check(bool ok, string name, string problem)
    {
        if (!ok)
        {
            throw new ArgumentException($"SoundCloudOptions.{name} {problem}.", name);
        }
    }
}

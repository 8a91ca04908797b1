using System.Globalization;

namespace SoundGraph.Ingest.Sources.LastFm;

/// <summary>Configuration of one <see cref="LastFmClient"/>: endpoint, API key, User-Agent, pacing, paging and retries.</summary>
/// <remarks>Last.fm's API rules (https://www.last.fm/api/intro, https://www.last.fm/api/tos): identify the application
/// with a User-Agent, do not make "excessive" requests (5 per second averaged over 5 minutes is the figure Last.fm staff
/// give), and back off when answered error 29 (rate limit exceeded).</remarks>
public sealed class LastFmOptions
{
    /// <summary>Environment variable the CLI reads the API key from when no <c>--api-key-file</c> is given.</summary>
    public const string ApiKeyVariable = "LASTFM_API_KEY";

    /// <summary>Most scrobbles one <c>user.getRecentTracks</c> page may hold (the documented maximum of <c>limit</c>).</summary>
    public const int MaxPageSize = 200;

    /// <summary>The one-sentence refusal when no API key is configured.</summary>
    public const string MissingApiKey =
        "Last.fm needs an API key: set LASTFM_API_KEY or pass --api-key-file FILE (get one at https://www.last.fm/api/account/create).";

    /// <summary>The API root; every call is <c>GET {BaseUri}?method=…&amp;api_key=…&amp;format=json</c>.</summary>
    /// <value>Default <c>https://ws.audioscrobbler.com/2.0/</c>. Absolute https URI (plain http only on 127.0.0.1/localhost).</value>
    public Uri BaseUri { get; init; } = new("https://ws.audioscrobbler.com/2.0/");

    /// <summary>The API key (32 hex characters for real keys), sent only as the <c>api_key</c> query parameter; it is
    /// redacted from every spilled URL, log line and exception message.</summary>
    /// <value>Required; no default.</value>
    public string? ApiKey { get; init; }

    /// <summary>User-Agent header sent with every request (Last.fm asks applications to identify themselves).</summary>
    /// <value>Default <c>SoundGraph/0.4 (+https://github.com/soundgraph/soundgraph; contact: soundgraph@example.org)</c>.</value>
    public string UserAgent { get; init; } = "SoundGraph/0.4 (+https://github.com/soundgraph/soundgraph; contact: soundgraph@example.org)";

    /// <summary>Request starts per second, enforced client-side by strict spacing (starts at least 1.02 / rate s apart, and
    /// never more than ⌊rate⌋ starts in any 1-s window), one request in flight.</summary>
    /// <value>Default 5 requests/s; range (0, 50].</value>
    public double RequestsPerSecond { get; init; } = 5;

    /// <summary>Scrobbles per <c>user.getRecentTracks</c> page (the <c>limit</c> parameter).</summary>
    /// <value>Default 200 (the maximum); range 1–200.</value>
    public int PageSize { get; init; } = MaxPageSize;

    /// <summary>Retries of one request after error 29 (rate limit), 8/11/16 (temporary failures), a 5xx, a timeout, a
    /// connection failure or an unparseable body.</summary>
    /// <value>Default 6 retries (7 attempts); range 0–20.</value>
    public int MaxRetries { get; init; } = 6;

    /// <summary>Median delay of the first retry after a temporary failure (exponential backoff with jitter after it).</summary>
    /// <value>Default 1 s; range (0, <see cref="MaxRetryDelay"/>].</value>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the client pauses every request after error 29 (rate limit exceeded; Last.fm gives no
    /// Retry-After); each further error 29 in a row doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    /// <value>Default 10 s; range (0, <see cref="MaxRetryDelay"/>].</value>
    public TimeSpan RateLimitBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait before one retry.</summary>
    /// <value>Default 2 min; range (0, 1 h].</value>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Time allowed for one attempt, from sending the request to reading the whole body.</summary>
    /// <value>Default 30 s; range (0, 10 min].</value>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks every value against its documented range.</summary>
    /// <exception cref="InvalidOperationException">No API key is set (<see cref="MissingApiKey"/>).</exception>
    /// <exception cref="ArgumentException">A value is out of range; the message names the field (never the key's value).</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new InvalidOperationException(MissingApiKey);
        }

        Check(!ApiKey.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '&' or '#' or '?'), nameof(ApiKey), "must not hold spaces, control characters, '&', '#' or '?'");
        Check(BaseUri is { IsAbsoluteUri: true } u && (u.Scheme == Uri.UriSchemeHttps || (u.Scheme == Uri.UriSchemeHttp && u.IsLoopback)) && string.IsNullOrEmpty(u.Query),
            nameof(BaseUri), "must be an absolute https URI without a query (plain http only on 127.0.0.1/localhost)");
        Check(!string.IsNullOrWhiteSpace(UserAgent) && !UserAgent.Any(char.IsControl), nameof(UserAgent), "must not be empty or hold control characters");
        Check(double.IsFinite(RequestsPerSecond) && RequestsPerSecond > 0 && RequestsPerSecond <= 50, nameof(RequestsPerSecond),
            "must be in (0, 50], was " + RequestsPerSecond.ToString(CultureInfo.InvariantCulture));
        Check(PageSize is >= 1 and <= MaxPageSize, nameof(PageSize), "must be 1–200, was " + PageSize.ToString(CultureInfo.InvariantCulture));
        Check(MaxRetries is >= 0 and <= 20, nameof(MaxRetries), "must be 0–20, was " + MaxRetries.ToString(CultureInfo.InvariantCulture));
        Check(MaxRetryDelay > TimeSpan.Zero && MaxRetryDelay <= TimeSpan.FromHours(1), nameof(MaxRetryDelay), "must be in (0, 1 h], was " + MaxRetryDelay);
        Check(RetryBaseDelay > TimeSpan.Zero && RetryBaseDelay <= MaxRetryDelay, nameof(RetryBaseDelay), "must be in (0, MaxRetryDelay], was " + RetryBaseDelay);
        Check(RateLimitBackoff > TimeSpan.Zero && RateLimitBackoff <= MaxRetryDelay, nameof(RateLimitBackoff), "must be in (0, MaxRetryDelay], was " + RateLimitBackoff);
        Check(RequestTimeout > TimeSpan.Zero && RequestTimeout <= TimeSpan.FromMinutes(10), nameof(RequestTimeout), "must be in (0, 10 min], was " + RequestTimeout);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"LastFmOptions {{ BaseUri = {BaseUri}, ApiKey = {(ApiKey is null ? "none" : "(set)")}, RequestsPerSecond = {RequestsPerSecond.ToString(CultureInfo.InvariantCulture)}, PageSize = {PageSize}, MaxRetries = {MaxRetries} }}";

    private static void Check(bool ok, string name, string problem)
    {
        if (!ok)
        {
            throw new ArgumentException($"LastFmOptions.{name} {problem}.", name);
        }
    }
}

using System.Globalization;

namespace SoundGraph.Ingest.Sources.ListenBrainz;

/// <summary>Configuration of one <see cref="ListenBrainzClient"/>: endpoint, token, page size and retries.</summary>
/// <remarks>Defaults follow the ListenBrainz API docs (https://listenbrainz.readthedocs.io/en/latest/users/api/):
/// <c>GET /1/user/{user}/listens</c> returns at most 1,000 listens per call (<c>MAX_ITEMS_PER_GET</c>); requests carry
/// <c>Authorization: Token &lt;token&gt;</c>; rate limits are announced in <c>X-RateLimit-*</c> headers and a 429 says in
/// <c>X-RateLimit-Reset-In</c> how many seconds to wait. <see cref="Validate"/> checks the values (the client constructor
/// calls it). The token never appears in a message, a log line or <see cref="object.ToString"/>.</remarks>
public sealed class ListenBrainzOptions
{
    /// <summary>Environment variable holding the user token (read by the CLI).</summary>
    public const string TokenVariable = "LISTENBRAINZ_TOKEN";

    /// <summary>Most listens one <c>GET /1/user/{user}/listens</c> returns (the server's <c>MAX_ITEMS_PER_GET</c>).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Base address of the API (the <c>/1/…</c> paths are resolved against it).</summary>
    /// <value>Default <c>https://api.listenbrainz.org/</c>. Absolute https URI, or http on 127.0.0.1/localhost (the fake server).</value>
    public Uri ApiBaseUri { get; init; } = new("https://api.listenbrainz.org/");

    /// <summary>The user token, sent as <c>Authorization: Token &lt;token&gt;</c> to <see cref="ApiBaseUri"/>'s host only.</summary>
    /// <value>Default none: requests go unauthenticated (listens of public users are readable without one, at a lower rate limit).</value>
    public string? Token { get; init; }

    /// <summary>Listens requested per page (the <c>count</c> query parameter).</summary>
    /// <value>Default 1,000 listens; range 1–1,000.</value>
    public int PageSize { get; init; } = MaxPageSize;

    /// <summary>Retries of one request after a 429, a 5xx, a timeout, a connection failure or an unparseable body.</summary>
    /// <value>Default 6 retries (7 attempts); range 0–20.</value>
    public int MaxRetries { get; init; } = 6;

    /// <summary>Time allowed for one attempt, from sending the request to reading the whole body.</summary>
    /// <value>Default 30 s; range (0, 10 min].</value>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for a rate-limit reset or before one retry; a 429 asking for a longer wait fails the call.</summary>
    /// <value>Default 2 min; range (0, 24 h].</value>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Median delay of the first retry of a 5xx/timeout (exponential backoff with jitter after it).</summary>
    /// <value>Default 1 s; range (0, <see cref="MaxRetryDelay"/>].</value>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>User-Agent header sent with every request.</summary>
    /// <value>Default <c>SoundGraph/0.4 (+https://github.com/soundgraph/soundgraph; contact: soundgraph@example.org)</c>.</value>
    public string UserAgent { get; init; } = "SoundGraph/0.4 (+https://github.com/soundgraph/soundgraph; contact: soundgraph@example.org)";

    /// <summary>Checks every value against its documented range.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names the field (never the token's value).</exception>
    public void Validate()
    {
        Check(ApiBaseUri is { IsAbsoluteUri: true } u && (u.Scheme == Uri.UriSchemeHttps || (u.Scheme == Uri.UriSchemeHttp && u.IsLoopback)),
            nameof(ApiBaseUri), "must be an absolute https URI (plain http only on 127.0.0.1/localhost)");
        Check(Token is null || (!string.IsNullOrWhiteSpace(Token) && !Token.Any(char.IsControl)), nameof(Token), "must not be blank or hold control characters when set");
        Check(PageSize is >= 1 and <= MaxPageSize, nameof(PageSize), "must be 1–1000, was " + PageSize.ToString(CultureInfo.InvariantCulture));
        Check(MaxRetries is >= 0 and <= 20, nameof(MaxRetries), "must be 0–20, was " + MaxRetries.ToString(CultureInfo.InvariantCulture));
        Check(RequestTimeout > TimeSpan.Zero && RequestTimeout <= TimeSpan.FromMinutes(10), nameof(RequestTimeout), "must be in (0, 10 min], was " + RequestTimeout);
        Check(MaxRetryDelay > TimeSpan.Zero && MaxRetryDelay <= TimeSpan.FromHours(24), nameof(MaxRetryDelay), "must be in (0, 24 h], was " + MaxRetryDelay);
        Check(RetryBaseDelay > TimeSpan.Zero && RetryBaseDelay <= MaxRetryDelay, nameof(RetryBaseDelay), "must be in (0, MaxRetryDelay], was " + RetryBaseDelay);
        Check(!string.IsNullOrWhiteSpace(UserAgent), nameof(UserAgent), "must not be empty");
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"ListenBrainzOptions {{ ApiBaseUri = {ApiBaseUri}, Token = {(Token is null ? "none" : "(set)")}, PageSize = {PageSize}, MaxRetries = {MaxRetries} }}";

    private static void Check(bool ok, string name, string problem)
    {
        if (!ok)
        {
            throw new ArgumentException($"ListenBrainzOptions.{name} {problem}.", name);
        }
    }
}

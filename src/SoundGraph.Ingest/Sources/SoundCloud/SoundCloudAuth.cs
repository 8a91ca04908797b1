using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace SoundGraph.Ingest.Sources.SoundCloud;

/// <summary>The access token of one client: fetched lazily by the OAuth 2.1 client-credentials grant, shared by concurrent
/// callers (one fetch in flight), cached until <c>expires_in</c> minus <see cref="SoundCloudOptions.TokenRefreshMargin"/>
/// on the client's <see cref="TimeProvider"/>, renewed with the single-use refresh token (falling back to client
/// credentials when that fails). A user token is used as-is. Source: SoundCloud API guide, "Authentication".</summary>
internal sealed class SoundCloudAuth : IDisposable
{
    private readonly HttpClient _http;
    private readonly SoundCloudOptions _options;
    private readonly TimeProvider _time;
    private readonly SoundCloudStats _stats;
    private readonly ILogger _logger;
    private readonly Func<CancellationToken, ValueTask> _pace;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TokenState? _current;

    public SoundCloudAuth(HttpClient http, SoundCloudOptions options, TimeProvider time, SoundCloudStats stats, ILogger logger, Func<CancellationToken, ValueTask> pace)
    {
        _http = http;
        _options = options;
        _time = time;
        _stats = stats;
        _logger = logger;
        _pace = pace;
    }

    /// <summary>True when a rejected token can be replaced (client credentials); false for a fixed user token.</summary>
    public bool CanRenew => string.IsNullOrWhiteSpace(_options.UserToken);

    /// <summary>Returns a valid access token, fetching or renewing it when needed.</summary>
    /// <exception cref="InvalidOperationException">No credentials are configured.</exception>
    /// <exception cref="SoundCloudException">The token endpoint refused the credentials.</exception>
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (!CanRenew)
        {
            return _options.UserToken!;
        }

        var current = Volatile.Read(ref _current);
        if (current is not null && _time.GetUtcNow() < current.RenewAt)
        {
            return current.AccessToken;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _current;
            if (current is not null && _time.GetUtcNow() < current.RenewAt)
            {
                return current.AccessToken;
            }

            if (string.IsNullOrWhiteSpace(_options.ClientId) || string.IsNullOrWhiteSpace(_options.ClientSecret))
            {
                throw new InvalidOperationException(
                    $"SoundCloud credentials are missing: set {SoundCloudOptions.ClientIdVariable} and {SoundCloudOptions.ClientSecretVariable} " +
                    $"(client credentials), or {SoundCloudOptions.AccessTokenVariable} (a user access token).");
            }

            TokenState? fresh = null;
            if (current?.RefreshToken is { Length: > 0 } refresh)
            {
                // The refresh token is single-use: forget it before using it, whatever the outcome.
                Volatile.Write(ref _current, current with { RefreshToken = null });
                fresh = await RequestAsync(
                    [new("grant_type", "refresh_token"), new("refresh_token", refresh)], isRefresh: true, cancellationToken).ConfigureAwait(false);
            }

            fresh ??= await RequestAsync([new("grant_type", "client_credentials")], isRefresh: false, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, fresh);
            return fresh!.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Marks <paramref name="rejectedToken"/> as expired (after a 401) so the next call renews it; a token
    /// already replaced by another caller is left alone.</summary>
    public void Invalidate(string rejectedToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.AccessToken == rejectedToken)
        {
            Interlocked.CompareExchange(ref _current, current with { RenewAt = DateTimeOffset.MinValue }, current);
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<TokenState?> RequestAsync(KeyValuePair<string, string>[] form, bool isRefresh, CancellationToken cancellationToken)
    {
        await _pace(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.TokenUri) { Content = new FormUrlEncodedContent(form) };
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(_options.ClientId + ":" + _options.ClientSecret));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        _stats.AddTokenRequest();
        HttpResponseMessage response;
        string body;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (isRefresh)
            {
                SoundCloudLog.RefreshFailed(_logger, "timeout");
                return null;
            }

            throw new TimeoutException($"The SoundCloud token endpoint did not answer within {_options.RequestTimeout.TotalSeconds} s.", ex);
        }
        catch (HttpRequestException) when (isRefresh)
        {
            SoundCloudLog.RefreshFailed(_logger, "connection failed");
            return null;
        }

        var status = (int)response.StatusCode;
        response.Dispose();
        if (response.StatusCode == HttpStatusCode.OK && TryParse(body, out var accessToken, out var expiresIn, out var refreshToken))
        {
            SoundCloudLog.TokenObtained(_logger, isRefresh ? "refresh_token" : "client_credentials", expiresIn);
            return new TokenState(accessToken, refreshToken, RenewAt(expiresIn));
        }

        var reason = "status " + status.ToString(CultureInfo.InvariantCulture);
        if (isRefresh)
        {
            SoundCloudLog.RefreshFailed(_logger, reason);
            return null;
        }

        if (status is 429 or >= 500 || status == 200)
        {
            // Transient: the caller's retry pipeline backs off and tries again.
            throw new SoundCloudTransientException($"The SoundCloud token endpoint answered {reason}.", status);
        }

        throw new SoundCloudException(
            $"The SoundCloud token endpoint refused the client credentials ({reason}); check {SoundCloudOptions.ClientIdVariable} and {SoundCloudOptions.ClientSecretVariable}.",
            endpoint: null,
            statusCode: status);
    }

    private DateTimeOffset RenewAt(long expiresInSeconds)
    {
        var life = TimeSpan.FromSeconds(expiresInSeconds);
        var margin = life >= 2 * _options.TokenRefreshMargin ? _options.TokenRefreshMargin : life / 2;
        return _time.GetUtcNow() + life - margin;
    }

    private static bool TryParse(string body, out string accessToken, out long expiresIn, out string? refreshToken)
    {
        accessToken = string.Empty;
        expiresIn = 3599;
        refreshToken = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("access_token", out var token) || token.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(token.GetString()))
            {
                return false;
            }

            accessToken = token.GetString()!;
            if (root.TryGetProperty("expires_in", out var exp) && exp.ValueKind == JsonValueKind.Number && exp.TryGetInt64(out var e) && e > 0)
            {
                expiresIn = e;
            }

            if (root.TryGetProperty("refresh_token", out var rt) && rt.ValueKind == JsonValueKind.String)
            {
                refreshToken = rt.GetString();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed record TokenState(string AccessToken, string? RefreshToken, DateTimeOffset RenewAt);
}

/// <summary>A failure worth retrying that has no HTTP response of the API itself (token endpoint 5xx/429).</summary>
internal sealed class SoundCloudTransientException : Exception
{
    public SoundCloudTransientException(string message, int status)
        : base(message) => Status = status;

    public SoundCloudTransientException()
    {
    }

    public SoundCloudTransientException(string message)
        : base(message)
    {
    }

    public SoundCloudTransientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Status { get; }
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly;
using SoundGraph.Ingest.Sources.SoundCloud.Dto;

namespace SoundGraph.Ingest.Sources.SoundCloud;

/// <summary>Sending, pacing, retrying and parsing.</summary>
public sealed partial class SoundCloudClient
{
    private async Task<Attempt> ExecuteAsync(string url, string endpoint, Func<string, object?> parse, bool followRedirect, CancellationToken ct)
    {
        var renewedAfter401 = false;
        var (result, attempts) = await TransientRetry.RunAsync(
            _pipeline,
            endpoint,
            async token =>
            {
                while (true)
                {
                    var accessToken = await _auth.GetTokenAsync(token).ConfigureAwait(false);
                    var attempt = await SendOnceAsync(url, endpoint, accessToken, parse, followRedirect, token).ConfigureAwait(false);
                    if (attempt.Status != 401)
                    {
                        return attempt;
                    }

                    if (!_auth.CanRenew)
                    {
                        throw new SoundCloudException(
                            $"SoundCloud {endpoint} answered 401: the user token from {SoundCloudOptions.AccessTokenVariable} was rejected (expired or revoked).",
                            endpoint,
                            401);
                    }

                    if (renewedAfter401)
                    {
                        throw new SoundCloudException(
                            $"SoundCloud {endpoint} answered 401 again after the access token was renewed; the credentials may lack access to this endpoint.",
                            endpoint,
                            401);
                    }

                    renewedAfter401 = true;
                    SoundCloudLog.RenewingAfter401(_logger, endpoint);
                    Stats.AddRetry();
                    _auth.Invalidate(accessToken);
                }
            },
            IsTransient,
            (ex, n) => new SoundCloudException(
                $"SoundCloud {endpoint} failed after {n} attempt(s): {Describe(ex)}.", endpoint, ex is SoundCloudTransientException t ? t.Status : null, ex),
            ct).ConfigureAwait(false);

        if (result.Transient)
        {
            throw new SoundCloudException(
                $"SoundCloud {endpoint} failed after {attempts} attempt(s): last answer {result.Reason}.", endpoint, result.Status);
        }

        return result;
    }

    private async Task<Attempt> SendOnceAsync(string url, string endpoint, string accessToken, Func<string, object?> parse, bool followRedirect, CancellationToken ct)
    {
        using var slot = await _concurrency.AcquireAsync(1, ct).ConfigureAwait(false);
        if (!slot.IsAcquired)
        {
            throw new InvalidOperationException("The SoundCloud concurrency limiter refused a permit.");
        }

        await PaceAsync(ct).ConfigureAwait(false);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url));
        request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.RequestTimeout);
        Stats.AddRequest();
        int status;
        string body;
        HttpResponseHeaders headers;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            headers = response.Headers;
            body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"SoundCloud {endpoint} did not answer within {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", ex);
        }

        if (_sink is not null)
        {
            var record = new SoundCloudResponse(endpoint, SoundCloudUrls.Redact(url), status, body.Length == 0 ? null : body, _time.GetUtcNow());
            await _sink.OnResponseAsync(record, ct).ConfigureAwait(false);
        }

        switch (status)
        {
            case >= 200 and < 300:
                try
                {
                    return new Attempt(status, parse(body), null, null);
                }
                catch (TruncatedBodyException ex)
                {
                    return Attempt.Retry(status, "an unparseable body (" + ex.Message + ")", null);
                }

            case 301 or 302 or 303 or 307 or 308 when followRedirect:
                var location = headers.Location?.ToString() ?? LocationFromBody(body);
                if (location is null)
                {
                    throw new SoundCloudException($"SoundCloud {endpoint} answered {status} without a location.", endpoint, status);
                }

                if (!IsAbsoluteHttp(location))
                {
                    location = new Uri(new Uri(url), location).AbsoluteUri;
                }

                return new Attempt(status, null, null, null) { Location = location };

            case 401:
                return new Attempt(401, null, null, null);

            case 403:
                Stats.AddForbidden();
                SoundCloudLog.Unavailable(_logger, endpoint, status);
                return new Attempt(status, null, null, null);

            case 404:
                Stats.AddNotFound();
                SoundCloudLog.Unavailable(_logger, endpoint, status);
                return new Attempt(status, null, null, null);

            case 429:
                Stats.AddRateLimited();
                return RateLimitedAttempt(endpoint, body, headers);

            case 408 or >= 500:
                return Attempt.Retry(status, "status " + status.ToString(CultureInfo.InvariantCulture), RetryAfter(headers));

            default:
                throw new SoundCloudException($"SoundCloud {endpoint} answered unexpected status {status}.", endpoint, status);
        }
    }

    private Attempt RateLimitedAttempt(string endpoint, string body, HttpResponseHeaders headers)
    {
        var now = _time.GetUtcNow();
        var reset = ResetTime(body);
        var wait = TimeSpan.Zero;
        if (reset is { } r && r > now)
        {
            wait = r - now;
        }

        if (RetryAfter(headers, cap: false) is { } retryAfter && retryAfter > wait)
        {
            wait = retryAfter;
        }

        var resetAt = now + wait;
        if (wait > _options.MaxRetryDelay)
        {
            throw new SoundCloudRateLimitException(
                $"SoundCloud {endpoint} answered 429 and the rate limit resets at {resetAt:u}, later than MaxRetryDelay ({_options.MaxRetryDelay}) allows waiting.",
                endpoint,
                resetAt);
        }

        SoundCloudLog.RateLimited(_logger, endpoint, resetAt, wait.TotalSeconds);

        // A reset already past (clock skew) falls back to the jittered backoff.
        return Attempt.Retry(429, "status 429", wait > TimeSpan.Zero ? wait : null);
    }

    private TimeSpan? RetryAfter(HttpResponseHeaders headers, bool cap = true)
    {
        var value = headers.RetryAfter;
        TimeSpan? delay = value?.Delta ?? (value?.Date is { } date ? date - _time.GetUtcNow() : null);
        if (delay is not { } d || d <= TimeSpan.Zero)
        {
            return null;
        }

        return cap && d > _options.MaxRetryDelay ? _options.MaxRetryDelay : d;
    }

    private ResiliencePipeline<Attempt> BuildPipeline() =>
        TransientRetry.Build<Attempt>(_options.MaxRetries, _options.RetryBaseDelay, _options.MaxRetryDelay, _time, IsTransient, args =>
        {
            Stats.AddRetry();
            // A 429 already logged its reset time (RateLimited): one line per event, not two.
            if (args.Outcome.Result?.Status != 429)
            {
                var reason = args.Outcome.Result?.Reason ?? Describe(args.Outcome.Exception);
                SoundCloudLog.Retrying(_logger, CurrentEndpoint(args.Context), reason, args.AttemptNumber + 1, Math.Round(args.RetryDelay.TotalMilliseconds));
            }
        });

    private static string CurrentEndpoint(ResilienceContext context) =>
        context.OperationKey ?? "SoundCloud request";

    private static bool IsTransient(Exception ex) =>
        TransientRetry.IsTransientException(ex) || ex is SoundCloudTransientException;

    private static string Describe(Exception? ex) => ex switch
    {
        null => "unknown failure",
        SoundCloudTransientException t => t.Message,
        TimeoutException => "timeout",
        HttpRequestException h when h.StatusCode is { } s => "HTTP error " + ((int)s).ToString(CultureInfo.InvariantCulture),
        HttpRequestException => "connection failure",
        IOException => "connection closed while reading",
        _ => ex.GetType().Name,
    };

    private async ValueTask PaceAsync(CancellationToken ct)
    {
        using var lease = await _spacing.AcquireAsync(1, ct).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException("The SoundCloud rate limiter refused a permit.");
        }
    }

    private string ToRequestUrl(string pathOrUrl, bool paging)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrUrl);
        if (IsAbsoluteHttp(pathOrUrl))
        {
            if (!IsOnApiHost(pathOrUrl))
            {
                throw new ArgumentException("Absolute URLs must be on the API host " + _options.ApiBaseUri.Authority + "; the token is never sent elsewhere.", nameof(pathOrUrl));
            }

            return pathOrUrl;
        }

        return AbsoluteUrl(paging ? SoundCloudUrls.WithPaging(pathOrUrl, _options.PageSize) : pathOrUrl);
    }

    private string AbsoluteUrl(string relativePath) => _apiBase + "/" + relativePath.TrimStart('/');

    private static bool IsAbsoluteHttp(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="url"/> is on the API base's scheme, host and port (the only place the token goes).</summary>
    internal bool IsOnApiHost(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, _options.ApiBaseUri.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Host, _options.ApiBaseUri.Host, StringComparison.OrdinalIgnoreCase)
        && uri.Port == _options.ApiBaseUri.Port;

    /// <summary>The outcome of one attempt: a final answer, or one to retry after <see cref="RetryAfter"/>.</summary>
    private sealed record Attempt(int Status, object? Value, TimeSpan? RetryAfter, string? Reason) : IRetryOutcome
    {
        public bool Transient { get; init; }

        public string? Location { get; init; }

        public static Attempt Retry(int status, string reason, TimeSpan? retryAfter) => new(status, null, retryAfter, reason) { Transient = true };
    }
}

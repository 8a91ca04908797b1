using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly;

namespace SoundGraph.Ingest.Sources.ListenBrainz;

/// <content>Transport: one request at a time, rate-limit headers, 429 waits and the retry pipeline.</content>
public sealed partial class ListenBrainzClient
{
    private async Task<object> ExecuteAsync(string url, string endpoint, Func<JsonElement, object> parse, CancellationToken ct, string? jsonBody = null)
    {
        var (result, attempts) = await TransientRetry.RunAsync(
            _pipeline,
            endpoint,
            token => SendOnceAsync(url, endpoint, parse, jsonBody, token),
            TransientRetry.IsTransientException,
            (ex, n) => new ListenBrainzException($"ListenBrainz {endpoint} failed after {n} attempt(s): {Describe(ex)}.", endpoint, null, ex),
            ct).ConfigureAwait(false);
        if (result.Transient)
        {
            throw new ListenBrainzException($"ListenBrainz {endpoint} failed after {attempts} attempt(s): last answer {result.Reason}.", endpoint, result.Status);
        }

        return result.Value!;
    }

    private async Task<Attempt> SendOnceAsync(string url, string endpoint, Func<JsonElement, object> parse, string? jsonBody, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var wait = _notBefore - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                Stats.AddResetWait();
                await Task.Delay(wait, _time, ct).ConfigureAwait(false);
            }

            using var request = new HttpRequestMessage(jsonBody is null ? HttpMethod.Get : HttpMethod.Post, new Uri(url));
            if (jsonBody is not null)
            {
                request.Content = new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json");
            }

            if (_options.Token is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
            }

            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.RequestTimeout);
            Stats.AddRequest();
            int status;
            string body;
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                if (_sink is not null)
                {
                    await _sink.OnResponseAsync(new ApiResponse("listenbrainz " + endpoint, url, status, body.Length == 0 ? null : body, _time.GetUtcNow()), ct).ConfigureAwait(false);
                }
                var resetIn = Header(response.Headers, "X-RateLimit-Reset-In");
                if (status == 429)
                {
                    Stats.AddRateLimited();
                    var delay = resetIn is { } r ? TimeSpan.FromSeconds(r) : response.Headers.RetryAfter?.Delta ?? _options.RetryBaseDelay;
                    if (delay > _options.MaxRetryDelay)
                    {
                        throw new ListenBrainzException(
                            $"ListenBrainz {endpoint} answered 429 and asks to wait {delay.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s, longer than MaxRetryDelay ({_options.MaxRetryDelay}) allows.",
                            endpoint,
                            429);
                    }

                    LogRateLimited(_logger, endpoint, delay.TotalSeconds, null);
                    _notBefore = _time.GetUtcNow() + delay + ResetMargin;
                    return Attempt.Retry(429, "status 429", TimeSpan.Zero); // the wait happens before the next send
                }

                if (Header(response.Headers, "X-RateLimit-Remaining") is 0 && resetIn is { } reset && reset > 0)
                {
                    _notBefore = _time.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(reset, _options.MaxRetryDelay.TotalSeconds)) + ResetMargin;
                }
            }
            catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"ListenBrainz {endpoint} did not answer within {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", ex);
            }

            switch (status)
            {
                case >= 200 and < 300:
                    try
                    {
                        using var doc = JsonDocument.Parse(body);
                        return new Attempt(status, parse(doc.RootElement), null, null);
                    }
                    catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
                    {
                        return Attempt.Retry(status, "an unusable body (" + ex.Message + ")", null);
                    }

                case 401:
                    throw new ListenBrainzException($"ListenBrainz {endpoint} answered 401: the token was rejected.", endpoint, 401);
                case 400:
                    throw new ListenBrainzException($"ListenBrainz {endpoint} answered 400: {Message(body)}", endpoint, 400);
                case 404:
                    throw new ListenBrainzException($"ListenBrainz {endpoint} answered 404: no such user.", endpoint, 404);
                case 408 or >= 500:
                    return Attempt.Retry(status, "status " + status.ToString(CultureInfo.InvariantCulture), null);
                default:
                    throw new ListenBrainzException($"ListenBrainz {endpoint} answered unexpected status {status.ToString(CultureInfo.InvariantCulture)}.", endpoint, status);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The <c>error</c> of a ListenBrainz error body (<c>{"code": 400, "error": "…"}</c>), else a placeholder.</summary>
    private static string Message(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String
                ? e.GetString()!
                : "(no error message)";
        }
        catch (JsonException)
        {
            return "(no error message)";
        }
    }

    private static double? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0
            ? v
            : null;

    private ResiliencePipeline<Attempt> BuildPipeline() =>
        TransientRetry.Build<Attempt>(_options.MaxRetries, _options.RetryBaseDelay, _options.MaxRetryDelay, _time, TransientRetry.IsTransientException, args =>
        {
            Stats.AddRetry();
            if (args.Outcome.Result?.Status != 429)
            {
                LogRetrying(_logger, args.Context.OperationKey ?? "request", args.Outcome.Result?.Reason ?? Describe(args.Outcome.Exception), args.AttemptNumber + 1, null);
            }
        });


    private static string Describe(Exception? ex) => ex switch
    {
        null => "unknown failure",
        TimeoutException => "timeout",
        HttpRequestException => "connection failure",
        IOException => "connection closed while reading",
        _ => ex.GetType().Name,
    };

    /// <summary>The outcome of one attempt: a final answer, or one to retry after <see cref="RetryAfter"/>.</summary>
    private sealed record Attempt(int Status, object? Value, TimeSpan? RetryAfter, string? Reason) : IRetryOutcome
    {
        public bool Transient { get; init; }

        public static Attempt Retry(int status, string reason, TimeSpan? retryAfter) => new(status, null, retryAfter, reason) { Transient = true };
    }
}

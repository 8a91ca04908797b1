using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using SoundGraph.Ingest.Sources.SoundCloud;

namespace SoundGraph.Ingest.Sources.LastFm;

/// <summary>Typed client of the Last.fm API 2.0 (https://www.last.fm/api, <c>format=json</c>): a user's scrobbles
/// (<c>user.getRecentTracks</c>), top tags of tracks and artists (<c>track.getTopTags</c>, <c>artist.getTopTags</c>)
/// and <c>track.getInfo</c>.</summary>
/// <remarks>
/// <para>Errors come in the body, <c>{"error": code, "message": …}</c>, with HTTP 200 as often as with 4xx/5xx, so every
/// body is read for one first (https://www.last.fm/api/errorcodes). 6 (not found) is an answer: the tag and info calls
/// return null, <c>user.getRecentTracks</c> throws "no such user"; never retried. 8, 11 and 16 (temporary failures) and
/// HTTP 5xx/408 are retried with exponential backoff and jitter (the shared Polly pipeline). 29 (rate limit exceeded,
/// with HTTP 200 or 429) pauses every request of this client for <see cref="LastFmOptions.RateLimitBackoff"/>, doubled
/// for each further 29 in a row, then retries. 17 (a private profile), 10 and 26 (a rejected or suspended key) and any
/// other code throw a <see cref="LastFmException"/> with one sentence.</para>
/// <para>Pacing: one request in flight, starts spaced at least 1.02 / <see cref="LastFmOptions.RequestsPerSecond"/> s
/// apart with never more than ⌊rate⌋ starts in one second (the real clock; the limiter belongs to this instance).</para>
/// <para>The API key is sent only as the <c>api_key</c> query parameter. Every response goes to the optional
/// <see cref="ILastFmResponseSink"/> with the key redacted from its URL and body; no log line holds a URL, and every
/// exception message is redacted.</para>
/// </remarks>
public sealed class LastFmClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly LastFmOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILastFmResponseSink? _sink;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly RequestSpacingLimiter _spacing;
    private readonly ResiliencePipeline<Attempt> _pipeline;
    private readonly string _apiKey;
    private readonly string _base;
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;
    private int _rateLimitedInARow;

    /// <summary>Creates a client. The <paramref name="http"/> client is not owned (not disposed here).</summary>
    /// <param name="http">Transport.</param>
    /// <param name="options">Configuration; validated here.</param>
    /// <param name="timeProvider">Clock for error-29 pauses and retry waits; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Logger; default none.</param>
    /// <param name="sink">Receives every response (redacted); default none.</param>
    /// <exception cref="InvalidOperationException">No API key (<see cref="LastFmOptions.MissingApiKey"/>).</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public LastFmClient(HttpClient http, LastFmOptions options, TimeProvider? timeProvider = null, ILogger<LastFmClient>? logger = null, ILastFmResponseSink? sink = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _sink = sink;
        _apiKey = options.ApiKey!.Trim();
        _base = options.BaseUri.AbsoluteUri;
        _spacing = new RequestSpacingLimiter(TimeSpan.FromSeconds(1.02 / options.RequestsPerSecond), Math.Max(1, (int)Math.Floor(options.RequestsPerSecond)));
        _pipeline = TransientRetry.Build<Attempt>(options.MaxRetries, options.RetryBaseDelay, options.MaxRetryDelay, _time, TransientRetry.IsTransientException, args =>
        {
            Stats.AddRetry();
            LastFmLog.Retrying(_logger, args.Context.OperationKey ?? "request", args.Outcome.Result?.Reason ?? Describe(args.Outcome.Exception), args.AttemptNumber + 2);
        });
    }

    /// <summary>Counters of this client (live).</summary>
    public LastFmStats Stats { get; } = new();

    /// <summary>The options this client runs with.</summary>
    public LastFmOptions Options => _options;

    /// <summary><c>user.getRecentTracks</c> (https://www.last.fm/api/show/user.getRecentTracks): one page of a user's
    /// scrobbles, newest first, between <paramref name="from"/> and <paramref name="to"/>.</summary>
    /// <param name="user">The Last.fm user name.</param>
    /// <param name="page">1-based page number.</param>
    /// <param name="from">Only scrobbles from this time on (unix s); null: from the first.</param>
    /// <param name="to">Only scrobbles up to this time (unix s); pin it for a whole walk so new scrobbles do not shift its pages.</param>
    /// <param name="ct">Cancels the call and its waits.</param>
    /// <returns>The page; its <see cref="LastFmRecentPage.Items"/> may hold the now-playing item (without a date).</returns>
    /// <exception cref="LastFmException">No such user (6), a private profile (17), a rejected or suspended key (10, 26), retries exhausted.</exception>
    public async Task<LastFmRecentPage> GetRecentTracksAsync(string user, int page, long? from, long? to, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        var args = new List<(string, string)> { ("user", user), ("limit", Num(_options.PageSize)), ("page", Num(page)) };
        if (from is { } f)
        {
            args.Add(("from", Num(f)));
        }

        if (to is { } t)
        {
            args.Add(("to", Num(t)));
        }

        var result = await CallAsync("user.getRecentTracks", args, LastFmParser.RecentTracks, user, ct).ConfigureAwait(false);
        Stats.AddPage();
        return result ?? throw Fail("user.getRecentTracks", LastFmErrors.NotFound, string.Empty, user, null);
    }

    /// <summary>Walks pages <paramref name="firstPage"/>…<c>totalPages</c> of <c>user.getRecentTracks</c> with
    /// <paramref name="from"/> and <paramref name="to"/> fixed, so the pages stay put while new scrobbles arrive.</summary>
    /// <param name="user">The Last.fm user name.</param>
    /// <param name="from">Lower bound (unix s), or null.</param>
    /// <param name="to">The pinned upper bound (unix s).</param>
    /// <param name="firstPage">Page to start at (a resumed walk starts where it stopped).</param>
    /// <param name="ct">Cancels the walk.</param>
    /// <returns>The pages in order; the walk ends after <c>@attr.totalPages</c> (as the latest page says) or at an empty page.</returns>
    /// <exception cref="LastFmException">A page request failed.</exception>
    public async IAsyncEnumerable<LastFmRecentPage> WalkRecentTracksAsync(string user, long? from, long to, int firstPage = 1, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var page = firstPage; ; page++)
        {
            var answer = await GetRecentTracksAsync(user, page, from, to, ct).ConfigureAwait(false);
            if (answer.Items.Count == 0)
            {
                yield break;
            }

            yield return answer;
            if (page >= answer.TotalPages)
            {
                yield break;
            }
        }
    }

    /// <summary><c>track.getTopTags</c> by artist and title (https://www.last.fm/api/show/track.getTopTags; <c>autocorrect=1</c>).</summary>
    /// <param name="artist">Artist name.</param>
    /// <param name="track">Track title.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The tags with counts 0–100, or null when Last.fm does not know the track (error 6).</returns>
    /// <exception cref="LastFmException">A rejected or suspended key, another error, retries exhausted.</exception>
    public Task<IReadOnlyList<LastFmTag>?> GetTrackTopTagsAsync(string artist, string track, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(artist);
        ArgumentException.ThrowIfNullOrWhiteSpace(track);
        return CallAsync("track.getTopTags", [("artist", artist), ("track", track), ("autocorrect", "1")], LastFmParser.TopTags, null, ct);
    }

    /// <summary><c>track.getTopTags</c> by recording MBID (https://www.last.fm/api/show/track.getTopTags).</summary>
    /// <param name="mbid">Recording MBID.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The tags, or null when Last.fm does not know the MBID (error 6).</returns>
    /// <exception cref="LastFmException">A rejected or suspended key, another error, retries exhausted.</exception>
    public Task<IReadOnlyList<LastFmTag>?> GetTrackTopTagsByMbidAsync(string mbid, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mbid);
        return CallAsync("track.getTopTags", [("mbid", mbid)], LastFmParser.TopTags, null, ct);
    }

    /// <summary><c>artist.getTopTags</c> (https://www.last.fm/api/show/artist.getTopTags; by MBID when given, else by name with <c>autocorrect=1</c>).</summary>
    /// <param name="artist">Artist name (used when <paramref name="mbid"/> is null).</param>
    /// <param name="mbid">Artist MBID, or null.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The tags with counts 0–100, or null when Last.fm does not know the artist (error 6).</returns>
    /// <exception cref="LastFmException">A rejected or suspended key, another error, retries exhausted.</exception>
    public Task<IReadOnlyList<LastFmTag>?> GetArtistTopTagsAsync(string artist, string? mbid = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(artist);
        (string, string)[] args = mbid is null ? [("artist", artist), ("autocorrect", "1")] : [("mbid", mbid)];
        return CallAsync("artist.getTopTags", args, LastFmParser.TopTags, null, ct);
    }

    /// <summary><c>track.getInfo</c> by artist and title (https://www.last.fm/api/show/track.getInfo; <c>autocorrect=1</c>).</summary>
    /// <param name="artist">Artist name.</param>
    /// <param name="track">Track title.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The track, or null when Last.fm does not know it (error 6).</returns>
    /// <exception cref="LastFmException">A rejected or suspended key, another error, retries exhausted.</exception>
    public Task<LastFmTrackInfo?> GetTrackInfoAsync(string artist, string track, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(artist);
        ArgumentException.ThrowIfNullOrWhiteSpace(track);
        return CallAsync("track.getInfo", [("artist", artist), ("track", track), ("autocorrect", "1")], LastFmParser.TrackInfo, null, ct);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _spacing.Dispose();
        _gate.Dispose();
    }

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);

    private string Url(string method, IEnumerable<(string Name, string Value)> args)
    {
        var sb = new StringBuilder(_base).Append("?method=").Append(method);
        foreach (var (name, value) in args)
        {
            sb.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return sb.Append("&api_key=").Append(Uri.EscapeDataString(_apiKey)).Append("&format=json").ToString();
    }

    /// <summary>One call through the retry pipeline: the parsed answer, null for error 6, else a <see cref="LastFmException"/>.</summary>
    private async Task<T?> CallAsync<T>(string method, IEnumerable<(string, string)> args, Func<JsonElement, T> parse, string? user, CancellationToken ct)
        where T : class
    {
        var url = Url(method, args);
        var (result, attempts) = await TransientRetry.RunAsync(
            _pipeline,
            method,
            token => SendOnceAsync(url, method, root => parse(root), token),
            TransientRetry.IsTransientException,
            (ex, n) => new LastFmException(Redact($"Last.fm {method} failed after {n} attempt(s): {Describe(ex)}."), method, null, null, ex),
            ct).ConfigureAwait(false);
        if (result.Transient)
        {
            throw new LastFmException(Redact($"Last.fm {method} failed after {attempts} attempt(s): last answer {result.Reason}."), method, result.ErrorCode, result.Status);
        }

        if (result.ErrorCode is { } code)
        {
            if (code == LastFmErrors.NotFound && user is null)
            {
                return null;
            }

            throw Fail(method, code, result.Reason ?? string.Empty, user, result.Status);
        }

        return (T)result.Value!;
    }

    private LastFmException Fail(string method, int code, string message, string? user, int? status) =>
        new(Redact(LastFmErrorText.Describe(method, code, message, user)), method, code, status);

    private string Redact(string text) => LastFmRedaction.Redact(text, _apiKey)!;

    private async Task<Attempt> SendOnceAsync(string url, string method, Func<JsonElement, object> parse, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var pause = _notBefore - _time.GetUtcNow();
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, _time, ct).ConfigureAwait(false);
            }

            using (var lease = await _spacing.AcquireAsync(1, ct).ConfigureAwait(false))
            {
                // The limiter grants every waiter in turn; a lease is never denied.
                _ = lease.IsAcquired;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.RequestTimeout);
            Stats.AddRequest();
            int status;
            string body;
            var started = _time.GetTimestamp();
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"Last.fm {method} did not answer within {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", ex);
            }

            var elapsedMs = (long)_time.GetElapsedTime(started).TotalMilliseconds;
            LastFmLog.Answered(_logger, method, status, elapsedMs);
            if (_sink is not null)
            {
                await _sink.OnResponseAsync(new LastFmResponse(method, Redact(url), status, body.Length == 0 ? null : Redact(body), _time.GetUtcNow()), ct).ConfigureAwait(false);
            }

            return Classify(method, status, body, parse);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Attempt Classify(string method, int status, string body, Func<JsonElement, object> parse)
    {
        JsonDocument? doc = null;
        try
        {
            try
            {
                doc = JsonDocument.Parse(body, LastFmParser.DocumentOptions);
            }
            catch (JsonException ex)
            {
                if (status == 429)
                {
                    return RateLimited(method, status);
                }

                return status is (>= 200 and < 300) or 408 or >= 500
                    ? Unavailable(status, status >= 300 ? "status " + Num(status) : "an unusable body (" + ex.Message + ")")
                    : throw new LastFmException($"Last.fm {method} answered unexpected status {Num(status)} without an error body.", method, null, status);
            }

            if (LastFmParser.TryError(doc.RootElement, out var code, out var message))
            {
                message = Redact(message);
                if (code == LastFmErrors.RateLimited)
                {
                    return RateLimited(method, status);
                }

                if (LastFmErrors.IsTemporary(code))
                {
                    return Unavailable(status, $"error {Num(code)} ({message})", code);
                }

                if (code == LastFmErrors.NotFound)
                {
                    Stats.AddNotFound();
                }

                _rateLimitedInARow = 0;
                return new Attempt(status, null, code, null, message);
            }

            if (status == 429)
            {
                return RateLimited(method, status);
            }

            if (status is 408 or >= 500)
            {
                return Unavailable(status, "status " + Num(status));
            }

            if (status is < 200 or >= 300)
            {
                throw new LastFmException($"Last.fm {method} answered unexpected status {Num(status)}.", method, null, status);
            }

            try
            {
                var value = parse(doc.RootElement);
                _rateLimitedInARow = 0;
                return new Attempt(status, value, null, null, null);
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException)
            {
                return Unavailable(status, "an unusable body (" + ex.Message + ")");
            }
        }
        finally
        {
            doc?.Dispose();
        }
    }

    private Attempt RateLimited(string method, int status)
    {
        Stats.AddRateLimited();
        var factor = Math.Pow(2, Math.Min(_rateLimitedInARow++, 16));
        var pause = TimeSpan.FromTicks((long)Math.Min(_options.RateLimitBackoff.Ticks * factor, _options.MaxRetryDelay.Ticks));
        LastFmLog.RateLimited(_logger, method, pause.TotalSeconds);
        _notBefore = _time.GetUtcNow() + pause;
        return Attempt.Retry(status, "error 29 (rate limit exceeded)", TimeSpan.Zero, LastFmErrors.RateLimited); // the pause happens before the next send
    }

    private Attempt Unavailable(int status, string reason, int? code = null)
    {
        Stats.AddUnavailable();
        return Attempt.Retry(status, reason, null, code);
    }

    private static string Describe(Exception? ex) => ex switch
    {
        null => "unknown failure",
        TimeoutException => "timeout",
        HttpRequestException => "connection failure",
        IOException => "connection closed while reading",
        _ => ex.GetType().Name,
    };

    /// <summary>The outcome of one attempt: an answer, an error code, or one to retry after <see cref="RetryAfter"/>.</summary>
    private sealed record Attempt(int Status, object? Value, int? ErrorCode, TimeSpan? RetryAfter, string? Reason) : IRetryOutcome
    {
        public bool Transient { get; init; }

        public static Attempt Retry(int status, string reason, TimeSpan? retryAfter, int? code = null) => new(status, null, code, retryAfter, reason) { Transient = true };
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using SoundGraph.Core.Identity;

namespace SoundGraph.Ingest.Sources.MusicBrainz;

/// <summary>Typed client of the MusicBrainz WS/2 JSON API (https://musicbrainz.org/doc/MusicBrainz_API, <c>fmt=json</c>):
/// recording lookup, ISRC lookup and recording search.</summary>
/// <remarks>
/// <para>Pacing (https://musicbrainz.org/doc/MusicBrainz_API/Rate_Limiting): never more than one request in flight, and
/// every request start at least 1.02 / <see cref="MusicBrainzOptions.RequestsPerSecond"/> s after the previous start
/// (default 1.02 s; measured on the real clock), so every gap, not only the average, respects the limit; both belong to
/// this instance. Every request carries the User-Agent
/// <c>SoundGraph/{version} ( {contact} )</c>; the constructor refuses options without a contact.</para>
/// <para>Retries (a Polly pipeline): a 503 means "too fast" — the client backs off exponentially with jitter from
/// <see cref="MusicBrainzOptions.RetryBaseDelay"/> (or the <c>Retry-After</c> header when longer), as it does for other
/// 5xx, 408, timeouts and connection failures, up to <see cref="MusicBrainzOptions.MaxRetries"/> times. A 404 is an
/// answer (null), not retried; 400 (a bad query) throws.</para>
/// </remarks>
public sealed class MusicBrainzClient : IDisposable
{
    /// <summary>The <c>inc=</c> of a recording lookup.</summary>
    public const string RecordingIncludes = "artist-credits+releases+isrcs+tags+genres";

    /// <summary>Most search hits one request may ask for (WS/2's documented maximum).</summary>
    public const int MaxSearchLimit = 100;

    private readonly HttpClient _http;
    private readonly MusicBrainzOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _inFlight = new(1, 1);
    private readonly long _intervalTicks;
    private long _lastStart;
    private readonly ResiliencePipeline<Attempt> _pipeline;
    private readonly string _userAgent;
    private readonly string _base;
    private readonly IApiResponseSink? _sink;
    private readonly TimeProvider _time;

    /// <summary>Creates a client. The <paramref name="http"/> client is not owned (not disposed here).</summary>
    /// <param name="http">Transport.</param>
    /// <param name="options">Configuration; validated here.</param>
    /// <param name="timeProvider">Clock for retry waits; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Logger; default none.</param>
    /// <param name="sink">Receives every response before it is parsed (a spill); default none.</param>
    /// <exception cref="InvalidOperationException">The options have no contact (<see cref="MusicBrainzOptions.MissingContact"/>).</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public MusicBrainzClient(HttpClient http, MusicBrainzOptions options, TimeProvider? timeProvider = null, ILogger<MusicBrainzClient>? logger = null, IApiResponseSink? sink = null)
    {
        _sink = sink;
        _time = timeProvider ?? TimeProvider.System;
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _userAgent = options.UserAgent;
        _base = options.BaseUri.AbsoluteUri.TrimEnd('/') + "/";
        _intervalTicks = (long)Math.Ceiling(1.02 / options.RequestsPerSecond * Stopwatch.Frequency);
        _lastStart = Stopwatch.GetTimestamp() - _intervalTicks;
        _pipeline = BuildPipeline(timeProvider ?? TimeProvider.System);
    }

    /// <summary>Counters of this client (live).</summary>
    public MusicBrainzStats Stats { get; } = new();

    /// <summary>The User-Agent every request carries.</summary>
    public string UserAgent => _userAgent;

    /// <summary><c>GET recording/{mbid}?inc=artist-credits+releases+isrcs+tags+genres&amp;fmt=json</c>.</summary>
    /// <param name="mbid">Recording MBID.</param>
    /// <param name="ct">Cancels the call (and its waits).</param>
    /// <returns>The recording, or null on 404.</returns>
    /// <exception cref="MusicBrainzException">Retries exhausted, an unexpected status or an unreadable body.</exception>
    public Task<MbRecording?> LookupRecordingAsync(Guid mbid, CancellationToken ct = default) =>
        GetAsync<MbRecording>("recording/" + mbid.ToString("D") + "?inc=" + RecordingIncludes + "&fmt=json", "recording/{mbid}", ct);

    /// <summary><c>GET isrc/{isrc}?fmt=json</c>: the recordings carrying an ISRC.</summary>
    /// <param name="isrc">ISRC (12 characters; case and surrounding spaces are normalized).</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The recordings (ids, titles, lengths), or null when MusicBrainz knows no such ISRC (404).</returns>
    /// <exception cref="ArgumentException"><paramref name="isrc"/> is not an ISRC (<see cref="TrackIds.Canonical"/>).</exception>
    /// <exception cref="MusicBrainzException">Retries exhausted, an unexpected status or an unreadable body.</exception>
    public Task<MbIsrcResult?> LookupIsrcAsync(string isrc, CancellationToken ct = default)
    {
        var code = TrackIds.Canonical(TrackIds.Isrc, isrc) ?? throw new ArgumentException($"\"{isrc}\" is not an ISRC (ISO 3901: 2 letters, 3 letters or digits, 7 digits).", nameof(isrc));
        return GetAsync<MbIsrcResult>("isrc/" + code + "?fmt=json", "isrc/{isrc}", ct);
    }

    /// <summary><c>GET recording?query={lucene}&amp;limit={limit}&amp;fmt=json</c>.</summary>
    /// <param name="luceneQuery">A Lucene query over the recording index, e.g. <c>recording:"Song" AND artist:"Band"</c>
    /// (build one with <see cref="SearchQuery"/>).</param>
    /// <param name="limit">Hits wanted, 1–100.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The hits, best score (0–100) first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is outside 1–100.</exception>
    /// <exception cref="MusicBrainzException">Retries exhausted, a 400 (bad query) or another unexpected status.</exception>
    public async Task<MbSearchResult> SearchRecordingsAsync(string luceneQuery, int limit, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(luceneQuery);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxSearchLimit);
        var path = "recording?query=" + Uri.EscapeDataString(luceneQuery) + "&limit=" + limit.ToString(CultureInfo.InvariantCulture) + "&fmt=json";
        return await GetAsync<MbSearchResult>(path, "recording?query", ct).ConfigureAwait(false) ?? new MbSearchResult(0, 0, []);
    }

    /// <summary>A Lucene query for a recording by title and (when known) artist: <c>recording:"title" AND artist:"artist"</c>,
    /// with Lucene's special characters escaped inside the quoted phrases.</summary>
    /// <param name="title">Recording title.</param>
    /// <param name="artist">Artist name, or null.</param>
    /// <returns>The query text (not URL-encoded).</returns>
    public static string SearchQuery(string title, string? artist)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var query = "recording:\"" + EscapePhrase(title) + "\"";
        return string.IsNullOrWhiteSpace(artist) ? query : query + " AND artist:\"" + EscapePhrase(artist) + "\"";
    }

    private static string EscapePhrase(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            if (c is '\\' or '"')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private async Task<T?> GetAsync<T>(string relative, string endpoint, CancellationToken ct)
        where T : class
    {
        var url = new Uri(_base + relative);
        var (result, attempts) = await TransientRetry.RunAsync(
            _pipeline,
            endpoint,
            token => SendOnceAsync(url, endpoint, token),
            TransientRetry.IsTransientException,
            (ex, n) => new MusicBrainzException($"MusicBrainz {endpoint} failed after {n} attempt(s): {ex.GetType().Name}.", endpoint, null, ex),
            ct).ConfigureAwait(false);
        if (result.Transient)
        {
            throw new MusicBrainzException($"MusicBrainz {endpoint} failed after {attempts} attempt(s): last answer status {result.Status}.", endpoint, result.Status);
        }

        if (result.Status == 404)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(result.Body!, MusicBrainzJson.Options)
                ?? throw new MusicBrainzException($"MusicBrainz {endpoint} answered null.", endpoint, result.Status);
        }
        catch (JsonException ex)
        {
            throw new MusicBrainzException($"MusicBrainz {endpoint} answered a body that is not the documented JSON ({ex.Message}).", endpoint, result.Status, ex);
        }
    }

    private async Task<Attempt> SendOnceAsync(Uri url, string endpoint, CancellationToken ct)
    {
        // One request in flight: the gate covers pacing, sending and reading the whole body.
        await _inFlight.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Strict spacing: each start at least 1.02 / rate after the previous start (real clock; Task.Delay may wake
            // early, so loop until the time is reached).
            while (true)
            {
                var remaining = _lastStart + _intervalTicks - Stopwatch.GetTimestamp();
                if (remaining <= 0)
                {
                    break;
                }

                await Task.Delay(Math.Max(1, (int)Math.Ceiling(remaining * 1000.0 / Stopwatch.Frequency)), ct).ConfigureAwait(false);
            }

            _lastStart = Stopwatch.GetTimestamp();

            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.RequestTimeout);
            Stats.AddRequest();
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                if (_sink is not null)
                {
                    await _sink.OnResponseAsync(new ApiResponse("musicbrainz " + endpoint, url.AbsoluteUri, status, body.Length == 0 ? null : body, _time.GetUtcNow()), ct).ConfigureAwait(false);
                }

                switch (status)
                {
                    case >= 200 and < 300:
                        return new Attempt(status, body, null, false);
                    case 404:
                        Stats.AddNotFound();
                        return new Attempt(status, null, null, false);
                    case 503:
                        Stats.AddServiceUnavailable();
                        MusicBrainzLog.TooFast(_logger, endpoint);
                        return new Attempt(status, null, RetryAfter(response.Headers), true);
                    case 408 or >= 500:
                        return new Attempt(status, null, RetryAfter(response.Headers), true);
                    default:
                        throw new MusicBrainzException($"MusicBrainz {endpoint} answered unexpected status {status}.", endpoint, status);
                }
            }
            catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"MusicBrainz {endpoint} did not answer within {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", ex);
            }
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        var delta = headers.RetryAfter?.Delta;
        return delta is { } d && d > TimeSpan.Zero ? (d > _options.MaxRetryDelay ? _options.MaxRetryDelay : d) : null;
    }

    private ResiliencePipeline<Attempt> BuildPipeline(TimeProvider time) =>
        TransientRetry.Build<Attempt>(_options.MaxRetries, _options.RetryBaseDelay, _options.MaxRetryDelay, time, TransientRetry.IsTransientException, args =>
        {
            Stats.AddRetry();
            MusicBrainzLog.Retrying(_logger, args.Context.OperationKey ?? "request", args.Outcome.Result?.Status ?? 0, args.AttemptNumber + 1, Math.Round(args.RetryDelay.TotalMilliseconds));
        });


    /// <summary>Releases the pacing gate (not the <see cref="HttpClient"/>).</summary>
    public void Dispose()
    {
        _inFlight.Dispose();
    }

    private sealed record Attempt(int Status, string? Body, TimeSpan? RetryAfter, bool Transient) : IRetryOutcome;
}

/// <summary>Counters of one <see cref="MusicBrainzClient"/>; thread-safe.</summary>
public sealed class MusicBrainzStats
{
    private long _requests;
    private long _serviceUnavailable;
    private long _retries;
    private long _notFound;

    /// <summary>HTTP requests sent (attempts, retries included).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>503 answers ("too fast") received; each was backed off and retried.</summary>
    public long ServiceUnavailable => Interlocked.Read(ref _serviceUnavailable);

    /// <summary>Retries made (after 503s, other 5xx, timeouts, connection failures).</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>404 answers.</summary>
    public long NotFound => Interlocked.Read(ref _notFound);

    internal void AddRequest() => Interlocked.Increment(ref _requests);

    internal void AddServiceUnavailable() => Interlocked.Increment(ref _serviceUnavailable);

    internal void AddRetry() => Interlocked.Increment(ref _retries);

    internal void AddNotFound() => Interlocked.Increment(ref _notFound);
}

/// <summary>Log messages of the MusicBrainz client (endpoint templates and statuses only).</summary>
internal static partial class MusicBrainzLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "MusicBrainz {Endpoint} answered 503 (too fast); backing off")]
    public static partial void TooFast(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "MusicBrainz {Endpoint} failed (status {Status}); retry {Retry} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string endpoint, int status, int retry, double delayMs);
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace SoundGraph.Ingest.Sources.ListenBrainz;

/// <summary>The answer of <c>GET /1/validate-token</c>.</summary>
/// <param name="Valid">True when the server accepted the token.</param>
/// <param name="UserName">The user the token belongs to (null when invalid).</param>
/// <param name="Message">The server's message, e.g. "Token valid." or "Token invalid.".</param>
public sealed record ListenBrainzTokenCheck(bool Valid, string? UserName, string Message);

/// <summary>One answer of <c>GET /1/user/{user}/listens</c>.</summary>
/// <param name="Listens">The payload's listens as the server sent them (newest first), each a detached JSON object.</param>
/// <param name="OldestTs">The smallest <c>listened_at</c> among them (unix s); null for an empty page.</param>
/// <param name="NewestTs">The largest <c>listened_at</c> among them (unix s); null for an empty page.</param>
public sealed record ListenBrainzListensPage(IReadOnlyList<JsonElement> Listens, long? OldestTs, long? NewestTs);

/// <summary>One step of a walk: the listens of a page not seen earlier in the walk.</summary>
/// <param name="Listens">The new listens (detached JSON objects), in the server's order.</param>
/// <param name="Received">Listens the server sent in this page, repeats included.</param>
/// <param name="OldestTs">The page's smallest <c>listened_at</c> (unix s).</param>
/// <param name="NewestTs">The page's largest <c>listened_at</c> (unix s).</param>
public sealed record ListenBrainzWalkPage(IReadOnlyList<JsonElement> Listens, int Received, long OldestTs, long NewestTs);

/// <summary>Typed client of the ListenBrainz API v1 (https://listenbrainz.readthedocs.io/en/latest/users/api/core.html):
/// a user's listens, their count, token validation, recording tags and playlist creation, with the server's rate limits honoured.</summary>
/// <remarks>
/// <para>Pacing: one request at a time per instance. Every answer's <c>X-RateLimit-Remaining</c> and
/// <c>X-RateLimit-Reset-In</c> (seconds) are read; when Remaining is 0 the next request waits Reset-In seconds plus
/// <see cref="ResetMargin"/>. A 429 waits its Reset-In (else <c>Retry-After</c>) plus the margin and retries; 5xx, 408, timeouts, connection failures and unparseable
/// bodies back off exponentially with jitter (a Polly pipeline), up to <see cref="ListenBrainzOptions.MaxRetries"/>.
/// Waits go through the <see cref="TimeProvider"/>.</para>
/// <para>Listens paging (the server returns listens newest first; <c>max_ts</c> and <c>min_ts</c> are exclusive bounds
/// in unix seconds): <see cref="WalkBackwardAsync"/> asks for <c>max_ts = oldest + 1</c> after each page, so listens of the
/// page's oldest second that the page boundary cut off come in the next page, and drops the repeats by
/// (<c>listened_at</c>, <c>recording_msid</c>). <see cref="WalkForwardAsync"/> does the same upwards with <c>min_ts =
/// newest − 1</c> (with only <c>min_ts</c> the server returns the listens just above it). A full page whose listens all
/// share one second would come back forever: the walk steps past that second (<see cref="ListenBrainzStats.SecondsSteppedPast"/>;
/// more than <see cref="ListenBrainzOptions.PageSize"/> listens in one second cannot be reached through the API). A walk
/// ends when a page brings no listen beyond the second it started from.</para>
/// <para>The token is sent only as <c>Authorization: Token …</c> to <see cref="ListenBrainzOptions.ApiBaseUri"/> and is
/// never logged or put in a message.</para>
/// </remarks>
public sealed partial class ListenBrainzClient : IDisposable
{
    private static readonly Action<ILogger, string, double, Exception?> LogRateLimited =
        LoggerMessage.Define<string, double>(LogLevel.Information, new EventId(1, "RateLimited"), "ListenBrainz {Endpoint} rate limit reached; waiting {Seconds} s for the reset.");

    private static readonly Action<ILogger, string, string, int, Exception?> LogRetrying =
        LoggerMessage.Define<string, string, int>(LogLevel.Warning, new EventId(2, "Retrying"), "ListenBrainz {Endpoint}: {Reason}; attempt {Attempt}.");

    private readonly HttpClient _http;
    private readonly ListenBrainzOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ResiliencePipeline<Attempt> _pipeline;
    private readonly string _apiBase;
    private readonly IApiResponseSink? _sink;
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    /// <summary>Added to every wait the server asks for (50 ms): Reset-In is whole seconds counted from the server's clock
    /// when it answered, and a timer may fire a millisecond early, so a wait of exactly Reset-In could arrive just before
    /// the window the server announced has reset.</summary>
    public static readonly TimeSpan ResetMargin = TimeSpan.FromMilliseconds(50);

    /// <summary>Creates a client. The <paramref name="http"/> client is not owned (not disposed here).</summary>
    /// <param name="http">Transport.</param>
    /// <param name="options">Configuration; validated here.</param>
    /// <param name="timeProvider">Clock for rate-limit and retry waits; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Logger; default none.</param>
    /// <param name="sink">Receives every response before it is parsed (a spill); default none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="http"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range (see <see cref="ListenBrainzOptions.Validate"/>).</exception>
    public ListenBrainzClient(HttpClient http, ListenBrainzOptions options, TimeProvider? timeProvider = null, ILogger<ListenBrainzClient>? logger = null, IApiResponseSink? sink = null)
    {
        _sink = sink;
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _apiBase = options.ApiBaseUri.AbsoluteUri.TrimEnd('/');
        _pipeline = BuildPipeline();
    }

    /// <summary>Counters of this client (live).</summary>
    public ListenBrainzStats Stats { get; } = new();

    /// <summary>The options this client runs with.</summary>
    public ListenBrainzOptions Options => _options;

    /// <summary><c>GET /1/validate-token</c> with the configured token.</summary>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>Whether the token is valid, and whose it is.</returns>
    /// <exception cref="InvalidOperationException">No token is configured.</exception>
    /// <exception cref="ListenBrainzException">Retries exhausted, an unexpected status or body.</exception>
    public async Task<ListenBrainzTokenCheck> ValidateTokenAsync(CancellationToken ct = default)
    {
        if (_options.Token is null)
        {
            throw new InvalidOperationException("No ListenBrainz token is configured to validate.");
        }

        const string Endpoint = "/1/validate-token";
        return (ListenBrainzTokenCheck)(await ExecuteAsync(_apiBase + Endpoint, Endpoint, root =>
        {
            var valid = root.TryGetProperty("valid", out var v) && v.ValueKind == JsonValueKind.True;
            var user = root.TryGetProperty("user_name", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : (valid ? "Token valid." : "Token invalid.");
            return new ListenBrainzTokenCheck(valid, valid ? user : null, message);
        }, ct).ConfigureAwait(false));
    }

    /// <summary><c>GET /1/user/{user}/listen-count</c>.</summary>
    /// <param name="user">The ListenBrainz user name.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The user's number of listens (<c>payload.count</c>).</returns>
    /// <exception cref="ListenBrainzException">404 (no such user), retries exhausted, an unexpected status or body.</exception>
    public async Task<long> GetListenCountAsync(string user, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var url = $"{_apiBase}/1/user/{Uri.EscapeDataString(user)}/listen-count";
        return (long)(await ExecuteAsync(url, "/1/user/{user}/listen-count", root =>
            root.TryGetProperty("payload", out var p) && p.TryGetProperty("count", out var c) && c.TryGetInt64(out var n) && n >= 0
                ? (object)n
                : throw new FormatException("the body has no payload.count"), ct).ConfigureAwait(false))!;
    }

    /// <summary><c>GET /1/user/{user}/listens?count=…[&amp;max_ts=…][&amp;min_ts=…]</c>: one page, newest first.</summary>
    /// <param name="user">The ListenBrainz user name.</param>
    /// <param name="maxTs">Only listens with <c>listened_at</c> &lt; this (unix s, exclusive); null: no upper bound.</param>
    /// <param name="minTs">Only listens with <c>listened_at</c> &gt; this (unix s, exclusive); null: no lower bound.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>Up to <see cref="ListenBrainzOptions.PageSize"/> listens.</returns>
    /// <exception cref="ListenBrainzException">404 (no such user), 401 (token rejected), retries exhausted, an unexpected status or body.</exception>
    public async Task<ListenBrainzListensPage> GetListensAsync(string user, long? maxTs, long? minTs, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var url = $"{_apiBase}/1/user/{Uri.EscapeDataString(user)}/listens?count={_options.PageSize.ToString(CultureInfo.InvariantCulture)}"
            + (maxTs is { } max ? "&max_ts=" + max.ToString(CultureInfo.InvariantCulture) : string.Empty)
            + (minTs is { } min ? "&min_ts=" + min.ToString(CultureInfo.InvariantCulture) : string.Empty);
        return (ListenBrainzListensPage)(await ExecuteAsync(url, "/1/user/{user}/listens", ParseListens, ct).ConfigureAwait(false))!;
    }

    /// <summary>Walks a user's listens from the newest (below <paramref name="maxTs"/>) down to the oldest (above
    /// <paramref name="minTs"/>), page by page, yielding each page's listens not seen earlier in the walk.</summary>
    /// <param name="user">The ListenBrainz user name.</param>
    /// <param name="maxTs">Start below this second (exclusive); null: from the newest listen.</param>
    /// <param name="minTs">Stop at this second (exclusive); null: down to the oldest listen.</param>
    /// <param name="ct">Cancels the walk.</param>
    /// <returns>The pages; a caller that stores a page before asking for the next can resume a killed walk with
    /// <c>maxTs = </c> the last stored page's <see cref="ListenBrainzWalkPage.OldestTs"/> + 1.</returns>
    /// <exception cref="ListenBrainzException">A page request failed.</exception>
    public async IAsyncEnumerable<ListenBrainzWalkPage> WalkBackwardAsync(string user, long? maxTs, long? minTs, [EnumeratorCancellation] CancellationToken ct = default)
    {
        long? boundary = null;
        var seen = new HashSet<(long, string)>();
        while (true)
        {
            var page = await GetListensAsync(user, maxTs, minTs, ct).ConfigureAwait(false);
            Stats.AddPage();
            if (page.OldestTs is not { } oldest || page.NewestTs is not { } newest)
            {
                yield break;
            }

            var fresh = Fresh(page, boundary, seen);
            var oneSecondFullPage = oldest == newest && page.Listens.Count >= _options.PageSize;
            if (fresh.Count == 0 && !oneSecondFullPage && oldest == boundary)
            {
                yield break; // only the boundary second again: nothing older
            }

            yield return new ListenBrainzWalkPage(fresh, page.Listens.Count, oldest, newest);
            if (oneSecondFullPage)
            {
                Stats.AddSecondSteppedPast();
                maxTs = oldest; // the API cannot page inside one second
                boundary = null;
                seen.Clear();
                continue;
            }

            if (oldest != boundary)
            {
                seen.RemoveWhere(k => k.Item1 != oldest);
                boundary = oldest;
            }

            maxTs = oldest + 1;
        }
    }

    /// <summary>Walks a user's listens upwards from just above <paramref name="minTs"/> to the newest, page by page
    /// (each page holds the listens just above its <c>min_ts</c>), yielding each page's listens not seen earlier in the walk.</summary>
    /// <param name="user">The ListenBrainz user name.</param>
    /// <param name="minTs">Start above this second (exclusive). To catch listens of a second already partly stored, pass that second − 1.</param>
    /// <param name="ct">Cancels the walk.</param>
    /// <returns>The pages; a caller that stores a page before asking for the next can resume with <c>minTs = </c> its <see cref="ListenBrainzWalkPage.NewestTs"/> − 1.</returns>
    /// <exception cref="ListenBrainzException">A page request failed.</exception>
    public async IAsyncEnumerable<ListenBrainzWalkPage> WalkForwardAsync(string user, long minTs, [EnumeratorCancellation] CancellationToken ct = default)
    {
        long? boundary = null;
        var seen = new HashSet<(long, string)>();
        while (true)
        {
            var page = await GetListensAsync(user, null, minTs, ct).ConfigureAwait(false);
            Stats.AddPage();
            if (page.OldestTs is not { } oldest || page.NewestTs is not { } newest)
            {
                yield break;
            }

            var fresh = Fresh(page, boundary, seen);
            var oneSecondFullPage = oldest == newest && page.Listens.Count >= _options.PageSize;
            if (fresh.Count == 0 && !oneSecondFullPage && newest == boundary)
            {
                yield break; // only the boundary second again: nothing newer
            }

            yield return new ListenBrainzWalkPage(fresh, page.Listens.Count, oldest, newest);
            if (oneSecondFullPage)
            {
                Stats.AddSecondSteppedPast();
                minTs = newest;
                boundary = null;
                seen.Clear();
                continue;
            }

            if (newest != boundary)
            {
                seen.RemoveWhere(k => k.Item1 != newest);
                boundary = newest;
            }

            minTs = newest - 1;
        }
    }

    /// <summary>The identity a walk de-duplicates on: (<c>listened_at</c>, <c>recording_msid</c>), or the raw JSON for a listen without an MSID.</summary>
    /// <param name="listen">A listen object of a page.</param>
    /// <returns>(unix seconds, or <see cref="long.MinValue"/> without an integer <c>listened_at</c>; the MSID or the raw JSON).</returns>
    public static (long ListenedAt, string Msid) Key(JsonElement listen) =>
        (Ts(listen) ?? long.MinValue,
         listen.TryGetProperty("recording_msid", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : listen.GetRawText());

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    private static List<JsonElement> Fresh(ListenBrainzListensPage page, long? boundary, HashSet<(long, string)> seen)
    {
        var fresh = new List<JsonElement>(page.Listens.Count);
        foreach (var listen in page.Listens)
        {
            var key = Key(listen);
            if (key.Item1 == boundary && seen.Contains(key))
            {
                continue;
            }

            seen.Add(key);
            fresh.Add(listen);
        }

        return fresh;
    }

    private static long? Ts(JsonElement listen) =>
        listen.ValueKind == JsonValueKind.Object && listen.TryGetProperty("listened_at", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var v) ? v : null;

    private static object ParseListens(JsonElement root)
    {
        if (!root.TryGetProperty("payload", out var payload) || !payload.TryGetProperty("listens", out var listens) || listens.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("the body has no payload.listens array");
        }

        var list = new List<JsonElement>(listens.GetArrayLength());
        long? oldest = null, newest = null;
        foreach (var l in listens.EnumerateArray())
        {
            list.Add(l.Clone());
            if (Ts(l) is { } ts)
            {
                oldest = oldest is { } o && o <= ts ? o : ts;
                newest = newest is { } n && n >= ts ? n : ts;
            }
        }

        return new ListenBrainzListensPage(list, oldest, newest);
    }
}

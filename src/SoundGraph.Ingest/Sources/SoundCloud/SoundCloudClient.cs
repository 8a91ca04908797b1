using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using SoundGraph.Ingest.Sources.SoundCloud.Dto;

namespace SoundGraph.Ingest.Sources.SoundCloud;

/// <summary>Typed client of SoundCloud's public API v1 (https://developers.soundcloud.com/docs/api/guide): OAuth 2.1
/// client-credentials tokens, <c>linked_partitioning</c> pagination, client-side pacing, and retries that wait out 429s
/// until <c>reset_time</c>.</summary>
/// <remarks>
/// <para>Pacing: at most <see cref="SoundCloudOptions.MaxConcurrentRequests"/> requests in flight, and request starts
/// (token requests included) on slots 1.02 / <see cref="SoundCloudOptions.RequestsPerSecond"/> s apart, never more than
/// ⌊RequestsPerSecond⌋ in any 1-s window. Both
/// limiters belong to this instance.</para>
/// <para>Retries (a Polly pipeline): 429 waits until the body's <c>reset_time</c> (or <c>Retry-After</c>, whichever is
/// later); 5xx, 408, timeouts, connection failures and unparseable (truncated) bodies back off exponentially with jitter
/// from <see cref="SoundCloudOptions.RetryBaseDelay"/>, honouring <c>Retry-After</c>, capped at
/// <see cref="SoundCloudOptions.MaxRetryDelay"/>, up to <see cref="SoundCloudOptions.MaxRetries"/> times. A 401 renews the
/// token and retries once. 403 and 404 are not retried: the methods return null (or end the walk). All waits go
/// through the <see cref="TimeProvider"/>; the per-attempt timeout and the pacing use the real clock.</para>
/// <para>Redirects: the client follows <c>/resolve</c>'s 302 itself so the Authorization header reaches the target (an
/// auto-following handler drops it); give it an <see cref="HttpClient"/> built on <see cref="CreateHandler"/> or
/// another handler with <c>AllowAutoRedirect = false</c>. The token is only ever sent to
/// <see cref="SoundCloudOptions.ApiBaseUri"/>'s host.</para>
/// </remarks>
public sealed partial class SoundCloudClient : IDisposable
{
    private const int MaxEmptyPagesInARow = 5;

    private readonly HttpClient _http;
    private readonly SoundCloudOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ISoundCloudResponseSink? _sink;
    private readonly ConcurrencyLimiter _concurrency;
    private readonly RequestSpacingLimiter _spacing;
    private readonly SoundCloudAuth _auth;
    private readonly ResiliencePipeline<Attempt> _pipeline;
    private readonly string _apiBase;

    /// <summary>Creates a client. The <paramref name="http"/> client is not owned (not disposed here).</summary>
    /// <param name="http">Transport; its handler should not follow redirects (see <see cref="CreateHandler"/>).</param>
    /// <param name="options">Configuration; validated here.</param>
    /// <param name="timeProvider">Clock for token expiry and retry waits; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Logger; default none.</param>
    /// <param name="sink">Receives every API response before parsing; default none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="http"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range (see <see cref="SoundCloudOptions.Validate"/>).</exception>
    public SoundCloudClient(HttpClient http, SoundCloudOptions options, TimeProvider? timeProvider = null, ILogger<SoundCloudClient>? logger = null, ISoundCloudResponseSink? sink = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _sink = sink;
        _apiBase = options.ApiBaseUri.AbsoluteUri.TrimEnd('/');
        _concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrentRequests,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _spacing = new RequestSpacingLimiter(TimeSpan.FromSeconds(1.02 / options.RequestsPerSecond), Math.Max(1, (int)Math.Floor(options.RequestsPerSecond)));
        _auth = new SoundCloudAuth(http, options, _time, Stats, _logger, PaceAsync);
        _pipeline = BuildPipeline();
    }

    /// <summary>Counters of this client (live; call <see cref="SoundCloudStats.Snapshot"/> for a fixed copy).</summary>
    public SoundCloudStats Stats { get; } = new();

    /// <summary>The options this client runs with.</summary>
    public SoundCloudOptions Options => _options;

    /// <summary>A handler suited to this client: no automatic redirects (the client follows <c>/resolve</c> itself),
    /// gzip/brotli decompression, pooled connections recycled every 5 minutes (DNS changes).</summary>
    /// <returns>A new handler; the caller owns it.</returns>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>Resolves a soundcloud.com URL (<c>GET /resolve?url=…</c>, then the 302's target).</summary>
    /// <param name="url">A soundcloud.com page URL such as <c>https://soundcloud.com/user/track</c>.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The resource, or null when SoundCloud answers 404 (or 403 for the target).</returns>
    /// <exception cref="SoundCloudException">Retries exhausted, an unexpected status, or a redirect off the API host.</exception>
    public async Task<ScResolved?> ResolveAsync(string url, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        var first = await ExecuteAsync(AbsoluteUrl(SoundCloudPaths.Resolve(url)), "/resolve", ParseResolved, followRedirect: true, ct).ConfigureAwait(false);
        if (first.Location is null)
        {
            return first.Value as ScResolved;
        }

        var target = first.Location;
        if (!IsOnApiHost(target))
        {
            throw new SoundCloudException($"SoundCloud /resolve redirected to another host ({new Uri(target).Host}); not following it with the token.", "/resolve", first.Status);
        }

        var second = await ExecuteAsync(target, SoundCloudUrls.Template(target), ParseResolved, followRedirect: false, ct).ConfigureAwait(false);
        return second.Value as ScResolved;
    }

    /// <summary><c>GET /tracks/{id}</c>.</summary>
    /// <param name="id">Track id.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The track, or null on 403 (private) or 404 (counted in <see cref="Stats"/>, logged, not retried).</returns>
    /// <exception cref="SoundCloudException">Retries exhausted or an unexpected status.</exception>
    public Task<ScTrack?> GetTrackAsync(long id, CancellationToken ct = default) => GetObjectAsync<ScTrack>(SoundCloudPaths.Track(id), ct);

    /// <summary><c>GET /users/{id}</c>.</summary>
    /// <param name="id">User id.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The user, or null on 403/404.</returns>
    /// <exception cref="SoundCloudException">Retries exhausted or an unexpected status.</exception>
    public Task<ScUser?> GetUserAsync(long id, CancellationToken ct = default) => GetObjectAsync<ScUser>(SoundCloudPaths.User(id), ct);

    /// <summary><c>GET /playlists/{id}</c>, with its tracks.</summary>
    /// <param name="id">Playlist id.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The playlist, or null on 403/404.</returns>
    /// <exception cref="SoundCloudException">Retries exhausted or an unexpected status.</exception>
    public Task<ScPlaylist?> GetPlaylistAsync(long id, CancellationToken ct = default) => GetObjectAsync<ScPlaylist>(SoundCloudPaths.Playlist(id), ct);

    /// <summary><c>GET /me</c>: the user a user token belongs to (client-credentials tokens have no user: expect 401).</summary>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The user, or null on 403/404.</returns>
    /// <exception cref="SoundCloudException">401 after renewing the token, retries exhausted, or an unexpected status.</exception>
    public Task<ScUser?> GetMeAsync(CancellationToken ct = default) => GetObjectAsync<ScUser>(SoundCloudPaths.Me, ct);

    /// <summary>Fetches one JSON object.</summary>
    /// <typeparam name="T">DTO type the body is read as.</typeparam>
    /// <param name="pathOrUrl">A relative path such as <c>/tracks/5</c>, or an absolute URL on the API host.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The object, or null on 403/404.</returns>
    /// <exception cref="ArgumentException"><paramref name="pathOrUrl"/> is an absolute URL on another host.</exception>
    /// <exception cref="SoundCloudException">Retries exhausted, an unexpected status, or a body of another shape.</exception>
    public async Task<T?> GetObjectAsync<T>(string pathOrUrl, CancellationToken ct = default)
        where T : class
    {
        var url = ToRequestUrl(pathOrUrl, paging: false);
        var endpoint = SoundCloudUrls.Template(url);
        var attempt = await ExecuteAsync(url, endpoint, body => ParseObject<T>(body, endpoint), followRedirect: false, ct).ConfigureAwait(false);
        return attempt.Value as T;
    }

    /// <summary>Fetches one page of a collection.</summary>
    /// <typeparam name="T">Item type (<see cref="ScTrack"/>, <see cref="ScUser"/>, <see cref="ScPlaylist"/>,
    /// <see cref="ScComment"/>, or <see cref="JsonElement"/> for raw items).</typeparam>
    /// <param name="pathOrNextHref">A relative first-page path such as <c>/users/5/likes/tracks</c> or <c>/tracks?q=x</c>
    /// (the client appends <c>limit=</c><see cref="SoundCloudOptions.PageSize"/> and <c>linked_partitioning=true</c> unless
    /// present), or an absolute <c>next_href</c>, followed verbatim.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>The page (<c>{"collection":[…],"next_href":…}</c>, or a bare JSON array as older endpoints send, which has
    /// no next page), or null on 403/404.</returns>
    /// <exception cref="ArgumentException"><paramref name="pathOrNextHref"/> is an absolute URL on another host.</exception>
    /// <exception cref="SoundCloudException">Retries exhausted, an unexpected status, or a body that is not a collection.</exception>
    public async Task<SoundCloudPage<T>?> GetPageAsync<T>(string pathOrNextHref, CancellationToken ct = default)
    {
        var url = ToRequestUrl(pathOrNextHref, paging: true);
        var endpoint = SoundCloudUrls.Template(url);
        var attempt = await ExecuteAsync(url, endpoint, body => ParsePage<T>(body, endpoint), followRedirect: false, ct).ConfigureAwait(false);
        return attempt.Value as SoundCloudPage<T>;
    }

    /// <summary>Tracks a user uploaded (<c>/users/{id}/tracks</c>), following <c>next_href</c>.</summary>
    /// <param name="userId">User id.</param>
    /// <param name="maxItems">Stop after this many items (≥ 0).</param>
    /// <param name="ct">Cancels the walk.</param>
    /// <returns>Items in page order; nothing when the user is 403/404.</returns>
    public IAsyncEnumerable<ScTrack> GetUserTracksAsync(long userId, int maxItems, CancellationToken ct = default) =>
        WalkAsync<ScTrack>(SoundCloudPaths.UserTracks(userId), maxItems, ct);

    /// <summary>A user's playlists (<c>/users/{id}/playlists</c>).</summary>
    /// <param name="userId">User id.</param>
    /// <param name="maxItems">Stop after this many items (≥ 0).</param>
    /// <param name="ct">Cancels the walk.</param>
    /// <returns>Items in page order.</returns>
    public IAsyncEnumerable<ScPlaylist> GetUserPlaylistsAsync(long userId, int maxItems, CancellationToken ct = default) =>
        WalkAsync<ScPlaylist>(SoundCloudPaths.UserPlaylists(userId), maxItems, ct);

    /// <summary>Tracks a user liked (<c>/users/{id}/likes/tracks</c>).</summary>
    /// <param name="userId">User id.</param>
    /// <param name="maxItems">Stop after this many items (≥ 0).</param>
    /// <param name="ct">Cancels the walk.</param>
    /// <returns>Items in page order.</returns>
    public IAsyncEnumerable<ScTrack> GetUserLikedTracksAsync(long userId, int maxItems, CancellationToken ct = default) =>
        WalkAsync<ScTrack>(SoundCloudPaths.UserLikedTracks(userId), maxItems, ct);

    /// <summary>Users who liked a track (<c>/tracks/{id}/favoriters</c>).</summary>
    /// <param name="trackId">Track id.</param>
    /// <param name="maxItems">Stop after this many items (≥ 0).</param>
    /// <param name="ct">Cancels the walk.</param>
    /// <returns>Items in page order.</returns>
    public IAsyncEnumerable<ScUser> GetTrackFavoritersAsync(long trackId, int maxItems, CancellationToken ct = default) =>
        WalkAsync<ScUser>(SoundCloudPaths.TrackFavoriters(trackId), maxItems, ct);

    /// <summary>Users who reposted a track (<c>/tracks/{id}/reposters</c>).</summary>
    /// <param name="trackId">Track id.</param>
    /// <param name="maxItems">Stop after this many items (≥ 0).</param>
    /// <param name="ct">Cancels the walk.</param>
    /// <returns>Items in page order.</returns>
    public IAsyncEnumerable<ScUser> GetTrackRepostersAsync(long trackId, int maxItems, CancellationToken ct = default) =>
        WalkAsync<ScUser>(SoundCloudPaths.TrackReposters(trackId), maxItems, ct);

    /// <summary>Comments on a track (<c>/tracks/{id}/comments</c>).</summary>
    /// <param name="trackId">Track id.</param>
    /// <param name="maxItems">Stop after this many items (≥ 0).</param>
    /// <param name="ct">Cancels the walk.</param>
    /// <returns>Items in page order.</returns>
    public IAsyncEnumerable<ScComment> GetTrackCommentsAsync(long trackId, int maxItems, CancellationToken ct = default) =>
        WalkAsync<ScComment>(SoundCloudPaths.TrackComments(trackId), maxItems, ct);

    /// <summary>Tracks SoundCloud relates to a track (<c>/tracks/{id}/related</c>).</summary>
    /// <param name="trackId">Track id.</param>
    /// <param name="maxItems">Stop after this many items (≥ 0).</param>
    /// <param name="ct">Cancels the walk.</param>
    /// <returns>Items in page order.</returns>
    public IAsyncEnumerable<ScTrack> GetRelatedTracksAsync(long trackId, int maxItems, CancellationToken ct = default) =>
        WalkAsync<ScTrack>(SoundCloudPaths.TrackRelated(trackId), maxItems, ct);

    /// <summary>Track search (<c>/tracks?q=…&amp;created_at[from]=…&amp;created_at[to]=…</c>).</summary>
    /// <param name="query">Search text.</param>
    /// <param name="createdFrom">Earliest creation time, or null.</param>
    /// <param name="createdTo">Latest creation time, or null.</param>
    /// <param name="maxItems">Stop after this many items (≥ 0).</param>
    /// <param name="ct">Cancels the walk.</param>
    /// <returns>Items in page order.</returns>
    public IAsyncEnumerable<ScTrack> SearchTracksAsync(string query, DateTimeOffset? createdFrom, DateTimeOffset? createdTo, int maxItems, CancellationToken ct = default) =>
        WalkAsync<ScTrack>(SoundCloudPaths.SearchTracks(query, createdFrom, createdTo), maxItems, ct);

    /// <summary>Walks a collection from its first page, following <c>next_href</c> verbatim.</summary>
    /// <typeparam name="T">Item type.</typeparam>
    /// <param name="firstPagePath">Relative first-page path (see <see cref="SoundCloudPaths"/>).</param>
    /// <param name="maxItems">Stop after this many items (≥ 0).</param>
    /// <param name="ct">Cancels the walk.</param>
    /// <returns>Items in page order. The walk ends at the last page, at <paramref name="maxItems"/>, at a 403/404, at a
    /// <c>next_href</c> already followed in this walk or on another host (logged warnings), or after 5 empty pages in a row.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxItems"/> is negative.</exception>
    public async IAsyncEnumerable<T> WalkAsync<T>(string firstPagePath, int maxItems, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(firstPagePath);
        ArgumentOutOfRangeException.ThrowIfNegative(maxItems);
        var endpoint = SoundCloudUrls.Template(firstPagePath);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? next = firstPagePath;
        var yielded = 0;
        var pages = 0;
        var emptyInARow = 0;
        while (next is not null && yielded < maxItems)
        {
            if (!seen.Add(next))
            {
                SoundCloudLog.PaginationLoop(_logger, endpoint, pages);
                yield break;
            }

            if (IsAbsoluteHttp(next) && !IsOnApiHost(next))
            {
                SoundCloudLog.OffHostLink(_logger, endpoint, new Uri(next).Host);
                yield break;
            }

            var page = await GetPageAsync<T>(next, ct).ConfigureAwait(false);
            if (page is null)
            {
                yield break;
            }

            pages++;
            SoundCloudLog.PageFetched(_logger, pages, endpoint, page.Items.Count);
            foreach (var item in page.Items)
            {
                yield return item;
                if (++yielded >= maxItems)
                {
                    yield break;
                }
            }

            emptyInARow = page.Items.Count == 0 ? emptyInARow + 1 : 0;
            if (emptyInARow >= MaxEmptyPagesInARow && page.NextHref is not null)
            {
                SoundCloudLog.EmptyPages(_logger, endpoint, emptyInARow);
                yield break;
            }

            next = page.NextHref;
        }
    }

    /// <summary>Releases the limiters and the token gate (not the <see cref="HttpClient"/>).</summary>
    public void Dispose()
    {
        _concurrency.Dispose();
        _spacing.Dispose();
        _auth.Dispose();
    }
}

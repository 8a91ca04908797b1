using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SoundGraph.Ingest.Sources.SoundCloud;
using SoundGraph.Ingest.Sources.SoundCloud.Dto;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Sources.SoundCloud;

/// <summary>Tokens, retries, rate limits, pagination guards and redaction against the fixture server.</summary>
public sealed class SoundCloudClientBehaviourTests
{
    private const string TrackCassette = "mopidy-soundcloud-cassettes/sc-resolve-track-id.json";
    private const string UserTracksCassette = "mopidy-soundcloud-cassettes/sc-user-tracks.json";
    private const long TrackId = 13158665;

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetTrackAsync_ConcurrentCallers_ShareOneTokenFetch()
    {
        await using var h = await Harness.WithCassettesAsync(TrackCassette);

        var tracks = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => h.Client.GetTrackAsync(TrackId)));

        Assert.All(tracks, t => Assert.Equal(TrackId, t?.Id));
        Assert.Single(h.Server.TokenCalls);
        Assert.Equal(1, h.Client.Stats.TokenRequests);
        Assert.All(h.Server.Requests, r => Assert.Equal("OAuth token-1", r.Authorization));
        Assert.True(h.Server.TokenCalls[0].BasicAuthOk);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetTrackAsync_TokenNearExpiry_RenewedWithEachSingleUseRefreshTokenInTurn()
    {
        await using var h = await Harness.WithCassettesAsync(TrackCassette);

        await h.Client.GetTrackAsync(TrackId);
        h.Time.Advance(TimeSpan.FromSeconds(3538)); // renewal is due at 3599 - 60 = 3539 s
        await h.Client.GetTrackAsync(TrackId);
        h.Time.Advance(TimeSpan.FromSeconds(2));
        await h.Client.GetTrackAsync(TrackId);
        h.Time.Advance(TimeSpan.FromSeconds(3600));
        await h.Client.GetTrackAsync(TrackId);

        Assert.Equal(
            [("client_credentials", (string?)null), ("refresh_token", "refresh-1"), ("refresh_token", "refresh-2")],
            h.Server.TokenCalls.Select(c => (c.GrantType, c.RefreshToken)));
        Assert.Equal(["OAuth token-1", "OAuth token-1", "OAuth token-2", "OAuth token-3"], h.Server.Requests.Select(r => r.Authorization));
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetTrackAsync_RefreshTokenRejected_FallsBackToClientCredentials()
    {
        await using var h = await Harness.WithCassettesAsync(TrackCassette);
        h.Server.RejectRefresh = true;

        await h.Client.GetTrackAsync(TrackId);
        h.Time.Advance(TimeSpan.FromHours(1));
        var track = await h.Client.GetTrackAsync(TrackId);

        Assert.Equal(TrackId, track?.Id);
        Assert.Equal(["client_credentials", "refresh_token", "client_credentials"], h.Server.TokenCalls.Select(c => c.GrantType));
        Assert.Equal(3, h.Client.Stats.TokenRequests);
        Assert.Equal("OAuth token-2", h.Server.Requests[^1].Authorization);
        Assert.Contains(h.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("refresh token failed", StringComparison.Ordinal));
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetTrackAsync_ApiAnswers401_RenewsTokenAndRetriesOnce()
    {
        await using var h = await Harness.WithCassettesAsync(TrackCassette);
        await h.Client.GetTrackAsync(TrackId);
        h.Server.RevokeAccessTokens();

        var track = await h.Client.GetTrackAsync(TrackId);

        Assert.Equal(TrackId, track?.Id);
        Assert.Equal(["OAuth token-1", "OAuth token-1", "OAuth token-2"], h.Server.Requests.Select(r => r.Authorization));
        Assert.Equal(3, h.Client.Stats.Requests);
        Assert.Equal(1, h.Client.Stats.Retries);
        Assert.Equal([200, 401, 200], h.Sink.Responses.Select(r => r.Status));
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetTrackAsync_UserToken_SentAsIsWithoutTokenRequests()
    {
        await using var h = await Harness.StartAsync(
            s => new SoundCloudOptions { ApiBaseUri = s.BaseUri, TokenUri = new Uri(s.BaseUri, "oauth/token"), UserToken = "user-token-abc", RequestsPerSecond = 1000 },
            TrackCassette);
        h.Server.RequireAuth = false;

        var track = await h.Client.GetTrackAsync(TrackId);

        Assert.Equal(TrackId, track?.Id);
        Assert.Equal("OAuth user-token-abc", Assert.Single(h.Server.Requests).Authorization);
        Assert.Empty(h.Server.TokenCalls);
    }

    [Fact]
    public async Task GetTrackAsync_NoCredentials_ThrowsNamingTheEnvironmentVariables()
    {
        await using var h = await Harness.StartAsync(s => new SoundCloudOptions { ApiBaseUri = s.BaseUri, TokenUri = new Uri(s.BaseUri, "oauth/token") });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => h.Client.GetTrackAsync(TrackId));

        Assert.Contains("SOUNDCLOUD_CLIENT_ID", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SOUNDCLOUD_CLIENT_SECRET", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SOUNDCLOUD_ACCESS_TOKEN", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Server.Requests);
        Assert.Empty(h.Server.TokenCalls);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetTrackAsync_WrongClientSecret_ThrowsWithoutTheSecret()
    {
        const string wrongSecret = "wrong-secret-9c1e";
        await using var h = await Harness.StartAsync(
            s => new SoundCloudOptions { ApiBaseUri = s.BaseUri, TokenUri = new Uri(s.BaseUri, "oauth/token"), ClientId = FixtureServer.ClientId, ClientSecret = wrongSecret, RequestsPerSecond = 1000 },
            TrackCassette);

        var ex = await Assert.ThrowsAsync<SoundCloudException>(() => h.Client.GetTrackAsync(TrackId));

        Assert.Equal(401, ex.StatusCode);
        Assert.Contains("SOUNDCLOUD_CLIENT_SECRET", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongSecret, ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(h.Server.Requests);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetUserTracksAsync_ServerAnswers429_WaitsUntilResetTimeThenYieldsAll()
    {
        await using var h = await Harness.WithCassettesAsync(UserTracksCassette);
        var limited = 0;
        h.Server.Override(async ctx =>
        {
            if (Interlocked.Increment(ref limited) > 2)
            {
                return false;
            }

            ctx.Response.StatusCode = 429;
            await ctx.Response.WriteAsync(FixtureServer.RateLimitBody(h.Time.GetUtcNow().AddSeconds(3), 5));
            return true;
        });

        var tracks = await h.Client.GetUserTracksAsync(27945548, 100).ToListAsync();

        Assert.Equal(10, tracks.Count);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], h.Time.Delays);
        Assert.Equal(Harness.Start.AddSeconds(6), h.Time.GetUtcNow());
        Assert.Equal(2, h.Client.Stats.RateLimited);
        Assert.Equal(2, h.Client.Stats.Retries);
        Assert.Equal(3, h.Client.Stats.Requests);
        Assert.Equal([429, 429, 200], h.Sink.Responses.Select(r => r.Status));
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetTrackAsync_429WithRetryAfterBeyondReset_WaitsRetryAfter()
    {
        await using var h = await Harness.WithCassettesAsync(TrackCassette);
        var limited = 0;
        h.Server.Override(async ctx =>
        {
            if (Interlocked.Increment(ref limited) > 1)
            {
                return false;
            }

            ctx.Response.StatusCode = 429;
            ctx.Response.Headers.RetryAfter = "5";
            await ctx.Response.WriteAsync(FixtureServer.RateLimitBody(h.Time.GetUtcNow().AddSeconds(3), 5));
            return true;
        });

        var track = await h.Client.GetTrackAsync(TrackId);

        Assert.Equal(TrackId, track?.Id);
        Assert.Equal([TimeSpan.FromSeconds(5)], h.Time.Delays);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetTrackAsync_429ResetBeyondMaxRetryDelay_ThrowsRateLimitExceptionWithoutWaiting()
    {
        await using var h = await Harness.WithCassettesAsync(TrackCassette);
        h.Server.Override(async ctx =>
        {
            ctx.Response.StatusCode = 429;
            await ctx.Response.WriteAsync(FixtureServer.RateLimitBody(h.Time.GetUtcNow().AddHours(24), 15000));
            return true;
        });

        var ex = await Assert.ThrowsAsync<SoundCloudRateLimitException>(() => h.Client.GetTrackAsync(TrackId));

        Assert.Equal(Harness.Start.AddHours(24), ex.ResetTime);
        Assert.Equal("/tracks/{id}", ex.Endpoint);
        Assert.Empty(h.Time.Delays);
        Assert.Equal(1, h.Client.Stats.RateLimited);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetTrackAsync_Two503sWithRetryAfter_RetriesAfterTheGivenDelayThenSucceeds()
    {
        await using var h = await Harness.WithCassettesAsync(TrackCassette);
        var failures = 0;
        h.Server.Override(ctx =>
        {
            if (Interlocked.Increment(ref failures) > 2)
            {
                return Task.FromResult(false);
            }

            ctx.Response.StatusCode = 503;
            ctx.Response.Headers.RetryAfter = "2";
            return Task.FromResult(true);
        });

        var track = await h.Client.GetTrackAsync(TrackId);

        Assert.Equal(TrackId, track?.Id);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)], h.Time.Delays);
        Assert.Equal(3, h.Client.Stats.Requests);
        Assert.Equal(2, h.Client.Stats.Retries);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetTrackAsync_500sWithoutRetryAfter_BacksOffWithinTheCap()
    {
        await using var h = await Harness.WithCassettesAsync(TrackCassette);
        var failures = 0;
        h.Server.Override(ctx =>
        {
            if (Interlocked.Increment(ref failures) > 3)
            {
                return Task.FromResult(false);
            }

            ctx.Response.StatusCode = 500;
            return Task.FromResult(true);
        });

        var track = await h.Client.GetTrackAsync(TrackId);

        Assert.Equal(TrackId, track?.Id);
        Assert.Equal(3, h.Time.Delays.Count);
        Assert.All(h.Time.Delays, d => Assert.InRange(d, TimeSpan.FromTicks(1), h.Options.MaxRetryDelay));
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetTrackAsync_RetriesExhausted_ThrowsNamingEndpointAndStatusButNoSecret()
    {
        await using var h = await Harness.StartAsync(s => s.Options(maxRetries: 2), TrackCassette);
        h.Server.Override(ctx =>
        {
            ctx.Response.StatusCode = 500;
            return Task.FromResult(true);
        });

        var ex = await Assert.ThrowsAsync<SoundCloudException>(() => h.Client.GetTrackAsync(TrackId));

        Assert.Equal(500, ex.StatusCode);
        Assert.Equal("/tracks/{id}", ex.Endpoint);
        Assert.Contains("/tracks/{id}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("500", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token-1", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FixtureServer.ClientSecret, ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(3, h.Client.Stats.Requests);
        Assert.Equal(2, h.Client.Stats.Retries);
        Assert.DoesNotContain(h.Log.Entries, e => e.Message.Contains("token-1", StringComparison.Ordinal) || e.Message.Contains(FixtureServer.ClientSecret, StringComparison.Ordinal));
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task GetTrackAsync_TruncatedBody_GoesToSinkThenIsRetried()
    {
        const string truncated = "{\"kind\":\"track\",\"id\":13158665,\"title\":\"Munch";
        await using var h = await Harness.WithCassettesAsync(TrackCassette);
        var served = 0;
        h.Server.Override(async ctx =>
        {
            if (Interlocked.Increment(ref served) > 1)
            {
                return false;
            }

            await ctx.Response.WriteAsync(truncated);
            return true;
        });

        var track = await h.Client.GetTrackAsync(TrackId);

        Assert.Equal("Munching at Tiannas house", track?.Title);
        Assert.Equal(1, h.Client.Stats.Retries);
        var responses = h.Sink.Responses;
        Assert.Equal(2, responses.Count);
        Assert.Equal((200, truncated), (responses[0].Status, responses[0].Body));
        Assert.Equal(Harness.Start, responses[0].FetchedAt);
    }

    [Fact]
    public async Task GetTrackAsync_CompleteJsonOfWrongShape_ThrowsWithoutRetrying()
    {
        await using var h = await Harness.WithCassettesAsync();
        h.Server.Map("/tracks/7", 200, "{\"id\":\"not a number\"}");

        await Assert.ThrowsAsync<SoundCloudException>(() => h.Client.GetTrackAsync(7));

        Assert.Equal(1, h.Client.Stats.Requests);
        Assert.Equal(0, h.Client.Stats.Retries);
    }

    [Fact]
    public async Task WalkAsync_NextHrefSeenTwice_StopsWithWarning()
    {
        await using var h = await Harness.WithCassettesAsync();
        // Synthetic pages: a → b, b → b.
        var b = h.Server.BaseUri + "loop/b?cursor=1";
        h.Server.Map("/loop/a", 200, "{\"collection\":[{\"id\":1,\"kind\":\"user\"},{\"id\":2,\"kind\":\"user\"}],\"next_href\":\"" + b + "\"}");
        h.Server.Map("/loop/b?cursor=1", 200, "{\"collection\":[{\"id\":3,\"kind\":\"user\"}],\"next_href\":\"" + b + "\"}");

        var users = await h.Client.WalkAsync<ScUser>("/loop/a", 100).ToListAsync();

        Assert.Equal([1L, 2, 3], users.Select(u => u.Id));
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.Contains(h.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("already followed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WalkAsync_NextHrefOnAnotherHost_StopsWithoutSendingTheToken()
    {
        await using var h = await Harness.WithCassettesAsync();
        h.Server.Map("/away/a", 200, "{\"collection\":[{\"id\":1,\"kind\":\"user\"}],\"next_href\":\"https://elsewhere.example/users?cursor=2\"}");

        var users = await h.Client.WalkAsync<ScUser>("/away/a", 100).ToListAsync();

        Assert.Equal([1L], users.Select(u => u.Id));
        Assert.Contains(h.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("elsewhere.example", StringComparison.Ordinal));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.GetPageAsync<ScUser>("https://elsewhere.example/users?cursor=2"));
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public async Task GetPageAsync_NextHrefWithSecrets_SinkSeesRedactedUrl()
    {
        await using var h = await Harness.WithCassettesAsync();
        var next = h.Server.BaseUri + "secret/page2?client_id=abc123&oauth_token=tok-xyz&access_token=at-1&client_secret=cs-2&cursor=7";
        h.Server.Map("/secret/page1", 200, "{\"collection\":[{\"id\":1,\"kind\":\"user\"}],\"next_href\":\"" + next + "\"}");
        h.Server.Map("/secret/page2?cursor=7&access_token=at-1&client_secret=cs-2", 200, "{\"collection\":[{\"id\":2,\"kind\":\"user\"}]}");

        var users = await h.Client.WalkAsync<ScUser>("/secret/page1", 10).ToListAsync();

        Assert.Equal([1L, 2], users.Select(u => u.Id));
        var urls = h.Sink.Responses.Select(r => r.Url).ToList();
        Assert.Equal(h.Server.BaseUri + "secret/page1?limit=50&linked_partitioning=true", urls[0]);
        Assert.Equal(h.Server.BaseUri + "secret/page2?client_id=REDACTED&oauth_token=REDACTED&access_token=REDACTED&client_secret=REDACTED&cursor=7", urls[1]);
        Assert.Equal(["/secret/page1", "/secret/page2"], h.Sink.Responses.Select(r => r.Endpoint));
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task Requests_ConfiguredAt50PerSecond_NeverMoreThan50InAnyOneSecondWindow()
    {
        const int limit = 50;
        await using var h = await Harness.StartAsync(s => s.Options(requestsPerSecond: limit, maxConcurrent: 8), TrackCassette);
        h.Server.RateLimitPerSecond = limit;

        await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => h.Client.GetTrackAsync(TrackId)));

        // The limiter bounds when requests start; count their starts as they leave the client. (Arrival stamps at the
        // server can bunch when a loaded machine delays delivery, which says nothing about the pacing.)
        Assert.Equal(60, h.Server.Requests.Count);
        var stamps = h.Sent.Where(s => s.Path.Contains("/tracks/", StringComparison.Ordinal)).Select(s => s.Timestamp).Order().ToArray();
        Assert.Equal(60, stamps.Length);
        var maxInWindow = 0;
        for (var i = 0; i < stamps.Length; i++)
        {
            var inWindow = stamps.Skip(i).TakeWhile(t => Stopwatch.GetElapsedTime(stamps[i], t) < TimeSpan.FromSeconds(1)).Count();
            maxInWindow = Math.Max(maxInWindow, inWindow);
        }

        Assert.True(maxInWindow <= limit, $"{maxInWindow} requests started within one second");
        Assert.Equal(0, h.Server.Server429s);
        Assert.Equal(0, h.Client.Stats.RateLimited);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task Requests_MaxConcurrentTwo_NeverMoreThanTwoInFlight()
    {
        await using var h = await Harness.StartAsync(s => s.Options(maxConcurrent: 2), TrackCassette);
        h.Server.ResponseDelay = TimeSpan.FromMilliseconds(50);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => h.Client.GetTrackAsync(TrackId)));

        Assert.Equal(8, h.Server.Requests.Count);
        Assert.InRange(h.Server.MaxInFlight, 1, 2);
    }

    [SharedFact("api-fixtures/soundcloud")]
    public async Task Stats_Snapshot_DoesNotMoveWithTheClient()
    {
        await using var h = await Harness.WithCassettesAsync(TrackCassette);
        await h.Client.GetTrackAsync(TrackId);

        var snapshot = h.Client.Stats.Snapshot();
        await h.Client.GetTrackAsync(TrackId);

        Assert.Equal(1, snapshot.Requests);
        Assert.Equal(2, h.Client.Stats.Requests);
        Assert.Equal("requests=1 retries=0 rate_limited=0 not_found=0 forbidden=0 token_requests=1", snapshot.ToString());
    }
}

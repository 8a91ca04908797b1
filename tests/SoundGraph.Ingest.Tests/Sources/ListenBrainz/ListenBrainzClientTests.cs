using System.Net;
using System.Text;
using System.Text.Json;
using SoundGraph.FakeListenBrainz;
using SoundGraph.Ingest.Sources.ListenBrainz;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Sources.ListenBrainz;

public sealed class ListenBrainzClientTests
{
    [Fact]
    public async Task GetListensAsync_RecordedResponse_Parses25ListensNewestFirstAndSendsCountAndBounds()
    {
        var body = await File.ReadAllTextAsync(TestData.Fixture("api", "listenbrainz", "get_listens_happy_path_response.json"));
        var handler = new ScriptedHandler(_ => (HttpStatusCode.OK, body, null));
        using var http = new HttpClient(handler);
        using var client = new ListenBrainzClient(http, new ListenBrainzOptions { ApiBaseUri = new Uri("http://127.0.0.1:1/"), PageSize = 25 });

        var page = await client.GetListensAsync("iliek computers", 1587245843, 1500000000);

        Assert.Equal((25, (long?)1587239566, (long?)1587245842), (page.Listens.Count, page.OldestTs, page.NewestTs));
        Assert.Equal("http://127.0.0.1:1/1/user/iliek%20computers/listens?count=25&max_ts=1587245843&min_ts=1500000000", Assert.Single(handler.Urls));
        Assert.Null(handler.Authorizations[0]);
    }

    [Theory]
    [InlineData("token_validity_good_token_response.json", true, "iliekcomputers", "Token valid.")]
    [InlineData("token_validity_bad_token_response.json", false, null, "Token invalid.")]
    public async Task ValidateTokenAsync_RecordedResponses_ReadValidityAndUserAndSendTheTokenHeader(string fixture, bool valid, string? user, string message)
    {
        var body = await File.ReadAllTextAsync(TestData.Fixture("api", "listenbrainz", fixture));
        var handler = new ScriptedHandler(_ => (HttpStatusCode.OK, body, null));
        using var http = new HttpClient(handler);
        using var client = new ListenBrainzClient(http, new ListenBrainzOptions { ApiBaseUri = new Uri("http://127.0.0.1:1/"), Token = "s3cret" });

        var check = await client.ValidateTokenAsync();

        Assert.Equal(new ListenBrainzTokenCheck(valid, user, message), check);
        Assert.Equal("Token s3cret", handler.Authorizations[0]);
        Assert.DoesNotContain("s3cret", client.Options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WalkBackwardAsync_SameSecondPairsAtPageCuts_FetchesEveryListenOnceWithoutRateLimitViolations()
    {
        var world = FakeListenWorld.Generate(new FakeListenWorldOptions { Listens = 2_000, SameSecondPairs = 60, BoundaryPairs = 15, BoundaryPageSize = 100 });
        await using var server = await FakeListenBrainzServer.StartAsync(world, new FakeListenBrainzOptions { RateLimit = 8, Inject429Every = 7 });
        using var http = new HttpClient();
        using var client = new ListenBrainzClient(http, new ListenBrainzOptions { ApiBaseUri = server.BaseUri, PageSize = 100 });

        var keys = new List<(long, string)>();
        await foreach (var page in client.WalkBackwardAsync(world.UserName, null, null))
        {
            keys.AddRange(page.Listens.Select(ListenBrainzClient.Key));
        }

        Assert.Equal(2_000, keys.Count);
        Assert.Equal(2_000, keys.Distinct().Count());
        Assert.Equal(0, server.Stats.RateLimitViolations);
        Assert.True(server.Stats.Served429 > 0);
        Assert.Equal(server.Stats.Served429, client.Stats.RateLimited);
        Assert.Equal(15, world.BoundaryPairs);
    }

    [Fact]
    public async Task WalkForwardAsync_FromAStoredSecond_FetchesOnlyNewerListensInTwoPages()
    {
        var world = FakeListenWorld.Generate(new FakeListenWorldOptions { Listens = 3_000, SameSecondPairs = 30, BoundaryPairs = 5, BoundaryPageSize = 500 });
        var newest = world.LatestTs!.Value;
        world.AddNewer(500);
        await using var server = await FakeListenBrainzServer.StartAsync(world, new FakeListenBrainzOptions());
        using var http = new HttpClient();
        using var client = new ListenBrainzClient(http, new ListenBrainzOptions { ApiBaseUri = server.BaseUri });

        var listens = new List<JsonElement>();
        await foreach (var page in client.WalkForwardAsync(world.UserName, newest - 1))
        {
            listens.AddRange(page.Listens);
        }

        Assert.Equal(501, listens.Count); // the stored newest listen again, and the 500 new ones (the first in the same second)
        Assert.Equal(2, client.Stats.Pages);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Walks_AFullPageInOneSecond_StepPastItAndFetchTheRest(bool forward)
    {
        // 3 listens at second 100 and 5 at second 50 with pages of 5: the page of second 50 is full and cannot be split.
        var listens = new List<(long Ts, string Msid)> { (200, "a"), (100, "b"), (100, "c"), (100, "d") };
        listens.AddRange(Enumerable.Range(0, 5).Select(i => (50L, "s" + i)));
        listens.Add((10, "z"));
        var handler = new ScriptedHandler(url => (HttpStatusCode.OK, ListensPage(listens, url, 5), null));
        using var http = new HttpClient(handler);
        using var client = new ListenBrainzClient(http, new ListenBrainzOptions { ApiBaseUri = new Uri("http://127.0.0.1:1/"), PageSize = 5 });

        var got = new List<(long, string)>();
        var walk = forward ? client.WalkForwardAsync("u", 0) : client.WalkBackwardAsync("u", null, null);
        await foreach (var page in walk)
        {
            got.AddRange(page.Listens.Select(ListenBrainzClient.Key));
        }

        Assert.Equal(listens.Order().ToArray(), got.Order().ToArray());
        Assert.Equal(1, client.Stats.SecondsSteppedPast);
    }

    [Fact]
    public async Task GetListensAsync_429WithResetIn_WaitsThatLongThenRetries()
    {
        var calls = 0;
        var handler = new ScriptedHandler(_ => ++calls == 1
            ? ((HttpStatusCode)429, "{}", new Dictionary<string, string> { ["X-RateLimit-Reset-In"] = "1", ["X-RateLimit-Remaining"] = "0" })
            : (HttpStatusCode.OK, "{\"payload\":{\"listens\":[]}}", null));
        using var http = new HttpClient(handler);
        using var client = new ListenBrainzClient(http, new ListenBrainzOptions { ApiBaseUri = new Uri("http://127.0.0.1:1/") });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var page = await client.GetListensAsync("u", null, null);

        Assert.Empty(page.Listens);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), clock.Elapsed.ToString());
        Assert.Equal((2L, 1L, 1L), (client.Stats.Requests, client.Stats.RateLimited, client.Stats.ResetWaits));
    }

    [Fact]
    public async Task GetListensAsync_BadToken_FailsInOneSentenceWithoutTheToken()
    {
        var world = FakeListenWorld.Generate(new FakeListenWorldOptions { Listens = 100, SameSecondPairs = 0, BoundaryPairs = 0 });
        await using var server = await FakeListenBrainzServer.StartAsync(world, new FakeListenBrainzOptions());
        using var http = new HttpClient();
        using var client = new ListenBrainzClient(http, new ListenBrainzOptions { ApiBaseUri = server.BaseUri, Token = "wrong-token-123" });

        var ex = await Assert.ThrowsAsync<ListenBrainzException>(() => client.GetListensAsync(world.UserName, null, null));
        var check = await client.ValidateTokenAsync();

        Assert.Equal("ListenBrainz /1/user/{user}/listens answered 401: the token was rejected.", ex.Message);
        Assert.False(check.Valid);
        Assert.Equal(100, await new ListenBrainzClient(http, new ListenBrainzOptions { ApiBaseUri = server.BaseUri }).GetListenCountAsync(world.UserName));
    }

    private static string ListensPage(List<(long Ts, string Msid)> all, string url, int count)
    {
        var q = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query);
        long? max = q["max_ts"] is { } m ? long.Parse(m, System.Globalization.CultureInfo.InvariantCulture) : null;
        long? min = q["min_ts"] is { } n ? long.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : null;
        var range = all.Where(l => (max is null || l.Ts < max) && (min is null || l.Ts > min)).OrderByDescending(l => l.Ts).ToList();
        var page = min is not null && max is null ? range.AsEnumerable().Reverse().Take(count).Reverse() : range.Take(count);
        var sb = new StringBuilder("{\"payload\":{\"listens\":[");
        sb.AppendJoin(',', page.Select(l => $"{{\"listened_at\":{l.Ts},\"recording_msid\":\"{l.Msid}\"}}"));
        return sb.Append("]}}").ToString();
    }

    /// <summary>Answers each request from a function of its URL; records URLs and Authorization headers.</summary>
    private sealed class ScriptedHandler(Func<string, (HttpStatusCode Status, string Body, Dictionary<string, string>? Headers)> answer) : HttpMessageHandler
    {
        public List<string> Urls { get; } = [];

        public List<string?> Authorizations { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Urls.Add(request.RequestUri!.AbsoluteUri);
            Authorizations.Add(request.Headers.Authorization?.ToString());
            var (status, body, headers) = answer(request.RequestUri.AbsoluteUri);
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            foreach (var (k, v) in headers ?? [])
            {
                response.Headers.TryAddWithoutValidation(k, v);
            }

            return Task.FromResult(response);
        }
    }
}

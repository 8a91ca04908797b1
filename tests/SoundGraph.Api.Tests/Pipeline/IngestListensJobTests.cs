using System.Net;
using System.Text.Json;
using Dapper;
using SoundGraph.Api.Tests.Taste;
using SoundGraph.FakeListenBrainz;

namespace SoundGraph.Api.Tests.Pipeline;

/// <summary><c>POST /api/ingest/listens</c> against the fake ListenBrainz server (a SYNTHETIC history) on 127.0.0.1: the
/// job syncs, its status URL shows progress and then the counts, and the token never leaves the server.</summary>
public sealed class IngestListensJobTests(TasteApiFixture taste) : IClassFixture<TasteApiFixture>, IAsyncLifetime
{
    private const string Token = "synthetic-token";
    private FakeListenWorld _world = null!;
    private FakeListenBrainzServer _server = null!;

    public async Task InitializeAsync()
    {
        _world = FakeListenWorld.Generate(new FakeListenWorldOptions { Listens = 1_500, SameSecondPairs = 20, BoundaryPairs = 2, BoundaryPageSize = 300, Tracks = 200 });
        _server = await FakeListenBrainzServer.StartAsync(_world, new FakeListenBrainzOptions { RateLimit = 100 });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private TasteApiFactory Factory(string? token, FakeListenBrainzServer? server = null) => new(taste.Db, taste.WebRoot, IPAddress.Loopback, new Dictionary<string, string>
    {
        ["SoundGraph:ListenBrainz:BaseUrl"] = (server ?? _server).BaseUri.ToString(),
        ["SoundGraph:ListenBrainz:Token"] = token ?? " ",
    });

    [Fact]
    public async Task IngestListens_FirstThenAgain_StoresEveryListenOnceShowsProgressThenTheCountsAndNeverTheToken()
    {
        await using var factory = Factory(Token);
        var client = new RecordingClient(factory.CreateClient());

        var (accepted, seen, first) = await client.RunJobAsync("/api/ingest/listens?user=synthetic-listener");
        var (_, _, again) = await client.RunJobAsync("/api/ingest/listens?user=synthetic-listener");

        Assert.Equal("ingest-listens", accepted.GetProperty("kind").GetString());
        Assert.Equal("synthetic-listener", accepted.GetProperty("subject").GetProperty("user").GetString());
        Assert.True(first.GetProperty("status").GetString() == "done", first.ToString());
        var result = first.GetProperty("result");
        // Pages: the walk back (1,000 + 500 + the empty end) and the forward walk from the newest second (2).
        Assert.Equal(("synthetic-listener", 1_500L, 1_500L, 0L, 0L, 5L), (
            result.GetProperty("user").GetString(), result.GetProperty("fetched").GetInt64(), result.GetProperty("stored").GetInt64(),
            result.GetProperty("skipped").GetInt64(), result.GetProperty("rejected").GetInt64(), result.GetProperty("pages").GetInt64()));
        Assert.Equal($"up to {DateTimeOffset.FromUnixTimeSeconds(_world.LatestTs!.Value):u}: 1500 fetched, 1500 stored", first.GetProperty("progress").GetString());
        Assert.All(seen.Where(v => v.GetProperty("status").GetString() != "done"), v => Assert.Equal(JsonValueKind.Null, v.GetProperty("result").ValueKind));
        Assert.Equal(1_500, await taste.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listens l JOIN users u ON u.id = l.user_id WHERE l.source = 'listenbrainz' AND u.key LIKE '%:synthetic-listener'"));

        // Incremental: the second run fetches only the newest second again and stores nothing.
        Assert.Equal("done", again.GetProperty("status").GetString());
        Assert.Equal((0L, 1L), (again.GetProperty("result").GetProperty("stored").GetInt64(), again.GetProperty("result").GetProperty("skipped").GetInt64()));
        Assert.DoesNotContain(Token, client.Everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestListens_TokenTheServerRejects_JobFailsSayingSoWithoutTheToken()
    {
        const string wrong = "wrong-token-0123456789";
        await using var factory = Factory(wrong);
        var client = new RecordingClient(factory.CreateClient());

        var (_, _, job) = await client.RunJobAsync("/api/ingest/listens?user=synthetic-listener");

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.StartsWith("ListenBrainz rejected the token (Token invalid): ", job.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, client.Everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestListens_NoToken_Returns503NamingTheSetting()
    {
        if (Environment.GetEnvironmentVariable("LISTENBRAINZ_TOKEN") is { Length: > 0 })
        {
            return; // the variable is the fallback of the setting: with it set there is no missing token to report
        }

        await using var factory = Factory(token: null);
        var client = new RecordingClient(factory.CreateClient());

        var (status, problem, response) = await client.SendAsync(HttpMethod.Post, "/api/ingest/listens?user=synthetic-listener");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ListenBrainz is not configured", problem.GetProperty("title").GetString());
        Assert.Equal("No ListenBrainz token: set SoundGraph:ListenBrainz:Token (or the LISTENBRAINZ_TOKEN environment variable) where sgr serve runs.",
            problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/ingest/listens?user=synthetic-listener&since=yesterday", "since", "since must be a date (2024-01-31), an ISO 8601 time (2024-01-31T18:00:00Z) or unix seconds (got 'yesterday').")]
    [InlineData("/api/ingest/listens?user=synthetic-listener&since=2024-13-01", "since", "since must be a date (2024-01-31), an ISO 8601 time (2024-01-31T18:00:00Z) or unix seconds (got '2024-13-01').")]
    [InlineData("/api/ingest/listens?user=synthetic-listener&since=99999999999999", "since", "since must be a date (2024-01-31), an ISO 8601 time (2024-01-31T18:00:00Z) or unix seconds (got '99999999999999').")]
    [InlineData("/api/ingest/listens", "user", "user is required: 1 to 100 characters.")]
    [InlineData("/api/ingest/listens?user=a&user=b", "user", "user must be given once")]
    public async Task IngestListens_BadParameter_Returns400NamingIt(string path, string field, string expected)
    {
        await using var factory = Factory(Token);
        var client = new RecordingClient(factory.CreateClient());

        var (status, problem, _) = await client.SendAsync(HttpMethod.Post, path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(expected, TasteHttp.ErrorOf(problem, field), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestListens_SinceInUnixSeconds_FetchesTheListensFromThenOn()
    {
        // A user of its own, so the other tests' syncs (the stored cursor) do not matter.
        var world = FakeListenWorld.Generate(new FakeListenWorldOptions { UserName = "since-listener", Listens = 600, SameSecondPairs = 5, BoundaryPairs = 1, BoundaryPageSize = 300, Tracks = 50 });
        await using var server = await FakeListenBrainzServer.StartAsync(world, new FakeListenBrainzOptions { RateLimit = 100, Tokens = new Dictionary<string, string> { [Token] = "since-listener" } });
        await using var factory = Factory(Token, server);
        var client = new RecordingClient(factory.CreateClient());
        var since = world.Page(maxTs: null, minTs: null, count: 100)[^1]["listened_at"]!.GetValue<long>(); // the 100th newest listen's second
        var expected = world.Page(maxTs: null, minTs: since - 1, count: int.MaxValue).Count;

        var (_, _, job) = await client.RunJobAsync($"/api/ingest/listens?user=since-listener&since={since}");

        Assert.Equal("done", job.GetProperty("status").GetString());
        Assert.InRange(expected, 1, 599);
        Assert.Equal(expected, job.GetProperty("result").GetProperty("fetched").GetInt64());
    }
}

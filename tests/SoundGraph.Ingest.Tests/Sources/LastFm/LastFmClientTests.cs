using Microsoft.Extensions.Logging;
using SoundGraph.FakeLastFm;
using SoundGraph.Ingest.Sources.LastFm;

namespace SoundGraph.Ingest.Tests.Sources.LastFm;

/// <summary><see cref="LastFmClient"/> against the fake Last.fm server (a SYNTHETIC world) on 127.0.0.1: error codes,
/// backoff, the User-Agent and the API key kept out of spills, logs and messages.</summary>
public sealed class LastFmClientTests
{
    private const string Key = "synthetic-key";

    [Fact]
    public async Task GetTrackTopTagsAsync_UnknownTrack_ReturnsNullOnceWithoutRetrying()
    {
        await using var server = await Start(new FakeLastFmOptions());
        using var http = new HttpClient();
        using var client = new LastFmClient(http, Options(server));

        var tags = await client.GetTrackTopTagsAsync("Nobody", "Nothing");
        var known = await client.GetTrackTopTagsAsync("Synthetic Artist 3", "Synthetic Track 3");
        var single = await client.GetTrackTopTagsAsync("Synthetic Artist 11", "Synthetic Track 11");

        Assert.Null(tags);
        Assert.Equal([("synthetic-genre-3", 100), ("synthetic-mood-3", 13), ("synthetic-unloved", 0)], known!.Select(t => (t.Name, t.Count)));
        Assert.Equal([("synthetic-genre-4", 100)], single!.Select(t => (t.Name, t.Count)));
        Assert.Equal((3L, 1L, 0L), (client.Stats.Requests, client.Stats.NotFound, client.Stats.Retries));
        Assert.Equal(["SoundGraph/0.4 (+https://github.com/soundgraph/soundgraph; contact: soundgraph@example.org)"], server.Stats.UserAgents.Keys);
    }

    [Fact]
    public async Task Calls_ServerInjectsErrors11And16_RetriesEachAndAnswers()
    {
        await using var server = await Start(new FakeLastFmOptions { InjectTemporaryEvery = 2 });
        using var http = new HttpClient();
        using var client = new LastFmClient(http, Options(server));

        var first = await client.GetArtistTopTagsAsync("Synthetic Artist 5");
        var second = await client.GetTrackInfoAsync("Synthetic Artist 5", "Synthetic Track 5");
        var third = await client.GetTrackTopTagsByMbidAsync("00000002-5e5e-4000-8000-000000000006");

        // Requests 2 (error 11, HTTP 200) and 4 (error 16, HTTP 503) are injected; each is retried once.
        Assert.Equal(2, first!.Count);
        Assert.Equal("synthetic-genre-6", third![0].Name);
        Assert.Equal(("Synthetic Track 5", 159_595L), (second!.Name, second.DurationMs));
        Assert.Equal((2L, 2L, 5L, 2L), (server.Stats.ServedTemporary, client.Stats.Unavailable, client.Stats.Requests, client.Stats.Retries));
    }

    [Fact]
    public async Task GetRecentTracksAsync_PrivateUser_ThrowsTheError17SentenceWithoutRetrying()
    {
        await using var server = await Start(new FakeLastFmOptions());
        using var http = new HttpClient();
        using var client = new LastFmClient(http, Options(server));

        var ex = await Assert.ThrowsAsync<LastFmException>(() => client.GetRecentTracksAsync(FakeLastFmWorld.Private, 1, null, null));

        Assert.Equal("Last.fm user synthetic-private's recent tracks are private (error 17: Login: User required to be logged in): the user hides their listening history, so there is nothing to sync.", ex.Message);
        Assert.Equal((17, 1L), (ex.ErrorCode, server.Stats.Requests));
    }

    [Fact]
    public async Task Calls_SuspendedKey_StopAtOnceWithAClearSentenceThatNeverHoldsTheKey()
    {
        await using var server = await Start(new FakeLastFmOptions());
        using var http = new HttpClient();
        var logs = new ListLogger();
        using var client = new LastFmClient(http, Options(server, "suspended-key"), logger: logs);

        var ex = await Assert.ThrowsAsync<LastFmException>(() => client.GetRecentTracksAsync(FakeLastFmWorld.Scrobbler, 1, null, null));

        Assert.StartsWith("Last.fm suspended this API key (error 26: Suspended API key", ex.Message, StringComparison.Ordinal);
        Assert.Equal((26, 1L), (ex.ErrorCode, server.Stats.Requests));
        Assert.DoesNotContain("suspended-key", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("suspended-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calls_FasterThanTheServerAllows_BackOffOnError29WithHttp200And429AndMakeNoViolation()
    {
        await using var server = await Start(new FakeLastFmOptions { RateLimit = 5, Penalty = TimeSpan.FromMilliseconds(250) });
        using var http = new HttpClient();
        using var client = new LastFmClient(http, Options(server, rps: 20, backoff: TimeSpan.FromMilliseconds(300)));

        for (var i = 0; i < 16; i++)
        {
            Assert.NotNull(await client.GetArtistTopTagsAsync("Synthetic Artist " + i));
        }

        Assert.True(server.Stats.Served29 >= 2, $"{server.Stats.Served29} error-29 answers");
        Assert.Equal(server.Stats.Served29, client.Stats.RateLimited);
        Assert.Equal(0, server.Stats.RateLimitViolations);
    }

    [Fact]
    public async Task Spill_EveryResponse_HasTheKeyRedactedFromItsUrl()
    {
        await using var server = await Start(new FakeLastFmOptions { InjectTemporaryEvery = 3 });
        using var http = new HttpClient();
        var sink = new ListSink();
        var logs = new ListLogger();
        using var client = new LastFmClient(http, Options(server), logger: logs, sink: sink);

        await client.GetRecentTracksAsync(FakeLastFmWorld.Scrobbler, 1, null, null);
        await client.GetRecentTracksAsync(FakeLastFmWorld.Scrobbler, 2, null, null);
        await client.GetTrackTopTagsAsync("Nobody", "Nothing");

        Assert.Equal(4, sink.Responses.Count);
        Assert.All(sink.Responses, r => Assert.Contains("api_key=REDACTED", r.Url, StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Responses, r => (r.Url + r.Body).Contains(Key, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Key, StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("error 11", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_NoKey_RefusesWithOneSentence()
    {
        using var http = new HttpClient();

        var ex = Assert.Throws<InvalidOperationException>(() => new LastFmClient(http, new LastFmOptions()));

        Assert.Equal(LastFmOptions.MissingApiKey, ex.Message);
    }

    internal static Task<FakeLastFmServer> Start(FakeLastFmOptions options, FakeLastFmWorld? world = null) =>
        FakeLastFmServer.StartAsync(world ?? FakeLastFmWorld.Generate(new FakeLastFmWorldOptions()), options);

    internal static LastFmOptions Options(FakeLastFmServer server, string key = Key, double rps = 50, TimeSpan? backoff = null, int pageSize = 200) =>
        new() { BaseUri = server.BaseUri, ApiKey = key, RequestsPerSecond = rps, PageSize = pageSize, RetryBaseDelay = TimeSpan.FromMilliseconds(20), RateLimitBackoff = backoff ?? TimeSpan.FromMilliseconds(1100) };

    private sealed class ListSink : ILastFmResponseSink
    {
        public List<LastFmResponse> Responses { get; } = [];

        public ValueTask OnResponseAsync(LastFmResponse response, CancellationToken cancellationToken)
        {
            Responses.Add(response);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class ListLogger : ILogger<LastFmClient>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
    }
}

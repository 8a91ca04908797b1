using System.Net;
using SoundGraph.Api.Tests.Taste;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.FakeLastFm;

namespace SoundGraph.Api.Tests.Pipeline;

/// <summary><c>POST /api/tags/lastfm/sync</c> against the fake Last.fm server on 127.0.0.1: <c>since</c> keeps the fill to
/// tracks listened since then (and their artists), and the API key never leaves the server.</summary>
public sealed class LastFmTagsJobTests(TasteApiFixture taste) : IClassFixture<TasteApiFixture>, IAsyncLifetime
{
    private const string Key = "synthetic-key";
    private FakeLastFmServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await FakeLastFmServer.StartAsync(FakeLastFmWorld.Generate(new FakeLastFmWorldOptions { Scrobbles = 10, Tracks = 10 }), new FakeLastFmOptions { RateLimit = 100 });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private TasteApiFactory Factory(string? key) => new(taste.Db, taste.WebRoot, IPAddress.Loopback, new Dictionary<string, string>
    {
        ["SoundGraph:LastFm:BaseUrl"] = _server.BaseUri.ToString(),
        ["SoundGraph:LastFm:ApiKey"] = key ?? " ",
    });

    [Fact]
    public async Task TagsSync_SinceAfterEveryListenThenBefore_LooksUpNothingThenEveryListenedTrackAndTheArtist()
    {
        await using var factory = Factory(Key);
        var client = new RecordingClient(factory.CreateClient());

        var (accepted, _, later) = await client.RunJobAsync("/api/tags/lastfm/sync?since=2030-01-01");
        var (_, _, all) = await client.RunJobAsync("/api/tags/lastfm/sync?since=2024-01-01T00:00:00Z");

        Assert.Equal("lastfm-tags", accepted.GetProperty("kind").GetString());
        Assert.Equal(1000, accepted.GetProperty("subject").GetProperty("limit").GetInt32());
        Assert.Equal((0L, 0L), (later.GetProperty("result").GetProperty("lookedUp").GetInt64(), later.GetProperty("result").GetProperty("requests").GetInt64()));
        Assert.True(all.GetProperty("status").GetString() == "done", all.ToString());
        // TasteSample: seven listened tracks, all by Taste Band, which the fake does not know (error 6, recorded).
        var result = all.GetProperty("result");
        Assert.Equal((8L, 8L), (result.GetProperty("lookedUp").GetInt64(), result.GetProperty("notFound").GetInt64()));
        Assert.DoesNotContain(Key, client.Everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagsSync_KeyTheServerRejects_JobFailsWithoutTheKey()
    {
        // A track listened in 2020 only, so there is something to ask for whichever test ran first (and the 2024 fill above
        // leaves it out).
        var batch = new CatalogBatch();
        batch.Artists.Add(new ArtistRecord(EntityKeys.ArtistByName("Fresh Artist"), "Fresh Artist"));
        batch.Tracks.Add(new TrackRecord("test:track:fresh", "Fresh", "Fresh Artist"));
        batch.Credits.Add(new CreditRecord("test:track:fresh", EntityKeys.ArtistByName("Fresh Artist"), CreditRole.Primary, 0));
        batch.Listens.Add(new ListenRecord("test:user:ana", "test:track:fresh", new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.Zero), 180_000, "test"));
        await taste.Store.Catalog.WriteAsync(batch);
        const string wrong = "wrong-key-0123456789abcdef";
        await using var factory = Factory(wrong);
        var client = new RecordingClient(factory.CreateClient());

        var (_, _, job) = await client.RunJobAsync("/api/tags/lastfm/sync?since=2020-01-01&limit=1");

        Assert.True(job.GetProperty("status").GetString() == "failed", job.ToString());
        Assert.False(string.IsNullOrWhiteSpace(job.GetProperty("error").GetString()));
        Assert.DoesNotContain(wrong, client.Everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagsSync_NoKey_Returns503NamingTheSetting()
    {
        if (Environment.GetEnvironmentVariable("LASTFM_API_KEY") is { Length: > 0 })
        {
            return; // the variable is the fallback of the setting: with it set there is no missing key to report
        }

        await using var factory = Factory(key: null);
        var client = new RecordingClient(factory.CreateClient());

        var (status, problem, _) = await client.SendAsync(HttpMethod.Post, "/api/tags/lastfm/sync");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("No Last.fm API key: set SoundGraph:LastFm:ApiKey (or the LASTFM_API_KEY environment variable) where sgr serve runs.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/tags/lastfm/sync?since=2024-01-01T25:00", "since", "since must be a date (2024-01-31), an ISO 8601 time (2024-01-31T18:00:00Z) or unix seconds (got '2024-01-01T25:00').")]
    [InlineData("/api/tags/lastfm/sync?limit=0", "limit", "limit must be")]
    public async Task TagsSync_BadParameter_Returns400NamingIt(string path, string field, string expected)
    {
        await using var factory = Factory(Key);
        var client = new RecordingClient(factory.CreateClient());

        var (status, problem, _) = await client.SendAsync(HttpMethod.Post, path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(expected, TasteHttp.ErrorOf(problem, field), StringComparison.Ordinal);
    }
}

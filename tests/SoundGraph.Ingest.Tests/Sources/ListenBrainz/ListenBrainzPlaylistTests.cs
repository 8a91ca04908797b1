using System.Text.Json.Nodes;
using SoundGraph.FakeListenBrainz;
using SoundGraph.Ingest.Sources.ListenBrainz;

namespace SoundGraph.Ingest.Tests.Sources.ListenBrainz;

/// <summary><c>POST /1/playlist/create</c> against the fake server: the JSPF body as sent, the token header, the answer's
/// MBID, and the failures (401 without the token in the message, 400 with the server's message, no token at all).</summary>
public sealed class ListenBrainzPlaylistTests
{
    private const string Recording = "https://musicbrainz.org/recording/00000000-0000-4000-8000-000000000001";

    private static JsonObject Jspf(string identifier = Recording) => new()
    {
        ["playlist"] = new JsonObject
        {
            ["title"] = "mia — 2021-W07",
            ["extension"] = new JsonObject { ["https://musicbrainz.org/doc/jspf#playlist"] = new JsonObject { ["public"] = false } },
            ["track"] = new JsonArray(new JsonObject { ["identifier"] = identifier, ["title"] = "Song 01", ["creator"] = "Artist 1" }),
        },
    };

    private static async Task<FakeListenBrainzServer> StartAsync(int inject429Every = 0) =>
        await FakeListenBrainzServer.StartAsync(
            FakeListenWorld.Generate(new FakeListenWorldOptions { Listens = 10, SameSecondPairs = 0, BoundaryPairs = 0 }),
            new FakeListenBrainzOptions { Inject429Every = inject429Every });

    [Fact]
    public async Task CreatePlaylistAsync_ValidToken_SendsTheJspfExactlyAndReturnsTheNewMbid()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient();
        using var client = new ListenBrainzClient(http, new ListenBrainzOptions { ApiBaseUri = server.BaseUri, Token = "synthetic-token" });

        var mbid = await client.CreatePlaylistAsync(Jspf());

        var created = Assert.Single(server.Playlists.Created);
        Assert.Equal(created.Mbid, mbid);
        Assert.Equal("synthetic-listener", created.UserName);
        Assert.Equal(
            "{\"playlist\":{\"title\":\"mia \\u2014 2021-W07\",\"extension\":{\"https://musicbrainz.org/doc/jspf#playlist\":{\"public\":false}},"
            + "\"track\":[{\"identifier\":\"https://musicbrainz.org/recording/00000000-0000-4000-8000-000000000001\",\"title\":\"Song 01\",\"creator\":\"Artist 1\"}]}}",
            created.Body);
        Assert.Equal("mia — 2021-W07", JsonNode.Parse(created.Body)!["playlist"]!["title"]!.GetValue<string>());
        Assert.Equal(1, client.Stats.Requests);
    }

    [Fact]
    public async Task CreatePlaylistAsync_RejectedToken_FailsWith401InOneSentenceWithoutTheToken()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient();
        using var client = new ListenBrainzClient(http, new ListenBrainzOptions { ApiBaseUri = server.BaseUri, Token = "wrong-token-4711" });

        var ex = await Assert.ThrowsAsync<ListenBrainzException>(() => client.CreatePlaylistAsync(Jspf()));

        Assert.Equal("ListenBrainz /1/playlist/create answered 401: the token was rejected.", ex.Message);
        Assert.Equal((401, "/1/playlist/create"), (ex.Status, ex.Endpoint));
        Assert.DoesNotContain("wrong-token-4711", ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(server.Playlists.Created);
    }

    [Fact]
    public async Task CreatePlaylistAsync_TrackWithoutRecordingUrl_FailsWithTheServersMessage()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient();
        using var client = new ListenBrainzClient(http, new ListenBrainzOptions { ApiBaseUri = server.BaseUri, Token = "synthetic-token" });

        var ex = await Assert.ThrowsAsync<ListenBrainzException>(() => client.CreatePlaylistAsync(Jspf("spotify:track:4uLU6hMCjMI75M1A2tKUQC")));

        Assert.Equal("ListenBrainz /1/playlist/create answered 400: Track 0 should contain a MusicBrainz recording MBID.", ex.Message);
        Assert.Empty(server.Playlists.Created);
    }

    [Fact]
    public async Task CreatePlaylistAsync_NoToken_RefusesWithoutSendingAnything()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient();
        using var client = new ListenBrainzClient(http, new ListenBrainzOptions { ApiBaseUri = server.BaseUri });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.CreatePlaylistAsync(Jspf()));

        Assert.Equal("Creating a ListenBrainz playlist needs a user token: set LISTENBRAINZ_TOKEN or give a token file.", ex.Message);
        Assert.Equal(0, server.Stats.Requests);
    }

    [Fact]
    public async Task CreatePlaylistAsync_Answered429_WaitsForTheResetThenCreatesItOnce()
    {
        await using var server = await StartAsync(inject429Every: 2);
        using var http = new HttpClient();
        using var client = new ListenBrainzClient(http, new ListenBrainzOptions { ApiBaseUri = server.BaseUri, Token = "synthetic-token" });
        Assert.True((await client.ValidateTokenAsync()).Valid); // request 1; the create is request 2, answered 429

        var mbid = await client.CreatePlaylistAsync(Jspf());

        Assert.Equal(mbid, Assert.Single(server.Playlists.Created).Mbid);
        Assert.Equal((3L, 1L, 1L), (client.Stats.Requests, client.Stats.RateLimited, client.Stats.ResetWaits));
        Assert.Equal(0, server.Stats.RateLimitViolations);
    }
}

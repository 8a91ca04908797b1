using SoundGraph.Core.Identity;
using SoundGraph.FakeMusicBrainz;
using SoundGraph.Ingest.Sources.MusicBrainz;

namespace SoundGraph.Ingest.Tests.Sources.MusicBrainz;

/// <summary>The WS/2 JSON client against the fake MusicBrainz server: shapes, contact, pacing, 503 back-off.</summary>
public sealed class MusicBrainzClientTests
{
    [Fact]
    public void Constructor_WithoutContact_RefusesWithOneSentence()
    {
        using var http = new HttpClient();
        var ex = Assert.Throws<InvalidOperationException>(() => new MusicBrainzClient(http, new MusicBrainzOptions { Contact = " " }));
        Assert.Equal(MusicBrainzOptions.MissingContact, ex.Message);
        Assert.Equal("MusicBrainz requires a contact in the User-Agent: pass --contact EMAIL (or set MUSICBRAINZ_CONTACT) before querying it.", ex.Message);
    }

    [Fact]
    public void SearchQuery_EscapesQuotesAndBackslashesInsidePhrases()
    {
        Assert.Equal("recording:\"Say \\\"Hi\\\" \\\\ Bye\" AND artist:\"A & B\"", MusicBrainzClient.SearchQuery(" Say \"Hi\" \\ Bye ", "A & B"));
        Assert.Equal("recording:\"Solo\"", MusicBrainzClient.SearchQuery("Solo", null));
        Assert.Equal("USABC2500001", TrackIds.Canonical(TrackIds.Isrc, " us-abc-25-00001 "));
        Assert.Null(TrackIds.Canonical(TrackIds.Isrc, "US-ABC-25"));
    }

    [Fact]
    public async Task Lookups_ReadTheDocumentedJsonShapes_AndSendTheUserAgent()
    {
        await using var server = await FakeMusicBrainzServer.StartAsync(MusicBrainzTestWorld.Create(), new FakeMusicBrainzOptions { RequestsPerSecond = 1000 });
        using var http = new HttpClient();
        using var client = MusicBrainzTestWorld.Client(http, server.BaseUri);

        var recording = await client.LookupRecordingAsync(MusicBrainzTestWorld.SongA);
        Assert.NotNull(recording);
        Assert.Equal(("Song A", 201_000L), (recording.Title, recording.Length));
        Assert.Equal("Band feat. Guest & Other", recording.CreditedAs);
        Assert.Equal([" feat. ", " & ", ""], recording.ArtistCredit.Select(c => c.JoinPhrase));
        Assert.Equal(MusicBrainzTestWorld.Guest.ToString("D"), recording.ArtistCredit[1].Artist.Id);
        Assert.Equal(["USABC2500001"], recording.Isrcs);
        Assert.Equal([("pop", 3), ("summer", 0)], recording.Tags.Select(t => (t.Name, t.Count)));
        Assert.Equal([("pop", 2), ("dance", 1)], recording.Genres.Select(t => (t.Name, t.Count)));
        Assert.Equal(["Album A"], recording.Releases.Select(r => r.Title));

        var isrc = await client.LookupIsrcAsync("usabc2500001");
        Assert.NotNull(isrc);
        Assert.Equal([MusicBrainzTestWorld.SongA.ToString("D")], isrc.Recordings.Select(r => r.Id));
        Assert.Null(await client.LookupIsrcAsync("XXXXX0000000"));
        Assert.Null(await client.LookupRecordingAsync(Guid.Parse("99999999-9999-4999-8999-999999999999")));

        var search = await client.SearchRecordingsAsync(MusicBrainzClient.SearchQuery("Twin", "Duo"), 5);
        Assert.Equal([(MusicBrainzTestWorld.TwinOne.ToString("D"), 100), (MusicBrainzTestWorld.TwinTwo.ToString("D"), 100)], search.Recordings.Select(r => (r.Id, r.Score ?? -1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.SearchRecordingsAsync("recording:\"x\"", 101));

        Assert.Equal((5, 2L), (server.Log.Entries.Count, client.Stats.NotFound));
        Assert.All(server.Log.Entries, e => Assert.Equal($"SoundGraph/{MusicBrainzOptions.Version} ( tests@example.org )", e.UserAgent));
    }

    [Fact]
    public async Task DefaultRate_OneRequestPerSecond_NeverTwoInFlight_No503()
    {
        await using var server = await FakeMusicBrainzServer.StartAsync(MusicBrainzTestWorld.Create());
        using var http = new HttpClient();
        using var client = new MusicBrainzClient(http, new MusicBrainzOptions { BaseUri = server.BaseUri, Contact = "tests@example.org" });

        for (var i = 0; i < 4; i++)
        {
            Assert.NotNull(await client.LookupRecordingAsync(MusicBrainzTestWorld.Solo));
        }

        Assert.Equal(0, server.TooFast);
        Assert.Equal(1, server.Log.MaxInFlight);
        Assert.True(server.Log.MeanStartSpacing() >= 1.0, $"mean spacing {server.Log.MeanStartSpacing():F3} s");
    }

    [Fact]
    public async Task TooFast_503_IsBackedOffAndRetried()
    {
        // The client is configured at 10 requests/s against a server enforcing 1/s: the server answers 503 and the client
        // backs off until each request gets through.
        await using var server = await FakeMusicBrainzServer.StartAsync(MusicBrainzTestWorld.Create(), new FakeMusicBrainzOptions { RequestsPerSecond = 1 });
        using var http = new HttpClient();
        using var client = MusicBrainzTestWorld.Client(http, server.BaseUri, rps: 10, maxRetries: 12, retryBaseSeconds: 0.3);

        var titles = new List<string>();
        foreach (var id in new[] { MusicBrainzTestWorld.SongA, MusicBrainzTestWorld.Solo, MusicBrainzTestWorld.TwinOne })
        {
            titles.Add((await client.LookupRecordingAsync(id))!.Title);
        }

        Assert.Equal(["Song A", "Solo", "Twin"], titles);
        Assert.True(client.Stats.ServiceUnavailable >= 1);
        Assert.Equal(server.TooFast, client.Stats.ServiceUnavailable);
        Assert.Equal(client.Stats.ServiceUnavailable, client.Stats.Retries);
        Assert.Equal(3 + client.Stats.ServiceUnavailable, client.Stats.Requests);
        Assert.Equal(1, server.Log.MaxInFlight);
    }

    [Fact]
    public async Task TooFast_RetriesExhausted_ThrowsNamingTheEndpoint()
    {
        await using var server = await FakeMusicBrainzServer.StartAsync(MusicBrainzTestWorld.Create(), new FakeMusicBrainzOptions { RequestsPerSecond = 0.01, ToleranceSeconds = 0 });
        using var http = new HttpClient();
        using var client = MusicBrainzTestWorld.Client(http, server.BaseUri, rps: 50, maxRetries: 1, retryBaseSeconds: 0.05);
        Assert.NotNull(await client.LookupRecordingAsync(MusicBrainzTestWorld.Solo));

        var ex = await Assert.ThrowsAsync<MusicBrainzException>(() => client.LookupRecordingAsync(MusicBrainzTestWorld.Solo));
        Assert.Equal("MusicBrainz recording/{mbid} failed after 2 attempt(s): last answer status 503.", ex.Message);
        Assert.Equal(503, ex.StatusCode);
    }
}

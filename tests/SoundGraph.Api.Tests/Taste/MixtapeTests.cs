using System.Net;
using System.Text.Json;
using static SoundGraph.Api.Tests.Taste.TasteHttp;

namespace SoundGraph.Api.Tests.Taste;

/// <summary><c>POST /api/mixtapes</c>: the tracklist with explanations and the document (200), creating it on the fake
/// ListenBrainz (201), and the 400 that names each bad field, 422 and 502.</summary>
public sealed class MixtapeTests(MixtapeApiFixture mix) : IClassFixture<MixtapeApiFixture>
{
    [Fact]
    public async Task Post_Week_200WithTheTracklistExplanationsAndTheJspf()
    {
        var before = mix.ListenBrainz.Playlists.Created.Count;

        var (status, body, response) = await mix.Client.SendJsonAsync(HttpMethod.Post, "/api/mixtapes", new { user = "mia", week = "2021-W07" });

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("mia", body.GetProperty("listener").GetProperty("name").GetString());
        Assert.Equal(("2021-W07", "2021-02-15", "2021-02-21", "UTC"), (body.GetProperty("period").GetString(), body.GetProperty("from").GetString(), body.GetProperty("to").GetString(), body.GetProperty("timeZone").GetString()));
        Assert.Equal(76.0, body.GetProperty("totalMinutes").GetDouble(), 9);
        var tracks = body.GetProperty("tracks").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 19), tracks.Select(t => t.GetProperty("position").GetInt32()));
        Assert.All(tracks, t => Assert.False(string.IsNullOrEmpty(t.GetProperty("explanation").GetString())));
        Assert.Equal(0, tracks[0].GetProperty("startS").GetDouble());
        Assert.Equal(240, tracks[1].GetProperty("startS").GetDouble());
        Assert.Equal(("jspf", "application/jspf+json"), (body.GetProperty("format").GetString(), body.GetProperty("mediaType").GetString()));
        using var jspf = JsonDocument.Parse(body.GetProperty("document").GetString()!);
        var playlist = jspf.RootElement.GetProperty("playlist");
        Assert.Equal("mia — 2021-W07", playlist.GetProperty("title").GetString());
        Assert.Equal(
            tracks.Select(t => "https://musicbrainz.org/recording/" + t.GetProperty("mbid").GetString()),
            playlist.GetProperty("track").EnumerateArray().Select(t => t.GetProperty("identifier")[0].GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("listenBrainz").ValueKind);
        Assert.Equal(before, mix.ListenBrainz.Playlists.Created.Count);
    }

    [Fact]
    public async Task Post_RangeAsM3u8In60Minutes_15TracksAndAnM3u8Document()
    {
        var (status, body, _) = await mix.Client.SendJsonAsync(HttpMethod.Post, "/api/mixtapes", new { user = "mia", from = "2021-02-15", to = "2021-02-21", minutes = 60, format = "M3U8" });

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal("2021-02-15…2021-02-21", body.GetProperty("period").GetString());
        Assert.Equal(15, body.GetProperty("tracks").GetArrayLength());
        Assert.Equal(("m3u8", "audio/x-mpegurl"), (body.GetProperty("format").GetString(), body.GetProperty("mediaType").GetString()));
        var document = body.GetProperty("document").GetString()!;
        Assert.StartsWith("#EXTM3U\n#PLAYLIST:mia — 2021-02-15…2021-02-21\n", document, StringComparison.Ordinal);
        Assert.Equal(15, document.Split('\n').Count(l => l.EndsWith(" (no local file or Spotify URI)", StringComparison.Ordinal))); // the API fixture has no files
    }

    [Fact]
    public async Task Post_ListenBrainz_201WithThePlaylistUrlAndTheJspfTheFakeReceived()
    {
        var (status, body, response) = await mix.Client.SendJsonAsync(HttpMethod.Post, "/api/mixtapes", new { user = "mia", week = "2021-W07", listenbrainz = true });

        Assert.True(status == HttpStatusCode.Created, body.ToString());
        var created = mix.ListenBrainz.Playlists.Created.Single(p => p.Mbid == body.GetProperty("listenBrainz").GetProperty("playlistMbid").GetGuid());
        var url = $"https://listenbrainz.org/playlist/{created.Mbid:D}";
        Assert.Equal(url, response.Headers.Location?.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var lb = body.GetProperty("listenBrainz");
        Assert.Equal((url, 19, 0), (lb.GetProperty("playlistUrl").GetString(), lb.GetProperty("tracksSent").GetInt32(), lb.GetProperty("tracksLeftOut").GetInt32()));
        Assert.Equal("synthetic-listener", created.UserName);
        using var sent = JsonDocument.Parse(created.Body);
        var playlist = sent.RootElement.GetProperty("playlist");
        Assert.Equal("mia — 2021-W07", playlist.GetProperty("title").GetString());
        Assert.Equal(
            body.GetProperty("tracks").EnumerateArray().Select(t => "https://musicbrainz.org/recording/" + t.GetProperty("mbid").GetString()),
            playlist.GetProperty("track").EnumerateArray().Select(t => t.GetProperty("identifier").GetString()));
    }

    [Fact]
    public async Task Post_ListenBrainzRejectsTheToken_502WithoutTheToken()
    {
        await using var factory = mix.Factory("revoked-token-2718");
        using var client = factory.CreateClient();

        var (status, body, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/mixtapes", new { user = "mia", week = "2021-W07", listenbrainz = true });

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("ListenBrainz rejected the configured token (SoundGraph:ListenBrainz:Token or LISTENBRAINZ_TOKEN).", body.GetProperty("detail").GetString());
        Assert.DoesNotContain("revoked-token-2718", body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ListenBrainzMisconfigured_503ButPlainMixtapesStillAnswer()
    {
        await using var factory = new TasteApiFactory(mix.Db, mix.WebRoot, IPAddress.Loopback, new Dictionary<string, string>
        {
            ["SoundGraph:ListenBrainz:BaseUrl"] = "http://lb.example/",
            ["SoundGraph:ListenBrainz:Token"] = "some-token-1618",
        });
        using var client = factory.CreateClient();

        var (status, body, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/mixtapes", new { user = "mia", week = "2021-W07", listenbrainz = true });
        var (plain, _, _) = await client.SendJsonAsync(HttpMethod.Post, "/api/mixtapes", new { user = "mia", week = "2021-W07" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(
            "SoundGraph:ListenBrainz: ListenBrainzOptions.ApiBaseUri must be an absolute https URI (plain http only on 127.0.0.1/localhost).",
            body.GetProperty("detail").GetString());
        Assert.DoesNotContain("some-token-1618", body.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, plain);
    }

    [Fact]
    public async Task Post_WeekWithoutPlays_422SayingWhy()
    {
        var (status, body, _) = await mix.Client.SendJsonAsync(HttpMethod.Post, "/api/mixtapes", new { user = "mia", week = "2021-W08" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.StartsWith("2021-W08 (UTC): The week has only 0.0 min of distinct tracks", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{}""", "user", "user,week", "user is required: the listener's name, key or id (user:12), 1–200 characters, or a positive whole-number id.")]
    [InlineData("""{"user":"mia"}""", "week", "week", "Give the period: week (\"2021-W07\"), or from and to (\"2021-02-01\", \"2021-02-14\").")]
    [InlineData("""{"user":"mia","week":"2021-7"}""", "week", "week", "'2021-7' is not an ISO week such as 2021-W07 (YYYY-Www, a week the year has).")]
    [InlineData("""{"user":"mia","week":"2021-W07","from":"2021-02-01"}""", "week", "week", "Give either week or from and to, not both.")]
    [InlineData("""{"user":"mia","from":"2021-02-10","to":"2021-02-01"}""", "to", "to", "to must be on or after from, at most 366 days later.")]
    [InlineData("""{"user":"mia","from":"2021-02-10","to":"10.02.2021"}""", "to", "to", "'10.02.2021' is not a day such as 2021-02-15 (YYYY-MM-DD).")]
    [InlineData("""{"user":"mia","week":"2021-W07","minutes":95}""", "minutes", "minutes", "minutes must be a number from 60 to 90 (default 75).")]
    [InlineData("""{"user":"mia","week":"2021-W07","format":"pls"}""", "format", "format", "format must be jspf, xspf or m3u8 (default jspf).")]
    [InlineData("""{"user":"mia","week":"2021-W07","listenbrainz":"yes"}""", "listenbrainz", "listenbrainz", "listenbrainz must be true or false (default false).")]
    [InlineData("""{"user":"mia","week":"2021-W07","listenBrainz":true}""", "listenBrainz", "listenBrainz", "Unknown field; the body takes user, week, from, to, minutes, format, listenbrainz.")]
    [InlineData("""{"user":"nobody-here","week":"2021-W07"}""", "user", "user", "No user matches 'nobody-here'.")]
    [InlineData("""[1]""", "body", "body", "The body must be a JSON object: {\"user\": \"mia\", \"week\": \"2021-W07\"}.")]
    public async Task Post_BadBody_400NamingTheField(string raw, string field, string fields, string message)
    {
        var (status, body, response) = await mix.Client.SendJsonAsync(HttpMethod.Post, "/api/mixtapes", raw);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(message, ErrorOf(body, field, fields.Split(',')));
    }

    [Fact]
    public async Task Post_NotJson_415()
    {
        using var content = new StringContent("user=mia", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await mix.Client.PostAsync(new Uri("/api/mixtapes", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}

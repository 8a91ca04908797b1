using System.Text.Json;
using SoundGraph.FakeSoundCloud.Server;
using SoundGraph.FakeSoundCloud.Tests.TestSupport;

namespace SoundGraph.FakeSoundCloud.Tests.Server;

public sealed class ResourceTests
{
    private const string NotFoundBody = """{"errors":[{"error_message":"404 - Not Found"}]}""";

    [Fact]
    public async Task Track_PublicTrack_ContractFieldsInSoundCloudFormat()
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);
        var track = h.World.Tracks.First(t => !t.IsPrivate && t.PublisherMetadata is not null);
        var user = h.World.User(track.UserId)!;

        var json = await h.GetJsonAsync($"tracks/{track.Id}", await h.TokenAsync());

        Assert.Equal(track.Id, json.GetProperty("id").GetInt64());
        Assert.Equal("track", json.GetProperty("kind").GetString());
        Assert.Equal($"soundcloud:tracks:{track.Id}", json.GetProperty("urn").GetString());
        Assert.Equal(track.Title, json.GetProperty("title").GetString());
        Assert.Equal(track.CreatedAt.UtcDateTime.ToString("yyyy'/'MM'/'dd HH':'mm':'ss", System.Globalization.CultureInfo.InvariantCulture) + " +0000", json.GetProperty("created_at").GetString());
        Assert.Equal(user.Permalink, json.GetProperty("user").GetProperty("permalink").GetString());
        Assert.Equal($"https://soundcloud.com/{user.Permalink}/{track.Permalink}", json.GetProperty("permalink_url").GetString());
        Assert.Equal(track.FavoritingsCount, json.GetProperty("favoritings_count").GetInt32());
        Assert.Equal(track.TagList, json.GetProperty("tag_list").GetString());
        Assert.Equal(track.PublisherMetadata!.PLine, json.GetProperty("publisher_metadata").GetProperty("p_line").GetString());
        foreach (var field in new[] { "duration", "genre", "label_name", "release_year", "bpm", "isrc", "key_signature", "playback_count", "reposts_count", "comment_count", "download_count", "uri", "streamable", "sharing", "artwork_url", "waveform_url" })
        {
            Assert.True(json.TryGetProperty(field, out _), field);
        }
    }

    [Theory]
    [InlineData("tracks/1")]
    [InlineData("tracks/s38720262")]
    [InlineData("users/1")]
    [InlineData("playlists/blahblahrubbosh")]
    [InlineData("tracks/1/favoriters")]
    [InlineData("users/1/likes/tracks")]
    public async Task Get_UnknownId_404WithSoundCloudBody(string path)
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);

        using var response = await h.GetAsync(path, await h.TokenAsync());

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal(NotFoundBody, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/favoriters")]
    [InlineData("/comments")]
    public async Task Get_PrivateTrack_403EmptyBody(string suffix)
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);
        var track = h.World.Tracks.First(t => t.IsPrivate);

        using var response = await h.GetAsync($"tracks/{track.Id}{suffix}", await h.TokenAsync());

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Resolve_TrackUrl_302WithLocationHeaderAndBody()
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);
        var track = h.World.Tracks.First(t => !t.IsPrivate);
        var expected = new Uri(h.Server.BaseUri, $"tracks/{track.Id}").AbsoluteUri;

        using var response = await h.GetAsync($"resolve?url={Uri.EscapeDataString(h.World.TrackUrl(track))}", await h.TokenAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.AbsoluteUri);
        Assert.Equal("302 - Found", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(expected, body.RootElement.GetProperty("location").GetString());
    }

    [Fact]
    public async Task Resolve_UnknownUrl_404()
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);

        using var response = await h.GetAsync($"resolve?url={Uri.EscapeDataString("https://soundcloud.com/nobody-here-at-all/x")}", await h.TokenAsync());

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal(NotFoundBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Playlist_ById_HoldsTheWorldsTracksInOrder()
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);
        var playlist = h.World.Playlists.MaxBy(p => p.TrackIds.Count)!;

        var json = await h.GetJsonAsync($"playlists/{playlist.Id}", await h.TokenAsync());

        Assert.Equal("playlist", json.GetProperty("kind").GetString());
        Assert.Equal(playlist.TrackIds, json.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));
        Assert.Equal(playlist.TrackIds.Count, json.GetProperty("track_count").GetInt32());
    }

    [Fact]
    public async Task Stats_ByEndpoint_CountsRouteTemplates()
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);
        var token = await h.TokenAsync();
        var track = h.World.Tracks.First(t => !t.IsPrivate);

        (await h.GetAsync($"tracks/{track.Id}", token)).Dispose();
        (await h.GetAsync($"tracks/{track.Id}", token)).Dispose();
        (await h.GetAsync($"tracks/{track.Id}/favoriters", token)).Dispose();
        (await h.GetAsync("no/such/path", token)).Dispose();

        var byEndpoint = h.Server.Stats.ByEndpoint;
        Assert.Equal(1, byEndpoint["POST /oauth/token"]);
        Assert.Equal(2, byEndpoint["GET /tracks/{id}"]);
        Assert.Equal(1, byEndpoint["GET /tracks/{id}/favoriters"]);
        Assert.Equal(1, byEndpoint["other"]);
        Assert.Equal(5, h.Server.Stats.Requests);
        Assert.Equal(5, h.Server.Stats.RequestStarts.Count);
    }

    [Fact]
    public async Task Latency_Configured_DelaysEachApiRequest()
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small, new FakeServerOptions { Latency = TimeSpan.FromMilliseconds(150) });
        var token = await h.TokenAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        using var response = await h.GetAsync($"users/{h.World.Users[0].Id}", token);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(150), watch.Elapsed.ToString());
    }
}

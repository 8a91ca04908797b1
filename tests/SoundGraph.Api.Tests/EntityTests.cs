using System.Net;

namespace SoundGraph.Api.Tests;

[Collection(ApiFixtureGroup.Name)]
public sealed class EntityTests(ApiFixture api)
{
    private const string BrightsideKey = "spotify:track:003vvx7Niy0yvhvHt4a68B";

    [Fact]
    public async Task GetTrack_DemoTrack_ReturnsItsStoredFieldsAndCredits()
    {
        var id = await api.ScalarAsync<long>("SELECT id FROM tracks WHERE key = @BrightsideKey", new { BrightsideKey });
        var streams = await api.ScalarAsync<long?>("SELECT streams FROM tracks WHERE id = @id", new { id });
        var credits = await api.QueryAsync<long>("SELECT artist_id FROM track_credits WHERE track_id = @id ORDER BY artist_id", new { id });

        var body = await api.Client.OkJsonAsync($"/api/tracks/{id}");

        Assert.Equal(id, body.GetProperty("id").GetInt64());
        Assert.Equal(BrightsideKey, body.GetProperty("key").GetString());
        Assert.Equal("Mr. Brightside", body.GetProperty("title").GetString());
        Assert.Equal("Mr. Brightside — The Killers", body.GetProperty("name").GetString());
        Assert.Equal(streams, body.GetProperty("streams").GetInt64());
        Assert.Equal(credits, body.GetProperty("artists").Items().Select(a => a.GetProperty("id").GetInt64()).Order());
        Assert.Equal(System.Text.Json.JsonValueKind.Object, body.GetProperty("audioFeatures").ValueKind);
    }

    [Fact]
    public async Task GetArtist_Rihanna_ReturnsKeyListenersAndTags()
    {
        var (id, key) = (await api.QueryAsync<(long, string)>("SELECT id, key FROM artists WHERE name = 'Rihanna'")).Single();
        var listeners = await api.ScalarAsync<long>("SELECT COUNT(*) FROM engagements WHERE target_type = 1 AND target_id = @id", new { id });

        var body = await api.Client.OkJsonAsync($"/api/artists/{id}");

        Assert.Equal(key, body.GetProperty("key").GetString());
        Assert.Equal("Rihanna", body.GetProperty("name").GetString());
        Assert.Equal(listeners, body.GetProperty("listeners").GetInt64());
        Assert.NotEmpty(body.GetProperty("tags").Items());
    }

    [Fact]
    public async Task GetUser_FirstUser_ReturnsKeyAndNameFromTheStore()
    {
        var (id, key, name) = (await api.QueryAsync<(long, string, string)>("SELECT id, key, name FROM users ORDER BY id LIMIT 1")).Single();

        var body = await api.Client.OkJsonAsync($"/api/users/{id}");

        Assert.Equal(id, body.GetProperty("id").GetInt64());
        Assert.Equal(key, body.GetProperty("key").GetString());
        Assert.Equal(name, body.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("tracks", "track")]
    [InlineData("artists", "artist")]
    [InlineData("users", "user")]
    public async Task GetEntity_UnknownId_Returns404ProblemNamingKindAndId(string path, string kind)
    {
        var (status, type, body, _) = await api.Client.GetJsonAsync($"/api/{path}/999999999");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", type);
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.5", body.GetProperty("type").GetString());
        Assert.Equal("Not Found", body.GetProperty("title").GetString());
        Assert.Equal($"No {kind} with id 999999999.", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task GetArtist_NonNumericId_Returns400NamingId()
    {
        var message = await api.Client.AssertValidationProblemAsync("/api/artists/abc", "id");

        Assert.Equal("id must be a positive whole number (got 'abc').", message);
    }
}

using System.Net;

namespace SoundGraph.Api.Tests;

[Collection(ApiFixtureGroup.Name)]
public sealed class HealthAndSearchTests(ApiFixture api)
{
    [Fact]
    public async Task Health_DemoStore_CountsEqualTheStoresRows()
    {
        var body = await api.Client.OkJsonAsync("/health");

        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal("sqlite", body.GetProperty("provider").GetString());
        Assert.Equal(await api.ScalarAsync<long>("SELECT COUNT(*) FROM tracks"), body.GetProperty("tracks").GetInt64());
        Assert.Equal(await api.ScalarAsync<long>("SELECT COUNT(*) FROM artists"), body.GetProperty("artists").GetInt64());
        Assert.Equal(await api.ScalarAsync<long>("SELECT COUNT(*) FROM users"), body.GetProperty("users").GetInt64());
        Assert.Equal(await api.ScalarAsync<long>("SELECT COUNT(*) FROM relations"), body.GetProperty("relations").GetInt64());
    }

    [Fact]
    public async Task Search_Rihanna_FindsTheStoredArtistFirstWithExactScore()
    {
        var ids = await api.QueryAsync<long>("SELECT id FROM artists WHERE name = 'Rihanna'");

        var body = await api.Client.OkJsonAsync("/api/search?q=Rihanna&kind=artist");

        Assert.Equal("Rihanna", body.GetProperty("query").GetString());
        var first = body.GetProperty("results")[0];
        Assert.Equal("artist", first.GetProperty("kind").GetString());
        Assert.Equal("Rihanna", first.GetProperty("name").GetString());
        Assert.Contains(first.GetProperty("id").GetInt64(), ids);
        Assert.Equal(100, first.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task Search_LimitOne_ReturnsOneResult()
    {
        var body = await api.Client.OkJsonAsync("/api/search?q=Rihanna&limit=1");

        Assert.Single(body.GetProperty("results").Items());
    }

    [Fact]
    public async Task Search_NothingMatches_ReturnsEmptyList()
    {
        var body = await api.Client.OkJsonAsync("/api/search?q=zzqqxxjj%20nothing%20like%20this");

        Assert.Empty(body.GetProperty("results").Items());
    }

    [Fact]
    public async Task Search_WithoutQ_Returns400NamingQ()
    {
        var message = await api.Client.AssertValidationProblemAsync("/api/search", "q");

        Assert.Equal("q is required: 1 to 200 characters.", message);
    }

    [Fact]
    public async Task Search_LimitAboveFifty_Returns400WithTheValue()
    {
        var message = await api.Client.AssertValidationProblemAsync("/api/search?q=a&limit=51", "limit");

        Assert.Equal("limit must be between 1 and 50 (got 51).", message);
    }

    [Fact]
    public async Task UnknownApiPath_Returns404ProblemJson()
    {
        var (status, type, body, _) = await api.Client.GetJsonAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", type);
        Assert.Equal(404, body.GetProperty("status").GetInt32());
    }
}

using System.Net;

namespace SoundGraph.Api.Tests;

[Collection(ApiFixtureGroup.Name)]
public sealed class RecommendTests(ApiFixture api)
{
    [Fact]
    public async Task RecommendTrack_ModelNotTrained_Returns404NamingTheTrainCommand()
    {
        Assert.Equal(0, await api.ScalarAsync<long>("SELECT COUNT(*) FROM embeddings"));
        var id = await api.ScalarAsync<long>("SELECT MIN(id) FROM tracks");

        var (status, type, body, _) = await api.Client.GetJsonAsync($"/api/recommend/track/{id}?model=sage");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", type);
        Assert.Contains("`sgr train sage`", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecommendTrack_UnknownModel_Returns400NamingModel()
    {
        var message = await api.Client.AssertValidationProblemAsync("/api/recommend/track/1?model=bert", "model");

        Assert.Equal("model must be one of sage, raw, fastrp (got 'bert').", message);
    }

    [Fact]
    public async Task RecommendTrack_UnknownTrack_Returns404()
    {
        var (status, _, body, _) = await api.Client.GetJsonAsync("/api/recommend/track/999999999");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("No track with id 999999999.", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Models_NothingTrained_ListsTheThreeModelsAsUnavailable()
    {
        var body = await api.Client.OkJsonAsync("/api/recommend/models");

        var models = body.GetProperty("models").Items().ToList();
        Assert.Equal(["fastrp", "raw", "sage"], models.Select(m => m.GetProperty("name").GetString()));
        Assert.All(models, m => Assert.False(m.GetProperty("available").GetBoolean()));
    }
}

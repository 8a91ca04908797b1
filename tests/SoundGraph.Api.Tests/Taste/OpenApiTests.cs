using System.Text.Json;

namespace SoundGraph.Api.Tests.Taste;

/// <summary>The personal endpoints in the OpenAPI document: their parameters carry real schemas and descriptions.</summary>
public sealed class OpenApiTests(TasteApiFixture taste) : IClassFixture<TasteApiFixture>
{
    [Fact]
    public async Task OpenApi_PersonalParameters_CarryTheirSchemas()
    {
        var document = await taste.Client.OkJsonAsync("/openapi/v1.json");
        var trajectory = Parameters(document, "/api/dashboard/trajectory", "get");
        var radar = Parameters(document, "/api/dashboard/radar", "get");
        var outliers = Parameters(document, "/api/dashboard/outliers", "get");
        var map = Parameters(document, "/api/dashboard/map", "get");
        var job = Parameters(document, "/api/jobs/{id}", "get");
        var aggregate = Parameters(document, "/api/aggregate/weeks", "post");
        var labels = Parameters(document, "/api/labels", "delete");

        Assert.Equal(["user", "window"], trajectory.Keys.Order(StringComparer.Ordinal));
        Assert.All(trajectory.Values.Concat(radar.Values).Concat(aggregate.Values), p => Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("description").GetString())));
        Assert.Equal("""{"maxLength":200,"minLength":1,"type":"string"}""", Schema(trajectory["user"]));
        Assert.Equal("""{"pattern":"^[0-9]{1,3}[wW]?$","type":"string","default":"12w"}""", Schema(trajectory["window"]));
        Assert.Equal("""{"pattern":"^[0-9]{4}-W[0-9]{2}$","type":"string"}""", Schema(radar["week"]));
        Assert.Equal("""{"maximum":50,"minimum":1,"type":"integer","format":"int32","default":10}""", Schema(outliers["limit"]));
        Assert.Equal(["limit", "user", "window"], map.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("""{"maximum":2000,"minimum":1,"type":"integer","format":"int32","default":500}""", Schema(map["limit"]));
        Assert.Equal("""{"pattern":"^[0-9a-f]{32}$","type":"string"}""", Schema(job["id"]));
        Assert.Equal("""{"type":"boolean","default":false}""", Schema(aggregate["force"]));
        Assert.Contains("\"energy\"", Schema(labels["axis"]), StringComparison.Ordinal);
        Assert.True(document.GetProperty("paths").GetProperty("/api/labels").GetProperty("post").TryGetProperty("requestBody", out _));
    }

    private static Dictionary<string, JsonElement> Parameters(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("parameters").Items().ToDictionary(p => p.GetProperty("name").GetString()!);

    private static string Schema(JsonElement parameter) => parameter.GetProperty("schema").GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal).ReplaceLineEndings(string.Empty);
}

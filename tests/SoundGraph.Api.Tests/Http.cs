using System.Net;
using System.Text.Json;

namespace SoundGraph.Api.Tests;

/// <summary>GETs a path and parses the JSON body.</summary>
internal static class Http
{
    public static async Task<(HttpStatusCode Status, string? ContentType, JsonElement Body, HttpResponseMessage Response)> GetJsonAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, response);
    }

    public static async Task<JsonElement> OkJsonAsync(this HttpClient client, string path)
    {
        var (status, type, body, _) = await client.GetJsonAsync(path);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {body}");
        Assert.Equal("application/json", type);
        return body;
    }

    /// <summary>Asserts a 400 validation problem whose errors name exactly <paramref name="parameter"/>; returns its message.</summary>
    public static async Task<string> AssertValidationProblemAsync(this HttpClient client, string path, string parameter)
    {
        var (status, type, body, _) = await client.GetJsonAsync(path);
        Assert.True(status == HttpStatusCode.BadRequest, $"{path}: {(int)status} {body}");
        Assert.Equal("application/problem+json", type);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.1", body.GetProperty("type").GetString());
        var errors = body.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal([parameter], errors);
        return body.GetProperty("errors").GetProperty(parameter)[0].GetString()!;
    }

    public static IEnumerable<JsonElement> Items(this JsonElement array) => array.EnumerateArray();
}

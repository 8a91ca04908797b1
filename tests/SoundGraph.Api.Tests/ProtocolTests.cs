using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SoundGraph.Api.Tests;

/// <summary>HTTP behaviour every endpoint shares: HEAD, compression, repeated parameters, long bad values, the
/// OpenAPI document's parameter schemas.</summary>
[Collection(ApiFixtureGroup.Name)]
public sealed class ProtocolTests(ApiFixture api)
{
    [Theory]
    [InlineData("/health", "application/json")]
    [InlineData("/api/artists/1", "application/json")]
    [InlineData("/api/search?q=Rihanna", "application/json")]
    [InlineData("/openapi/v1.json", "application/json")]
    [InlineData("/api/artists/999999998", "application/problem+json")]
    public async Task Head_AnyGetRoute_AnswersLikeGet(string path, string contentType)
    {
        using var get = await api.Client.GetAsync(new Uri(path, UriKind.Relative));
        using var head = await api.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(path, UriKind.Relative)));

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(contentType, head.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Compression_AcceptEncodingGzip_ReturnsGzipOfTheSameJson()
    {
        var path = "/api/artists/1?nonce=" + Guid.NewGuid().ToString("N");
        using var plain = await api.Client.GetAsync(new Uri(path, UriKind.Relative));
        var expected = await plain.Content.ReadAsStringAsync();

        // The second request is answered from the output cache, and still compressed for this client.
        using var zipped = await SendAsync(path, "gzip");

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], zipped.Content.Headers.ContentEncoding);
        Assert.NotNull(zipped.Headers.Age);
        Assert.Equal("application/json", zipped.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected, await GunzipAsync(zipped));
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(expected).RootElement.ValueKind);
    }

    [Fact]
    public async Task Compression_CachedAfterACompressedAnswer_IsPlainForAClientWithoutAcceptEncoding()
    {
        var path = "/api/search?q=Rihanna&nonce=" + Guid.NewGuid().ToString("N");
        using var zipped = await SendAsync(path, "gzip");
        var unzipped = await GunzipAsync(zipped);

        using var plain = await api.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(["gzip"], zipped.Content.Headers.ContentEncoding);
        Assert.NotNull(plain.Headers.Age);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(unzipped, await plain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Compression_AcceptEncodingBrotli_ReturnsBrotliForAProblem()
    {
        using var response = await SendAsync("/api/tracks/abc", "br");
        await using var stream = new BrotliStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var body = await JsonDocument.ParseAsync(stream);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("id must be a positive whole number (got 'abc').", body.RootElement.GetProperty("errors").GetProperty("id")[0].GetString());
    }

    [Theory]
    [InlineData("/api/search?q=rihanna&q=gaga", "q")]
    [InlineData("/api/search?q=rihanna&kind=artist&kind=artist", "kind")]
    [InlineData("/api/search?q=rihanna&limit=5&limit=6", "limit")]
    [InlineData("/api/unveil/artist/1?limit=5&limit=6", "limit")]
    [InlineData("/api/related/artist/1?k=1&k=2", "k")]
    [InlineData("/api/graph/artist/1?depth=1&depth=1", "depth")]
    [InlineData("/api/graph/artist/1?k=1&k=2", "k")]
    [InlineData("/api/recommend/track/1?model=sage&model=raw", "model")]
    [InlineData("/api/recommend/track/1?k=3&k=3", "k")]
    public async Task AnyEndpoint_SingleValuedParameterRepeated_Returns400NamingIt(string path, string parameter)
    {
        var message = await api.Client.AssertValidationProblemAsync(path, parameter);

        Assert.Equal($"{parameter} must be given once (got 2 values).", message);
    }

    [Fact]
    public async Task Related_RelationRepeated_MergesTheCodes()
    {
        var body = await api.Client.OkJsonAsync("/api/related/artist/1?relation=artist_co_listen&relation=artist_tag_overlap&k=1");

        Assert.Equal(["artist_co_listen", "artist_tag_overlap"], body.GetProperty("relations").Items().Select(r => r.GetProperty("relation").GetString()));
    }

    [Fact]
    public async Task Graph_SevenThousandCharacterRelation_EchoesSixtyCharactersOfIt()
    {
        var message = await api.Client.AssertValidationProblemAsync("/api/graph/artist/1?relation=" + new string('x', 7000), "relation");

        Assert.StartsWith($"Unknown relation '{new string('x', 60)}…': expected one of track_co_playlist, ", message, StringComparison.Ordinal);
        Assert.True(message.Length < 400, $"{message.Length} characters");
    }

    [Theory]
    [InlineData("/api/tracks/", "id")]
    [InlineData("/api/unveil/", "kind")]
    public async Task AnyEndpoint_LongBadPathValue_EchoesSixtyCharactersOfIt(string prefix, string parameter)
    {
        var path = prefix + new string('7', 30) + new string('z', 70) + (parameter == "kind" ? "/1" : string.Empty);

        var message = await api.Client.AssertValidationProblemAsync(path, parameter);

        Assert.Contains($"(got '{new string('7', 30)}{new string('z', 30)}…').", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_UnknownDocument_Returns404Problem()
    {
        var (status, type, body, _) = await api.Client.GetJsonAsync("/openapi/v2.json");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", type);
        Assert.Equal(404, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task OpenApi_GraphParameters_CarryTheirRealSchemas()
    {
        var document = await api.Client.OkJsonAsync("/openapi/v1.json");
        var parameters = document.GetProperty("paths").GetProperty("/api/graph/{kind}/{id}").GetProperty("get").GetProperty("parameters")
            .Items().ToDictionary(p => p.GetProperty("name").GetString()!);

        Assert.Equal(["depth", "id", "k", "kind", "relation"], parameters.Keys.Order(StringComparer.Ordinal));
        Assert.All(parameters.Values, p => Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("description").GetString())));
        Assert.Equal("""{"minimum":1,"type":"integer","format":"int64"}""", Schema(parameters["id"]));
        Assert.Equal("""{"enum":["track","artist","user"],"type":"string"}""", Schema(parameters["kind"]));
        Assert.Equal("""{"maximum":2,"minimum":1,"type":"integer","format":"int32","default":1}""", Schema(parameters["depth"]));
        Assert.Equal("""{"maximum":200,"minimum":1,"type":"integer","format":"int32","default":10}""", Schema(parameters["k"]));
        Assert.Equal("""{"type":"string"}""", Schema(parameters["relation"]));
        Assert.Contains("artist: artist_co_playlist, artist_co_listen, artist_tag_overlap, artist_collaboration, artist_co_library", parameters["relation"].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_SearchAndRecommendParameters_CarryTheirBoundsAndEnums()
    {
        var document = await api.Client.OkJsonAsync("/openapi/v1.json");
        var search = Parameters(document, "/api/search");
        var recommend = Parameters(document, "/api/recommend/track/{id}");
        var unveil = Parameters(document, "/api/unveil/{kind}/{id}");

        Assert.Equal("""{"maximum":50,"minimum":1,"type":"integer","format":"int32","default":20}""", Schema(search["limit"]));
        Assert.Equal("""{"maxLength":200,"minLength":1,"type":"string"}""", Schema(search["q"]));
        Assert.Equal("""{"maximum":200,"minimum":1,"type":"integer","format":"int32","default":10}""", Schema(unveil["limit"]));
        Assert.Equal("""{"enum":["fastrp","raw","sage"],"type":"string","default":"sage"}""", Schema(recommend["model"]));
    }

    [Fact]
    public async Task OpenApi_UnveilSection_DocumentsIsEmpty()
    {
        var document = await api.Client.OkJsonAsync("/openapi/v1.json");

        var section = document.GetProperty("components").GetProperty("schemas").GetProperty("UnveilSection").GetProperty("properties");

        Assert.Equal("boolean", section.GetProperty("isEmpty").GetProperty("type").GetString());
    }

    private static Dictionary<string, JsonElement> Parameters(JsonElement document, string path) =>
        document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters").Items().ToDictionary(p => p.GetProperty("name").GetString()!);

    private static string Schema(JsonElement parameter) => parameter.GetProperty("schema").GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal).ReplaceLineEndings(string.Empty);

    private async Task<HttpResponseMessage> SendAsync(string path, string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        return await api.Client.SendAsync(request);
    }

    private static async Task<string> GunzipAsync(HttpResponseMessage response)
    {
        await using var stream = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}

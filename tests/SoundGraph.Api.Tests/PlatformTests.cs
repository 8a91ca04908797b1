using System.Net;
using System.Text.Json;

namespace SoundGraph.Api.Tests;

/// <summary>What every endpoint shares: the OpenAPI document, output caching, the web page, errors as problem details.</summary>
[Collection(ApiFixtureGroup.Name)]
public sealed class PlatformTests(ApiFixture api)
{
    [Fact]
    public async Task OpenApi_Document_ListsEveryEndpointPath()
    {
        var body = await api.Client.OkJsonAsync("/openapi/v1.json");

        var paths = body.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "/api/aggregate/weeks", "/api/analyze/track/{id}", "/api/artists/{id}", "/api/dashboard/map", "/api/dashboard/moods", "/api/dashboard/outliers",
                "/api/dashboard/radar", "/api/dashboard/trajectory", "/api/graph/{kind}/{id}", "/api/import/spotify-export", "/api/ingest/listens", "/api/jobs/{id}", "/api/labels",
                "/api/me", "/api/me/delete-data", "/api/me/sync/listenbrainz", "/api/mixtapes", "/api/recommend/models", "/api/recommend/track/{id}", "/api/related/{kind}/{id}",
                "/api/score/track/{id}", "/api/search", "/api/services", "/api/services/{service}", "/api/tags/lastfm/sync", "/api/tokens", "/api/tokens/{id}",
                "/api/tracks/{id}", "/api/unveil/{kind}/{id}",
                "/api/users/{id}", "/health",
            ],
            paths);
    }

    [Fact]
    public async Task OutputCache_SecondIdenticalRequest_IsServedWithoutOpeningTheStore()
    {
        var access = (StoreAccess)api.Factory.Services.GetService(typeof(StoreAccess))!;
        var path = "/api/search?q=Lady%20Gaga&limit=3&nonce=" + Guid.NewGuid().ToString("N");

        var first = await api.Client.GetAsync(new Uri(path, UriKind.Relative));
        var opened = access.SessionsOpened;
        var second = await api.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("public, max-age=60", first.Headers.CacheControl?.ToString());
        Assert.Equal("public, max-age=60", second.Headers.CacheControl?.ToString());
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(opened, access.SessionsOpened);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OutputCache_ErrorResponse_IsNotCached()
    {
        var path = "/api/artists/999999998?nonce=" + Guid.NewGuid().ToString("N");

        await api.Client.GetAsync(new Uri(path, UriKind.Relative));
        var second = await api.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Null(second.Headers.Age);
        Assert.Null(second.Headers.CacheControl);
    }

    [Fact]
    public async Task OutputCache_CacheSecondsZero_EveryRequestReadsTheStore()
    {
        await using var factory = new ApiFactory(api.Db, api.EmptyWebRoot, cacheSeconds: 0);
        using var client = factory.CreateClient();
        var access = (StoreAccess)factory.Services.GetService(typeof(StoreAccess))!;

        await client.GetAsync(new Uri("/api/search?q=Rihanna", UriKind.Relative));
        var opened = access.SessionsOpened;
        var second = await client.GetAsync(new Uri("/api/search?q=Rihanna", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Null(second.Headers.Age);
        Assert.Equal("no-cache", second.Headers.CacheControl?.ToString());
        Assert.Equal(opened + 1, access.SessionsOpened);
    }

    [Fact]
    public async Task Root_PageNotBuilt_SaysHowToBuildIt()
    {
        var response = await api.Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("run npm ci && npm run build in web/", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_PageBuilt_ServesIndexHtml()
    {
        var root = Path.Combine(Path.GetTempPath(), "sg-web-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(root, "index.html"), "<!doctype html><title>SoundGraph test page</title>");
            await using var factory = new ApiFactory(api.Db, root, cacheSeconds: 60);
            using var client = factory.CreateClient();

            var response = await client.GetAsync(new Uri("/", UriKind.Relative));

            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("<!doctype html><title>SoundGraph test page</title>", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Bad input of every kind, on every endpoint: always a 400 problem naming the parameter, never a 500.</summary>
    [Theory]
    [InlineData("/api/search?q=", "q")]
    [InlineData("/api/search?q=%20%20", "q")]
    [InlineData("/api/search?q=a&limit=0", "limit")]
    [InlineData("/api/search?q=a&limit=-5", "limit")]
    [InlineData("/api/search?q=a&limit=abc", "limit")]
    [InlineData("/api/search?q=a&limit=99999999999999999999", "limit")]
    [InlineData("/api/search?q=a&kind=album", "kind")]
    [InlineData("/api/tracks/0", "id")]
    [InlineData("/api/tracks/-1", "id")]
    [InlineData("/api/tracks/1.5", "id")]
    [InlineData("/api/tracks/1e3", "id")]
    [InlineData("/api/tracks/99999999999999999999", "id")]
    [InlineData("/api/users/%20", "id")]
    [InlineData("/api/unveil/album/1", "kind")]
    [InlineData("/api/unveil/artist/x", "id")]
    [InlineData("/api/unveil/artist/1?limit=0", "limit")]
    [InlineData("/api/unveil/artist/1?limit=201", "limit")]
    [InlineData("/api/related/track/1?relation=artist_co_listen", "relation")]
    [InlineData("/api/related/user/1?relation=,", "relation")]
    [InlineData("/api/related/artist/1?k=0", "k")]
    [InlineData("/api/related/artist/1?k=2147483648", "k")]
    [InlineData("/api/graph/user/1?depth=0", "depth")]
    [InlineData("/api/graph/artist/1?depth=two", "depth")]
    [InlineData("/api/graph/track/1?relation=track_co_playlist,nope", "relation")]
    [InlineData("/api/graph/playlist/1", "kind")]
    [InlineData("/api/recommend/track/abc", "id")]
    [InlineData("/api/recommend/track/1?k=500", "k")]
    public async Task AnyEndpoint_BadParameter_Returns400NamingIt(string path, string parameter)
    {
        await api.Client.AssertValidationProblemAsync(path, parameter);
    }

    [Fact]
    public async Task Search_TwoHundredOneCharacters_Returns400NamingQ()
    {
        await api.Client.AssertValidationProblemAsync("/api/search?q=" + new string('a', 201), "q");
    }

    [Theory]
    [InlineData("/api/search?q=%27%3B%20DROP%20TABLE%20tracks%3B--")]
    [InlineData("/api/search?q=%25%25%25")]
    [InlineData("/api/search?q=%E2%80%94&kind=track")]
    [InlineData("/api/search?q=__&kind=user")]
    [InlineData("/api/related/user/1")]
    [InlineData("/api/graph/user/999999999?depth=2&k=200")]
    [InlineData("/api/unveil/track/999999999")]
    [InlineData("/api/recommend/track/1?model=fastrp&k=200")]
    public async Task AnyEndpoint_OddButValidInput_NeverReturns500(string path)
    {
        var (status, type, body, _) = await api.Client.GetJsonAsync(path);

        Assert.True((int)status < 500, $"{path}: {(int)status} {body}");
        Assert.True(status == HttpStatusCode.OK ? type == "application/json" : type == "application/problem+json", type);
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
    }
}

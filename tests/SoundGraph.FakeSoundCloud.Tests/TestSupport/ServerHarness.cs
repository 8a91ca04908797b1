using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SoundGraph.FakeSoundCloud.Server;
using SoundGraph.FakeSoundCloud.World;

namespace SoundGraph.FakeSoundCloud.Tests.TestSupport;

/// <summary>A started fake server plus an HttpClient on 127.0.0.1 that does not follow redirects.</summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    private ServerHarness(FakeSoundCloudServer server, HttpClient http, FakeServerOptions options)
    {
        Server = server;
        Http = http;
        Options = options;
    }

    public FakeSoundCloudServer Server { get; }

    public HttpClient Http { get; }

    public FakeServerOptions Options { get; }

    public FakeWorld World => Server.World;

    public static async Task<ServerHarness> StartAsync(FakeWorld world, FakeServerOptions? options = null)
    {
        options ??= new FakeServerOptions();
        var server = await FakeSoundCloudServer.StartAsync(world, options);
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseUri };
        return new ServerHarness(server, http, options);
    }

    public async Task<JsonElement> TokenJsonAsync(string grantType = "client_credentials", string? refreshToken = null, string? secret = null, string? clientId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Server.TokenUri);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId ?? Options.ClientId}:{secret ?? Options.ClientSecret}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        var form = new Dictionary<string, string> { ["grant_type"] = grantType };
        if (refreshToken is not null)
        {
            form["refresh_token"] = refreshToken;
        }

        request.Content = new FormUrlEncodedContent(form);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public async Task<string> TokenAsync() => (await TokenJsonAsync()).GetProperty("access_token").GetString()!;

    /// <summary>An access token of another client (one of <see cref="FakeServerOptions.ExtraClients"/>).</summary>
    public async Task<string> TokenAsync(string clientId, string secret) =>
        (await TokenJsonAsync(secret: secret, clientId: clientId)).GetProperty("access_token").GetString()!;

    public Task<HttpResponseMessage> GetAsync(string pathOrUrl, string? token, string scheme = "OAuth")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathOrUrl);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {token}");
        }

        return Http.SendAsync(request);
    }

    public async Task<JsonElement> GetJsonAsync(string pathOrUrl, string token)
    {
        using var response = await GetAsync(pathOrUrl, token);
        Assert.Equal(200, (int)response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    /// <summary>Follows next_href from <paramref name="firstPage"/> to the end; returns every item's id and every next_href.</summary>
    public async Task<(List<long> Ids, List<string> NextHrefs)> WalkAsync(string firstPage, string token)
    {
        var ids = new List<long>();
        var hrefs = new List<string>();
        string? url = firstPage;
        while (url is not null)
        {
            var page = await GetJsonAsync(url, token);
            ids.AddRange(page.GetProperty("collection").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
            url = page.TryGetProperty("next_href", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (url is not null)
            {
                hrefs.Add(url);
            }

            Assert.True(hrefs.Count < 10_000, "paging does not end");
        }

        return (ids, hrefs);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

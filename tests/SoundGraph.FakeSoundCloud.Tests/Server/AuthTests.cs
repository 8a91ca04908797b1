using System.Net.Http.Headers;
using SoundGraph.FakeSoundCloud.Server;
using SoundGraph.FakeSoundCloud.Tests.TestSupport;

namespace SoundGraph.FakeSoundCloud.Tests.Server;

public sealed class AuthTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Token_ClientCredentialsWithBasicAuth_IssuesTokenThatAuthorizes()
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);

        var token = await h.TokenJsonAsync();
        using var response = await h.GetAsync($"users/{h.World.Users[0].Id}", token.GetProperty("access_token").GetString());

        Assert.Equal("bearer", token.GetProperty("token_type").GetString());
        Assert.Equal(3599, token.GetProperty("expires_in").GetInt32());
        Assert.Equal("", token.GetProperty("scope").GetString());
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(1, h.Server.Stats.TokensIssued);
    }

    [Fact]
    public async Task Token_FormFieldCredentials_Accepted()
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);

        using var response = await h.Http.PostAsync(h.Server.TokenUri, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "fake-client-id",
            ["client_secret"] = "fake-client-secret",
        }));

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Token_WrongSecret_401InvalidClientWithoutEchoingTheSecret()
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);

        var body = await h.TokenJsonAsync(secret: "wrong-secret-123");

        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.DoesNotContain("wrong-secret-123", body.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, h.Server.Stats.TokensIssued);
        Assert.Equal(1, h.Server.Stats.Unauthorized);
    }

    [Fact]
    public async Task Token_RefreshTokenUsedTwice_FirstIssuesSecondIsInvalidGrant()
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);
        var refresh = (await h.TokenJsonAsync()).GetProperty("refresh_token").GetString();

        var first = await h.TokenJsonAsync("refresh_token", refresh);
        var second = await h.TokenJsonAsync("refresh_token", refresh);

        Assert.True(first.TryGetProperty("access_token", out _));
        Assert.NotEqual(refresh, first.GetProperty("refresh_token").GetString());
        Assert.Equal("invalid_grant", second.GetProperty("error").GetString());
        Assert.Equal(2, h.Server.Stats.TokensIssued);
    }

    [Fact]
    public async Task Token_UnknownGrantType_UnsupportedGrantType()
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);

        var body = await h.TokenJsonAsync("password");

        Assert.Equal("unsupported_grant_type", body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData(null, "OAuth")]
    [InlineData("not-a-token", "OAuth")]
    [InlineData("VALID", "Bearer")]
    public async Task Api_MissingUnknownOrWrongSchemeToken_401EmptyBody(string? token, string scheme)
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small);
        if (token == "VALID")
        {
            token = await h.TokenAsync();
        }

        using var response = await h.GetAsync($"tracks/{h.World.Tracks[0].Id}", token, scheme);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, h.Server.Stats.Unauthorized);
    }

    [Fact]
    public async Task Api_TokenAtItsLifetime_Expires()
    {
        var clock = new ManualTimeProvider(Start);
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small, new FakeServerOptions { TimeProvider = clock, TokenLifetime = TimeSpan.FromSeconds(60) });
        var token = await h.TokenAsync();
        var path = $"users/{h.World.Users[0].Id}";

        clock.Advance(TimeSpan.FromSeconds(59.999));
        using var before = await h.GetAsync(path, token);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        using var after = await h.GetAsync(path, token);

        Assert.Equal(200, (int)before.StatusCode);
        Assert.Equal(401, (int)after.StatusCode);
    }

    [Fact]
    public async Task Token_ServerErrorRateOneButFaultsOffToken_TokenStillIssuedApiGets500()
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small, new FakeServerOptions { ServerErrorRate = 1 });

        var token = await h.TokenAsync();
        using var response = await h.GetAsync($"users/{h.World.Users[0].Id}", token);

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal(1, h.Server.Stats.Injected5xx);
    }

    [Fact]
    public async Task Token_FaultsOnToken_TokenEndpointGets500()
    {
        await using var h = await ServerHarness.StartAsync(TestWorlds.Small, new FakeServerOptions { ServerErrorRate = 1, FaultsOnToken = true });
        using var request = new HttpRequestMessage(HttpMethod.Post, h.Server.TokenUri)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "ZmFrZS1jbGllbnQtaWQ6ZmFrZS1jbGllbnQtc2VjcmV0");

        using var response = await h.Http.SendAsync(request);

        Assert.Equal(500, (int)response.StatusCode);
    }
}

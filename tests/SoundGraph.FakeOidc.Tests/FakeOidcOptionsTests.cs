namespace SoundGraph.FakeOidc.Tests;

public sealed class FakeOidcOptionsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000/signin-oidc", true)]
    [InlineData("http://localhost:65535/signin-oidc", true)]
    [InlineData("https://127.0.0.1:44300/signin-oidc", true)]
    [InlineData("http://[::1]:8080/signin-oidc", true)]
    [InlineData("http://127.0.0.1/signin-oidc", true)]
    [InlineData("http://127.0.0.1:5000/signin-oidc/", false)]
    [InlineData("http://127.0.0.1:5000/SIGNIN-OIDC", false)]
    [InlineData("http://127.0.0.1:5000/signin-oidc?x=1", false)]
    [InlineData("http://127.0.0.1:5000/signin-oidc#x", false)]
    [InlineData("http://a@127.0.0.1:5000/signin-oidc", false)]
    [InlineData("http://127.0.0.2:5000/signin-oidc", false)]
    [InlineData("http://10.0.0.1:5000/signin-oidc", false)]
    [InlineData("http://localhost.evil.example:5000/signin-oidc", false)]
    [InlineData("ftp://127.0.0.1:5000/signin-oidc", false)]
    [InlineData("/signin-oidc", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void AllowsRedirectUri_DefaultClient_LoopbackSignInPathOnAnyPortOnly(string? uri, bool allowed) =>
        Assert.Equal(allowed, FakeOidcClient.Default.AllowsRedirectUri(uri));

    [Fact]
    public void AllowsPostLogoutRedirectUri_DefaultClient_SignOutCallbackPathOnly()
    {
        Assert.True(FakeOidcClient.Default.AllowsPostLogoutRedirectUri("http://localhost:5173/signout-callback-oidc"));
        Assert.False(FakeOidcClient.Default.AllowsPostLogoutRedirectUri("http://localhost:5173/signin-oidc"));
    }

    [Fact]
    public void AllowsRedirectUri_ExactUri_OnlyThatOne()
    {
        var client = FakeOidcClient.Default with { RedirectUris = ["https://app.example/cb"], LoopbackRedirectPaths = [] };

        Assert.True(client.AllowsRedirectUri("https://app.example/cb"));
        Assert.False(client.AllowsRedirectUri("https://app.example/cb2"));
        Assert.False(client.AllowsRedirectUri("http://127.0.0.1:5000/signin-oidc"));
    }

    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("ALICE@EXAMPLE.TEST", "alice")]
    [InlineData(" bob ", "bob")]
    [InlineData("mallory", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void FindUser_BySubjectOrEmail_CaseInsensitive(string? name, string? subject) =>
        Assert.Equal(subject, new FakeOidcOptions().FindUser(name)?.Subject);

    [Fact]
    public void Validate_Defaults_Pass() => new FakeOidcOptions().Validate();

    public static TheoryData<FakeOidcOptions> InvalidOptions() =>
    [
        new FakeOidcOptions { Users = [] },
        new FakeOidcOptions { Clients = [] },
        new FakeOidcOptions { Clients = [FakeOidcClient.Default, FakeOidcClient.Default] },
        new FakeOidcOptions { Clients = [FakeOidcClient.Default with { ClientSecret = "" }] },
        new FakeOidcOptions { Clients = [FakeOidcClient.Default with { LoopbackRedirectPaths = ["signin-oidc"] }] },
        new FakeOidcOptions { Clients = [FakeOidcClient.Default with { RedirectUris = ["/relative"] }] },
        new FakeOidcOptions { Users = [new("a", "a@example.test", "A", "p"), new("b", "A@example.test", "B", "p")] },
        new FakeOidcOptions { Users = [new("a", "a@example.test", "A", "p"), new("a@example.test", "c@example.test", "B", "p")] },
        new FakeOidcOptions { Users = [new("a", "not-an-email", "A", "p")] },
        new FakeOidcOptions { Users = [new("a", "a@example.test", "A", "")] },
        new FakeOidcOptions { SigningAlgorithm = "HS256" },
        new FakeOidcOptions { Port = 70000 },
        new FakeOidcOptions { AuthorizationCodeLifetime = TimeSpan.Zero },
    ];

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_Invalid_Throws(FakeOidcOptions options) => Assert.ThrowsAny<ArgumentException>(options.Validate);

    [Fact]
    public async Task StartAsync_InvalidOptions_ThrowsBeforeListening() =>
        await Assert.ThrowsAnyAsync<ArgumentException>(() => FakeOidcServer.StartAsync(new FakeOidcOptions { Users = [] }));
}

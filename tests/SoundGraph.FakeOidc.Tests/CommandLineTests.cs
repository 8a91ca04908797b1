namespace SoundGraph.FakeOidc.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void TryParse_NoArguments_DefaultPortClientAndUsers()
    {
        Assert.True(CommandLine.TryParse([], out var options, out var help, out var error), error);

        Assert.False(help);
        Assert.Equal(5090, options.Port);
        Assert.Equal("soundgraph", Assert.Single(options.Clients).ClientId);
        Assert.Equal("soundgraph-test-secret", options.Clients[0].ClientSecret);
        Assert.Equal(["alice", "bob", "admin", "carol"], options.Users.Select(u => u.Subject));
        Assert.True(options.ApproveLoginHint);
        Assert.Equal("ES256", options.SigningAlgorithm);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5090", 5090)]
    [InlineData("http://localhost:6000/", 6000)]
    [InlineData("http://127.0.0.1:0", 0)]
    public void TryParse_UrlsOnLoopback_Port(string urls, int port)
    {
        Assert.True(CommandLine.TryParse(["--urls", urls], out var options, out _, out var error), error);
        Assert.Equal(port, options.Port);
    }

    [Fact]
    public void TryParse_AllOptions_Applied()
    {
        var ok = CommandLine.TryParse(
            ["--port", "0", "--client-id", "demo", "--client-secret", "s3", "--redirect-uri", "https://app.example/cb", "--no-login-hint", "--signing-alg", "rs256"],
            out var options,
            out _,
            out var error);

        Assert.True(ok, error);
        var client = Assert.Single(options.Clients);
        Assert.Equal(0, options.Port);
        Assert.Equal("demo", client.ClientId);
        Assert.Equal("s3", client.ClientSecret);
        Assert.Equal(["https://app.example/cb"], client.RedirectUris);
        Assert.Equal(["/signin-oidc"], client.LoopbackRedirectPaths);
        Assert.False(options.ApproveLoginHint);
        Assert.Equal("RS256", options.SigningAlgorithm);
    }

    [Theory]
    [InlineData("--urls", "http://0.0.0.0:5090")]
    [InlineData("--urls", "https://127.0.0.1:5090")]
    [InlineData("--urls", "http://192.168.1.2:5090")]
    [InlineData("--urls", "http://127.0.0.1:5090/oidc")]
    [InlineData("--urls", "http://127.0.0.1:5090;http://localhost:5091")]
    [InlineData("--port", "x")]
    [InlineData("--port", "70000")]
    [InlineData("--signing-alg", "none")]
    [InlineData("--client-secret", "")]
    [InlineData("--bogus", "1")]
    [InlineData("--port")]
    public void TryParse_BadInput_FalseWithOneSentence(params string[] args)
    {
        Assert.False(CommandLine.TryParse(args, out _, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TryParse_Help_SetsHelp()
    {
        Assert.True(CommandLine.TryParse(["--help"], out _, out var help, out _));
        Assert.True(help);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SoundGraph.FakeOidc.Tests.TestSupport;

namespace SoundGraph.FakeOidc.Tests;

public sealed class CodeFlowTests
{
    [Fact]
    public async Task Authorize_LoginHint_RedirectsToRedirectUriWithCodeStateAndIssuer()
    {
        await using var h = await OidcHarness.StartAsync();
        var (_, challenge) = OidcHarness.NewPkce();

        using var response = await h.Http.GetAsync(h.AuthorizeUri(challenge, loginHint: "alice"));
        var parameters = OidcHarness.RedirectParameters(response, OidcHarness.RedirectUri);

        Assert.False(string.IsNullOrEmpty(parameters["code"]));
        Assert.Equal("state-123", parameters["state"]);
        Assert.Equal(h.Server.Issuer.ToString(), parameters["iss"]);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Token_CodeWithItsVerifier_IdTokenSignedByTheJwksKeyWithTheUsersClaims()
    {
        await using var h = await OidcHarness.StartAsync();
        var (code, verifier) = await h.CodeForAsync("alice");

        var (status, body) = await h.TokenAsync(code, verifier);
        Assert.Equal(HttpStatusCode.OK, status);
        var idToken = await h.ValidateIdTokenAsync(body.GetProperty("id_token").GetString()!);

        Assert.Equal("alice", idToken.Subject);
        Assert.Equal("alice@example.test", idToken.GetPayloadValue<string>("email"));
        Assert.True(idToken.GetPayloadValue<bool>("email_verified"));
        Assert.Equal("Alice", idToken.GetPayloadValue<string>("name"));
        Assert.Equal("nonce-456", idToken.GetPayloadValue<string>("nonce"));
        Assert.Equal(["soundgraph"], idToken.Audiences);
        Assert.Equal(h.Server.Issuer.ToString(), idToken.Issuer);
        Assert.Equal("ES256", idToken.Alg);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.False(body.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task Token_Rs256Provider_IdTokenSignedWithTheRsaKey()
    {
        await using var h = await OidcHarness.StartAsync(new FakeOidcOptions { SigningAlgorithm = FakeOidcOptions.Rs256 });
        var (code, verifier) = await h.CodeForAsync("alice");

        var (_, body) = await h.TokenAsync(code, verifier);
        var idToken = await h.ValidateIdTokenAsync(body.GetProperty("id_token").GetString()!);

        Assert.Equal("RS256", idToken.Alg);
        Assert.Equal("alice", idToken.Subject);
    }

    [Theory]
    [InlineData("bob@example.test", "bob", "Bob", true)]
    [InlineData("BOB", "bob", "Bob", true)]
    [InlineData("carol", "carol", "Carol (unverified e-mail)", false)]
    public async Task Token_LoginHintBySubjectOrEmail_IdTokenOfThatUser(string hint, string sub, string name, bool verified)
    {
        await using var h = await OidcHarness.StartAsync();
        var (code, verifier) = await h.CodeForAsync(hint);

        var (_, body) = await h.TokenAsync(code, verifier);
        var idToken = await h.ValidateIdTokenAsync(body.GetProperty("id_token").GetString()!);

        Assert.Equal(sub, idToken.Subject);
        Assert.Equal(name, idToken.GetPayloadValue<string>("name"));
        Assert.Equal(verified, idToken.GetPayloadValue<bool>("email_verified"));
    }

    [Fact]
    public async Task Token_OnlyTheOpenIdScope_IdTokenCarriesSubButNoEmailOrName()
    {
        await using var h = await OidcHarness.StartAsync();
        var (code, verifier) = await h.CodeForAsync("alice", scope: "openid");

        var (_, body) = await h.TokenAsync(code, verifier);
        var idToken = await h.ValidateIdTokenAsync(body.GetProperty("id_token").GetString()!);

        Assert.Equal("alice", idToken.Subject);
        Assert.False(idToken.TryGetPayloadValue<string>("email", out _));
        Assert.False(idToken.TryGetPayloadValue<bool>("email_verified", out _));
        Assert.False(idToken.TryGetPayloadValue<string>("name", out _));
    }

    [Fact]
    public async Task Token_WrongVerifier_InvalidGrantAndNoToken()
    {
        await using var h = await OidcHarness.StartAsync();
        var (code, _) = await h.CodeForAsync("alice");
        var (otherVerifier, _) = OidcHarness.NewPkce();

        var (status, body) = await h.TokenAsync(code, otherVerifier);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task Token_NoVerifier_InvalidRequestOrGrant()
    {
        await using var h = await OidcHarness.StartAsync();
        var (code, _) = await h.CodeForAsync("alice");

        var (status, body) = await h.TokenAsync(code, verifier: null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error").GetString();
        Assert.True(error is "invalid_request" or "invalid_grant", error);
    }

    [Fact]
    public async Task Token_CodeRedeemedTwice_SecondIsInvalidGrant()
    {
        await using var h = await OidcHarness.StartAsync();
        var (code, verifier) = await h.CodeForAsync("alice");

        var (first, _) = await h.TokenAsync(code, verifier);
        var (second, body) = await h.TokenAsync(code, verifier);

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.BadRequest, second);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_WrongSecret_InvalidClientWithoutEchoingTheSecretAndCodeStillUsable()
    {
        await using var h = await OidcHarness.StartAsync();
        var (code, verifier) = await h.CodeForAsync("alice");

        var (status, body) = await h.TokenAsync(code, verifier, secret: "wrong-secret-987");
        var (retry, _) = await h.TokenAsync(code, verifier);

        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, status.ToString());
        Assert.DoesNotContain("wrong-secret-987", body.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, retry);
    }

    [Fact]
    public async Task Token_NoSecretFromAConfidentialClient_InvalidClient()
    {
        await using var h = await OidcHarness.StartAsync();
        var (code, verifier) = await h.CodeForAsync("alice");

        var (_, body) = await h.TokenAsync(code, verifier, secret: null);

        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_SecretInBasicAuthorization_Accepted()
    {
        await using var h = await OidcHarness.StartAsync();
        var (code, verifier) = await h.CodeForAsync("alice");

        var (status, body) = await h.TokenAsync(code, verifier, basic: true);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task Token_OtherRedirectUriThanAuthorized_InvalidGrant()
    {
        await using var h = await OidcHarness.StartAsync();
        var (code, verifier) = await h.CodeForAsync("alice");

        var (_, body) = await h.TokenAsync(code, verifier, redirectUri: "http://127.0.0.1:61235/signin-oidc");

        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_PublicClientWithoutSecret_IssuesTokens()
    {
        var options = new FakeOidcOptions { Clients = [new FakeOidcClient { ClientId = OidcHarness.ClientId }] };
        await using var h = await OidcHarness.StartAsync(options);
        var (code, verifier) = await h.CodeForAsync("alice");

        var (status, _) = await h.TokenAsync(code, verifier, secret: null);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Authorize_NoCodeChallenge_RefusedOnTheProvidersPageNotRedirected()
    {
        await using var h = await OidcHarness.StartAsync();

        using var response = await h.Http.GetAsync(h.AuthorizeUri(challenge: null, loginHint: "alice"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_PlainChallengeMethod_Refused()
    {
        await using var h = await OidcHarness.StartAsync();
        var (verifier, _) = OidcHarness.NewPkce();

        using var response = await h.Http.GetAsync(h.AuthorizeUri(verifier, loginHint: "alice", challengeMethod: "plain"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("http://127.0.0.1:61234/elsewhere")]
    [InlineData("http://evil.example/signin-oidc")]
    [InlineData("http://127.0.0.1.evil.example:61234/signin-oidc")]
    [InlineData("http://127.0.0.1:61234/signin-oidc?next=x")]
    [InlineData("http://user@127.0.0.1:61234/signin-oidc")]
    public async Task Authorize_RedirectUriTheClientDoesNotAllow_RefusedWithoutRedirect(string redirectUri)
    {
        await using var h = await OidcHarness.StartAsync();
        var (_, challenge) = OidcHarness.NewPkce();

        using var response = await h.Http.GetAsync(h.AuthorizeUri(challenge, loginHint: "alice", redirectUri: redirectUri));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("redirect_uri", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5000/signin-oidc")]
    [InlineData("http://127.0.0.1:1/signin-oidc")]
    [InlineData("https://[::1]:44300/signin-oidc")]
    public async Task Authorize_SignInPathOnAnyLoopbackPort_Accepted(string redirectUri)
    {
        await using var h = await OidcHarness.StartAsync();
        var (_, challenge) = OidcHarness.NewPkce();

        using var response = await h.Http.GetAsync(h.AuthorizeUri(challenge, loginHint: "alice", redirectUri: redirectUri));

        Assert.NotEmpty(OidcHarness.RedirectParameters(response, redirectUri)["code"]);
    }

    [Fact]
    public async Task Authorize_ExactRedirectUriFromOptions_Accepted()
    {
        const string redirectUri = "https://soundgraph.example/auth/callback";
        var client = FakeOidcClient.Default with { RedirectUris = [redirectUri] };
        await using var h = await OidcHarness.StartAsync(new FakeOidcOptions { Clients = [client] });
        var (_, challenge) = OidcHarness.NewPkce();

        using var response = await h.Http.GetAsync(h.AuthorizeUri(challenge, loginHint: "alice", redirectUri: redirectUri));

        Assert.NotEmpty(OidcHarness.RedirectParameters(response, redirectUri)["code"]);
    }

    [Fact]
    public async Task Authorize_UnknownClient_RefusedWithoutRedirect()
    {
        await using var h = await OidcHarness.StartAsync();
        var (_, challenge) = OidcHarness.NewPkce();

        using var response = await h.Http.GetAsync(h.AuthorizeUri(challenge, loginHint: "alice", clientId: "stranger"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_UnregisteredScope_InvalidScope()
    {
        await using var h = await OidcHarness.StartAsync();
        var (_, challenge) = OidcHarness.NewPkce();

        using var response = await h.Http.GetAsync(h.AuthorizeUri(challenge, loginHint: "alice", scope: "openid admin:everything"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_scope", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_PromptNoneWithoutHint_LoginRequiredSentToTheClient()
    {
        await using var h = await OidcHarness.StartAsync();
        var (_, challenge) = OidcHarness.NewPkce();

        using var response = await h.Http.GetAsync(h.AuthorizeUri(challenge, prompt: "none"));
        var parameters = OidcHarness.RedirectParameters(response, OidcHarness.RedirectUri);

        Assert.Equal("login_required", parameters["error"]);
        Assert.Equal("state-123", parameters["state"]);
    }

    [Fact]
    public async Task UserInfo_AccessToken_AnswersTheUsersClaims()
    {
        await using var h = await OidcHarness.StartAsync();
        var (code, verifier) = await h.CodeForAsync("bob");
        var (_, token) = await h.TokenAsync(code, verifier);

        using var request = new HttpRequestMessage(HttpMethod.Get, "connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        using var response = await h.Http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bob", body.RootElement.GetProperty("sub").GetString());
        Assert.Equal("bob@example.test", body.RootElement.GetProperty("email").GetString());
        Assert.True(body.RootElement.GetProperty("email_verified").GetBoolean());
        Assert.Equal("Bob", body.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task UserInfo_NoAccessToken_Unauthorized()
    {
        await using var h = await OidcHarness.StartAsync();

        using var response = await h.Http.GetAsync("connect/userinfo");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

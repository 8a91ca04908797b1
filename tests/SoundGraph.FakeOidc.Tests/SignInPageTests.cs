using System.Net;
using SoundGraph.FakeOidc.Tests.TestSupport;

namespace SoundGraph.FakeOidc.Tests;

public sealed class SignInPageTests
{
    [Fact]
    public async Task Authorize_NoHint_ShowsALabelledFormCarryingTheRequestAndTheTestUsers()
    {
        await using var h = await OidcHarness.StartAsync();
        var (_, challenge) = OidcHarness.NewPkce();

        using var response = await h.Http.GetAsync(h.AuthorizeUri(challenge));
        var html = await response.Content.ReadAsStringAsync();
        var (action, fields) = OidcHarness.ParseForm(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("/connect/authorize", action);
        Assert.Contains("<label for=\"fake_oidc_user\">", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"fake_oidc_password\">", html, StringComparison.Ordinal);
        Assert.Contains("id=\"fake_oidc_password\" name=\"fake_oidc_password\" type=\"password\"", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\"", html, StringComparison.Ordinal);
        Assert.Equal(challenge, fields["code_challenge"]);
        Assert.Equal(OidcHarness.RedirectUri, fields["redirect_uri"]);
        Assert.Equal("state-123", fields["state"]);
        Assert.False(string.IsNullOrEmpty(fields["fake_oidc_antiforgery"]));
        Assert.Contains("alice@example.test", html, StringComparison.Ordinal);
        Assert.Contains("bob-password", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bob", "bob-password", "bob")]
    [InlineData("admin@example.test", "admin-password", "admin")]
    public async Task SignInForm_RightPassword_RedirectsWithACodeForThatUser(string user, string password, string subject)
    {
        await using var h = await OidcHarness.StartAsync();
        var (verifier, challenge) = OidcHarness.NewPkce();
        var (_, fields) = await PageAsync(h, challenge);

        using var response = await SubmitAsync(h, fields, user, password);
        var code = OidcHarness.CodeFrom(response);
        var (_, token) = await h.TokenAsync(code, verifier);
        var idToken = await h.ValidateIdTokenAsync(token.GetProperty("id_token").GetString()!);

        Assert.Equal(subject, idToken.Subject);
        Assert.Equal("nonce-456", idToken.GetPayloadValue<string>("nonce"));
        Assert.Equal("state-123", OidcHarness.RedirectParameters(response, OidcHarness.RedirectUri)["state"]);
    }

    [Theory]
    [InlineData("alice", "bob-password")]
    [InlineData("alice", "")]
    [InlineData("mallory", "mallory-password")]
    public async Task SignInForm_WrongPasswordOrUnknownUser_ShowsThePageAgainWithAnAlert(string user, string password)
    {
        await using var h = await OidcHarness.StartAsync();
        var (_, challenge) = OidcHarness.NewPkce();
        var (_, fields) = await PageAsync(h, challenge);

        using var response = await SubmitAsync(h, fields, user, password);
        var html = await response.Content.ReadAsStringAsync();
        var (_, again) = OidcHarness.ParseForm(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Equal(user, again["fake_oidc_user"]);
        Assert.Equal(challenge, again["code_challenge"]);
        Assert.DoesNotContain("fake_oidc_password\" value", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInForm_AfterAFailedTry_TheSecondTrySignsIn()
    {
        await using var h = await OidcHarness.StartAsync();
        var (verifier, challenge) = OidcHarness.NewPkce();
        var (_, fields) = await PageAsync(h, challenge);
        using var failed = await SubmitAsync(h, fields, "alice", "wrong");
        var (_, again) = OidcHarness.ParseForm(await failed.Content.ReadAsStringAsync());

        using var response = await SubmitAsync(h, again, "alice", "alice-password");
        var (status, _) = await h.TokenAsync(OidcHarness.CodeFrom(response), verifier);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task SignInForm_WithoutTheAntiforgeryToken_Refused()
    {
        await using var h = await OidcHarness.StartAsync();
        var (_, challenge) = OidcHarness.NewPkce();
        var (_, fields) = await PageAsync(h, challenge);
        fields.Remove("fake_oidc_antiforgery");

        using var response = await SubmitAsync(h, fields, "alice", "alice-password");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task SignInForm_TokenFromAnotherBrowser_Refused()
    {
        await using var h = await OidcHarness.StartAsync();
        var (_, challenge) = OidcHarness.NewPkce();
        var (_, fields) = await PageAsync(h, challenge);

        // The same fields posted without the antiforgery cookie that went with them (a cross-site post).
        using var fresh = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        fields["fake_oidc_user"] = "alice";
        fields["fake_oidc_password"] = "alice-password";
        fields["fake_oidc_action"] = "sign-in";
        using var response = await fresh.PostAsync(h.Server.AuthorizationEndpoint, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignInForm_Cancel_AccessDeniedSentToTheClient()
    {
        await using var h = await OidcHarness.StartAsync();
        var (_, challenge) = OidcHarness.NewPkce();
        var (_, fields) = await PageAsync(h, challenge);
        fields["fake_oidc_action"] = "deny";

        using var response = await h.Http.PostAsync("connect/authorize", new FormUrlEncodedContent(fields));
        var parameters = OidcHarness.RedirectParameters(response, OidcHarness.RedirectUri);

        Assert.Equal("access_denied", parameters["error"]);
        Assert.Equal("state-123", parameters["state"]);
        Assert.False(parameters.ContainsKey("code"));
    }

    [Fact]
    public async Task Authorize_LoginHintWithTheShortcutOff_ShowsThePagePrefilled()
    {
        await using var h = await OidcHarness.StartAsync(new FakeOidcOptions { ApproveLoginHint = false });
        var (_, challenge) = OidcHarness.NewPkce();

        using var response = await h.Http.GetAsync(h.AuthorizeUri(challenge, loginHint: "alice"));
        var (_, fields) = OidcHarness.ParseForm(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice", fields["fake_oidc_user"]);
    }

    [Theory]
    [InlineData(null, "mallory")]
    [InlineData("login", "alice")]
    public async Task Authorize_HintOfNoTestUserOrPromptLogin_ShowsThePage(string? prompt, string hint)
    {
        await using var h = await OidcHarness.StartAsync();
        var (_, challenge) = OidcHarness.NewPkce();

        using var response = await h.Http.GetAsync(h.AuthorizeUri(challenge, loginHint: hint, prompt: prompt));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<form method=\"post\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_MarkupInParameters_EncodedOnThePage()
    {
        await using var h = await OidcHarness.StartAsync();
        var (_, challenge) = OidcHarness.NewPkce();

        using var response = await h.Http.GetAsync(h.AuthorizeUri(challenge, loginHint: "\"><script>alert(1)</script>", state: "<img src=x onerror=alert(2)>"));
        var html = await response.Content.ReadAsStringAsync();
        var (_, fields) = OidcHarness.ParseForm(html);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Equal("<img src=x onerror=alert(2)>", fields["state"]);
    }

    private static async Task<(string Action, Dictionary<string, string> Fields)> PageAsync(OidcHarness h, string challenge)
    {
        using var response = await h.Http.GetAsync(h.AuthorizeUri(challenge));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return OidcHarness.ParseForm(await response.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> SubmitAsync(OidcHarness h, Dictionary<string, string> fields, string user, string password)
    {
        var form = new Dictionary<string, string>(fields, StringComparer.Ordinal)
        {
            ["fake_oidc_user"] = user,
            ["fake_oidc_password"] = password,
            ["fake_oidc_action"] = "sign-in",
        };
        return h.Http.PostAsync("connect/authorize", new FormUrlEncodedContent(form));
    }
}

using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using SoundGraph.Api.Access;

namespace SoundGraph.Api.Tests.Accounts;

/// <summary>The whole OpenID Connect authorization-code + PKCE sign-in against the local test provider, over HTTP (the
/// browser's part played by two clients: one for the app, one for the provider), then the cookie session: /api/me,
/// antiforgery on unsafe requests, sign-out.</summary>
public sealed class SignInFlowTests(AuthApiFixture auth) : IClassFixture<AuthApiFixture>
{
    [Fact]
    public async Task SignIn_CodeWithPkce_CookieSession_AntiforgeryOnWrites_SignOut()
    {
        using var app = auth.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        // 1. The app sends the browser to the provider with a PKCE challenge.
        var start = await app.GetAsync(new Uri("/signin?returnUrl=/%3Fview%3Dsettings&loginHint=alice", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(auth.Oidc.AuthorizationEndpoint.ToString(), authorize.ToString(), StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal("alice", query["login_hint"].ToString());

        // 2. The provider approves (login_hint) and sends the browser back with a code.
        var approved = await provider.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var callback = approved.Headers.Location!;
        Assert.Equal("/signin-oidc", callback.AbsolutePath);

        // 3. The app redeems the code (with the verifier and its secret), signs the account in and goes back.
        var back = await app.GetAsync(new Uri(callback.PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/?view=settings", back.Headers.Location!.OriginalString);
        var session = back.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthSetup.CookieName, StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);

        // 4. The session: same account as alice's (issuer + subject), her listener, an antiforgery token.
        var me = await JsonAsync(await app.GetAsync(new Uri("/api/me", UriKind.Relative)));
        Assert.Equal("signed-in", me.GetProperty("mode").GetString());
        Assert.Equal(auth.Alice.Id, me.GetProperty("account").GetProperty("id").GetInt64());
        Assert.Contains(me.GetProperty("listeners").EnumerateArray(), l => l.GetProperty("id").GetInt64() == auth.Ana);
        var csrf = me.GetProperty("antiforgery");
        var dashboard = await app.GetAsync(new Uri($"/api/dashboard/trajectory?user=user:{auth.Ana}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);

        // 5. Unsafe requests of a cookie session need the antiforgery header.
        using var without = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/tokens", UriKind.Relative)) { Content = System.Net.Http.Json.JsonContent.Create(new { name = "cookie" }) };
        var refused = await app.SendAsync(without);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(AccessFilter.AntiforgeryRequired, (await JsonAsync(refused)).GetProperty("detail").GetString());
        using var with = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/tokens", UriKind.Relative)) { Content = System.Net.Http.Json.JsonContent.Create(new { name = "cookie" }) };
        with.Headers.Add(csrf.GetProperty("headerName").GetString()!, csrf.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.Created, (await app.SendAsync(with)).StatusCode);

        // 6. Nothing of the provider's tokens is stored.
        var stored = string.Join('\n', await auth.Store.Connection.QueryAsync<string>("SELECT issuer || subject || COALESCE(email, '') || name FROM accounts"));
        Assert.DoesNotContain("eyJ", stored, StringComparison.Ordinal);

        // 7. Sign-out is a form post with the antiforgery field; afterwards the caller is anonymous.
        var noToken = await app.PostAsync(new Uri("/signout", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        var signOut = await app.PostAsync(new Uri("/signout", UriKind.Relative), new FormUrlEncodedContent(
            [new KeyValuePair<string, string>(csrf.GetProperty("formFieldName").GetString()!, csrf.GetProperty("token").GetString()!)]));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("anonymous", (await JsonAsync(await app.GetAsync(new Uri("/api/me", UriKind.Relative)))).GetProperty("mode").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.GetAsync(new Uri($"/api/dashboard/trajectory?user=user:{auth.Ana}", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/ok\n//evil.example")]
    public async Task SignIn_ForeignReturnUrl_GoesBackToTheRoot(string returnUrl)
    {
        using var app = auth.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var start = await app.GetAsync(new Uri("/signin?loginHint=bob&returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative));
        var approved = await provider.GetAsync(start.Headers.Location!);
        var back = await app.GetAsync(new Uri(approved.Headers.Location!.PathAndQuery, UriKind.Relative));

        Assert.Equal("/", back.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignInCallback_ForgedState_Is400NotAnErrorPage()
    {
        using var app = auth.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await app.GetAsync(new Uri("/signin-oidc?code=forged&state=forged", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Sign-in did not complete", (await JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}

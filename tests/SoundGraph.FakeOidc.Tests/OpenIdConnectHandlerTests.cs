using System.Net;
using SoundGraph.FakeOidc.Tests.TestSupport;

namespace SoundGraph.FakeOidc.Tests;

/// <summary>Microsoft.AspNetCore.Authentication.OpenIdConnect, the app side the API uses, completes the flow against
/// the fake: a browser-like HttpClient (cookies, redirects followed) ends signed in.</summary>
public sealed class OpenIdConnectHandlerTests
{
    [Fact]
    public async Task ProtectedPage_LoginHintAndQueryResponseMode_EndsSignedInAsThatUserThenSignsOut()
    {
        await using var provider = await FakeOidcServer.StartAsync();
        await using var app = await RelyingPartyApp.StartAsync(provider.Issuer, "query", loginHint: "alice");
        var cookies = new CookieContainer();
        using var browser = Browser(cookies);

        using var me = await browser.GetAsync(new Uri(app.BaseUri, "me"));
        var signedIn = cookies.GetCookies(app.BaseUri)["app_session"];
        using var signOut = await browser.GetAsync(new Uri(app.BaseUri, "signout"));

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(new Uri(app.BaseUri, "me"), me.RequestMessage!.RequestUri);
        Assert.Equal("alice@example.test|alice|Alice", await me.Content.ReadAsStringAsync());
        Assert.NotNull(signedIn);
        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        Assert.Equal(new Uri(app.BaseUri, "bye"), signOut.RequestMessage!.RequestUri);
        Assert.Null(cookies.GetCookies(app.BaseUri)["app_session"]);
    }

    [Fact]
    public async Task ProtectedPage_SignInFormAndFormPostResponseMode_EndsSignedInAsTheUserWhoTypedTheirPassword()
    {
        await using var provider = await FakeOidcServer.StartAsync();
        await using var app = await RelyingPartyApp.StartAsync(provider.Issuer, "form_post", loginHint: null);
        using var browser = Browser(new CookieContainer());

        // The app sends the browser to the provider's sign-in page.
        using var page = await browser.GetAsync(new Uri(app.BaseUri, "me"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(provider.AuthorizationEndpoint.AbsolutePath, page.RequestMessage!.RequestUri!.AbsolutePath);
        var (action, fields) = OidcHarness.ParseForm(await page.Content.ReadAsStringAsync());
        fields["fake_oidc_user"] = "bob@example.test";
        fields["fake_oidc_password"] = "bob-password";
        fields["fake_oidc_action"] = "sign-in";

        // The provider answers with its form_post page, whose form a browser submits to the app by script.
        using var posted = await browser.PostAsync(new Uri(provider.Issuer, action), new FormUrlEncodedContent(fields));
        var (callback, response) = OidcHarness.ParseForm(await posted.Content.ReadAsStringAsync());
        Assert.Equal(new Uri(app.BaseUri, "signin-oidc").ToString(), callback);
        using var me = await browser.PostAsync(new Uri(callback), new FormUrlEncodedContent(response));

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("bob@example.test|bob|Bob", await me.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Callback_CodeAlteredOnTheWay_AppRefusesAndSetsNoSession()
    {
        await using var provider = await FakeOidcServer.StartAsync();
        await using var app = await RelyingPartyApp.StartAsync(provider.Issuer, "query", loginHint: "alice");
        var cookies = new CookieContainer();
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies });

        using var challenge = await noRedirects.GetAsync(new Uri(app.BaseUri, "me"));
        using var withCode = await noRedirects.GetAsync(challenge.Headers.Location!);
        var callback = withCode.Headers.Location!.ToString();
        using var refused = await noRedirects.GetAsync(new Uri(callback.Replace("code=", "code=x", StringComparison.Ordinal)));

        Assert.StartsWith(new Uri(app.BaseUri, "signin-oidc?").ToString(), callback, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode); // the handler's "invalid_grant" failure, unhandled
        Assert.Null(cookies.GetCookies(app.BaseUri)["app_session"]);
    }

    private static HttpClient Browser(CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = true, CookieContainer = cookies, UseCookies = true });
}

using System.Net;
using SoundGraph.FakeOidc.Tests.TestSupport;

namespace SoundGraph.FakeOidc.Tests;

public sealed class EndSessionTests
{
    [Fact]
    public async Task Logout_AllowedPostLogoutRedirect_RedirectsThereWithTheState()
    {
        await using var h = await OidcHarness.StartAsync();
        const string target = "http://127.0.0.1:61234/signout-callback-oidc";

        using var response = await h.Http.GetAsync($"connect/logout?client_id=soundgraph&post_logout_redirect_uri={Uri.EscapeDataString(target)}&state=bye");

        Assert.Equal("bye", OidcHarness.RedirectParameters(response, target)["state"]);
    }

    [Theory]
    [InlineData("http://evil.example/signout-callback-oidc")]
    [InlineData("http://127.0.0.1:61234/elsewhere")]
    public async Task Logout_ForeignPostLogoutRedirect_RefusedWithoutRedirect(string target)
    {
        await using var h = await OidcHarness.StartAsync();

        using var response = await h.Http.GetAsync($"connect/logout?post_logout_redirect_uri={Uri.EscapeDataString(target)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Logout_NoRedirect_SignedOutPage()
    {
        await using var h = await OidcHarness.StartAsync();

        using var response = await h.Http.GetAsync("connect/logout");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Signed out", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

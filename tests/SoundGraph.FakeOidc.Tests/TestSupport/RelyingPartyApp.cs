using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace SoundGraph.FakeOidc.Tests.TestSupport;

/// <summary>The pairing the API will use, at its smallest: an ASP.NET Core app on 127.0.0.1 with a cookie session and
/// Microsoft's OpenID Connect handler (authority = the fake's issuer, code flow, PKCE, no saved tokens). <c>/me</c>
/// needs a signed-in user and answers "email|sub|name"; <c>/signout</c> ends both sessions and lands on <c>/bye</c>.</summary>
internal sealed class RelyingPartyApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RelyingPartyApp(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <param name="authority">The fake provider's issuer.</param>
    /// <param name="responseMode">query or form_post (the handler's default).</param>
    /// <param name="loginHint">Sent as login_hint (the fake's test-only shortcut), or null for the sign-in page.</param>
    public static async Task<RelyingPartyApp> StartAsync(Uri authority, string responseMode, string? loginHint)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddAuthorization();
        builder.Services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o => o.Cookie.Name = "app_session")
            .AddOpenIdConnect(o =>
            {
                o.Authority = authority.ToString();
                o.RequireHttpsMetadata = false;
                o.ClientId = OidcHarness.ClientId;
                o.ClientSecret = OidcHarness.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.ResponseMode = responseMode;
                o.UsePkce = true;
                o.SaveTokens = false;
                o.Scope.Add("email"); // openid and profile are the handler's defaults; e-mail needs its scope, as at Google
                o.MapInboundClaims = false;
                o.TokenValidationParameters.NameClaimType = "name";

                // Plain http on 127.0.0.1: the handler's correlation and nonce cookies default to Secure (never sent
                // over http) and SameSite=None; the API needs the same two lines when it runs on http.
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    context.ProtocolMessage.LoginHint = loginHint;
                    return Task.CompletedTask;
                };
            });
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", (ClaimsPrincipal user) => $"{user.FindFirst("email")?.Value}|{user.FindFirst("sub")?.Value}|{user.Identity?.Name}")
            .RequireAuthorization();
        app.MapGet("/signout", () => Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/bye" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        app.MapGet("/bye", () => "signed out");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RelyingPartyApp(app, new Uri($"http://127.0.0.1:{new Uri(address).Port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

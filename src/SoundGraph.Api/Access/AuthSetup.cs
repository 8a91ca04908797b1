using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using SoundGraph.Services.Accounts;

namespace SoundGraph.Api.Access;

/// <summary>Registers authentication (single-user loopback owner, personal tokens, and — when a provider is configured —
/// the session cookie and OpenID Connect sign-in with PKCE), Data Protection keys, antiforgery and host filtering.</summary>
internal static class AuthSetup
{
    /// <summary>Hosts a single-user API answers (a request naming any other Host is refused: DNS rebinding).</summary>
    public static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>Scopes asked of the provider: the id_token's subject, name and e-mail, nothing else.</summary>
    private static readonly string[] Scopes = ["openid", "profile", "email"];

    /// <summary>Name of the session cookie.</summary>
    public const string CookieName = "soundgraph.session";

    public static void AddSoundGraphAuth(this IServiceCollection services, IConfiguration configuration, AuthSettings settings)
    {
        services.AddSingleton(settings);
        // Single-user mode keeps no cookie session and no connected service: its keys live in memory only (nothing is
        // written to the keys directory). Sign-in mode persists them, so sessions and stored secrets survive a restart.
        var protection = services.AddDataProtection().SetApplicationName("SoundGraph");
        if (settings.IsSingleUser)
        {
            protection.UseEphemeralDataProtectionProvider();
        }
        else
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(settings.KeysPath));
        }

        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = "soundgraph.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        // AllowedHosts from configuration; without it, single-user mode answers loopback names only.
        var configured = (configuration["AllowedHosts"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        services.PostConfigure<HostFilteringOptions>(o =>
        {
            o.AllowedHosts = configured.Length > 0 ? configured : settings.IsSingleUser ? LoopbackHosts : o.AllowedHosts;
            o.AllowEmptyHosts = false;
        });

        var auth = services.AddAuthentication(SchemeNames.Default)
            .AddPolicyScheme(SchemeNames.Default, "SoundGraph", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? SchemeNames.Token
                : settings.IsSingleUser ? SchemeNames.Local : SchemeNames.Cookie)
            .AddScheme<AuthenticationSchemeOptions, LocalOwnerHandler>(SchemeNames.Local, null)
            .AddScheme<AuthenticationSchemeOptions, PersonalTokenHandler>(SchemeNames.Token, null);
        if (settings.IsSingleUser)
        {
            return;
        }

        auth.AddCookie(SchemeNames.Cookie, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = SignInEvents.ValidateSessionAsync;
            o.Events.OnRedirectToLogin = c => Status(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Status(c, StatusCodes.Status403Forbidden);
        })
        .AddOpenIdConnect(SchemeNames.Oidc, o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.RequireHttpsMetadata = settings.Authority!.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            o.ResponseType = OpenIdConnectResponseType.Code;

            // The code comes back in the query of a top-level GET, so the correlation cookies can stay SameSite=Lax.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.SaveTokens = false;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.Scope.Clear();
            foreach (var scope in Scopes)
            {
                o.Scope.Add(scope);
            }

            o.SignInScheme = SchemeNames.Cookie;
            o.CallbackPath = "/signin-oidc";
            o.SignedOutCallbackPath = "/signout-callback-oidc";
            o.TokenValidationParameters.NameClaimType = "name";
            o.Events.OnTokenValidated = SignInEvents.TokenValidatedAsync;
            o.Events.OnRedirectToIdentityProvider = SignInEvents.PassLoginHint;
            o.Events.OnRemoteFailure = SignInEvents.RemoteFailureAsync;

            // Secure when the app is served over https; plain http only on loopback (single machine, tests). The code
            // comes back by a top-level GET (query response mode), so SameSite=Lax suffices — and browsers drop a
            // SameSite=None cookie that is not Secure.
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
        });
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}

using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SoundGraph.FakeOidc;

/// <summary>The authorization and end-session endpoints behind OpenIddict's passthrough: OpenIddict has already
/// validated the request (client, redirect URI, PKCE, scopes) when these run.</summary>
internal static class AuthorizeEndpoint
{
    /// <summary>Maps <c>/connect/authorize</c> and <c>/connect/logout</c> (GET and POST).</summary>
    public static void Map(WebApplication app)
    {
        app.MapMethods(FakeOidcServer.AuthorizePath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        app.MapMethods(FakeOidcServer.EndSessionPath, [HttpMethods.Get, HttpMethods.Post], EndSession);
    }

    /// <summary>Answers an authorization request: the sign-in form's post (antiforgery-checked) signs the user in or
    /// shows the page again with an error; a <c>login_hint</c> naming a test user approves at once (test-only, unless
    /// <c>prompt=login</c>); <c>prompt=none</c> otherwise answers <c>login_required</c>; anything else shows the page.</summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext http, FakeOidcOptions options, IAntiforgery antiforgery)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not hand over the authorization request.");
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false) : null;
        if (form is not null && form.ContainsKey(SignInPage.ActionField))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http).ConfigureAwait(false);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.Text("The sign-in form was not sent by this provider's page, or it expired. Start the sign-in again from the app.", statusCode: StatusCodes.Status400BadRequest);
            }

            if (form[SignInPage.ActionField] == SignInPage.DenyAction)
            {
                return Reject(Errors.AccessDenied, "The user cancelled the sign-in.");
            }

            var typed = form[SignInPage.UserField].ToString();
            var user = options.FindUser(typed);
            if (user is null || !PasswordEquals(user.Password, form[SignInPage.PasswordField].ToString()))
            {
                return Page(http, antiforgery, options, request, Carried(form), typed, "Unknown user name or wrong password.");
            }

            return SignIn(user, request);
        }

        if (options.ApproveLoginHint && !request.HasPromptValue(PromptValues.Login) && options.FindUser(request.LoginHint) is { } hinted)
        {
            return SignIn(hinted, request);
        }

        if (request.HasPromptValue(PromptValues.None))
        {
            return Reject(Errors.LoginRequired, "The test provider keeps no session: sign in interactively or pass a login_hint.");
        }

        return Page(http, antiforgery, options, request, Carried(form ?? (IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>>)http.Request.Query), request.LoginHint, error: null);
    }

    /// <summary>Answers an end-session request: back to the validated post-logout redirect URI (with its state), or a
    /// "signed out" page when none was given. The provider keeps no session, so there is nothing else to end.</summary>
    private static IResult EndSession(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not hand over the end-session request.");
        return string.IsNullOrEmpty(request.PostLogoutRedirectUri)
            ? Html(http, SignInPage.SignedOut(), StatusCodes.Status200OK)
            : Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>Signs <paramref name="user"/> in: OpenIddict then issues the code to the redirect URI. The e-mail claims
    /// need scope <c>email</c> and the name scope <c>profile</c>, as at Google; <c>sub</c> is always there.</summary>
    private static IResult SignIn(FakeOidcUser user, OpenIddictRequest request)
    {
        var identity = new ClaimsIdentity("FakeOidc", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject);
        if (request.HasScope(Scopes.Email))
        {
            identity.SetClaim(Claims.Email, user.Email);
            identity.SetClaim(Claims.EmailVerified, user.EmailVerified);
        }

        if (request.HasScope(Scopes.Profile))
        {
            identity.SetClaim(Claims.Name, user.Name);
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(static _ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>An error sent back to the client's redirect URI (with the request's state).</summary>
    private static IResult Reject(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, FakeOidcOptions options, OpenIddictRequest request, IReadOnlyList<KeyValuePair<string, string>> carried, string? typed, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = SignInPage.Render(request.ClientId ?? "", carried, tokens.RequestToken ?? "", options.Users, typed, error);
        return Html(http, html, StatusCodes.Status200OK);
    }

    private static IResult Html(HttpContext http, string html, int status)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>The authorization request's parameters to carry through the form, without the form's own fields.</summary>
    private static List<KeyValuePair<string, string>> Carried(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> parameters) =>
        [.. parameters
            .Where(p => !SignInPage.OwnFields.Contains(p.Key))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")))];

    private static bool PasswordEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(actual)));
}

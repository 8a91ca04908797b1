using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SoundGraph.Services.Accounts;

namespace SoundGraph.Api.Access;

/// <summary>The caller's account (as <c>GET /api/me</c> shows it).</summary>
/// <param name="Id">accounts.id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">E-mail, if the provider gave one.</param>
/// <param name="IsAdmin">Whether the account is an admin.</param>
public sealed record MeAccount(long Id, string Name, string? Email, bool IsAdmin);

/// <summary>A listener the caller may open on the dashboard.</summary>
/// <param name="Id">users.id.</param>
/// <param name="Name">users.name.</param>
/// <param name="Public">Whether anyone may read it.</param>
public sealed record MeListener(long Id, string Name, bool Public);

/// <summary>The antiforgery token the page sends with unsafe requests of a cookie session.</summary>
/// <param name="HeaderName">Header for fetch requests.</param>
/// <param name="FormFieldName">Field for form posts (sign-out).</param>
/// <param name="Token">The request token.</param>
public sealed record MeAntiforgery(string HeaderName, string FormFieldName, string Token);

/// <summary>The body of <c>GET /api/me</c>.</summary>
/// <param name="Mode">"single-user", "signed-in", "token" or "anonymous".</param>
/// <param name="Account">The account; null in single-user mode and when anonymous.</param>
/// <param name="Listeners">Listeners the caller owns (single-user: every listener with listens).</param>
/// <param name="SignInUrl">Where to sign in; null in single-user mode.</param>
/// <param name="Antiforgery">Token for unsafe requests of a cookie session; null otherwise.</param>
public sealed record MeResponse(string Mode, MeAccount? Account, IReadOnlyList<MeListener> Listeners, string? SignInUrl, MeAntiforgery? Antiforgery);

/// <summary><c>GET /signin</c>, <c>POST /signout</c> and <c>GET /api/me</c>.</summary>
internal static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/signin", SignIn).ExcludeFromDescription().RequireAccess(AccessLevel.SignIn).RequireRateLimiting(RateLimits.SignIn);
        routes.MapPost("/signout", (Func<HttpContext, Task<IResult>>)SignOutAsync).ExcludeFromDescription().RequireAccess(AccessLevel.SignIn).DisableAntiforgery();
        return routes;
    }

    public static IEndpointRouteBuilder MapMeEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/me", MeAsync)
            .WithName("Me")
            .WithTags("Accounts")
            .WithSummary("Who the caller is")
            .WithDescription("The mode (single-user, signed-in, token, anonymous), the account, the listeners the caller owns, where to sign in and the antiforgery token a cookie session sends as X-CSRF-TOKEN with unsafe requests.")
            .Produces<MeResponse>()
            .RequireAccess(AccessLevel.Public);
        return routes;
    }

    /// <summary>Starts the provider's sign-in (authorization code + PKCE), then back to <paramref name="returnUrl"/> (a local
    /// path only; anything else is /); <paramref name="loginHint"/> is passed on as <c>login_hint</c>. In single-user mode there is nothing to sign in to: back to /.</summary>
    private static IResult SignIn(string? returnUrl, string? loginHint, HttpContext http)
    {
        var target = IsLocalPath(returnUrl) ? returnUrl! : "/";
        return http.RequestServices.GetRequiredService<AuthSettings>().IsSingleUser
            ? TypedResults.Redirect(target)
            : TypedResults.Challenge(Properties(target, loginHint), [SchemeNames.Oidc]);
    }

    private static AuthenticationProperties Properties(string target, string? loginHint)
    {
        var properties = new AuthenticationProperties { RedirectUri = target };
        if (loginHint is { Length: > 0 and <= 200 })
        {
            properties.Items[SignInEvents.LoginHintKey] = loginHint;
        }

        return properties;
    }

    /// <summary>Whether <paramref name="url"/> is a path on this site: it starts with one <c>/</c> and holds no backslash,
    /// whitespace or control character (browsers drop tabs and newlines, so <c>/\t/evil.example</c> would become
    /// <c>//evil.example</c>), and is at most 2,000 characters.</summary>
    public static bool IsLocalPath(string? url) =>
        url is { Length: > 0 and <= 2000 } && url[0] == '/' && (url.Length == 1 || url[1] != '/')
        && !url.Any(c => c == '\\' || char.IsWhiteSpace(c) || char.IsControl(c));

    /// <summary>Ends the cookie session (the form must carry the antiforgery token) and goes back to /.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        if (http.RequestServices.GetRequiredService<AuthSettings>().IsSingleUser)
        {
            return TypedResults.Redirect("/");
        }

        if (!await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http).ConfigureAwait(false))
        {
            return TypedResults.Problem(detail: AccessFilter.AntiforgeryRequired, statusCode: StatusCodes.Status400BadRequest);
        }

        await http.SignOutAsync(SchemeNames.Cookie).ConfigureAwait(false);
        return TypedResults.Redirect("/");
    }

    private static async Task<IResult> MeAsync(HttpContext http, StoreSessions sessions, CancellationToken cancellationToken)
    {
        var settings = http.RequestServices.GetRequiredService<AuthSettings>();
        var caller = http.Caller();
        var session = await sessions.GetAsync(cancellationToken).ConfigureAwait(false);
        if (caller.IsLocal)
        {
            var listeners = await session.Accounts.ListenersWithListensAsync(cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new MeResponse("single-user", null, [.. listeners.Select(l => new MeListener(l.UserId, l.Name, !l.IsPrivate))], null, null));
        }

        var signIn = settings.IsSingleUser ? null : "/signin";
        if (caller.AccountId is not { } id || await session.Accounts.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } account)
        {
            return TypedResults.Ok(new MeResponse("anonymous", null, [], signIn, null));
        }

        var owned = await session.Accounts.OwnedListenersAsync(id, cancellationToken).ConfigureAwait(false);
        MeAntiforgery? antiforgery = null;
        if (http.ViaCookieSession())
        {
            var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
            antiforgery = new MeAntiforgery(tokens.HeaderName!, tokens.FormFieldName, tokens.RequestToken!);
        }

        return TypedResults.Ok(new MeResponse(http.ViaCookieSession() ? "signed-in" : "token", new MeAccount(account.Id, account.Name, account.Email, account.IsAdmin),
            [.. owned.Select(l => new MeListener(l.UserId, l.Name, !l.IsPrivate))], signIn, antiforgery));
    }
}

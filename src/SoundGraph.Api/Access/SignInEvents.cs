using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;

namespace SoundGraph.Api.Access;

/// <summary>What happens when someone signs in, and on every request of a cookie session.</summary>
internal static class SignInEvents
{
    /// <summary>After the provider's id_token is validated: the account of (issuer, sub) is created or updated with the
    /// e-mail and name (an e-mail listed in <see cref="AuthSettings.AdminEmails"/> and verified by the provider makes it
    /// an admin), its own listener is created, and the principal is replaced by SoundGraph's own claims — the provider's
    /// tokens are not kept (SaveTokens is off).</summary>
    public static async Task TokenValidatedAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var subject = principal.FindFirst("sub")?.Value;
        var issuer = principal.FindFirst("iss")?.Value ?? context.Options.Authority!;
        if (string.IsNullOrEmpty(subject))
        {
            context.Fail("The provider's id_token has no sub claim.");
            return;
        }

        var email = principal.FindFirst("email")?.Value;
        var verified = string.Equals(principal.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase);
        var name = principal.FindFirst("name")?.Value is { Length: > 0 } n ? n : email ?? subject;
        var settings = context.HttpContext.RequestServices.GetRequiredService<AuthSettings>();
        var access = context.HttpContext.RequestServices.GetRequiredService<StoreAccess>();
        var ct = context.HttpContext.RequestAborted;
        await using var store = await access.OpenWritableAsync(ct).ConfigureAwait(false);
        var account = await store.Accounts.SignInAsync(issuer, subject, email, name, ct).ConfigureAwait(false);
        if (!account.IsAdmin && verified && email is not null && settings.AdminEmails.Contains(email, StringComparer.OrdinalIgnoreCase))
        {
            await store.Accounts.SetAdminAsync(account.Id, true, ct).ConfigureAwait(false);
            account = account with { IsAdmin = true };
        }

        await store.Accounts.OwnListenerAsync(account.Id, account.Name, ct).ConfigureAwait(false);
        context.Principal = CallerClaims.For(account, CallerClaims.ViaCookie, write: true, SchemeNames.Cookie);
    }

    /// <summary>The key of <see cref="Microsoft.AspNetCore.Authentication.AuthenticationProperties"/> that carries the
    /// <c>login_hint</c> of <c>/signin?loginHint=…</c> to the provider (OpenID Connect Core §3.1.2.1).</summary>
    public const string LoginHintKey = "login_hint";

    /// <summary>Adds the sign-in's login hint, if any, to the authorization request.</summary>
    public static Task PassLoginHint(RedirectContext context)
    {
        if (context.Properties.Items.TryGetValue(LoginHintKey, out var hint) && !string.IsNullOrEmpty(hint))
        {
            context.ProtocolMessage.LoginHint = hint;
        }

        return Task.CompletedTask;
    }

    /// <summary>A sign-in that failed at the provider or on the way back (cancelled, expired, tampered): a 400 problem
    /// saying so and where to start again, instead of an error page.</summary>
    public static async Task RemoteFailureAsync(Microsoft.AspNetCore.Authentication.RemoteFailureContext context)
    {
        context.HandleResponse();
        var reason = context.Failure?.Message is { Length: > 0 } m ? m.Split('\n')[0] : "unknown reason";
        await Microsoft.AspNetCore.Http.TypedResults.Problem(
            detail: $"Sign-in did not complete ({reason}). Start again at /signin.", statusCode: Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest,
            title: "Sign-in failed").ExecuteAsync(context.HttpContext).ConfigureAwait(false);
    }

    /// <summary>On each request of a cookie session: the account is read again, so a removed account ends the session and
    /// an admin change takes effect at once.</summary>
    public static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        if (!long.TryParse(context.Principal?.FindFirst(CallerClaims.Account)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            context.RejectPrincipal();
            return;
        }

        var sessions = context.HttpContext.RequestServices.GetRequiredService<StoreSessions>();
        var session = await sessions.GetAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (await session.Accounts.FindAsync(id, context.HttpContext.RequestAborted).ConfigureAwait(false) is not { } account)
        {
            context.RejectPrincipal();
            return;
        }

        context.ReplacePrincipal(CallerClaims.For(account, CallerClaims.ViaCookie, write: true, SchemeNames.Cookie));
    }
}

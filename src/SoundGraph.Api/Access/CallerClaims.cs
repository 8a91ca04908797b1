using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using SoundGraph.Services.Accounts;
using SoundGraph.Storage.Accounts;

namespace SoundGraph.Api.Access;

/// <summary>The claims SoundGraph puts in its own principal (never the provider's tokens) and the <see cref="Caller"/>
/// read back from them.</summary>
public static class CallerClaims
{
    /// <summary>The store's owner in single-user mode.</summary>
    public const string Local = "sg:local";

    /// <summary>accounts.id.</summary>
    public const string Account = "sg:account";

    /// <summary>"true" for an admin.</summary>
    public const string Admin = "sg:admin";

    /// <summary>"true" when the caller may write (a cookie session, or a token with the write scope).</summary>
    public const string Write = "sg:write";

    /// <summary>How the caller authenticated: <see cref="ViaCookie"/> or <see cref="ViaToken"/>.</summary>
    public const string Via = "sg:via";

    /// <summary>A cookie session (signed in through the provider).</summary>
    public const string ViaCookie = "cookie";

    /// <summary>A personal API token.</summary>
    public const string ViaToken = "token";

    /// <summary>The principal of <paramref name="account"/> authenticated <paramref name="via"/> in
    /// <paramref name="scheme"/>. NameIdentifier (account:ID) keys antiforgery tokens to the account.</summary>
    public static ClaimsPrincipal For(AccountRow account, string via, bool write, string scheme)
    {
        ArgumentNullException.ThrowIfNull(account);
        var id = account.Id.ToString(CultureInfo.InvariantCulture);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "account:" + id),
                new Claim(ClaimTypes.Name, account.Name),
                new Claim(Account, id),
                new Claim(Admin, account.IsAdmin ? "true" : "false"),
                new Claim(Write, write ? "true" : "false"),
                new Claim(Via, via),
            ], scheme, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The single-user owner's principal. Its identity has no authentication type, so ASP.NET Core does not count
    /// it as authenticated: the output cache (which never stores an authenticated request's answer) keeps working in
    /// single-user mode, where every answer is the owner's anyway.</summary>
    public static ClaimsPrincipal LocalOwner() =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "local"), new Claim(Local, "true")]));

    /// <summary>Who <paramref name="user"/> is.</summary>
    public static Services.Accounts.Caller ToCaller(ClaimsPrincipal? user)
    {
        if (user?.HasClaim(Local, "true") == true)
        {
            return Services.Accounts.Caller.LocalOwner;
        }

        if (user?.Identity?.IsAuthenticated != true)
        {
            return Services.Accounts.Caller.Anonymous;
        }

        return long.TryParse(user.FindFirst(Account)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new Services.Accounts.Caller(id, user.HasClaim(Admin, "true"), user.HasClaim(Write, "true"))
            : Services.Accounts.Caller.Anonymous;
    }

    /// <summary>The request's caller.</summary>
    public static Services.Accounts.Caller Caller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ToCaller(context.User);
    }

    /// <summary>Whether the request authenticated with a cookie session (so unsafe methods need an antiforgery token).</summary>
    public static bool ViaCookieSession(this HttpContext context) => context?.User.HasClaim(Via, ViaCookie) == true;
}

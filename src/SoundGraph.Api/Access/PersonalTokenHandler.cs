using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SoundGraph.Services.Accounts;

namespace SoundGraph.Api.Access;

/// <summary><c>Authorization: Bearer sgr_…</c>: a personal API token (<see cref="PersonalTokens"/>). A malformed, unknown,
/// revoked or expired token fails authentication (the request is answered 401, even on a public endpoint); the token's
/// last use is recorded at most once an hour.</summary>
internal sealed class PersonalTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The failure message (it never echoes the token).</summary>
    public const string Invalid = "The bearer token is not a valid, active SoundGraph personal API token.";

    /// <summary>HttpContext.Items key set when a presented bearer token was refused.</summary>
    public const string InvalidMark = "sg:invalid-token";

    /// <summary>Whether the request presented a bearer token that was refused.</summary>
    public static bool Refused(Microsoft.AspNetCore.Http.HttpContext context) => context?.Items.ContainsKey(InvalidMark) == true;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var sessions = Context.RequestServices.GetRequiredService<StoreSessions>();
        var session = await sessions.GetAsync(Context.RequestAborted).ConfigureAwait(false);
        var now = TimeProvider.GetUtcNow();
        if (await PersonalTokens.AuthenticateAsync(session.Accounts, header["Bearer ".Length..].Trim(), now, Context.RequestAborted).ConfigureAwait(false) is not { } caller)
        {
            // The middleware keeps only successful results: the access filter reads this mark to answer 401.
            Context.Items[InvalidMark] = true;
            return AuthenticateResult.Fail(Invalid);
        }

        if (caller.Token.LastUsedAt is not { } used || now - used > TimeSpan.FromHours(1))
        {
            var access = Context.RequestServices.GetRequiredService<StoreAccess>();
            await using var store = await access.OpenWritableAsync(Context.RequestAborted).ConfigureAwait(false);
            await store.Accounts.TouchTokenAsync(caller.Token.Id, Context.RequestAborted).ConfigureAwait(false);
        }

        var principal = CallerClaims.For(caller.Account, CallerClaims.ViaToken, caller.Token.HasScope(PersonalTokens.Write), Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}

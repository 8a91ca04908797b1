using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SoundGraph.Api.Personal;

namespace SoundGraph.Api.Access;

/// <summary>Single-user mode: a request from a loopback address naming a loopback Host (<see cref="LoopbackOnly"/>) is
/// the owner of the store, without sign-in; any other request is anonymous.</summary>
internal sealed class LocalOwnerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(LoopbackOnly.Allows(Context)
            ? AuthenticateResult.Success(new AuthenticationTicket(CallerClaims.LocalOwner(), Scheme.Name))
            : AuthenticateResult.NoResult());
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SoundGraph.FakeOidc;

/// <summary>The checks OpenIddict's degraded mode leaves to the host (it has no client store): client ids, client
/// secrets, redirect and post-logout redirect URIs, and one-time use of authorization codes. Each runs after
/// OpenIddict's own checks of the same request (custom handlers come after the built-in ones).</summary>
internal static class ClientRules
{
    /// <summary>Rejects an authorization request from an unknown client or with a redirect URI the client does not
    /// allow. A rejection here is answered on the provider's own error page, never sent to the redirect URI.</summary>
    public static void ValidateAuthorization(ValidateAuthorizationRequestContext context, FakeOidcOptions options)
    {
        var client = options.FindClient(context.ClientId);
        if (client is null)
        {
            context.Reject(Errors.InvalidClient, "The client_id is not a client of this provider.");
            return;
        }

        if (!client.AllowsRedirectUri(context.RedirectUri))
        {
            context.Reject(Errors.InvalidRequest, "The redirect_uri is not allowed for this client.");
        }
    }

    /// <summary>Authenticates the client of a token request (its secret, compared in fixed time, for a confidential
    /// client; none for a public one) and rejects an authorization code that was already redeemed.</summary>
    public static void ValidateToken(ValidateTokenRequestContext context, FakeOidcOptions options, RedeemedCodes redeemed)
    {
        var client = options.FindClient(context.Request.ClientId);
        if (client is null)
        {
            context.Reject(Errors.InvalidClient, "The client_id is not a client of this provider.");
            return;
        }

        var secret = context.Request.ClientSecret;
        var authenticated = client.ClientSecret is null
            ? string.IsNullOrEmpty(secret)
            : secret is not null && SecretEquals(client.ClientSecret, secret);
        if (!authenticated)
        {
            context.Reject(Errors.InvalidClient, "The client could not be authenticated.");
            return;
        }

        // Degraded mode stores no tokens, so it cannot see that a code was used before (RFC 6749 §4.1.2: at most once).
        if (context.Request.IsAuthorizationCodeGrantType() && !redeemed.TryRedeem(context.Request.Code!))
        {
            context.Reject(Errors.InvalidGrant, "The authorization code was already redeemed.");
        }
    }

    /// <summary>Rejects an end-session request whose post-logout redirect URI no client (or not the named one) allows.</summary>
    public static void ValidateEndSession(ValidateEndSessionRequestContext context, FakeOidcOptions options)
    {
        var uri = context.PostLogoutRedirectUri;
        if (string.IsNullOrEmpty(uri))
        {
            return;
        }

        var clients = context.ClientId is { Length: > 0 } id
            ? options.Clients.Where(c => string.Equals(c.ClientId, id, StringComparison.Ordinal))
            : options.Clients;
        if (!clients.Any(c => c.AllowsPostLogoutRedirectUri(uri)))
        {
            context.Reject(Errors.InvalidRequest, "The post_logout_redirect_uri is not allowed.");
        }
    }

    /// <summary>Adds to OpenIddict's userinfo answer the claims it leaves out: <c>email_verified</c> (scope
    /// <c>email</c>) and <c>name</c> (scope <c>profile</c>).</summary>
    public static void AddUserInfoClaims(HandleUserInfoRequestContext context)
    {
        var principal = context.AccessTokenPrincipal;
        if (principal is null)
        {
            return;
        }

        if (principal.HasScope(Scopes.Email) && bool.TryParse(principal.GetClaim(Claims.EmailVerified), out var verified))
        {
            context.EmailVerified = verified;
        }

        if (principal.HasScope(Scopes.Profile) && principal.GetClaim(Claims.Name) is { } name)
        {
            context.Claims[Claims.Name] = name;
        }
    }

    private static bool SecretEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(actual)));
}

/// <summary>The authorization codes already exchanged (their SHA-256), for the life of the provider.</summary>
internal sealed class RedeemedCodes
{
    private readonly ConcurrentDictionary<string, byte> _hashes = new(StringComparer.Ordinal);

    /// <summary>Marks <paramref name="code"/> redeemed.</summary>
    /// <returns>False when it already was.</returns>
    public bool TryRedeem(string code) => _hashes.TryAdd(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code))), 0);
}

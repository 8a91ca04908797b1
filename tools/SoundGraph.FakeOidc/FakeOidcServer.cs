using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using SoundGraph.Fakes;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SoundGraph.FakeOidc;

/// <summary>A real, local OpenID Connect provider for tests and demos (OpenIddict's server in degraded mode, no
/// database; Kestrel on 127.0.0.1, plain http). It signs in TEST users (<see cref="FakeOidcOptions.Users"/>) for the
/// configured clients with the authorization code flow, PKCE required (S256 only).</summary>
/// <remarks>
/// <para>Endpoints: discovery <c>/.well-known/openid-configuration</c>, JWKS <c>/.well-known/jwks</c>, authorization
/// <c>/connect/authorize</c> (a sign-in page, or at once for a <c>login_hint</c> naming a test user), token
/// <c>/connect/token</c> (client_secret_post or client_secret_basic), userinfo <c>/connect/userinfo</c> and end session
/// <c>/connect/logout</c>. The id_token carries <c>sub</c>, and <c>email</c>, <c>email_verified</c> with scope
/// <c>email</c>, <c>name</c> with scope <c>profile</c> (as Google does), plus <c>nonce</c>, <c>aud</c> = client id and
/// <c>iss</c> = the issuer.</para>
/// <para>Test-tool shortcuts, each unfit for a real provider: the signing and encryption keys are EPHEMERAL, made at
/// start (tokens die with the provider; <see cref="FakeOidcOptions.SigningAlgorithm"/>); transport security is off
/// (http); redirect URIs on any loopback port are accepted for configured paths (<see cref="FakeOidcClient"/>); a
/// <c>login_hint</c> approves a user without a password (<see cref="FakeOidcOptions.ApproveLoginHint"/>); the provider keeps no session, so every authorization
/// request without a hint shows the sign-in page. Degraded mode stores no tokens, so the one-time use of authorization
/// codes is enforced here in memory.</para>
/// </remarks>
public sealed class FakeOidcServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOidcServer(WebApplication app, Uri issuer, FakeOidcOptions options)
    {
        _app = app;
        Issuer = issuer;
        Options = options;
    }

    /// <summary>The issuer (also the authority of a client), with a trailing slash, e.g. <c>http://127.0.0.1:5090/</c>.</summary>
    public Uri Issuer { get; }

    /// <summary>The discovery document's address, <c>{issuer}.well-known/openid-configuration</c>.</summary>
    public Uri DiscoveryUri => new(Issuer, ".well-known/openid-configuration");

    /// <summary>The authorization endpoint, <c>{issuer}connect/authorize</c>.</summary>
    public Uri AuthorizationEndpoint => new(Issuer, AuthorizePath.TrimStart('/'));

    /// <summary>The token endpoint, <c>{issuer}connect/token</c>.</summary>
    public Uri TokenEndpoint => new(Issuer, TokenPath.TrimStart('/'));

    /// <summary>The options it runs with (clients and users).</summary>
    public FakeOidcOptions Options { get; }

    internal const string AuthorizePath = "/connect/authorize";
    internal const string TokenPath = "/connect/token";
    internal const string UserInfoPath = "/connect/userinfo";
    internal const string EndSessionPath = "/connect/logout";

    /// <summary>Starts the provider on 127.0.0.1 and returns once it listens.</summary>
    /// <param name="options">Port, clients and users; null for the defaults (client <c>soundgraph</c>, users alice, bob, admin, carol).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running provider; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">The options are invalid (<see cref="FakeOidcOptions.Validate"/>).</exception>
    public static async Task<FakeOidcServer> StartAsync(FakeOidcOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeOidcOptions();
        options.Validate();
        var builder = LoopbackHost.CreateBuilder(options.Port);
        builder.Services.AddSingleton(options);
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddAntiforgery(antiforgery =>
        {
            // Cookies on 127.0.0.1 are shared by every port: a name of its own keeps the fake's apart from the app's.
            antiforgery.Cookie.Name = "fake_oidc_antiforgery";
            antiforgery.FormFieldName = SignInPage.AntiforgeryField;
        });
        builder.Services.AddOpenIddict().AddServer(server => ConfigureServer(server, options, new RedeemedCodes()));
        var app = builder.Build();
        app.UseAuthentication();
        AuthorizeEndpoint.Map(app);
        var port = await LoopbackHost.StartAsync(app, cancellationToken).ConfigureAwait(false);
        return new FakeOidcServer(app, new Uri($"http://127.0.0.1:{port}/"), options);
    }

    /// <summary>Stops the provider.</summary>
    /// <returns>A task that completes when it stopped.</returns>
    public ValueTask DisposeAsync() => LoopbackHost.StopAsync(_app);

    private static void ConfigureServer(OpenIddictServerBuilder server, FakeOidcOptions options, RedeemedCodes redeemed)
    {
        server.SetAuthorizationEndpointUris(AuthorizePath.TrimStart('/'))
            .SetTokenEndpointUris(TokenPath.TrimStart('/'))
            .SetUserInfoEndpointUris(UserInfoPath.TrimStart('/'))
            .SetEndSessionEndpointUris(EndSessionPath.TrimStart('/'));
        server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();

        // S256 only: "plain" would let a client send the verifier itself as the challenge.
        server.Configure(o => o.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

        // Clients authenticate with their secret (client_secret_post or client_secret_basic) or, public, not at all.
        server.Configure(o => o.ClientAuthenticationMethods.Remove(ClientAuthenticationMethods.PrivateKeyJwt));
        server.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
        server.RegisterClaims(Claims.Subject, Claims.Email, Claims.EmailVerified, Claims.Name);
        server.SetAuthorizationCodeLifetime(options.AuthorizationCodeLifetime)
            .SetIdentityTokenLifetime(options.TokenLifetime)
            .SetAccessTokenLifetime(options.TokenLifetime);

        // Test tool: ephemeral keys, in memory for the life of the provider (no certificate files, nothing on disk).
        // Authorization codes are encrypted with a random AES-256 key (only this provider reads them); tokens are
        // signed with a fresh ES256 or RS256 key published at the JWKS endpoint. An RSA key costs about a second of
        // CPU to make, an ECDSA or AES key a millisecond: that is why ES256 is the default for tests.
        server.AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
        server.AddEphemeralSigningKey(options.SigningAlgorithm == FakeOidcOptions.Rs256 ? SecurityAlgorithms.RsaSha256 : SecurityAlgorithms.EcdsaSha256);

        // Access tokens are plain signed JWTs so a client (or a test) can read them like the id_token.
        server.DisableAccessTokenEncryption();

        // No database: OpenIddict leaves client and redirect URI checks to the handlers below.
        server.EnableDegradedMode();
        server.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
        {
            ClientRules.ValidateAuthorization(context, options);
            return default;
        }));
        server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(h => h.UseInlineHandler(context =>
        {
            ClientRules.ValidateToken(context, options, redeemed);
            return default;
        }));
        server.AddEventHandler<OpenIddictServerEvents.ValidateEndSessionRequestContext>(h => h.UseInlineHandler(context =>
        {
            ClientRules.ValidateEndSession(context, options);
            return default;
        }));
        server.AddEventHandler<OpenIddictServerEvents.HandleUserInfoRequestContext>(h => h.UseInlineHandler(context =>
        {
            ClientRules.AddUserInfoClaims(context);
            return default;
        }));

        // Plain http on 127.0.0.1 (the tests run without TLS); the authorization and end-session endpoints are
        // answered by AuthorizeEndpoint (the sign-in page), the token endpoint by OpenIddict itself.
        server.UseAspNetCore()
            .DisableTransportSecurityRequirement()
            .EnableAuthorizationEndpointPassthrough()
            .EnableEndSessionEndpointPassthrough();
    }
}

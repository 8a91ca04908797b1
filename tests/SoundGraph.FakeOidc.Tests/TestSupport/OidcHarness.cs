using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SoundGraph.FakeOidc.Tests.TestSupport;

/// <summary>A started fake provider plus an HttpClient that does not follow redirects and keeps cookies (the
/// antiforgery cookie of the sign-in page), with the client side of the code + PKCE flow written out by hand.</summary>
internal sealed partial class OidcHarness : IAsyncDisposable
{
    public const string ClientId = "soundgraph";
    public const string ClientSecret = "soundgraph-test-secret";
    public const string RedirectUri = "http://127.0.0.1:61234/signin-oidc";

    private OidcHarness(FakeOidcServer server, HttpClient http)
    {
        Server = server;
        Http = http;
    }

    public FakeOidcServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<OidcHarness> StartAsync(FakeOidcOptions? options = null)
    {
        var server = await FakeOidcServer.StartAsync(options);
#pragma warning disable CA2000 // the handler is owned and disposed by the client
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = server.Issuer };
#pragma warning restore CA2000
        return new OidcHarness(server, http);
    }

    /// <summary>A fresh PKCE pair (RFC 7636): a 43-character verifier and its S256 challenge.</summary>
    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    /// <summary>An authorization request URI; null values leave the parameter out.</summary>
    public Uri AuthorizeUri(
        string? challenge,
        string? loginHint = null,
        string? redirectUri = RedirectUri,
        string? clientId = ClientId,
        string scope = "openid email profile",
        string state = "state-123",
        string nonce = "nonce-456",
        string? challengeMethod = "S256",
        string? prompt = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = scope,
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = challenge is null ? null : challengeMethod,
            ["login_hint"] = loginHint,
            ["prompt"] = prompt,
        };
        return new Uri(QueryHelpers.AddQueryString(Server.AuthorizationEndpoint.ToString(), query.Where(p => p.Value is not null)));
    }

    /// <summary>The code from a redirect to <see cref="RedirectUri"/> (asserting the redirect).</summary>
    public static string CodeFrom(HttpResponseMessage response)
    {
        var parameters = RedirectParameters(response, RedirectUri);
        Assert.False(parameters.ContainsKey("error"), parameters.GetValueOrDefault("error_description"));
        return parameters["code"];
    }

    /// <summary>The query parameters of a 302 to <paramref name="expectedTarget"/>.</summary>
    public static Dictionary<string, string> RedirectParameters(HttpResponseMessage response, string expectedTarget)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(expectedTarget + "?", location.ToString(), StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    /// <summary>Signs <paramref name="loginHint"/> in through the shortcut and returns the code and verifier.</summary>
    public async Task<(string Code, string Verifier)> CodeForAsync(string loginHint, string scope = "openid email profile")
    {
        var (verifier, challenge) = NewPkce();
        using var response = await Http.GetAsync(AuthorizeUri(challenge, loginHint, scope: scope));
        return (CodeFrom(response), verifier);
    }

    /// <summary>Posts a token request (client_secret_post unless <paramref name="basic"/>) and returns status and JSON body.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(
        string code, string? verifier, string? secret = ClientSecret, string redirectUri = RedirectUri, bool basic = false)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = ClientId,
        };
        if (verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Server.TokenEndpoint);
        if (basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{secret}")));
        }
        else if (secret is not null)
        {
            form["client_secret"] = secret;
        }

        request.Content = new FormUrlEncodedContent(form);
        using var response = await Http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body);
    }

    /// <summary>Validates <paramref name="idToken"/> the way a relying party does: signature against the keys the
    /// provider publishes at its JWKS URI (found through discovery), issuer, audience = the client id, lifetime.</summary>
    public async Task<JsonWebToken> ValidateIdTokenAsync(string idToken)
    {
        using var discovery = JsonDocument.Parse(await Http.GetStringAsync(Server.DiscoveryUri));
        var jwks = new JsonWebKeySet(await Http.GetStringAsync(discovery.RootElement.GetProperty("jwks_uri").GetString()));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = Server.Issuer.ToString(),
            ValidAudience = ClientId,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            RequireSignedTokens = true,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }

    /// <summary>The fields of the first form in <paramref name="html"/> (name → value, HTML-decoded) and its action.</summary>
    public static (string Action, Dictionary<string, string> Fields) ParseForm(string html)
    {
        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in NamedInput().Matches(html))
        {
            var tag = input.Value;
            var name = WebUtility.HtmlDecode(Attribute("name").Match(tag).Groups[1].Value);
            var value = Attribute("value").Match(tag) is { Success: true } v ? WebUtility.HtmlDecode(v.Groups[1].Value) : "";
            fields[name] = value;
        }

        return (action, fields);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    private static Regex Attribute(string name) => new($"\\s{name}=\"([^\"]*)\"", RegexOptions.CultureInvariant);

    [GeneratedRegex("<form[^>]*\\saction=\"([^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex FormAction();

    [GeneratedRegex("<input[^>]*\\sname=\"[^\"]*\"[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex NamedInput();
}

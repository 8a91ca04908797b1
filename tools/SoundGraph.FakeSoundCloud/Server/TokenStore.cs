using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace SoundGraph.FakeSoundCloud.Server;

/// <summary>Issues and checks access tokens (expire after <see cref="FakeServerOptions.TokenLifetime"/>) and single-use
/// refresh tokens, each bound to the client it was issued to; answers <c>POST /oauth/token</c> per the contract.</summary>
internal sealed class TokenStore(FakeServerOptions options, FakeServerStats stats)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, string ClientId)> accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> refreshTokens = new(StringComparer.Ordinal);

    public bool IsValid(string? accessToken, DateTimeOffset now) => ClientOf(accessToken, now) is not null;

    /// <summary>The client id a live access token was issued to, or null for no, unknown or expired token.</summary>
    public string? ClientOf(string? accessToken, DateTimeOffset now) =>
        accessToken is not null && accessTokens.TryGetValue(accessToken, out var entry) && now < entry.Expires ? entry.ClientId : null;

    public async Task<ApiResponse> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return Error(400, "invalid_request");
        }

        var form = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var (clientId, clientSecret) = ClientCredentials(request, form);
        if (KnownClient(clientId, clientSecret) is not { } client)
        {
            stats.Unauthenticated();
            return Error(401, "invalid_client");
        }

        switch (form["grant_type"].ToString())
        {
            case "client_credentials":
                return Issue(client);
            case "refresh_token":
                // A refresh token is single-use and only good for the client it was issued to.
                var refresh = form["refresh_token"].ToString();
                return refresh.Length > 0 && refreshTokens.TryGetValue(refresh, out var owner) && owner == client && refreshTokens.TryRemove(refresh, out _)
                    ? Issue(client)
                    : Error(400, "invalid_grant");
            default:
                return Error(400, "unsupported_grant_type");
        }
    }

    /// <summary>The client id when the pair matches <see cref="FakeServerOptions.ClientId"/>/<see cref="FakeServerOptions.ClientSecret"/>
    /// or one of <see cref="FakeServerOptions.ExtraClients"/>, else null.</summary>
    private string? KnownClient(string? clientId, string? clientSecret)
    {
        if (Matches(clientId, options.ClientId) && Matches(clientSecret, options.ClientSecret))
        {
            return options.ClientId;
        }

        return clientId is not null && options.ExtraClients.TryGetValue(clientId, out var secret) && Matches(clientSecret, secret) ? clientId : null;
    }

    private ApiResponse Issue(string clientId)
    {
        var access = NewToken();
        var refresh = NewToken();
        var lifetime = (int)options.TokenLifetime.TotalSeconds;
        accessTokens[access] = (options.TimeProvider.GetUtcNow().AddSeconds(lifetime), clientId);
        refreshTokens[refresh] = clientId;
        stats.TokenIssued();
        return ApiResponse.Json(new { access_token = access, token_type = "bearer", expires_in = lifetime, refresh_token = refresh, scope = "" });
    }

    private static ApiResponse Error(int status, string error) => ApiResponse.Json(new { error }, status);

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    private static bool Matches(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    /// <summary>Client id and secret from <c>Authorization: Basic</c>, else from the form fields.</summary>
    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } encoded)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? (null, null) : (pair[..colon], pair[(colon + 1)..]);
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }
}

using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace SoundGraph.FakeSoundCloud.Server;

/// <summary>Issues and checks access tokens (expire after <see cref="FakeServerOptions.TokenLifetime"/>) and single-use
/// refresh tokens; answers <c>POST /oauth/token</c> per the contract.</summary>
internal sealed class TokenStore(FakeServerOptions options, FakeServerStats stats)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> refreshTokens = new(StringComparer.Ordinal);

    public bool IsValid(string? accessToken, DateTimeOffset now) =>
        accessToken is not null && accessTokens.TryGetValue(accessToken, out var expires) && now < expires;

    public async Task<ApiResponse> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return Error(400, "invalid_request");
        }

        var form = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var (clientId, clientSecret) = ClientCredentials(request, form);
        if (!Matches(clientId, options.ClientId) || !Matches(clientSecret, options.ClientSecret))
        {
            stats.Unauthenticated();
            return Error(401, "invalid_client");
        }

        switch (form["grant_type"].ToString())
        {
            case "client_credentials":
                return Issue();
            case "refresh_token":
                var refresh = form["refresh_token"].ToString();
                return refresh.Length > 0 && refreshTokens.TryRemove(refresh, out _) ? Issue() : Error(400, "invalid_grant");
            default:
                return Error(400, "unsupported_grant_type");
        }
    }

    private ApiResponse Issue()
    {
        var access = NewToken();
        var refresh = NewToken();
        var lifetime = (int)options.TokenLifetime.TotalSeconds;
        accessTokens[access] = options.TimeProvider.GetUtcNow().AddSeconds(lifetime);
        refreshTokens[refresh] = 0;
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

using System.Text.Json;
using SoundGraph.FakeOidc.Tests.TestSupport;

namespace SoundGraph.FakeOidc.Tests;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task Discovery_Document_NamesIssuerEndpointsAndS256Only()
    {
        await using var h = await OidcHarness.StartAsync();

        using var doc = JsonDocument.Parse(await h.Http.GetStringAsync(".well-known/openid-configuration"));
        var root = doc.RootElement;
        var issuer = h.Server.Issuer.ToString();

        Assert.StartsWith("http://127.0.0.1:", issuer, StringComparison.Ordinal);
        Assert.Equal(issuer, root.GetProperty("issuer").GetString());
        Assert.Equal(issuer + "connect/authorize", root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(issuer + "connect/token", root.GetProperty("token_endpoint").GetString());
        Assert.Equal(issuer + "connect/userinfo", root.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal(issuer + "connect/logout", root.GetProperty("end_session_endpoint").GetString());
        Assert.Equal(issuer + ".well-known/jwks", root.GetProperty("jwks_uri").GetString());
        Assert.Equal(["S256"], Strings(root, "code_challenge_methods_supported"));
        Assert.Equal(["code"], Strings(root, "response_types_supported"));
        Assert.Equal(["authorization_code"], Strings(root, "grant_types_supported"));
        Assert.Equal(["client_secret_basic", "client_secret_post"], Strings(root, "token_endpoint_auth_methods_supported").Order());
        Assert.Equal(["email", "openid", "profile"], Strings(root, "scopes_supported").Order());
        Assert.Equal(h.Server.DiscoveryUri, new Uri(issuer + ".well-known/openid-configuration"));
    }

    [Theory]
    [InlineData("ES256", "EC")]
    [InlineData("RS256", "RSA")]
    public async Task Jwks_PublishesOnePublicSigningKeyOfTheConfiguredAlgorithm(string algorithm, string keyType)
    {
        await using var h = await OidcHarness.StartAsync(new FakeOidcOptions { SigningAlgorithm = algorithm });

        using var jwks = JsonDocument.Parse(await h.Http.GetStringAsync(".well-known/jwks"));
        using var discovery = JsonDocument.Parse(await h.Http.GetStringAsync(".well-known/openid-configuration"));
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());

        Assert.Equal(keyType, key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal(algorithm, key.GetProperty("alg").GetString());
        Assert.False(string.IsNullOrEmpty(key.GetProperty("kid").GetString()));
        Assert.False(key.TryGetProperty("d", out _)); // the public half only
        Assert.Equal([algorithm], Strings(discovery.RootElement, "id_token_signing_alg_values_supported"));
    }

    [Fact]
    public async Task Start_TwoServers_EachOnItsOwnPortWithItsOwnKeys()
    {
        await using var a = await OidcHarness.StartAsync();
        await using var b = await OidcHarness.StartAsync();

        var jwksA = await a.Http.GetStringAsync(".well-known/jwks");
        var jwksB = await b.Http.GetStringAsync(".well-known/jwks");

        Assert.NotEqual(a.Server.Issuer, b.Server.Issuer);
        Assert.NotEqual(jwksA, jwksB);
    }

    private static string[] Strings(JsonElement root, string name) =>
        [.. root.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
}

using System.Net;
using System.Net.Http.Headers;
using SoundGraph.Api.Tests.Taste;

namespace SoundGraph.Api.Tests.Accounts;

/// <summary>Rate limits (configured low here): expensive endpoints per account, sign-in per IP; a refused request is a
/// 429 problem with Retry-After, and one account's limit does not touch another's.</summary>
public sealed class RateLimitTests(AuthApiFixture auth) : IClassFixture<AuthApiFixture>
{
    [Fact]
    public async Task ExpensiveEndpoint_OverTheLimit_429WithRetryAfter_PerAccount()
    {
        var settings = new Dictionary<string, string>(auth.Settings) { ["SoundGraph:RateLimits:ExpensivePerMinute"] = "2" };
        await using var factory = new TasteApiFactory(auth.Db, auth.WebRoot, IPAddress.Parse("203.0.113.9"), settings);

        async Task<HttpResponseMessage> CreateAsync(string caller)
        {
            using var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auth.Tokens[caller]);
            var (_, _, response) = await client.SendJsonAsync(HttpMethod.Post, "/api/tokens", new { name = "limit", days = 1 });
            return response;
        }

        Assert.Equal(HttpStatusCode.Created, (await CreateAsync("alice")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync("alice")).StatusCode);
        var refused = await CreateAsync("alice");
        var other = await CreateAsync("bob");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Fact]
    public async Task SignIn_OverTheLimit_429()
    {
        var settings = new Dictionary<string, string>(auth.Settings) { ["SoundGraph:RateLimits:SignInPerMinute"] = "3" };
        await using var factory = new TasteApiFactory(auth.Db, auth.WebRoot, IPAddress.Parse("203.0.113.10"), settings);
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.GetAsync(new Uri("/signin", UriKind.Relative))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
    }
}

using System.Net;
using Microsoft.AspNetCore.Http;
using SoundGraph.Api.Personal;

namespace SoundGraph.Api.Tests.Taste;

/// <summary>In single-user mode (no identity provider), personal endpoints answer loopback requests only (a 403 problem
/// says why); the rest of the API is unaffected.</summary>
public sealed class LoopbackTests(TasteApiFixture taste) : IClassFixture<TasteApiFixture>
{
    public static TheoryData<string, string> PersonalEndpoints => new()
    {
        { "GET", "/api/dashboard/trajectory?user=ana" },
        { "GET", "/api/dashboard/radar?user=ana" },
        { "GET", "/api/dashboard/moods?user=ana" },
        { "GET", "/api/dashboard/outliers?user=ana" },
        { "GET", "/api/dashboard/map?user=ana" },
        { "GET", "/api/labels?user=ana" },
        { "POST", "/api/labels" },
        { "DELETE", "/api/labels?user=ana&track=Sunny" },
        { "POST", "/api/aggregate/weeks?user=ana" },
        { "POST", "/api/mixtapes" },
        { "GET", "/api/jobs/0123456789abcdef0123456789abcdef" },
        { "POST", "/api/ingest/listens?user=synthetic-listener" },
        { "POST", "/api/tags/lastfm/sync" },
        { "POST", "/api/analyze/track/1" },
        { "POST", "/api/score/track/1" },
    };

    [Theory]
    [MemberData(nameof(PersonalEndpoints))]
    public async Task PersonalEndpoint_RemoteAddress_Returns403SayingLoopbackOnly(string method, string path)
    {
        await using var factory = new TasteApiFactory(taste.Db, taste.WebRoot, IPAddress.Parse("203.0.113.9"));
        using var client = factory.CreateClient();

        var (status, body, response) = await client.SendJsonAsync(new HttpMethod(method), path, path switch
        {
            "/api/labels" when method == "POST" => new { user = "ana", track = "Sunny", axis = "energy", value = 0.5 },
            "/api/mixtapes" => new { user = "ana", week = "2021-W07" },
            _ => null,
        });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(LoopbackOnly.Refusal, body.GetProperty("detail").GetString());
        Assert.StartsWith("Single-user mode serves personal data on loopback only", LoopbackOnly.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonalEndpoint_NoRemoteAddress_Returns403_PublicEndpointStillAnswers()
    {
        await using var factory = new TasteApiFactory(taste.Db, taste.WebRoot, remote: null);
        using var client = factory.CreateClient();

        var (status, _, _, _) = await client.GetJsonAsync("/api/dashboard/trajectory?user=ana");
        var search = await client.OkJsonAsync("/api/search?q=Sunny");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.NotEmpty(search.GetProperty("results").Items());
    }

    [Fact]
    public async Task AnyEndpoint_LoopbackAddressButForeignHost_Returns400FromHostFiltering()
    {
        // DNS rebinding: a page on rebound.example resolving to 127.0.0.1. Single-user mode allows loopback hosts only.
        foreach (var path in new[] { "/api/dashboard/trajectory?user=ana", "/api/search?q=Sunny", "/health" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Host = "rebound.example";

            var response = await taste.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task PersonalEndpoint_Ipv6Loopback_Answers()
    {
        await using var factory = new TasteApiFactory(taste.Db, taste.WebRoot, IPAddress.IPv6Loopback);
        using var client = factory.CreateClient();

        await client.OkJsonAsync("/api/dashboard/trajectory?user=ana");
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.2", false)]
    [InlineData("::ffff:192.168.1.2", false)]
    [InlineData("fe80::1", false)]
    public void IsLoopback_Addresses(string address, bool expected) => Assert.Equal(expected, LoopbackOnly.IsLoopback(IPAddress.Parse(address)));

    [Fact]
    public void IsLoopback_Unknown_IsNot() => Assert.False(LoopbackOnly.IsLoopback(null));

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("[::1]", true)]
    [InlineData("example.com", false)]
    [InlineData("localhost.example.com", false)]
    [InlineData("", false)]
    public void IsLoopbackHost_Names(string host, bool expected) => Assert.Equal(expected, LoopbackOnly.IsLoopbackHost(host));

    [Fact]
    public void Allows_NeedsBothAddressAndHost()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Request.Host = new HostString("localhost", 5080);
        Assert.True(LoopbackOnly.Allows(context));

        context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.1");
        Assert.False(LoopbackOnly.Allows(context));
    }
}

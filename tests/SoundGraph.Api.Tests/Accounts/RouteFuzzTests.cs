using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SoundGraph.Api.Tests.Accounts;

/// <summary>Every route of the route table, with and without credentials (none, a valid token, a bogus one, and a
/// cookie-less forged session cookie), with hostile values in each route parameter, the listener query and the body:
/// never a 5xx. The inputs are a fixed list (deterministic), not random.</summary>
public sealed class RouteFuzzTests(AuthApiFixture auth) : IClassFixture<AuthApiFixture>
{
    private static readonly string[] Values =
    [
        "0", "-1", "abc", "99999999999999999999", "%00", "%F0%9F%8E%B5", "user:1", "user:-5", "track:abc", "..%2F..%2Fetc%2Fpasswd",
        "%27%20OR%201%3D1--", new string('x', 3000), "%E2%80%AE", "null",
    ];

    private static readonly string?[] Bodies =
    [
        null, "{", "[]", "null", "\"text\"", "{\"user\":123,\"week\":[],\"value\":\"NaN\"}", "{\"name\":" + new string('9', 400) + "}",
        "{\"user\":\"ana\",\"track\":\"Sunny\",\"axis\":\"energy\",\"value\":1e309}", "{\"confirm\":null,\"days\":-2147483649}",
    ];

    [Fact]
    public async Task EveryRoute_HostileInputs_AnyCaller_NeverA5xx()
    {
        var failures = new List<string>();
        var routes = auth.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .Where(r => r.Method != HttpMethods.Head && !r.Pattern.StartsWith("/openapi", StringComparison.Ordinal))
            .ToList();
        foreach (var caller in new[] { "anonymous", "alice", "sgr_bogus-token-value" })
        {
            foreach (var (method, pattern) in routes)
            {
                foreach (var value in Values)
                {
                    // A NUL in the path never reaches the app (the server refuses the request line): it goes in the query only.
                    var path = System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[^}]+\\}", value == "%00" ? "%2500" : value) + "?user=" + value + "&week=" + value + "&limit=" + value + "&since=" + value;
                    foreach (var body in method == HttpMethods.Get ? [null] : Bodies)
                    {
                        var status = await SendAsync(caller, method, path, body);
                        if ((int)status >= 500)
                        {
                            failures.Add($"{method} {Short(path)} as {Short(caller)} body {Short(body ?? "none")}: {(int)status}");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
    }

    private async Task<HttpStatusCode> SendAsync(string caller, string method, string path, string? body)
    {
        using var client = auth.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (caller != "anonymous")
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + (auth.Tokens.TryGetValue(caller, out var token) ? token : caller));
        }

        request.Headers.TryAddWithoutValidation("Cookie", "soundgraph.session=CfDJ8forged; soundgraph.csrf=forged");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static string Short(string text) => text.Length > 80 ? text[..80] + "…" : text;
}

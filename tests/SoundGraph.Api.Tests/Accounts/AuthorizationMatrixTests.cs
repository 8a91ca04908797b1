using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SoundGraph.Api.Access;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Api.Tests.Accounts;

/// <summary>The authorization matrix (issue 17): every route of the route table, generated from
/// <see cref="EndpointDataSource"/>, × caller (anonymous, alice, bob, admin) × resource (alice's private listener ana —
/// her own, bob's foreign one —, bob's private noa, the public ben), with the status its <see cref="AccessRule"/> implies. A route without a rule, or without
/// an example request here, fails the suite.</summary>
public sealed class AuthorizationMatrixTests(AuthApiFixture auth) : IClassFixture<AuthApiFixture>
{
    private static readonly string[] Callers = ["anonymous", "alice", "bob", "admin"];

    /// <summary>What a route's example reads or writes.</summary>
    private enum Subject
    {
        /// <summary>Nothing of a listener's: every caller the rule lets in gets the same answer.</summary>
        None,

        /// <summary>A listener, in the path or query ({L} is replaced by its id).</summary>
        Listener,

        /// <summary>A listener named in the JSON body (a hidden one is a 400 keyed user, not a 404).</summary>
        BodyListener,

        /// <summary>A job queued by alice for ana ({J}).</summary>
        Job,
    }

    /// <summary>One example request per route: path ({L} listener id, {T} track id, {J} job id), body, and statuses that
    /// still mean "let in" for this route (a 404 of a token id the caller does not have, a 400 of a deliberately
    /// incomplete body).</summary>
    private sealed record Example(Subject Subject, string Path, Func<long, object?>? Body = null, params int[] AlsoAllowed);

    private static readonly Dictionary<string, Example> Examples = new(StringComparer.Ordinal)
    {
        ["GET /health"] = new(Subject.None, "/health"),
        ["GET /openapi/{documentName:regex(^v1$)}.json"] = new(Subject.None, "/openapi/v1.json"),
        ["GET /signin"] = new(Subject.None, "/signin"),
        ["POST /signout"] = new(Subject.None, "/signout", AlsoAllowed: [400]),
        ["GET /api/me"] = new(Subject.None, "/api/me"),
        ["GET /api/search"] = new(Subject.None, "/api/search?q=Sunny"),
        ["GET /api/tracks/{id}"] = new(Subject.None, "/api/tracks/{T}"),
        ["GET /api/artists/{id}"] = new(Subject.None, "/api/artists/1", AlsoAllowed: [404]),
        ["GET /api/users/{id}"] = new(Subject.Listener, "/api/users/{L}"),
        ["GET /api/unveil/{kind}/{id}"] = new(Subject.Listener, "/api/unveil/user/{L}"),
        ["GET /api/related/{kind}/{id}"] = new(Subject.Listener, "/api/related/user/{L}"),
        ["GET /api/graph/{kind}/{id}"] = new(Subject.Listener, "/api/graph/user/{L}"),
        ["GET /api/recommend/track/{id}"] = new(Subject.None, "/api/recommend/track/{T}", AlsoAllowed: [404, 409, 503]),
        ["GET /api/recommend/models"] = new(Subject.None, "/api/recommend/models"),
        ["GET /api/dashboard/trajectory"] = new(Subject.Listener, "/api/dashboard/trajectory?user=user:{L}"),
        ["GET /api/dashboard/radar"] = new(Subject.Listener, "/api/dashboard/radar?user=user:{L}"),
        ["GET /api/dashboard/moods"] = new(Subject.Listener, "/api/dashboard/moods?user=user:{L}"),
        ["GET /api/dashboard/outliers"] = new(Subject.Listener, "/api/dashboard/outliers?user=user:{L}"),
        ["GET /api/dashboard/map"] = new(Subject.Listener, "/api/dashboard/map?user=user:{L}"),
        ["GET /api/labels"] = new(Subject.Listener, "/api/labels?user=user:{L}"),
        ["POST /api/labels"] = new(Subject.BodyListener, "/api/labels", l => new { user = $"user:{l}", track = "Sunny", axis = "energy", value = 0.5 }),
        ["DELETE /api/labels"] = new(Subject.Listener, "/api/labels?user=user:{L}&track=Sunny"),
        ["POST /api/mixtapes"] = new(Subject.BodyListener, "/api/mixtapes", l => new { user = $"user:{l}", week = "2021-W07" }, 422),
        ["POST /api/aggregate/weeks"] = new(Subject.Listener, "/api/aggregate/weeks?user=user:{L}"),
        ["GET /api/jobs/{id}"] = new(Subject.Job, "/api/jobs/{J}"),
        ["POST /api/ingest/listens"] = new(Subject.None, "/api/ingest/listens?user=someone", AlsoAllowed: [503]),
        ["POST /api/tags/lastfm/sync"] = new(Subject.None, "/api/tags/lastfm/sync", AlsoAllowed: [503]),
        ["POST /api/analyze/track/{id}"] = new(Subject.None, "/api/analyze/track/{T}", AlsoAllowed: [409]),
        ["POST /api/score/track/{id}"] = new(Subject.None, "/api/score/track/{T}"),
        ["GET /api/tokens"] = new(Subject.None, "/api/tokens"),
        ["POST /api/tokens"] = new(Subject.None, "/api/tokens", _ => new { name = "matrix" }),
        ["DELETE /api/tokens/{id}"] = new(Subject.None, "/api/tokens/999999", AlsoAllowed: [404]),
        ["GET /api/services"] = new(Subject.None, "/api/services"),
        ["PUT /api/services/{service}"] = new(Subject.None, "/api/services/lastfm", _ => new { userName = "someone" }),
        ["DELETE /api/services/{service}"] = new(Subject.None, "/api/services/listenbrainz", AlsoAllowed: [404]),
        ["POST /api/me/delete-data"] = new(Subject.None, "/api/me/delete-data", _ => new { confirm = "not this time" }, 400),
        ["POST /api/import/spotify-export"] = new(Subject.None, "/api/import/spotify-export", AlsoAllowed: [400]),
        ["POST /api/me/sync/listenbrainz"] = new(Subject.None, "/api/me/sync/listenbrainz", AlsoAllowed: [404]),
    };

    [Fact]
    public void EveryRoute_HasAnAccessRuleAndAnExample()
    {
        var missing = Routes().Where(r => r.Rule is null || !Examples.ContainsKey(r.Key)).Select(r => $"{r.Key} (rule: {r.Rule?.Level.ToString() ?? "none"})").ToList();

        Assert.True(missing.Count == 0, "Routes without an access rule or a matrix example: " + string.Join(", ", missing));
        Assert.Empty(Examples.Keys.Except(Routes().Select(r => r.Key), StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryRoute_EveryCaller_EveryResource_AnswersAsItsRuleSays()
    {
        var track = await TasteSample.TrackIdAsync(auth.Store, "Sunny");
        var (_, _, jobResponse) = await auth.SendAsync("alice", HttpMethod.Post, $"/api/aggregate/weeks?user=user:{auth.Ana}");
        var job = jobResponse.Headers.Location!.OriginalString.Split('/')[^1];
        var failures = new List<string>();
        foreach (var route in Routes().Where(r => r.Rule is not null && Examples.ContainsKey(r.Key)))
        {
            var example = Examples[route.Key];
            var resources = example.Subject is Subject.Listener or Subject.BodyListener ? new[] { ("ana", auth.Ana), ("noa", auth.Noa), ("ben", auth.Ben) } : [("none", auth.Ana)];
            foreach (var caller in Callers)
            {
                foreach (var (resource, listener) in resources)
                {
                    var path = example.Path.Replace("{L}", Id(listener), StringComparison.Ordinal).Replace("{T}", Id(track), StringComparison.Ordinal).Replace("{J}", job, StringComparison.Ordinal);
                    var (status, body, _) = await auth.SendAsync(caller, new HttpMethod(route.Method), path, example.Body?.Invoke(listener));
                    var expected = Expected(route.Rule!.Level, route.Method, example, caller, resource);
                    var ok = expected == Allowed
                        ? (int)status is not (401 or 403 or 404) and < 500 || example.AlsoAllowed.Contains((int)status)
                        : (int)status == expected;
                    if (!ok)
                    {
                        failures.Add($"{route.Method} {path} as {caller} ({resource}): {(int)status}, expected {(expected == Allowed ? "let in" : expected)}: {body}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private const int Allowed = 0;

    /// <summary>The status the rule implies, or <see cref="Allowed"/>.</summary>
    private static int Expected(AccessLevel level, string method, Example example, string caller, string resource)
    {
        var write = method != HttpMethods.Get;
        var admin = caller == "admin";
        // ana is alice's private listener, noa bob's; ben is public and nobody's.
        var owns = admin || (caller == "alice" && resource == "ana") || (caller == "bob" && resource == "noa");
        var visible = owns || resource is "ben" or "none";
        return level switch
        {
            AccessLevel.Public or AccessLevel.SignIn => example.Subject == Subject.Listener && !visible ? 404 : Allowed,
            AccessLevel.Account => caller == "anonymous" ? 401 : Allowed,
            AccessLevel.Admin => caller == "anonymous" ? 401 : admin ? Allowed : 403,
            AccessLevel.Listener when example.Subject == Subject.Job => caller is "alice" or "admin" ? Allowed : 404,
            AccessLevel.Listener when write && caller == "anonymous" => 401,
            AccessLevel.Listener when !visible => example.Subject == Subject.BodyListener ? 400 : 404,
            AccessLevel.Listener when write && !owns => 403,
            _ => Allowed,
        };
    }

    private IEnumerable<(string Key, string Method, AccessRule? Rule)> Routes() =>
        auth.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => ($"{m} {e.RoutePattern.RawText}", m, e.Metadata.GetMetadata<AccessRule>())))
            .Where(r => r.m != HttpMethods.Head)
            .Select(r => (r.Item1, r.m, r.Item3));

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

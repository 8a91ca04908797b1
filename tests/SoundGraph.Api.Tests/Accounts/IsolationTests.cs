using System.Net;
using Dapper;
using SoundGraph.Api.Access;
using SoundGraph.Api.Tests.Taste;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Api.Tests.Accounts;

/// <summary>Per-listener isolation with sign-in configured: a private listener is its owner's (and admins'); anyone else
/// gets exactly the 404 of an id that does not exist; public listeners stay readable; writes need the owner.</summary>
public sealed class IsolationTests(AuthApiFixture auth) : IClassFixture<AuthApiFixture>
{
    private static string Id(long id) => TasteHttp.Id(id);

    [Theory]
    [InlineData("anonymous", false)]
    [InlineData("bob", false)]
    [InlineData("alice", true)]
    [InlineData("alice-read", true)]
    [InlineData("admin", true)]
    public async Task PrivateListener_DashboardUserAndUnveil_OwnerAndAdminOnly_OthersGetTheMissingIdAnswer(string caller, bool allowed)
    {
        string[] paths = [$"/api/dashboard/trajectory?user=user:{Id(auth.Ana)}", $"/api/users/{Id(auth.Ana)}", $"/api/unveil/user/{Id(auth.Ana)}",
            $"/api/related/user/{Id(auth.Ana)}", $"/api/graph/user/{Id(auth.Ana)}", $"/api/labels?user=user:{Id(auth.Ana)}", $"/api/dashboard/map?user=ana"];
        foreach (var path in paths)
        {
            var (status, body, _) = await auth.GetAsync(caller, path);
            if (allowed)
            {
                Assert.True(status == HttpStatusCode.OK, $"{caller} {path}: {(int)status} {body}");
                continue;
            }

            // Exactly what an id that does not exist gets, with the id swapped: nothing tells the two apart.
            var missing = path.Replace(Id(auth.Ana), "999999", StringComparison.Ordinal).Replace("user=ana", "user=zzzz-nobody", StringComparison.Ordinal);
            var (missingStatus, missingBody, _) = await auth.GetAsync(caller, missing);
            Assert.True(status == HttpStatusCode.NotFound, $"{caller} {path}: {(int)status} {body}");
            Assert.Equal(missingStatus, status);
            Assert.Equal(missingBody.GetProperty("detail").GetString()!.Replace("999999", Id(auth.Ana), StringComparison.Ordinal).Replace("zzzz-nobody", "ana", StringComparison.Ordinal),
                body.GetProperty("detail").GetString());
        }
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("bob")]
    public async Task PublicListener_ReadableByAnyone(string caller)
    {
        foreach (var path in new[] { $"/api/users/{Id(auth.Ben)}", $"/api/dashboard/trajectory?user=ben", $"/api/unveil/user/{Id(auth.Ben)}" })
        {
            var (status, body, _) = await auth.GetAsync(caller, path);
            Assert.True(status == HttpStatusCode.OK, $"{caller} {path}: {(int)status} {body}");
        }
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("bob")]
    public async Task Search_LeavesOutPrivateListenersOfOthers(string caller)
    {
        var (_, others, _) = await auth.GetAsync(caller, "/api/search?q=ana&kind=user");
        var (_, owner, _) = await auth.GetAsync("alice", "/api/search?q=ana&kind=user");

        Assert.DoesNotContain(others.GetProperty("results").Items(), h => h.GetProperty("id").GetInt64() == auth.Ana);
        Assert.Contains(owner.GetProperty("results").Items(), h => h.GetProperty("id").GetInt64() == auth.Ana);
    }

    [Fact]
    public async Task PrivateListenersPlaylists_LeftOutOfPublicUnveil()
    {
        // sam-owner's playlist "Sam's" holds Sunny; once sam-owner is private (and alice's), only alice and admins see it.
        var samOwner = await TasteSample.UserIdAsync(auth.Store, "test:user:sam-owner");
        var sunny = await TasteSample.TrackIdAsync(auth.Store, "Sunny");
        static bool Lists(System.Text.Json.JsonElement report) =>
            report.GetProperty("sections").Items().SelectMany(s => s.GetProperty("items").Items()).Any(i => i.GetProperty("kind").GetString() == "playlist");
        Assert.True(Lists((await auth.GetAsync("bob", $"/api/unveil/track/{Id(sunny)}?limit=11")).Body));

        await auth.Store.Accounts.SetOwnerAsync(samOwner, auth.Alice.Id);
        await auth.Store.Accounts.SetVisibilityAsync(samOwner, Storage.Accounts.UserVisibility.Private);
        try
        {
            Assert.False(Lists((await auth.GetAsync("bob", $"/api/unveil/track/{Id(sunny)}?limit=12")).Body));
            Assert.True(Lists((await auth.GetAsync("alice", $"/api/unveil/track/{Id(sunny)}?limit=12")).Body));
            Assert.True(Lists((await auth.GetAsync("admin", $"/api/unveil/track/{Id(sunny)}?limit=12")).Body));
        }
        finally
        {
            await auth.Store.Accounts.SetVisibilityAsync(samOwner, null);
            await auth.Store.Accounts.SetOwnerAsync(samOwner, null);
        }
    }

    [Fact]
    public async Task Writes_NeedOwnerWithWriteScope()
    {
        var track = await TasteSample.TrackIdAsync(auth.Store, "Sunny");
        object Label(long user) => new { user = $"user:{user}", track = $"track:{track}", axis = "energy", value = 0.5 };

        Assert.Equal(HttpStatusCode.Unauthorized, (await auth.SendAsync("anonymous", HttpMethod.Post, "/api/labels", Label(auth.Ana))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await auth.SendAsync("alice-read", HttpMethod.Post, "/api/labels", Label(auth.Ana))).Status);
        var foreign = await auth.SendAsync("bob", HttpMethod.Post, "/api/labels", Label(auth.Ana));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.Status);
        Assert.Equal($"No user matches 'user:{auth.Ana}'.", TasteHttp.ErrorOf(foreign.Body, "user"));
        Assert.Equal(HttpStatusCode.Forbidden, (await auth.SendAsync("bob", HttpMethod.Post, "/api/labels", Label(auth.Ben))).Status);
        Assert.Equal(HttpStatusCode.Created, (await auth.SendAsync("alice", HttpMethod.Post, "/api/labels", Label(auth.Ana))).Status);
        Assert.Equal(HttpStatusCode.OK, (await auth.SendAsync("admin", HttpMethod.Post, "/api/labels", Label(auth.Ana))).Status);
        Assert.Equal(1, await auth.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM taste_labels WHERE user_id = @Ana", new { auth.Ana }));
    }

    [Fact]
    public async Task Jobs_OnlyTheirOwnerAndAdminsSeeThem()
    {
        var (status, job, response) = await auth.SendAsync("alice", HttpMethod.Post, $"/api/aggregate/weeks?user=user:{Id(auth.Ana)}");
        Assert.Equal(HttpStatusCode.Accepted, status);
        var path = response.Headers.Location!.OriginalString;

        Assert.Equal(HttpStatusCode.OK, (await auth.GetAsync("alice", path)).Status);
        Assert.Equal(HttpStatusCode.OK, (await auth.GetAsync("admin", path)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await auth.GetAsync("bob", path)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await auth.GetAsync("anonymous", path)).Status);
        Assert.NotEqual(default, job);
    }

    [Fact]
    public async Task AdminJobs_RefuseNonAdmins()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await auth.SendAsync("anonymous", HttpMethod.Post, "/api/score/track/1")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await auth.SendAsync("alice", HttpMethod.Post, "/api/score/track/1")).Status);
    }

    [Fact]
    public async Task InvalidBearerToken_Is401_EvenOnPublicEndpoints()
    {
        foreach (var token in new[] { "sgr_not-a-real-token", "garbage", auth.Tokens["alice"] + "x" })
        {
            var (status, body, response) = await auth.GetAsync(token, "/api/search?q=Sunny");
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal(PersonalTokenHandler.Invalid, body.GetProperty("detail").GetString());
            Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public async Task ForeignHost_IsRefused()
    {
        using var client = auth.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/search?q=Sunny", UriKind.Relative));
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Me_ShowsTheCallerAndTheirListeners()
    {
        var (_, anonymous, _) = await auth.GetAsync("anonymous", "/api/me");
        var (_, alice, response) = await auth.GetAsync("alice", "/api/me");

        Assert.Equal(("anonymous", "/signin"), (anonymous.GetProperty("mode").GetString(), anonymous.GetProperty("signInUrl").GetString()));
        Assert.Equal("token", alice.GetProperty("mode").GetString());
        Assert.Equal(auth.Alice.Id, alice.GetProperty("account").GetProperty("id").GetInt64());
        Assert.Contains(alice.GetProperty("listeners").Items(), l => l.GetProperty("id").GetInt64() == auth.Ana && !l.GetProperty("public").GetBoolean());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }
}

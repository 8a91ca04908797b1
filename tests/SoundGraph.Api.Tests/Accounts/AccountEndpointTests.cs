using System.Net;
using Dapper;
using SoundGraph.Api.Access;
using SoundGraph.Api.Tests.Taste;
using SoundGraph.Services.Accounts;

namespace SoundGraph.Api.Tests.Accounts;

/// <summary>The caller's own account over the API: personal tokens (shown once, stored hashed, revocable by their owner
/// only), connected services (never returned, encrypted at rest) and deleting one's data (rows counted before and after).</summary>
public sealed class AccountEndpointTests(AuthApiFixture auth) : IClassFixture<AuthApiFixture>
{
    [Fact]
    public async Task Tokens_CreateShownOnceHashedAtRest_ThenAuthenticates_RevokedByOwnerOnly()
    {
        var (status, body, response) = await auth.SendAsync("alice", HttpMethod.Post, "/api/tokens", new { name = "script", write = false, days = 30 });
        Assert.Equal(HttpStatusCode.Created, status);
        var secret = body.GetProperty("token").GetString()!;
        var id = body.GetProperty("item").GetProperty("id").GetInt64();
        Assert.StartsWith("sgr_", secret, StringComparison.Ordinal);
        Assert.Equal(["read"], body.GetProperty("item").GetProperty("scopes").Items().Select(s => s.GetString()));
        Assert.Equal("active", body.GetProperty("item").GetProperty("status").GetString());
        Assert.Equal(PersonalTokens.Hash(secret), await auth.Store.Connection.ExecuteScalarAsync<string>("SELECT token_hash FROM api_tokens WHERE id = @id", new { id }));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        var (_, list, _) = await auth.GetAsync("alice", "/api/tokens");
        Assert.DoesNotContain(secret, list.ToString(), StringComparison.Ordinal);
        Assert.Contains(list.Items(), t => t.GetProperty("id").GetInt64() == id);

        auth.Tokens["script"] = secret;
        Assert.Equal(HttpStatusCode.OK, (await auth.GetAsync("script", "/api/me")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await auth.SendAsync("bob", HttpMethod.Delete, $"/api/tokens/{id}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await auth.SendAsync("alice", HttpMethod.Delete, $"/api/tokens/{id}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await auth.GetAsync("script", "/api/me")).Status);
    }

    [Fact]
    public async Task Tokens_BadFields_400PerField_Anonymous401()
    {
        var (status, body, _) = await auth.SendAsync("alice", HttpMethod.Post, "/api/tokens", new { name = "", days = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("days must be 1–366 (got 0).", TasteHttp.ErrorOf(body, "days", "name", "days"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await auth.GetAsync("anonymous", "/api/tokens")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await auth.SendAsync("anonymous", HttpMethod.Post, "/api/tokens", new { name = "x" })).Status);
    }

    [Fact]
    public async Task Services_SecretNeverReturned_EncryptedAtRest()
    {
        const string token = "0123456789abcdef-lb-user-token";
        var (status, body, _) = await auth.SendAsync("bob", HttpMethod.Put, "/api/services/listenbrainz", new { userName = "rob", secret = token });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("rob", true), (body.GetProperty("connectedAs").GetString(), body.GetProperty("hasSecret").GetBoolean()));
        var (_, list, _) = await auth.GetAsync("bob", "/api/services");
        Assert.DoesNotContain(token, list.ToString(), StringComparison.Ordinal);
        var stored = await auth.Store.Connection.QuerySingleAsync<string>("SELECT protected_secret FROM connected_services WHERE account_id = @Id", new { auth.Bob.Id });
        Assert.DoesNotContain(token, stored, StringComparison.Ordinal);
        Assert.Empty((await auth.GetAsync("alice", "/api/services")).Body.Items());
        var bad = await auth.SendAsync("bob", HttpMethod.Put, "/api/services/spotify", new { userName = "rob", secret = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(HttpStatusCode.NoContent, (await auth.SendAsync("bob", HttpMethod.Delete, "/api/services/listenbrainz")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await auth.SendAsync("bob", HttpMethod.Delete, "/api/services/listenbrainz")).Status);
    }

    [Fact]
    public async Task DeleteMyData_NeedsThePhrase_RemovesOnlyTheCallersRows()
    {
        // A throwaway account with its own private listener and rows, so other tests' data is untouched.
        var carol = await auth.Store.Accounts.SignInAsync(auth.Oidc.Issuer.ToString(), "carol", null, "Carol");
        var own = await auth.Store.Accounts.OwnListenerAsync(carol.Id, "Carol");
        var track = await SoundGraph.Tests.Shared.TasteSample.TrackIdAsync(auth.Store, "Sunny");
        var c = auth.Store.Connection;
        await c.ExecuteAsync("INSERT INTO listens (user_id, track_id, listened_at, ms_played, source, track_ref) VALUES (@u, @track, '2024-01-01T00:00:00Z', 60000, 'test', 'a'), (@u, @track, '2024-01-02T00:00:00Z', 60000, 'test', 'a')", new { u = own.UserId, track });
        await c.ExecuteAsync("INSERT INTO taste_labels (user_id, track_id, axis, value, labelled_at) VALUES (@u, @track, 'energy', 0.5, '2024-01-01T00:00:00Z')", new { u = own.UserId, track });
        await auth.Store.Accounts.SaveMixtapeAsync(own.UserId, "2024-W01", "mix", "{}");
        await auth.Store.Accounts.SetServiceAsync(carol.Id, "lastfm", "carol", null);
        var token = await PersonalTokens.CreateAsync(auth.Store.Accounts, carol.Id, "t", true, TimeSpan.FromDays(1), DateTimeOffset.UtcNow);
        auth.Tokens["carol"] = token.Secret;
        var others = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listens WHERE user_id <> @u", new { u = own.UserId });

        var refused = await auth.SendAsync("carol", HttpMethod.Post, "/api/me/delete-data", new { confirm = "yes" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(2, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listens WHERE user_id = @u", new { u = own.UserId }));

        var (status, body, _) = await auth.SendAsync("carol", HttpMethod.Post, "/api/me/delete-data", new { confirm = "delete my data" });

        Assert.Equal(HttpStatusCode.OK, status);
        var counts = body.GetProperty("counts");
        Assert.Equal((2, 1, 1, 1, 1), (counts.GetProperty("listens").GetInt32(), counts.GetProperty("taste_labels").GetInt32(), counts.GetProperty("saved_mixtapes").GetInt32(),
            counts.GetProperty("api_tokens").GetInt32(), counts.GetProperty("connected_services").GetInt32()));
        foreach (var table in new[] { "listens", "taste_labels", "saved_mixtapes" })
        {
            Assert.Equal(0, await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE user_id = @u", new { u = own.UserId }));
        }

        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM api_tokens WHERE account_id = @Id", new { carol.Id }));
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM connected_services WHERE account_id = @Id", new { carol.Id }));
        Assert.Equal(others, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listens WHERE user_id <> @u", new { u = own.UserId }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await auth.GetAsync("carol", "/api/me")).Status);
    }

    [Fact]
    public async Task MixtapePush_SignedInListener_UsesTheirOwnListenBrainz_NotTheServers()
    {
        var (status, body, _) = await auth.SendAsync("alice", HttpMethod.Post, "/api/mixtapes", new { user = $"user:{auth.Ana}", week = "2021-W07", listenbrainz = true });

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.StartsWith("Connect ListenBrainz first", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SingleUserMode_AccountEndpoints_SayThereAreNoAccounts()
    {
        await using var factory = new TasteApiFactory(auth.Db, auth.WebRoot, IPAddress.Loopback);
        using var client = factory.CreateClient();

        var (status, body, _) = await client.SendJsonAsync(HttpMethod.Get, "/api/tokens");
        var (_, me, _) = await client.SendJsonAsync(HttpMethod.Get, "/api/me");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(AccessFilter.NoAccounts, body.GetProperty("detail").GetString());
        Assert.Equal("single-user", me.GetProperty("mode").GetString());
        Assert.Contains(me.GetProperty("listeners").Items(), l => l.GetProperty("id").GetInt64() == auth.Ana);
    }
}

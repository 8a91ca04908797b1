using Dapper;
using SoundGraph.Storage.Accounts;
using SoundGraph.Storage.Taste;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Accounts;

/// <summary>Accounts, listener ownership and visibility, tokens, connected services, saved mixtapes and deleting an
/// account's data (migration 0014) through <see cref="AccountStore"/>, on both providers.</summary>
public sealed class AccountStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Theory]
    [StoreProviders]
    public async Task SignInAsync_SameIssuerAndSubject_OneAccountWithLatestEmailAndName(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var accounts = temp.Store.Accounts;

        var first = await accounts.SignInAsync("https://idp.example", "sub-1", "a@example.org", "Alice");
        var again = await accounts.SignInAsync("https://idp.example", "sub-1", "alice@example.org", "Alice B");
        var other = await accounts.SignInAsync("https://other.example", "sub-1", null, "Alice elsewhere");

        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal(("alice@example.org", "Alice B", false), (again.Email, again.Name, again.IsAdmin));
        Assert.Equal(2, (await accounts.ListAsync()).Count);
        Assert.Equal([first.Id], (await accounts.MatchAsync("ALICE@example.org")).Select(a => a.Id));
        Assert.Equal([other.Id], (await accounts.MatchAsync($"account:{other.Id}")).Select(a => a.Id));
        Assert.Empty(await accounts.MatchAsync("999"));
    }

    [Theory]
    [StoreProviders]
    public async Task AddLocalAsync_TwiceSameName_Throws_AndAdminFlagSticks(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var admin = await temp.Store.Accounts.AddLocalAsync("root", null, isAdmin: true);

        Assert.True(admin.IsAdmin);
        Assert.Equal((AccountStore.LocalIssuer, "root"), (admin.Issuer, admin.Subject));
        await Assert.ThrowsAsync<InvalidOperationException>(() => temp.Store.Accounts.AddLocalAsync("root", null, isAdmin: false));
        Assert.True(await temp.Store.Accounts.SetAdminAsync(admin.Id, false));
        Assert.False((await temp.Store.Accounts.FindAsync(admin.Id))!.IsAdmin);
        Assert.False(await temp.Store.Accounts.SetAdminAsync(999, true));
    }

    [Theory]
    [InlineData("hetrec:user:2", null, false)]
    [InlineData("soundcloud:user:17", null, false)]
    [InlineData("spotify-export:user:s001", null, true)]
    [InlineData("spotify-export-tsv:user:s001", null, true)]
    [InlineData("listenbrainz:user:rob", null, true)]
    [InlineData("lastfm:user:rj", null, true)]
    [InlineData("listener:user:me", null, true)]
    [InlineData("account:user:3", null, true)]
    [InlineData("spotify-export:user:s001", "public", false)]
    [InlineData("hetrec:user:2", "private", true)]
    public void IsPrivate_BySourceUnlessChosen(string key, string? visibility, bool expected) =>
        Assert.Equal(expected, UserVisibility.IsPrivate(key, visibility));

    [Theory]
    [StoreProviders]
    public async Task PrivateSql_AgreesWithIsPrivate_OnEveryKind(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var c = temp.Store.Connection;
        string[] keys = ["hetrec:user:2", "spotify-export:user:s001", "listenbrainz:user:rob", "soundcloud:user:5", "listener:user:me", "spotifyXexport:user:1"];
        foreach (var key in keys)
        {
            await c.ExecuteAsync("INSERT INTO users (key, name) VALUES (@key, @key)", new { key });
        }

        await c.ExecuteAsync("UPDATE users SET visibility = 'public' WHERE key = 'listener:user:me'");
        var sqlPrivate = (await c.QueryAsync<string>($"SELECT u.key FROM users u WHERE {UserVisibility.PrivateSql("u")} ORDER BY u.key")).ToList();

        Assert.Equal(["listenbrainz:user:rob", "spotify-export:user:s001"], sqlPrivate);
    }

    [Theory]
    [StoreProviders]
    public async Task Ownership_GrantVisibilityAndOwnListener(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var accounts = temp.Store.Accounts;
        var alice = await accounts.SignInAsync("https://idp", "a", null, "Alice");
        var c = temp.Store.Connection;
        await c.ExecuteAsync("INSERT INTO users (key, name) VALUES ('spotify-export:user:s001', 's001')");
        var s001 = await c.ExecuteScalarAsync<long>("SELECT id FROM users WHERE key = 'spotify-export:user:s001'");

        Assert.Equal(new ListenerOwnership(s001, "spotify-export:user:s001", "s001", null, true), await accounts.ListenerAsync(s001));
        Assert.True(await accounts.SetOwnerAsync(s001, alice.Id));
        Assert.True(await accounts.SetVisibilityAsync(s001, UserVisibility.Public));
        Assert.Equal(new ListenerOwnership(s001, "spotify-export:user:s001", "s001", alice.Id, false), await accounts.ListenerAsync(s001));
        await Assert.ThrowsAsync<ArgumentException>(() => accounts.SetVisibilityAsync(s001, "friends"));
        Assert.False(await accounts.SetOwnerAsync(12345, alice.Id));
        Assert.Null(await accounts.ListenerAsync(12345));

        var own = await accounts.OwnListenerAsync(alice.Id, "Alice");
        var ownAgain = await accounts.OwnListenerAsync(alice.Id, "Alice");
        Assert.Equal(own, ownAgain);
        Assert.Equal(($"account:user:{alice.Id}", alice.Id, true), (own.Key, own.OwnerAccountId, own.IsPrivate));
        Assert.Equal([s001, own.UserId], (await accounts.OwnedListenersAsync(alice.Id)).Select(l => l.UserId));
    }

    [Theory]
    [StoreProviders]
    public async Task Tokens_AddFindRevokeTouch_OnlyOwnerRevokes(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var accounts = temp.Store.Accounts;
        var alice = await accounts.SignInAsync("https://idp", "a", null, "Alice");
        var bob = await accounts.SignInAsync("https://idp", "b", null, "Bob");

        var token = await accounts.AddTokenAsync(alice.Id, "laptop", new string('a', 64), "sgr_abcdef", "read write", At.AddDays(30));

        Assert.Equal(("laptop", "sgr_abcdef", "read write", At.AddDays(30), (DateTimeOffset?)null), (token.Name, token.Prefix, token.Scopes, token.ExpiresAt, token.RevokedAt));
        Assert.True(token.HasScope("write"));
        Assert.True(token.IsActive(At));
        Assert.False(token.IsActive(At.AddDays(30)));
        Assert.Equal(token, await accounts.FindTokenAsync(new string('a', 64)));
        Assert.Null(await accounts.FindTokenAsync(new string('b', 64)));
        Assert.False(await accounts.RevokeTokenAsync(bob.Id, token.Id));
        Assert.True(await accounts.RevokeTokenAsync(alice.Id, token.Id));
        Assert.False(await accounts.RevokeTokenAsync(alice.Id, token.Id));
        await accounts.TouchTokenAsync(token.Id);
        var stored = Assert.Single(await accounts.TokensAsync(alice.Id));
        Assert.NotNull(stored.RevokedAt);
        Assert.NotNull(stored.LastUsedAt);
        Assert.False(stored.IsActive(At));
        Assert.Empty(await accounts.TokensAsync(bob.Id));
    }

    [Fact]
    public void Status_RevokedWinsOverExpired_ExpiredFromTheExpiryInstant()
    {
        var token = new ApiTokenRow(1, 1, "ci", "sgr_abcdef", "read", At, At.AddDays(1), null, null);

        Assert.Equal("active", token.Status(At));
        Assert.Equal("expired", token.Status(At.AddDays(1)));
        Assert.Equal("revoked", (token with { RevokedAt = At }).Status(At));
        Assert.Equal("revoked", (token with { RevokedAt = At }).Status(At.AddDays(2)));
    }

    [Theory]
    [StoreProviders]
    public async Task DeleteAccountDataAsync_RemovesOwnListenersDataTokensAndServices_LeavesOthers(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var c = temp.Store.Connection;
        var accounts = temp.Store.Accounts;
        var u1 = await c.ExecuteScalarAsync<long>("SELECT id FROM users WHERE key = 'test:user:1'");
        var u2 = await c.ExecuteScalarAsync<long>("SELECT id FROM users WHERE key = 'test:user:2'");
        var t1 = await c.ExecuteScalarAsync<long>("SELECT id FROM tracks WHERE key = 'spotify:track:t1'");
        var alice = await accounts.SignInAsync("https://idp", "a", null, "Alice");
        var bob = await accounts.SignInAsync("https://idp", "b", null, "Bob");
        await accounts.SetOwnerAsync(u1, alice.Id);
        await accounts.SetOwnerAsync(u2, bob.Id);
        foreach (var user in new[] { u1, u2 })
        {
            await c.ExecuteAsync("INSERT INTO listens (user_id, track_id, listened_at, ms_played, source, track_ref) VALUES (@user, @t1, '2026-01-01T00:00:00Z', 1000, 'test', 'a'), (@user, @t1, '2026-01-02T00:00:00Z', 1000, 'test', 'a')", new { user, t1 });
            await temp.Store.Taste.UpsertLabelAsync(new TasteLabelRow(user, t1, "energy", 0.5, At));
            await accounts.SaveMixtapeAsync(user, "2026-W01", "mix", "{}");
        }

        foreach (var account in new[] { alice.Id, bob.Id })
        {
            await accounts.AddTokenAsync(account, "t", "hash" + account, "sgr_x", "read", At.AddDays(1));
            await accounts.SetServiceAsync(account, "lastfm", "someone", "protected");
        }

        var before = await CountAsync(c);
        var deleted = await accounts.DeleteAccountDataAsync(alice.Id);
        var after = await CountAsync(c);

        // The sample batch holds one more listen of u1 (2020-01-02) and one follow u1 → u2.
        Assert.Equal((3, 1, 1, 1, 1, 1), (deleted.Counts["listens"], deleted.Counts["taste_labels"], deleted.Counts["saved_mixtapes"], deleted.Counts["api_tokens"], deleted.Counts["connected_services"], deleted.Counts["user_follows"]));
        Assert.Equal(before.Listens - 3, after.Listens);
        Assert.Equal((1, 1, 1, 1), (after.Labels, after.Mixtapes, after.Tokens, after.Services));
        Assert.Equal(2, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listens WHERE user_id = @u2", new { u2 }));
        Assert.Empty(await accounts.TokensAsync(alice.Id));
        Assert.Empty(await accounts.ServicesAsync(alice.Id));
        Assert.Single(await accounts.ServicesAsync(bob.Id));
        Assert.NotNull(await accounts.FindAsync(alice.Id));
        Assert.Equal(0, (await accounts.DeleteAccountDataAsync(alice.Id)).Total);
    }

    private static async Task<(long Listens, long Labels, long Mixtapes, long Tokens, long Services)> CountAsync(System.Data.Common.DbConnection c) =>
        (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listens"), await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM taste_labels"),
         await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM saved_mixtapes"), await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM api_tokens"),
         await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM connected_services"));
}

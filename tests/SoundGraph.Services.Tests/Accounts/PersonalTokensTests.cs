using Dapper;
using Microsoft.AspNetCore.DataProtection;
using SoundGraph.Services.Accounts;
using SoundGraph.Storage.Accounts;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Services.Tests.Accounts;

/// <summary>Personal API tokens, connected services (encrypted at rest) and the per-listener access rule.</summary>
public sealed class PersonalTokensTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [StoreProviders]
    public async Task CreateAsync_StoresOnlyTheHash_AndAuthenticatesUntilRevokedOrExpired(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var accounts = temp.Store.Accounts;
        var alice = await accounts.SignInAsync("https://idp", "a", null, "Alice");

        var created = await PersonalTokens.CreateAsync(accounts, alice.Id, " laptop ", write: false, TimeSpan.FromDays(7), Now);

        Assert.StartsWith("sgr_", created.Secret, StringComparison.Ordinal);
        Assert.Equal(4 + 43, created.Secret.Length);
        Assert.Equal(("laptop", "read", Now.AddDays(7), created.Secret[..10]), (created.Row.Name, created.Row.Scopes, created.Row.ExpiresAt, created.Row.Prefix));
        var stored = await temp.Store.Connection.QuerySingleAsync<string>("SELECT token_hash FROM api_tokens");
        Assert.Equal(PersonalTokens.Hash(created.Secret), stored);
        Assert.DoesNotContain(created.Secret[10..], stored, StringComparison.Ordinal);

        var caller = await PersonalTokens.AuthenticateAsync(accounts, created.Secret, Now.AddDays(1));
        Assert.Equal((alice.Id, created.Row.Id), (caller!.Account.Id, caller.Token.Id));
        Assert.Null(await PersonalTokens.AuthenticateAsync(accounts, created.Secret, Now.AddDays(7)));
        Assert.Null(await PersonalTokens.AuthenticateAsync(accounts, created.Secret + "x", Now));
        Assert.Null(await PersonalTokens.AuthenticateAsync(accounts, "Bearer " + created.Secret, Now));
        Assert.Null(await PersonalTokens.AuthenticateAsync(accounts, null, Now));
        Assert.True(await accounts.RevokeTokenAsync(alice.Id, created.Row.Id));
        Assert.Null(await PersonalTokens.AuthenticateAsync(accounts, created.Secret, Now));
    }

    [Fact]
    public void Hash_KnownVector_IsLowerHexSha256() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", PersonalTokens.Hash("abc"));

    [Theory]
    [InlineData("", 7)]
    [InlineData("ok", 0)]
    [InlineData("ok", 367)]
    public async Task CreateAsync_BadNameOrLifetime_Throws(string name, int days)
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        var alice = await temp.Store.Accounts.SignInAsync("https://idp", "a", null, "Alice");
        await Assert.ThrowsAsync<ArgumentException>(() => PersonalTokens.CreateAsync(temp.Store.Accounts, alice.Id, name, true, TimeSpan.FromDays(days), Now));
    }

    [Fact]
    public async Task ConnectedServices_SecretEncryptedAtRest_ListShowsNameOnly()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        var alice = await temp.Store.Accounts.SignInAsync("https://idp", "a", null, "Alice");
        var services = new ConnectedServices(temp.Store.Accounts, new EphemeralDataProtectionProvider());
        const string token = "lb-token-0123456789abcdef";

        await services.ConnectAsync(alice.Id, ConnectedServices.ListenBrainz, " rob ", token);
        await services.ConnectAsync(alice.Id, ConnectedServices.LastFm, "rj", null);

        var raw = await temp.Store.Connection.QuerySingleAsync<string>("SELECT protected_secret FROM connected_services WHERE service = 'listenbrainz'");
        Assert.DoesNotContain(token, raw, StringComparison.Ordinal);
        Assert.Equal([("lastfm", "rj", false), ("listenbrainz", "rob", true)], (await services.ListAsync(alice.Id)).Select(s => (s.Service, s.ConnectedAs, s.HasSecret)));
        Assert.Equal(("rob", token), (await services.CredentialsAsync(alice.Id, ConnectedServices.ListenBrainz))!.Value);
        // No new secret keeps the stored one; an account with none stored cannot connect ListenBrainz without one.
        await services.ConnectAsync(alice.Id, ConnectedServices.ListenBrainz, "robert", null);
        Assert.Equal(("robert", token), (await services.CredentialsAsync(alice.Id, ConnectedServices.ListenBrainz))!.Value);
        var bob = await temp.Store.Accounts.SignInAsync("https://idp", "b", null, "Bob");
        await Assert.ThrowsAsync<ArgumentException>(() => services.ConnectAsync(bob.Id, ConnectedServices.ListenBrainz, "rob", null));
        await Assert.ThrowsAsync<ArgumentException>(() => services.ConnectAsync(alice.Id, "spotify", "rob", "x"));
        Assert.True(await services.DisconnectAsync(alice.Id, ConnectedServices.LastFm));
        Assert.Null(await services.CredentialsAsync(alice.Id, ConnectedServices.LastFm));
    }

    [Theory]
    [InlineData("owner", true, false, AccessDecision.Allow)]
    [InlineData("owner", true, true, AccessDecision.Allow)]
    [InlineData("other", true, false, AccessDecision.NotFound)]
    [InlineData("other", true, true, AccessDecision.NotFound)]
    [InlineData("other", false, false, AccessDecision.Allow)]
    [InlineData("other", false, true, AccessDecision.Forbidden)]
    [InlineData("anonymous", true, false, AccessDecision.NotFound)]
    [InlineData("anonymous", false, false, AccessDecision.Allow)]
    [InlineData("anonymous", false, true, AccessDecision.Forbidden)]
    [InlineData("admin", true, true, AccessDecision.Allow)]
    [InlineData("local", true, true, AccessDecision.Allow)]
    [InlineData("owner-read-token", true, false, AccessDecision.Allow)]
    [InlineData("owner-read-token", true, true, AccessDecision.Forbidden)]
    public void Decide_Matrix(string who, bool isPrivate, bool write, AccessDecision expected)
    {
        var caller = who switch
        {
            "owner" => new Caller(1, false, true),
            "owner-read-token" => new Caller(1, false, false),
            "other" => new Caller(2, false, true),
            "admin" => new Caller(3, true, true),
            "local" => Caller.LocalOwner,
            _ => Caller.Anonymous,
        };
        var listener = new ListenerOwnership(10, "k", "n", 1, isPrivate);

        Assert.Equal(expected, ListenerAccess.Decide(caller, listener, write));
        Assert.Equal(AccessDecision.NotFound, ListenerAccess.Decide(caller, null, write));
    }
}

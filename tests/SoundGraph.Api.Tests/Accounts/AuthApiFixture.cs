using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SoundGraph.Api.Tests.Taste;
using SoundGraph.FakeOidc;
using SoundGraph.Services.Accounts;
using SoundGraph.Services.Taste;
using SoundGraph.Storage;
using SoundGraph.Storage.Accounts;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Api.Tests.Accounts;

/// <summary>The API with sign-in configured (the local test OpenID Connect provider on 127.0.0.1) over a fresh
/// <see cref="TasteSample"/> store: accounts alice, bob (of the provider's test users) and admin; listener ana is alice's
/// and private, noa is bob's and private, ben is public and nobody's; personal API tokens for each (and a read-only one
/// for alice). Requests come from a non-loopback address, so nothing passes as the single-user owner.</summary>
public sealed class AuthApiFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-auth-api-" + Guid.NewGuid().ToString("N"));

    public string Db => Path.Combine(_dir, "auth.db");

    public string WebRoot => Path.Combine(_dir, "wwwroot-empty");

    public FakeOidcServer Oidc { get; private set; } = null!;

    public SoundGraphStore Store { get; private set; } = null!;

    public TasteApiFactory Factory { get; private set; } = null!;

    public long Ana { get; private set; }

    public long Noa { get; private set; }

    public long Ben { get; private set; }

    public AccountRow Alice { get; private set; } = null!;

    public AccountRow Bob { get; private set; } = null!;

    public AccountRow Admin { get; private set; } = null!;

    /// <summary>Tokens by caller: "alice", "alice-read", "bob", "admin".</summary>
    public Dictionary<string, string> Tokens { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["SoundGraph:Auth:Authority"] = Oidc.Issuer.ToString(),
        ["SoundGraph:Auth:ClientId"] = "soundgraph",
        ["SoundGraph:Auth:ClientSecret"] = "soundgraph-test-secret",
        ["SoundGraph:Auth:AdminEmails"] = "admin@example.test",
        ["SoundGraph:DataProtection:KeysDirectory"] = Path.Combine(_dir, "keys"),
        ["AllowedHosts"] = "localhost",
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WebRoot);
        Oidc = await FakeOidcServer.StartAsync();
        Store = await TasteSample.BuildAsync(Db);
        Ana = await TasteSample.UserIdAsync(Store, "test:user:ana");
        Noa = await TasteSample.UserIdAsync(Store, "test:user:noa");
        Ben = await TasteSample.UserIdAsync(Store, "test:user:ben");
        await TasteAggregation.RunAsync(Store, Ana);
        await TasteAggregation.RunAsync(Store, Noa);
        await TasteAggregation.RunAsync(Store, Ben);
        var accounts = Store.Accounts;
        var issuer = Oidc.Issuer.ToString();
        Alice = await accounts.SignInAsync(issuer, "alice", "alice@example.test", "Alice");
        Bob = await accounts.SignInAsync(issuer, "bob", "bob@example.test", "Bob");
        Admin = await accounts.SignInAsync(issuer, "admin", "admin@example.test", "Admin");
        await accounts.SetAdminAsync(Admin.Id, true);
        await accounts.SetOwnerAsync(Ana, Alice.Id);
        await accounts.SetVisibilityAsync(Ana, UserVisibility.Private);
        await accounts.SetOwnerAsync(Noa, Bob.Id);
        await accounts.SetVisibilityAsync(Noa, UserVisibility.Private);
        await accounts.SetVisibilityAsync(Ben, UserVisibility.Public);
        var now = DateTimeOffset.UtcNow;
        Tokens["alice"] = (await PersonalTokens.CreateAsync(accounts, Alice.Id, "tests", true, TimeSpan.FromDays(1), now)).Secret;
        Tokens["alice-read"] = (await PersonalTokens.CreateAsync(accounts, Alice.Id, "tests read", false, TimeSpan.FromDays(1), now)).Secret;
        Tokens["bob"] = (await PersonalTokens.CreateAsync(accounts, Bob.Id, "tests", true, TimeSpan.FromDays(1), now)).Secret;
        Tokens["admin"] = (await PersonalTokens.CreateAsync(accounts, Admin.Id, "tests", true, TimeSpan.FromDays(1), now)).Secret;
        Factory = new TasteApiFactory(Db, WebRoot, IPAddress.Parse("203.0.113.9"), Settings);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Store.DisposeAsync();
        await Oidc.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Sends <paramref name="method"/> <paramref name="path"/> as <paramref name="caller"/> ("anonymous" or a key of
    /// <see cref="Tokens"/>), with a JSON body when given.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(string caller, HttpMethod method, string path, object? body = null)
    {
        using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (caller != "anonymous")
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.TryGetValue(caller, out var token) ? token : caller);
        }

        return await client.SendJsonAsync(method, path, body);
    }

    public Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> GetAsync(string caller, string path) => SendAsync(caller, HttpMethod.Get, path);
}

using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SoundGraph.Storage;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Api.Tests;

/// <summary>One store built from the real demo data by <c>sgr demo</c> (as the CLI tests do), read-only afterwards, with
/// the API over it and an open store for reading the expected values with plain SQL.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-api-" + Guid.NewGuid().ToString("N"));

    public string Db => Path.Combine(_dir, "demo.db");

    /// <summary>An empty web root: the page is "not built" for this API.</summary>
    public string EmptyWebRoot => Path.Combine(_dir, "wwwroot-empty");

    public ApiFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public SoundGraphStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(EmptyWebRoot);
        await DemoStore.BuildAsync(Db);

        Store = await SoundGraphStore.OpenAsync(Db);
        Factory = new ApiFactory(Db, EmptyWebRoot, cacheSeconds: 60);
        Client = Factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Store.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    public Task<T> ScalarAsync<T>(string sql, object? args = null) => Store.Connection.ExecuteScalarAsync<T>(sql, args)!;

    public async Task<List<T>> QueryAsync<T>(string sql, object? args = null) => (await Store.Connection.QueryAsync<T>(sql, args)).ToList();
}

/// <summary>The API (through its <see cref="Program"/>) over one store, with its settings given as configuration.</summary>
public sealed class ApiFactory(string db, string webRoot, int cacheSeconds) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("SoundGraph:Db", db);
        builder.UseSetting("SoundGraph:WebRoot", webRoot);
        builder.UseSetting("SoundGraph:CacheSeconds", cacheSeconds.ToString(CultureInfo.InvariantCulture));
    }
}

[CollectionDefinition(Name)]
public sealed class ApiFixtureGroup : ICollectionFixture<ApiFixture>
{
    public const string Name = "api over the demo store";
}

using System.Net;
using SoundGraph.FakeListenBrainz;
using SoundGraph.Storage;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Api.Tests.Taste;

/// <summary>The API over a fresh <see cref="MixtapeSample"/> store (listener "mia", a 19-track mix of 2021-W07, every
/// track with an MBID, none with a local file), with the fake ListenBrainz server configured as
/// <c>SoundGraph:ListenBrainz:BaseUrl</c> and its token as <c>SoundGraph:ListenBrainz:Token</c>.</summary>
public sealed class MixtapeApiFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-mixtape-api-" + Guid.NewGuid().ToString("N"));

    public string Db => Path.Combine(_dir, "mixtape.db");

    public string WebRoot => Path.Combine(_dir, "wwwroot-empty");

    public FakeListenBrainzServer ListenBrainz { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    private TasteApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WebRoot);
        await using (var store = await SoundGraphStore.OpenAsync(Db))
        {
            await MixtapeSample.WriteAsync(store);
        }

        ListenBrainz = await FakeListenBrainzServer.StartAsync(
            FakeListenWorld.Generate(new FakeListenWorldOptions { Listens = 10, SameSecondPairs = 0, BoundaryPairs = 0 }), new FakeListenBrainzOptions { RateLimit = 1000 });
        _factory = Factory("synthetic-token");
        Client = _factory.CreateClient();
    }

    /// <summary>A factory over the same store and fake, with <paramref name="token"/> configured.</summary>
    public TasteApiFactory Factory(string token) => new(Db, WebRoot, IPAddress.Loopback, new Dictionary<string, string>
    {
        ["SoundGraph:ListenBrainz:BaseUrl"] = ListenBrainz.BaseUri.AbsoluteUri,
        ["SoundGraph:ListenBrainz:Token"] = token,
    });

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await ListenBrainz.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}

using SoundGraph.FakeSoundCloud.Server;
using SoundGraph.FakeSoundCloud.World;
using SoundGraph.Ingest.Harvest;
using SoundGraph.Ingest.Sources.SoundCloud;
using SoundGraph.Storage;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Harvest;

/// <summary>A fake SoundCloud world served on 127.0.0.1 and the means to harvest it into fresh stores.</summary>
internal sealed class HarvestHarness : IAsyncDisposable
{
    private HarvestHarness(FakeWorld world, FakeSoundCloudServer server, long seedId)
    {
        World = world;
        Server = server;
        SeedId = seedId;
    }

    public FakeWorld World { get; }

    public FakeSoundCloudServer Server { get; }

    /// <summary>A popular seed whose title/description give labels, entities and comments, so every layer has work.</summary>
    public long SeedId { get; }

    /// <summary>Small limits and pages of 10, so a harvest is a few hundred requests and every limit bites.</summary>
    public static HarvestOptions SmallOptions()
    {
        var o = new HarvestOptions();
        o.Users.MaxLikers = 30;
        o.Users.MaxReposters = 20;
        o.Users.MaxLikesPerUser = 25;
        o.Playlists.MaxPlaylists = 10;
        o.Playlists.MaxTracksPerPlaylist = 40;
        o.Artist.MaxTracks = 60;
        o.Semantic.MaxResults = 40;
        o.Comments.MaxComments = 30;
        o.Labels.MaxLabels = 2;
        o.Labels.MaxTracksPerLabel = 20;
        o.Entities.MaxEntities = 5;
        o.Entities.MaxTracksPerEntity = 10;
        return o;
    }

    public static async Task<HarvestHarness> StartAsync(FakeServerOptions? serverOptions = null, int users = 600)
    {
        var world = FakeWorld.Generate(new WorldOptions { Seed = 11, Users = users });
        var seed = world.PopularTracks(200).First(t =>
            t.LabelName is not null && world.Comments(t.Id).Count > 0 && world.Reposters(t.Id).Count > 0 &&
            SoundGraph.Ingest.Text.CreditParser.Parse(t.Title, t.Description).Count > 0);
        var server = await FakeSoundCloudServer.StartAsync(world, serverOptions ?? new FakeServerOptions());
        return new HarvestHarness(world, server, seed.Id);
    }

    public SoundCloudOptions ClientOptions(
        double requestsPerSecond = 1000, int concurrency = 4, Uri? apiBase = null, int maxRetries = 8, string clientId = "fake-client-id", string clientSecret = "fake-client-secret") => new()
    {
        ApiBaseUri = apiBase ?? Server.BaseUri,
        TokenUri = apiBase is null ? Server.TokenUri : new Uri(apiBase, "oauth/token"),
        ClientId = clientId,
        ClientSecret = clientSecret,
        PageSize = 10,
        RequestsPerSecond = requestsPerSecond,
        MaxConcurrentRequests = concurrency,
        MaxRetries = maxRetries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromSeconds(3),
    };

    /// <summary>Harvests the seed into <paramref name="store"/>; returns the result and the client's statistics.</summary>
    public async Task<(HarvestResult Result, SoundCloudStats ClientStats)> HarvestAsync(
        SoundGraphStore store, HarvestOptions options, SoundCloudOptions? clientOptions = null, bool restart = false, string? spillPath = null,
        Func<HttpRequestMessage, bool>? failWith500 = null, CancellationToken ct = default)
    {
        HttpMessageHandler handler = SoundCloudClient.CreateHandler();
        if (failWith500 is not null)
        {
            handler = new FailingHandler(failWith500) { InnerHandler = handler };
        }

        using var http = new HttpClient(handler);
        using var spill = spillPath is null ? null : new SpillWriter(spillPath);
        using var client = new SoundCloudClient(http, clientOptions ?? ClientOptions(), TimeProvider.System, null, spill);
        using var engine = new HarvestEngine(store, client, options, spill);
        var result = await engine.RunAsync(new HarvestRequest(SeedId.ToString(System.Globalization.CultureInfo.InvariantCulture), restart, 4), ct);
        return (result, client.Stats);
    }

    /// <summary>Harvests as one worker of a run shared through PostgreSQL, with its own client credentials (one of the
    /// server's <see cref="FakeServerOptions.ExtraClients"/>). With <paramref name="gate"/>, its first API request waits
    /// there for the other workers'.</summary>
    public async Task<HarvestResult> HarvestAsWorkerAsync(
        SoundGraphStore store, HarvestOptions options, HarvestWorker worker, string clientId, string clientSecret, StartGate? gate = null, CancellationToken ct = default)
    {
        var handler = SoundCloudClient.CreateHandler();
        using var http = new HttpClient(gate is null ? handler : gate.Handler(handler));
        using var client = new SoundCloudClient(http, ClientOptions(clientId: clientId, clientSecret: clientSecret));
        using var engine = new HarvestEngine(store, client, options);
        return await engine.RunAsync(new HarvestRequest(SeedId.ToString(System.Globalization.CultureInfo.InvariantCulture), Workers: 4, Worker: worker), ct);
    }

    /// <summary>Harvests and cancels once the server has answered <paramref name="requests"/> more requests, as Ctrl+C would.</summary>
    public async Task HarvestCancelledAfterAsync(SoundGraphStore store, HarvestOptions options, int requests)
    {
        var before = Server.Stats.Requests;
        using var cts = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (Server.Stats.Requests - before < requests)
            {
                await Task.Delay(5);
            }

            await cts.CancelAsync();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HarvestAsync(store, options, ct: cts.Token));
        await watcher;
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Answers 500 to the requests <paramref name="fails"/> picks, passing the rest to the server.</summary>
    private sealed class FailingHandler(Func<HttpRequestMessage, bool> fails) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            fails(request) ? Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError)) : base.SendAsync(request, cancellationToken);
    }
}

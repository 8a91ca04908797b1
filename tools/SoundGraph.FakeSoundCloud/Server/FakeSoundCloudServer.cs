using SoundGraph.FakeSoundCloud.World;
using SoundGraph.Fakes;

namespace SoundGraph.FakeSoundCloud.Server;

/// <summary>A fake SoundCloud API (Kestrel on 127.0.0.1) serving a <see cref="FakeWorld"/> per /work/sc-contract.md:
/// <c>POST /oauth/token</c>, <c>GET /resolve</c>, <c>/tracks/{id}</c>, <c>/users/{id}</c>, <c>/playlists/{id}</c>,
/// <c>/users/{id}/tracks</c>, <c>/users/{id}/playlists</c>, <c>/users/{id}/likes/tracks</c>,
/// <c>/tracks/{id}/favoriters</c>, <c>/tracks/{id}/reposters</c>, <c>/tracks/{id}/comments</c>,
/// <c>/tracks/{id}/related</c> and <c>/tracks?q=…</c>, with optional rate limiting, latency and seeded faults.</summary>
public sealed class FakeSoundCloudServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeSoundCloudServer(WebApplication app, Uri baseUri, FakeServerStats stats, FakeWorld world)
    {
        this.app = app;
        BaseUri = baseUri;
        Stats = stats;
        World = world;
    }

    /// <summary>API base with a trailing slash, e.g. <c>http://127.0.0.1:5005/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Token endpoint, <c>{BaseUri}oauth/token</c>.</summary>
    public Uri TokenUri => new(BaseUri, "oauth/token");

    /// <summary>Counters of what the server saw and did.</summary>
    public FakeServerStats Stats { get; }

    /// <summary>The world served.</summary>
    public FakeWorld World { get; }

    /// <summary>Starts the server on 127.0.0.1 and returns once it listens.</summary>
    /// <param name="world">The world to serve.</param>
    /// <param name="options">Port, credentials, limits and faults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="FakeServerOptions.Validate"/>).</exception>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<FakeSoundCloudServer> StartAsync(FakeWorld world, FakeServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var builder = LoopbackHost.CreateBuilder(options.Port);
        var app = builder.Build();
        var stats = new FakeServerStats();
        var tokens = new TokenStore(options, stats);
        var pipeline = new ApiPipeline(options, stats, tokens);
        var baseAddress = new BaseAddress();
        if (options.Port != 0)
        {
            baseAddress.Value = new Uri($"http://127.0.0.1:{options.Port}/");
        }

        Map(app, pipeline, tokens, new ApiEndpoints(world, new ApiJson(world, baseAddress)));
        var port = await LoopbackHost.StartAsync(app, cancellationToken).ConfigureAwait(false);
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        baseAddress.Value = baseUri;
        return new FakeSoundCloudServer(app, baseUri, stats, world);
    }

    /// <summary>Stops the server.</summary>
    public ValueTask DisposeAsync() => LoopbackHost.StopAsync(app);

    private static void Map(WebApplication app, ApiPipeline pipeline, TokenStore tokens, ApiEndpoints api)
    {
        app.MapPost("/oauth/token", (RequestDelegate)(ctx => pipeline.HandleTokenAsync(ctx, tokens.HandleAsync)));
        void Get(string route, Func<HttpContext, ApiResponse> handler) =>
            app.MapGet(route, (RequestDelegate)(ctx => pipeline.HandleApiAsync(ctx, "GET " + route, handler)));
        Get("/resolve", api.Resolve);
        Get("/tracks", api.Search);
        Get("/tracks/{id}", api.Track);
        Get("/tracks/{id}/favoriters", api.Favoriters);
        Get("/tracks/{id}/reposters", api.Reposters);
        Get("/tracks/{id}/comments", api.Comments);
        Get("/tracks/{id}/related", api.Related);
        Get("/users/{id}", api.User);
        Get("/users/{id}/tracks", api.UserTracks);
        Get("/users/{id}/playlists", api.UserPlaylists);
        Get("/users/{id}/likes/tracks", api.UserLikedTracks);
        Get("/playlists/{id}", api.Playlist);
        app.MapFallback((RequestDelegate)pipeline.HandleUnknownAsync);
    }
}

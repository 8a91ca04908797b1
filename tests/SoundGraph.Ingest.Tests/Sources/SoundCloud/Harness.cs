using SoundGraph.Ingest.Sources.SoundCloud;

namespace SoundGraph.Ingest.Tests.Sources.SoundCloud;

/// <summary>A fixture server plus a client wired to it with a fake clock, a recording sink and a list logger.</summary>
internal sealed class Harness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _http;

    private Harness(FixtureServer server, SoundCloudOptions options)
    {
        Server = server;
        Options = options;
        _http = new HttpClient(SoundCloudClient.CreateHandler());
        Client = new SoundCloudClient(_http, options, Time, Log, Sink);
    }

    public FixtureServer Server { get; }

    public SoundCloudOptions Options { get; }

    public SoundCloudClient Client { get; }

    public RecordingSink Sink { get; } = new();

    public FakeTimeProvider Time { get; } = new(Start);

    public ListLogger<SoundCloudClient> Log { get; } = new();

    public static async Task<Harness> StartAsync(Func<FixtureServer, SoundCloudOptions>? options = null, params string[] cassettes)
    {
        var server = await FixtureServer.StartAsync();
        foreach (var cassette in cassettes)
        {
            server.LoadCassette(cassette);
        }

        return new Harness(server, options?.Invoke(server) ?? server.Options());
    }

    public static Task<Harness> WithCassettesAsync(params string[] cassettes) => StartAsync(null, cassettes);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _http.Dispose();
        await Server.DisposeAsync();
    }
}

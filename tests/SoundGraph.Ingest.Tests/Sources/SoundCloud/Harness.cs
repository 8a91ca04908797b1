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
        _http = new HttpClient(new StampingHandler(SoundCloudClient.CreateHandler(), Sent));
        Client = new SoundCloudClient(_http, options, Time, Log, Sink);
    }

    public FixtureServer Server { get; }

    public SoundCloudOptions Options { get; }

    public SoundCloudClient Client { get; }

    /// <summary>When each request left the client (after its pacing), by path: <see cref="System.Diagnostics.Stopwatch"/>
    /// timestamps taken as the request enters the HTTP handler, so loopback and server scheduling do not blur them.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(string Path, long Timestamp)> Sent { get; } = new();

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

/// <summary>Records the path and a timestamp of every request as it enters the handler chain.</summary>
internal sealed class StampingHandler(HttpMessageHandler inner, System.Collections.Concurrent.ConcurrentQueue<(string Path, long Timestamp)> sent) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        sent.Enqueue((request.RequestUri?.AbsolutePath ?? string.Empty, System.Diagnostics.Stopwatch.GetTimestamp()));
        return base.SendAsync(request, cancellationToken);
    }
}

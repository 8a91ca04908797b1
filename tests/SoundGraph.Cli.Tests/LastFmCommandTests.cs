using SoundGraph.FakeLastFm;

namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr sync lastfm</c> and <c>sgr tags lastfm</c> against the fake Last.fm server (a SYNTHETIC world) on 127.0.0.1.</summary>
public sealed class LastFmCommandTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-lastfm-" + Guid.NewGuid().ToString("N"));
    private FakeLastFmServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        var world = FakeLastFmWorld.Generate(new FakeLastFmWorldOptions { Scrobbles = 450, Tracks = 30 });
        _server = await FakeLastFmServer.StartAsync(world, new FakeLastFmOptions { RateLimit = 100 });
        await File.WriteAllTextAsync(Path.Combine(_dir, "key"), "synthetic-key\n");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task SyncThenTags_AgainstTheFake_StoresAllScrobblesOnceThenTagsAndNeverPrintsTheKey()
    {
        var db = Path.Combine(_dir, "s.db");
        var spill = Path.Combine(_dir, "spill.jsonl");
        string[] Common() => ["--api-key-file", Path.Combine(_dir, "key"), "--base-url", _server.BaseUri.ToString(), "--rps", "50", "--db", db];

        var first = await CliRunner.RunAsync(["sync", "lastfm", "--user", FakeLastFmWorld.Scrobbler, "--spill", spill, "--json", .. Common()]);
        var second = await CliRunner.RunAsync(["sync", "lastfm", "--user", FakeLastFmWorld.Scrobbler, .. Common()]);
        var tags = await CliRunner.RunAsync(["tags", "lastfm", "--artists", "--limit", "5", .. Common()]);

        Assert.Equal((0, 0, 0), (first.Code, second.Code, tags.Code));
        Assert.Contains("\"fetched\": 450", first.Out, StringComparison.Ordinal);
        Assert.Contains("\"stored\": 450", first.Out, StringComparison.Ordinal);
        Assert.Contains("\"nowPlayingSkipped\": 1", first.Out, StringComparison.Ordinal);
        Assert.Matches(@"^lastfm synthetic-scrobbler: fetched 1, stored 0, skipped 1, rejected 0; 1 requests \(1 pages\), 0 429s/error-29s answered, 0 503s/errors 11-16 retried, [0-9.]+ s$", second.Out.Trim());
        Assert.StartsWith("lastfm tags: looked up 5 (fetched 5, stored tags for 5: 10 tags)", tags.Out.Trim(), StringComparison.Ordinal);
        var everything = first.Out + first.Err + second.Out + second.Err + tags.Out + tags.Err + await File.ReadAllTextAsync(spill);
        Assert.DoesNotContain("synthetic-key", everything, StringComparison.Ordinal);
        Assert.Contains("api_key=REDACTED", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_PrivateProfile_ExitsOneWithTheSentence()
    {
        var (code, _, error) = await CliRunner.RunAsync(
            "sync", "lastfm", "--user", FakeLastFmWorld.Private, "--api-key-file", Path.Combine(_dir, "key"), "--base-url", _server.BaseUri.ToString(), "--db", Path.Combine(_dir, "p.db"));

        Assert.Equal(1, code);
        Assert.Equal("error: Last.fm user synthetic-private's recent tracks are private (error 17: Login: User required to be logged in): the user hides their listening history, so there is nothing to sync.", error.Trim());
    }

    [Fact]
    public async Task Sync_SuspendedKey_StopsWithAClearSentence()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "suspended"), "suspended-key");

        var (code, _, error) = await CliRunner.RunAsync(
            "sync", "lastfm", "--user", FakeLastFmWorld.Scrobbler, "--api-key-file", Path.Combine(_dir, "suspended"), "--base-url", _server.BaseUri.ToString(), "--db", Path.Combine(_dir, "k.db"));

        Assert.Equal(1, code);
        Assert.StartsWith("error: Last.fm suspended this API key (error 26", error.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("suspended-key", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_NoKey_SaysSoInOneSentence()
    {
        if (Environment.GetEnvironmentVariable("LASTFM_API_KEY") is { Length: > 0 })
        {
            return; // a key in the environment would be used
        }

        var (code, _, error) = await CliRunner.RunAsync("sync", "lastfm", "--user", "x", "--db", Path.Combine(_dir, "n.db"));

        Assert.Equal(1, code);
        Assert.Equal("error: Last.fm needs an API key: set LASTFM_API_KEY or pass --api-key-file FILE (get one at https://www.last.fm/api/account/create).", error.Trim());
        Assert.False(File.Exists(Path.Combine(_dir, "n.db")));
    }
}

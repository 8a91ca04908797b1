using SoundGraph.FakeListenBrainz;

namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr sync listenbrainz</c> against the fake ListenBrainz server (a SYNTHETIC history) on 127.0.0.1.</summary>
public sealed class SyncCommandTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-sync-" + Guid.NewGuid().ToString("N"));
    private FakeListenWorld _world = null!;
    private FakeListenBrainzServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _world = FakeListenWorld.Generate(new FakeListenWorldOptions { Listens = 1_200, SameSecondPairs = 30, BoundaryPairs = 4, BoundaryPageSize = 300 });
        _server = await FakeListenBrainzServer.StartAsync(_world, new FakeListenBrainzOptions { RateLimit = 50 });
        await File.WriteAllTextAsync(Path.Combine(_dir, "token"), "synthetic-token\n");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Sync_TwiceThenAfterNewListens_StoresAllOnceAndThenOnlyTheNewOnes()
    {
        var db = Path.Combine(_dir, "s.db");
        string[] Args() => ["sync", "listenbrainz", "--user", _world.UserName, "--base-url", _server.BaseUri.ToString(), "--token-file", Path.Combine(_dir, "token"), "--db", db];

        var first = await CliRunner.RunAsync([.. Args(), "--page-size", "300", "--json"]);
        var second = await CliRunner.RunAsync(Args());
        _world.AddNewer(20);
        var third = await CliRunner.RunAsync([.. Args(), "--json"]);

        Assert.Equal(0, first.Code);
        Assert.Contains("\"fetched\": 1200", first.Out, StringComparison.Ordinal);
        Assert.Contains("\"stored\": 1200", first.Out, StringComparison.Ordinal);
        Assert.Matches(@"^listenbrainz synthetic-listener: fetched 1, stored 0, skipped 1, rejected 0; 3 requests \(2 pages\), 0 429s answered, [0-9.]+ s$", second.Out.Trim());
        Assert.Contains("\"stored\": 20", third.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("synthetic-token", first.Out + first.Err + second.Out + second.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncUnderAListenerThenTagsListenBrainz_StoresUnderTheListenerAndTagsMappedTracksInOneRequest()
    {
        var db = Path.Combine(_dir, "t.db");
        var spill = Path.Combine(_dir, "lb.jsonl");
        var sync = await CliRunner.RunAsync("sync", "listenbrainz", "--user", _world.UserName, "--base-url", _server.BaseUri.ToString(), "--listener", "ann", "--db", db, "--spill", spill);
        var syncLines = (await File.ReadAllLinesAsync(spill)).Length;
        var tags = await CliRunner.RunAsync("tags", "listenbrainz", "--base-url", _server.BaseUri.ToString(), "--db", db, "--json", "--spill", spill);
        var spilled = await File.ReadAllLinesAsync(spill);
        var again = await CliRunner.RunAsync("tags", "listenbrainz", "--base-url", _server.BaseUri.ToString(), "--db", db, "--json");

        Assert.Equal((0, 0, 0), (sync.Code, tags.Code, again.Code));
        await using (var store = await Storage.SoundGraphStore.OpenAsync(db))
        {
            Assert.Equal(["listener:user:ann"], await Dapper.SqlMapper.QueryAsync<string>(store.Connection, "SELECT key FROM users"));
            // The fake maps every third track to a recording; those whose number is a multiple of 30 have no tags.
            var mapped = (await Dapper.SqlMapper.QueryAsync<string>(store.Connection, "SELECT value FROM track_identifiers WHERE kind = 'mbid'")).ToList();
            var untagged = mapped.Count(m => Convert.ToInt64(m[24..], 16) % 10 == 0);
            Assert.Contains($"\"lookedUp\": {mapped.Count},", tags.Out, StringComparison.Ordinal);
            Assert.Contains($"\"tagged\": {mapped.Count - untagged},", tags.Out, StringComparison.Ordinal);
            Assert.Contains($"\"tagsStored\": {2 * (mapped.Count - untagged)},", tags.Out, StringComparison.Ordinal);
            Assert.Contains("\"unknown\": 0,", tags.Out, StringComparison.Ordinal);
            Assert.Contains("\"requests\": 1,", tags.Out, StringComparison.Ordinal);
            Assert.Contains($"\"lookedUp\": {untagged},", again.Out, StringComparison.Ordinal);
            Assert.Contains("\"tagged\": 0,", again.Out, StringComparison.Ordinal);
        }

        // The spill holds every response: the sync's listens pages, then the one metadata request.
        Assert.True(syncLines >= 2, $"{syncLines} lines");
        Assert.All(spilled.Take(syncLines), l => Assert.Contains("\"endpoint\":\"listenbrainz /1/user/{user}/listens\"", l, StringComparison.Ordinal));
        Assert.Equal(syncLines + 1, spilled.Length);
        Assert.Contains("\"endpoint\":\"listenbrainz /1/metadata/recording/\"", spilled[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_BadToken_FailsWithOneLineAndLeavesNoStore()
    {
        var db = Path.Combine(_dir, "bad.db");
        await File.WriteAllTextAsync(Path.Combine(_dir, "bad-token"), "wrong");

        var (code, _, error) = await CliRunner.RunAsync("sync", "listenbrainz", "--user", _world.UserName, "--base-url", _server.BaseUri.ToString(), "--token-file", Path.Combine(_dir, "bad-token"), "--db", db);

        Assert.Equal(1, code);
        Assert.Equal("error: ListenBrainz rejected the token (Token invalid): check LISTENBRAINZ_TOKEN or --token-file; nothing was fetched or stored.", error.Trim());
        Assert.False(File.Exists(db));
    }
}

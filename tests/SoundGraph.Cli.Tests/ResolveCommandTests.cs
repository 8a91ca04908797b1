using SoundGraph.Core.Catalog;
using SoundGraph.FakeMusicBrainz;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr resolve musicbrainz</c> against the fake MusicBrainz server (a SYNTHETIC world) on 127.0.0.1.</summary>
public sealed class ResolveCommandTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-resolve-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Resolve_WithoutContact_RefusesInOneSentence()
    {
        var db = await StoreWithTracksAsync(FakeMbWorld.Generate(2));
        var (code, _, error) = await CliRunner.RunAsync("resolve", "musicbrainz", "--db", db, "--base-url", "http://127.0.0.1:9/ws/2/");
        Assert.Equal(1, code);
        Assert.Contains("MusicBrainz requires a contact in the User-Agent: pass --contact EMAIL (or set MUSICBRAINZ_CONTACT) before querying it.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_SyntheticWorld_PrintsMatchRateAndSummary_ThenSkipsResolvedTracks()
    {
        var world = FakeMbWorld.Generate(4);
        var db = await StoreWithTracksAsync(world);
        await using var server = await FakeMusicBrainzServer.StartAsync(world, new FakeMusicBrainzOptions { RequestsPerSecond = 1000 });
        string[] args = ["resolve", "musicbrainz", "--db", db, "--base-url", server.BaseUri.ToString(), "--contact", "tests@example.org", "--rps", "50"];

        var spill = Path.Combine(_dir, "mb.jsonl");
        var (code, output, error) = await CliRunner.RunAsync([.. args, "--spill", spill]);
        Assert.True(code == 0, error);
        var spilled = await File.ReadAllLinesAsync(spill);
        Assert.Equal(8, spilled.Length); // every response, before it is parsed
        Assert.All(spilled, l => Assert.Contains("\"endpoint\":\"musicbrainz ", l, StringComparison.Ordinal));
        Assert.Contains(spilled, l => l.Contains("\"status\":200", StringComparison.Ordinal) && l.Contains("\"body\":{", StringComparison.Ordinal));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("MusicBrainz: matched 4 of 4 tracks looked up (100.0 %).", lines[0]);
        Assert.Equal("by ISRC 2, by search 2, ambiguous 0, not found 0; already resolved before 0", lines[1]);
        Assert.StartsWith("8 requests, 0 answered 503 (backed off), ", lines[2], StringComparison.Ordinal);

        (code, output, error) = await CliRunner.RunAsync(args);
        Assert.True(code == 0, error);
        Assert.StartsWith("MusicBrainz: matched 0 of 0 tracks looked up (0.0 %).", output, StringComparison.Ordinal);
        Assert.Contains("already resolved before 4", output, StringComparison.Ordinal);
    }

    private async Task<string> StoreWithTracksAsync(FakeMbWorld world)
    {
        var db = Path.Combine(_dir, "r.db");
        await using var store = await SoundGraphStore.OpenAsync(db);
        var batch = new CatalogBatch { Source = "mpd" };
        for (var i = 0; i < world.Recordings.Count; i++)
        {
            var r = world.Recordings[i];
            var key = "test:track:" + i;
            var artistKey = "name:artist:" + r.Credits[0].Name.ToLowerInvariant();
            batch.Artists.Add(new ArtistRecord(artistKey, r.Credits[0].Name));
            batch.Tracks.Add(new TrackRecord(key, r.Title, r.Credits[0].Name, Details: i % 2 == 0 ? new TrackDetails(Isrc: r.Isrcs[0]) : null));
            batch.Credits.Add(new CreditRecord(key, artistKey, CreditRole.Primary, 0));
        }

        await store.Catalog.WriteAsync(batch);
        return db;
    }
}

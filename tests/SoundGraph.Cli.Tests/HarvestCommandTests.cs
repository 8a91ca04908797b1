using System.Diagnostics;
using System.Globalization;
using SoundGraph.FakeSoundCloud.Server;
using SoundGraph.FakeSoundCloud.World;
using SoundGraph.Storage;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr harvest soundcloud</c> end to end against the fake SoundCloud server (a SYNTHETIC world) on 127.0.0.1.</summary>
public sealed class HarvestCommandTests : IAsyncLifetime
{
    private const string SmallConfig = """
        harvest:
          users: { max_likers: 25, max_reposters: 15, max_likes_per_user: 20 }
          playlists: { max_playlists: 8, max_tracks_per_playlist: 30 }
          artist: { max_tracks: 40 }
          semantic: { max_results: 30 }
          comments: { max_comments: 20 }
          labels: { max_labels: 2, max_tracks_per_label: 15 }
          entities: { max_entities: 4, max_tracks_per_entity: 8 }
        soundcloud:
          page_size: 10
          requests_per_second: 400
          max_concurrent_requests: 4
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-harvest-" + Guid.NewGuid().ToString("N"));
    private FakeSoundCloudServer? _server;
    private long _seed;

    private FakeSoundCloudServer Server => _server!;

    private string Config => Path.Combine(_dir, "harvest.yaml");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(Config, SmallConfig);
        var world = FakeWorld.Generate(new WorldOptions { Seed = 5, Users = 500 });
        _seed = world.PopularTracks(1)[0].Id;
        // A little latency, so a harvest takes long enough to be killed half-way.
        _server = await FakeSoundCloudServer.StartAsync(world, new FakeServerOptions { Latency = TimeSpan.FromMilliseconds(20) });
        Environment.SetEnvironmentVariable("SOUNDCLOUD_CLIENT_ID", "fake-client-id");
        Environment.SetEnvironmentVariable("SOUNDCLOUD_CLIENT_SECRET", "fake-client-secret");
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Harvest_SeedInFakeWorld_PrintsStatsThenRelateUnveilAndExportUseTheData()
    {
        var db = Path.Combine(_dir, "h.db");
        var (code, output, error) = await HarvestAsync(db);
        Assert.True(code == 0, error);
        Assert.Contains("Harvest run 1 of", output, StringComparison.Ordinal);
        foreach (var row in new[] { "tracks", "users", "playlists", "engagements: like", "engagements: repost", "engagements: comment", "labels", "entities", "requests", "429 answers", "seconds" })
        {
            Assert.Contains(row, output, StringComparison.Ordinal);
        }

        Assert.Contains("seed engagement score", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "h.db.spill", "soundcloud.jsonl")));
        Assert.DoesNotContain("fake-client-secret", output + error, StringComparison.Ordinal);

        var relate = await CliRunner.RunAsync("relate", "--db", db, "--kind", "user_like_jaccard", "artist_co_library", "track_co_playlist");
        Assert.True(relate.Code == 0, relate.Err);
        var unveil = await CliRunner.RunAsync("unveil", "soundcloud:track:" + _seed.ToString(CultureInfo.InvariantCulture), "--db", db);
        Assert.True(unveil.Code == 0, unveil.Err);
        Assert.Contains("engagement score", unveil.Out, StringComparison.Ordinal);
        var bundle = Path.Combine(_dir, "bundle");
        var export = await CliRunner.RunAsync("export", "ml", "--db", db, "--out", bundle);
        Assert.True(export.Code == 0, export.Err);
        Assert.True(new FileInfo(Path.Combine(bundle, "edges_user_like_track.csv")).Length > 100);
    }

    [Fact]
    public async Task Harvest_ProcessKilledMidway_RunAgainResumesToTheRowsOfAnUninterruptedRun()
    {
        var whole = Path.Combine(_dir, "whole.db");
        var wholeStart = Server.Stats.Requests;
        Assert.Equal(0, (await HarvestAsync(whole)).Code);
        var wholeRequests = Server.Stats.Requests - wholeStart;

        var killed = Path.Combine(_dir, "killed.db");
        var before = Server.Stats.Requests;
        long killedAt;
        var args = new[] { "harvest", "soundcloud", "--track", _seed.ToString(CultureInfo.InvariantCulture), "--api", Server.BaseUri.ToString(), "--config", Config, "--db", killed };
        var environment = new Dictionary<string, string?> { ["SOUNDCLOUD_CLIENT_ID"] = "fake-client-id", ["SOUNDCLOUD_CLIENT_SECRET"] = "fake-client-secret" };
        using (var process = SgrChild.Start(args, environment))
        {
            var deadline = Stopwatch.StartNew();
            while (Server.Stats.Requests - before < wholeRequests / 2 && !process.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(5);
            }

            if (process.HasExited)
            {
                Assert.Fail("the harvest ended before it could be killed: " + await process.StandardError.ReadToEndAsync());
            }

            killedAt = Server.Stats.Requests - before;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        await using (var store = await SoundGraphStore.OpenAsync(killed))
        {
            Assert.True(
                await Dapper.SqlMapper.ExecuteScalarAsync<string>(store.Connection, "SELECT status FROM harvest_runs") == "running",
                $"killed after {killedAt} of {wholeRequests} requests, but the run had finished");
        }

        var (code, output, error) = await HarvestAsync(killed);
        Assert.True(code == 0, error);
        Assert.Contains("(resumed)", output, StringComparison.Ordinal);
        Assert.Equal(await SnapshotAsync(whole), await SnapshotAsync(killed));
    }

    [Fact]
    public async Task Harvest_WrongClientSecret_FailsAndLeavesNoStoreOrSpill()
    {
        var db = Path.Combine(_dir, "secret.db");
        Environment.SetEnvironmentVariable("SOUNDCLOUD_CLIENT_SECRET", "wrong-secret");
        try
        {
            var (code, _, error) = await HarvestAsync(db);

            Assert.Equal(1, code);
            Assert.StartsWith("error: ", error, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-secret", error, StringComparison.Ordinal);
            Assert.False(File.Exists(db), "the store a failed first harvest created is removed");
            Assert.False(File.Exists(db + "-wal"));
            Assert.False(Directory.Exists(db + ".spill"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SOUNDCLOUD_CLIENT_SECRET", "fake-client-secret");
        }
    }

    [Fact]
    public async Task Harvest_SeedThatIsNotAnIdOrUrl_FailsWithOneLine()
    {
        var (code, _, error) = await CliRunner.RunAsync("harvest", "soundcloud", "--track", "not a seed", "--api", Server.BaseUri.ToString(), "--db", Path.Combine(_dir, "e.db"));
        Assert.Equal(1, code);
        Assert.Equal("error: 'not a seed' is neither a SoundCloud URL nor a numeric track id.", error.Trim());
    }

    [Fact]
    public async Task Harvest_UnknownTrack_FailsNamingIt()
    {
        var (code, _, error) = await CliRunner.RunAsync("harvest", "soundcloud", "--track", "1", "--api", Server.BaseUri.ToString(), "--db", Path.Combine(_dir, "e.db"));
        Assert.Equal(1, code);
        Assert.Equal("error: SoundCloud track 1 was not found or is private.", error.Trim());
    }

    [Fact]
    public async Task Harvest_ConfigWithUnknownKey_FailsNamingFileLineAndKeyBeforeCreatingAnything()
    {
        var bad = Path.Combine(_dir, "bad.yaml");
        await File.WriteAllTextAsync(bad, "harvest:\n  users:\n    max_likerz: 1\n");
        var db = Path.Combine(_dir, "e.db");
        var (code, _, error) = await CliRunner.RunAsync("harvest", "soundcloud", "--track", "1", "--config", bad, "--db", db);
        Assert.Equal(1, code);
        Assert.Equal($"error: {bad}: line 3: unknown key 'max_likerz'.", error.Trim());
        Assert.False(File.Exists(db));
        Assert.False(Directory.Exists(db + ".spill"));
    }

    [Theory]
    [InlineData("--only", "users,lyrics", "error: --only: unknown layer 'lyrics' (layers: users, playlists, artist, semantic, comments, labels, entities).")]
    [InlineData("--rps", "0", "error: --rps must be above 0 and at most 1000 (got 0).")]
    [InlineData("--workers", "0", "error: --workers must be 1–64 (got 0).")]
    [InlineData("--track", "https://example.com/a/b", "error: 'https://example.com/a/b' is not a SoundCloud URL (expected https://soundcloud.com/<artist>/<track>).")]
    [InlineData("--api", "http://user:pw@127.0.0.1:1/", "error: --api must be an absolute http(s) URL without a user name or password.")]
    public async Task Harvest_BadOption_OneLineNamingItAndNoStore(string option, string value, string expected)
    {
        var db = Path.Combine(_dir, "o.db");
        var args = new List<string> { "harvest", "soundcloud", "--db", db };
        if (option != "--track")
        {
            args.AddRange(["--track", "1"]);
        }

        args.AddRange([option, value]);
        var (code, _, error) = await CliRunner.RunAsync([.. args]);
        Assert.Equal(1, code);
        Assert.Equal(expected, error.Trim());
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task Harvest_ValueOfWrongType_IsOneLineWithoutDotNetTypeNames()
    {
        var (code, output, error) = await CliRunner.RunAsync("harvest", "soundcloud", "--track", "1", "--rps", "abc", "--db", Path.Combine(_dir, "t.db"));
        Assert.Equal(1, code);
        Assert.Equal("error: Cannot parse argument 'abc' for option '--rps'. (see --help)", error.Trim());
        Assert.Equal(string.Empty, output.Trim());
    }

    private Task<(int Code, string Out, string Err)> HarvestAsync(string db) =>
        CliRunner.RunAsync("harvest", "soundcloud", "--track", _seed.ToString(CultureInfo.InvariantCulture), "--api", Server.BaseUri.ToString(), "--config", Config, "--db", db);

    private static async Task<IReadOnlyList<string>> SnapshotAsync(string db)
    {
        await using var store = await SoundGraphStore.OpenAsync(db);
        return await KeyedSnapshot.TakeAsync(store);
    }
}

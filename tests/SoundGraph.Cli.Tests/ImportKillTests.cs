using System.Diagnostics;
using Dapper;
using SoundGraph.Storage;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr import</c> killed with SIGKILL while it re-imports the real playlists folder: every playlist keeps its
/// old or its new version, never a part of one (issue 13, F2). The re-import runs <c>sgr.dll</c> as a child process. Both
/// providers (PostgreSQL in a fresh schema when <c>SOUNDGRAPH_TEST_PG</c> is set).</summary>
[Collection(KillTests.Name)]
public sealed class ImportKillTests : IDisposable
{
    private const string Dataset = "spotify-account-export-playlists";
    private const long Entries = 211_917;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-import-kill-" + Guid.NewGuid().ToString("N"));

    public ImportKillTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SharedTheory(Dataset)]
    [StoreProviders]
    public async Task Import_KilledAtTenRandomMomentsOfAReImport_NoPlaylistLosesAnEntry(string provider)
    {
        var folder = TestData.Shared(Dataset);
        await TestDatabases.WithDatabaseAsync(provider, _dir, db => KillAndCheckAsync(folder, db));
    }

    private static async Task KillAndCheckAsync(string folder, string db)
    {
        var first = await CliRunner.RunAsync("import", "playlists-tsv", folder, "--db", db);
        Assert.True(first.Code == 0, first.Err);
        var before = await SnapshotAsync(db);
        Assert.Equal(Entries, before.Values.Sum());

        // One uninterrupted re-import as a child process sets the window the kills fall in.
        var whole = Stopwatch.StartNew();
        using (var process = SgrChild.Start(Args(folder, db)))
        {
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        }

        var window = whole.Elapsed;
        Assert.Equal(before, await SnapshotAsync(db));

        // Kills within 5–80 % of an uninterrupted run, so (nearly) every one hits a running import; up to 15 runs for 10 hits.
        var killedWhileRunning = await SgrChild.KillAtRandomMomentsAsync(
            Args(folder, db), window, 0.05, 0.80, new Random(20261203), hits: 10, attempts: 15, async (i, moment) =>
            {
                var after = await SnapshotAsync(db);
                Assert.True(after.Values.Sum() == Entries, $"kill {i} at {moment.TotalMilliseconds:F0} ms: {after.Values.Sum()} entries");
                Assert.Equal(before, after);
            });
        Assert.True(killedWhileRunning >= 5, $"only {killedWhileRunning} kills hit a running import (first window {window.TotalMilliseconds:F0} ms)");
    }

    private static string[] Args(string folder, string db) => ["import", "playlists-tsv", folder, "--db", db];

    /// <summary>Entries per playlist key (0 for a playlist with none).</summary>
    private static async Task<SortedDictionary<string, long>> SnapshotAsync(string db)
    {
        await using var store = await SoundGraphStore.OpenAsync(db);
        var rows = await store.Connection.QueryAsync<(string Key, long Count)>(
            "SELECT p.key, COUNT(pt.position) FROM playlists p LEFT JOIN playlist_tracks pt ON pt.playlist_id = p.id GROUP BY p.key");
        return new SortedDictionary<string, long>(rows.ToDictionary(r => r.Key, r => r.Count), StringComparer.Ordinal);
    }
}

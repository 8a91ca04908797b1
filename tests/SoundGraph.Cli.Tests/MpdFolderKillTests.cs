using System.Diagnostics;
using Dapper;
using SoundGraph.Cli.Bench;
using SoundGraph.Storage;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr import mpd &lt;folder&gt;</c> killed with SIGKILL at random moments of a first import of 5 SYNTHETIC
/// slices (batches growing, foreign-key checks off inside them): after every kill each stored playlist holds all its
/// entries, and a run to the end then stores exactly what one uninterrupted run stores. The import runs <c>sgr.dll</c> as
/// a child process. Both providers (PostgreSQL in a fresh schema when <c>SOUNDGRAPH_TEST_PG</c> is set).</summary>
[Collection(KillTests.Name)]
public sealed class MpdFolderKillTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-mpd-kill-" + Guid.NewGuid().ToString("N"));

    public MpdFolderKillTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [StoreProviders]
    public async Task ImportFolder_KilledAtRandomMoments_EveryStoredPlaylistIsWholeAndTheRestArrivesOnTheNextRun(string provider)
    {
        var slices = Path.Combine(_dir, "slices");
        var (files, entries) = new SyntheticMpd(5_000).WriteSlices(slices);
        Assert.Equal(5, files.Count);
        var expected = await ExpectedAsync(provider, slices, entries);

        await TestDatabases.WithDatabaseAsync(provider, _dir, async db =>
        {
            var killedWhileRunning = await SgrChild.KillAtRandomMomentsAsync(
                ["import", "mpd", slices, "--db", db], expected.Window, 0.1, 0.7, new Random(20261204), hits: 6, attempts: 9, async (i, moment) =>
                {
                    var after = await SnapshotAsync(db);
                    foreach (var (key, count) in after)
                    {
                        Assert.True(count == expected.Snapshot[key], $"kill {i} at {moment.TotalMilliseconds:F0} ms: {key} holds {count} of its {expected.Snapshot[key]} entries");
                    }
                });
            Assert.True(killedWhileRunning >= 3, $"only {killedWhileRunning} kills hit a running import (first window {expected.Window.TotalMilliseconds:F0} ms)");
            var last = await CliRunner.RunAsync("import", "mpd", slices, "--db", db);
            Assert.True(last.Code == 0, last.Err);
            Assert.Equal(expected.Snapshot, await SnapshotAsync(db));
        });
    }

    /// <summary>One uninterrupted run: what it stores, and how long it takes (the window the kills fall in).</summary>
    private async Task<(SortedDictionary<string, long> Snapshot, TimeSpan Window)> ExpectedAsync(string provider, string slices, long entries)
    {
        SortedDictionary<string, long>? snapshot = null;
        var window = TimeSpan.Zero;
        await TestDatabases.WithDatabaseAsync(provider, _dir, async db =>
        {
            var whole = Stopwatch.StartNew();
            using (var process = SgrChild.Start(["import", "mpd", slices, "--db", db]))
            {
                await process.WaitForExitAsync();
                Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
            }

            window = whole.Elapsed;
            snapshot = await SnapshotAsync(db);
        });
        Assert.Equal(5_000, snapshot!.Count);
        Assert.Equal(entries, snapshot.Values.Sum());
        return (snapshot, window);
    }

    /// <summary>Entries per playlist key (0 for a playlist with none).</summary>
    private static async Task<SortedDictionary<string, long>> SnapshotAsync(string db)
    {
        await using var store = await SoundGraphStore.OpenAsync(db);
        var rows = await store.Connection.QueryAsync<(string Key, long Count)>(
            "SELECT p.key, COUNT(pt.position) FROM playlists p LEFT JOIN playlist_tracks pt ON pt.playlist_id = p.id GROUP BY p.key");
        return new SortedDictionary<string, long>(rows.ToDictionary(r => r.Key, r => r.Count), StringComparer.Ordinal);
    }
}

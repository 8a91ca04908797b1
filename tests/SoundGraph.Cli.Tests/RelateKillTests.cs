using System.Diagnostics;
using Dapper;
using SoundGraph.Storage;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr relate</c> killed with SIGKILL while it replaces track co-playlist (top-20 over a stored top-50) on the
/// real playlists: each kill leaves exactly the old relation or exactly the new one, never a part (issue 18: relations
/// packed per source in <c>relation_lists</c>, one transaction per kind). Both providers (PostgreSQL in a fresh schema
/// when <c>SOUNDGRAPH_TEST_PG</c> is set).</summary>
[Collection(KillTests.Name)]
public sealed class RelateKillTests : IDisposable
{
    private const string Dataset = "spotify-account-export-playlists";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-relate-kill-" + Guid.NewGuid().ToString("N"));

    public RelateKillTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SharedTheory(Dataset)]
    [StoreProviders]
    public async Task Relate_KilledAtFiveRandomMoments_StoreHoldsTheOldOrTheNewRelationWhole(string provider)
    {
        await TestDatabases.WithDatabaseAsync(provider, _dir, async db =>
        {
            var import = await CliRunner.RunAsync("import", "playlists-tsv", TestData.Shared(Dataset), "--db", db);
            Assert.True(import.Code == 0, import.Err);
            await KillAndCheckAsync(db);
        });
    }

    private static async Task KillAndCheckAsync(string db)
    {
        var first = await CliRunner.RunAsync("relate", "--kind", "track_co_playlist", "--top-k", "50", "--db", db);
        Assert.True(first.Code == 0, first.Err);
        var old = await SnapshotAsync(db);
        Assert.True(old.Rows > 100_000, $"{old.Rows} rows");

        var whole = Stopwatch.StartNew();
        using (var process = SgrChild.Start(Args(db)))
        {
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        }

        var window = whole.Elapsed;
        var replaced = await SnapshotAsync(db);
        Assert.True(replaced.Rows < old.Rows, $"top-20 has {replaced.Rows} rows, top-50 {old.Rows}");

        var again = await CliRunner.RunAsync("relate", "--kind", "track_co_playlist", "--top-k", "50", "--db", db);
        Assert.True(again.Code == 0, again.Err);
        var before = await SnapshotAsync(db);
        var killedWhileRunning = await SgrChild.KillAtRandomMomentsAsync(
            Args(db), window, 0.3, 0.9, new Random(20261204), hits: 5, attempts: 8, async (i, moment) =>
            {
                var after = await SnapshotAsync(db);
                Assert.True(
                    after.Digest == before.Digest || after.Digest == replaced.Digest,
                    $"kill {i} at {moment.TotalMilliseconds:F0} ms: {after.Rows} rows in {after.Lists} lists, neither the {before.Rows} before nor the {replaced.Rows} of a whole top-20");
                before = after;
            });
        Assert.True(killedWhileRunning >= 3, $"only {killedWhileRunning} kills hit a running relate (first window {window.TotalMilliseconds:F0} ms)");
    }

    private static string[] Args(string db) => ["relate", "--kind", "track_co_playlist", "--top-k", "20", "--db", db];

    /// <summary>Relation rows of the kind, its source lists, and a checksum over every row computed in SQL through the
    /// <c>relations</c> view (row count, Σ dst, Σ rank·dst, Σ count, Σ round(10⁶·weight), evidence rows): a part of either
    /// generation cannot match a whole one. The weights are summed as integers: a floating-point SUM depends on the order
    /// PostgreSQL adds the rows in (a parallel aggregate combines its workers' partial sums in any order), so the same
    /// rows could give two digests.</summary>
    private static async Task<(long Rows, long Lists, string Digest)> SnapshotAsync(string db)
    {
        await using var store = await SoundGraphStore.OpenAsync(db);
        var c = await store.Connection.QuerySingleAsync<(long Rows, long Dst, long RankDst, long Count, long Weight, long Samples)>(
            """
            SELECT COUNT(*), COALESCE(SUM(dst_id), 0), COALESCE(SUM(rank * dst_id), 0), COALESCE(SUM(count), 0), COALESCE(SUM(CAST(ROUND(weight * 1000000) AS BIGINT)), 0),
                   COUNT(sample_ids)
            FROM relations WHERE kind = 'track_co_playlist'
            """);
        var lists = await store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM relation_lists WHERE kind = 'track_co_playlist'");
        return (c.Rows, lists, FormattableString.Invariant($"{c.Rows} {c.Dst} {c.RankDst} {c.Count} {c.Weight} {c.Samples} {lists}"));
    }
}

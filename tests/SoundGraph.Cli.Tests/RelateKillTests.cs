using System.Diagnostics;
using Dapper;
using SoundGraph.Storage;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr relate</c> killed with SIGKILL while it replaces track co-playlist (top-20 over a stored top-50) on the
/// real playlists: each kill leaves exactly the old relation or exactly the new one, never a part (issue 18: relations
/// packed per source in <c>relation_lists</c>, one transaction per kind). Both providers (PostgreSQL in a fresh schema
/// when <c>SOUNDGRAPH_TEST_PG</c> is set).</summary>
public sealed class RelateKillTests : IDisposable
{
    private const string Dataset = "spotify-account-export-playlists";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-relate-kill-" + Guid.NewGuid().ToString("N"));

    public RelateKillTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SharedTheory(Dataset)]
    [StoreProviders]
    public async Task Relate_KilledAtEightRandomMoments_StoreHoldsTheOldOrTheNewRelationWhole(string provider)
    {
        string? schema = null;
        string db;
        if (provider == "postgres")
        {
            (schema, db) = await TestDatabases.CreateSchemaAsync();
        }
        else
        {
            db = Path.Combine(_dir, "k.db");
        }

        try
        {
            var import = await CliRunner.RunAsync("import", "playlists-tsv", TestData.Shared(Dataset), "--db", db);
            Assert.True(import.Code == 0, import.Err);
            await KillAndCheckAsync(db);
        }
        finally
        {
            if (schema is not null)
            {
                await TestDatabases.DropSchemaAsync(schema);
            }
        }
    }

    private static async Task KillAndCheckAsync(string db)
    {
        var first = await CliRunner.RunAsync("relate", "--kind", "track_co_playlist", "--top-k", "50", "--db", db);
        Assert.True(first.Code == 0, first.Err);
        var old = await SnapshotAsync(db);
        Assert.True(old.Rows > 100_000, $"{old.Rows} rows");

        var whole = Stopwatch.StartNew();
        using (var process = Start(db))
        {
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        }

        var window = whole.Elapsed;
        var replaced = await SnapshotAsync(db);
        Assert.True(replaced.Rows < old.Rows, $"top-20 has {replaced.Rows} rows, top-50 {old.Rows}");

        var again = await CliRunner.RunAsync("relate", "--kind", "track_co_playlist", "--top-k", "50", "--db", db);
        Assert.True(again.Code == 0, again.Err);
        var random = new Random(20261204);
        var killedWhileRunning = 0;
        for (var i = 0; i < 8; i++)
        {
            var before = await SnapshotAsync(db);
            var moment = TimeSpan.FromMilliseconds((0.3 + (0.65 * random.NextDouble())) * window.TotalMilliseconds);
            using (var process = Start(db))
            {
                await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(moment));
                if (!process.HasExited)
                {
                    killedWhileRunning++;
                    process.Kill(entireProcessTree: true);
                }

                await process.WaitForExitAsync();
            }

            var after = await SnapshotAsync(db);
            Assert.True(
                after.Digest == before.Digest || after.Digest == replaced.Digest,
                $"kill {i} at {moment.TotalMilliseconds:F0} ms: {after.Rows} rows in {after.Lists} lists, neither the {before.Rows} before nor the {replaced.Rows} of a whole top-20");
        }

        Assert.True(killedWhileRunning >= 4, $"only {killedWhileRunning} of 8 kills hit a running relate (window {window.TotalMilliseconds:F0} ms)");
    }

    private static Process Start(string db)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "sgr.dll"), "relate", "--kind", "track_co_playlist", "--top-k", "20", "--db", db })
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }

    /// <summary>Relation rows of the kind, source lists, and a digest of (src, dst, rank, weight, count, sample) over all rows.</summary>
    private static async Task<(long Rows, long Lists, string Digest)> SnapshotAsync(string db)
    {
        await using var store = await SoundGraphStore.OpenAsync(db);
        var rows = (await store.Connection.QueryAsync<(long Src, long Dst, long Rank, double Weight, long Count, string? Sample)>(
            "SELECT src_id, dst_id, rank, weight, count, sample_ids FROM relations WHERE kind = 'track_co_playlist'")).ToList();
        var lists = await store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM relation_lists WHERE kind = 'track_co_playlist'");
        var text = string.Join('\n', rows.Select(r => FormattableString.Invariant($"{r.Src} {r.Dst} {r.Rank} {r.Weight:R} {r.Count} {r.Sample}")).Order(StringComparer.Ordinal));
        return (rows.Count, lists, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))));
    }
}

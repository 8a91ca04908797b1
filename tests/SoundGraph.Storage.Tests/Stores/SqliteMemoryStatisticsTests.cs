using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Dapper;
using SoundGraph.Storage.Sqlite;

namespace SoundGraph.Storage.Tests.Stores;

/// <summary>SQLite's memory statistics are off in a process whose first connection <see cref="SqliteDatabase"/> opened:
/// no byte is counted (<c>sqlite3_memory_used</c> stays 0) however much the statements allocate.</summary>
public sealed class SqliteMemoryStatisticsTests
{
    [Fact]
    public async Task FirstOpenThroughSqliteDatabase_TurnsMemoryStatisticsOff()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        await using var connection = await SqliteDatabase.OpenReadOnlyAsync(temp.Db);

        // A statement that allocates: a 100,000-row recursive CTE sorted in memory.
        var rows = await connection.ExecuteScalarAsync<long>(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) SELECT COUNT(*) FROM (SELECT i FROM n ORDER BY -i)");

        Assert.Equal(100_000, rows);
        Assert.True(SqliteDatabase.MemoryStatisticsOff);
        Assert.Equal(0, SQLitePCL.raw.sqlite3_memory_used());
    }
}

/// <summary>Initializes SQLite through <see cref="SqliteDatabase"/> when this test assembly loads, before any test can
/// open a connection another way, so <see cref="SqliteMemoryStatisticsTests"/> does not depend on test order.</summary>
internal static class SqliteFirstOpen
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test assembly: SQLite must be configured before any test opens a connection.")]
    internal static void Initialize() => _ = SqliteDatabase.MemoryStatisticsOff;
}

using Microsoft.Data.Sqlite;

namespace SoundGraph.Storage.Sqlite;

/// <summary>Opens SQLite connections with SoundGraph's settings (WAL journal, foreign keys on).</summary>
public static class SqliteDatabase
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        // Memory statistics off (SQLITE_CONFIG_MEMSTATUS, https://sqlite.org/c3ref/c_config_covering_index_scan.html):
        // with them on, every sqlite3_malloc and sqlite3_free takes one process-wide mutex to count bytes, and the API's
        // concurrent read sessions queued on it (futex waits in the profile of the unveil benchmark; off: about a fifth
        // more requests/s, docs/benchmarks.md). SoundGraph reads none of those statistics. Only possible before SQLite
        // initializes (its first open in the process): later the call returns SQLITE_MISUSE and changes nothing.
        return SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0) == SQLitePCL.raw.SQLITE_OK;
    });

    /// <summary>Whether SQLite's memory statistics are off in this process: true when this class initialized SQLite
    /// (opened the process's first connection); false when something else opened one first.</summary>
    public static bool MemoryStatisticsOff => Initialized.Value;

    /// <summary>Opens (creating if needed) the database file at <paramref name="path"/>.</summary>
    /// <exception cref="StoreException">The file cannot be opened as a SQLite database.</exception>
    public static async Task<SqliteConnection> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        _ = Initialized.Value;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        // WAL lets readers (unveil, the API) read while relate rewrites a kind. A checkpoint every 20,000 pages
        // (~80 MB of WAL) instead of SQLite's 1,000 cuts a bulk import's time by about a quarter (measured with
        // `sgr bench`); cache_size is in KiB when negative: 512 MiB, allocated only as pages are used, keeps the
        // playlist_tracks indexes of a 100k-playlist store in memory.
        return await OpenWithAsync(
            builder,
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=20000; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-524288;",
            $"Cannot open '{path}' as a SQLite database",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the existing database file at <paramref name="path"/> read-only for a read service: a pooled
    /// connection (so opening one per request costs a pool hand-out, not a file open), <c>query_only</c> on, temporary
    /// tables in memory and a 64 MiB page cache. Runs no migration and creates nothing.</summary>
    /// <exception cref="StoreException">The file does not exist or cannot be read as a SQLite database.</exception>
    public static async Task<SqliteConnection> OpenReadOnlyAsync(string path, CancellationToken cancellationToken = default)
    {
        _ = Initialized.Value;
        if (!File.Exists(path))
        {
            throw new StoreException($"No SQLite database at '{path}' (create it with `sgr import` first).");
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = true };
        return await OpenWithAsync(
            builder,
            "PRAGMA query_only=1; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;",
            $"Cannot open '{path}' read-only as a SQLite database",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a connection and applies <paramref name="pragmas"/>; a failure disposes it and becomes a
    /// <see cref="StoreException"/> starting with <paramref name="failure"/>.</summary>
    private static async Task<SqliteConnection> OpenWithAsync(SqliteConnectionStringBuilder builder, string pragmas, string failure, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = pragmas;
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new StoreException($"{failure}: {ex.Message}", ex);
        }

        return connection;
    }
}

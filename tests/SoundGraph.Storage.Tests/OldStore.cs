using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using SoundGraph.Storage.Migrations;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests;

/// <summary>A store as an older SoundGraph left it, for migration tests: only the chosen migrations applied and recorded
/// the way <see cref="Migrator"/> records them, then seeded with rows; <see cref="Db"/> opens it with today's code.
/// SQLite in a temporary folder, PostgreSQL in a fresh schema; both removed on dispose.</summary>
internal sealed class OldStore : IAsyncDisposable
{
    private readonly string? _schema;
    private readonly string? _dir;

    private OldStore(string db, string? schema, string? dir)
    {
        Db = db;
        _schema = schema;
        _dir = dir;
    }

    /// <summary>The <c>--db</c> value of the old store.</summary>
    public string Db { get; }

    /// <summary>Creates the store with the migrations whose version <paramref name="applied"/> accepts, then runs
    /// <paramref name="seed"/> on an open connection.</summary>
    public static async Task<OldStore> CreateAsync(string provider, Func<int, bool> applied, Func<DbConnection, Task>? seed = null)
    {
        OldStore store;
        if (provider == "postgres")
        {
            var (schema, db) = await TestDatabases.CreateSchemaAsync();
            store = new OldStore(db, schema, null);
        }
        else
        {
            var dir = Path.Combine(Path.GetTempPath(), "sg-test-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            store = new OldStore(Path.Combine(dir, "old.db"), null, dir);
        }

        await using var connection = provider == "postgres" ? (DbConnection)new NpgsqlConnection(store.Db) : new SqliteConnection($"Data Source={store.Db}");
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        foreach (var m in Migrator.Load(provider == "postgres" ? "Postgres" : "Sqlite").Where(m => applied(m.Version)))
        {
            await connection.ExecuteAsync(m.Sql);
            await connection.ExecuteAsync("INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, '2025-01-01T00:00:00Z')", new { m.Version, m.Name });
        }

        if (seed is not null)
        {
            await seed(connection);
        }

        return store;
    }

    public async ValueTask DisposeAsync()
    {
        if (_schema is not null)
        {
            await TestDatabases.DropSchemaAsync(_schema);
        }

        if (_dir is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_dir, recursive: true);
        }
    }
}

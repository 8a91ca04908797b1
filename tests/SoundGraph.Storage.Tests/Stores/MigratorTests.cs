using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using SoundGraph.Storage.Migrations;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Stores;

/// <summary>The migrator applies every migration a store has not recorded, also one numbered below a recorded one (two
/// branches that each added a migration, landed in either order).</summary>
public sealed class MigratorTests
{
    [Theory]
    [StoreProviders]
    public async Task MigrateAsync_StoreMissingAMigrationBelowItsHighest_AppliesTheGap(string provider)
    {
        string db;
        string? schema = null;
        string? dir = null;
        if (provider == "postgres")
        {
            (schema, db) = await TestDatabases.CreateSchemaAsync();
        }
        else
        {
            dir = Path.Combine(Path.GetTempPath(), "sg-test-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            db = Path.Combine(dir, "gap.db");
        }

        try
        {
            var all = Migrator.Load(provider == "postgres" ? "Postgres" : "Sqlite");
            await using (var old = provider == "postgres" ? (DbConnection)new NpgsqlConnection(db) : new SqliteConnection($"Data Source={db}"))
            {
                await old.OpenAsync();
                await old.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
                foreach (var m in all.Where(m => m.Version is <= 5 or 7))
                {
                    await old.ExecuteAsync(m.Sql);
                    await old.ExecuteAsync("INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, '2026-01-01T00:00:00Z')", new { m.Version, m.Name });
                }
            }

            await using var store = await SoundGraphStore.OpenAsync(db);

            Assert.Equal(all.Where(m => m.Version is 6 or >= 8).Select(m => m.Name), store.AppliedMigrations.Select(m => m.Name));
            Assert.Equal(all.Select(m => m.Version), (await store.Connection.QueryAsync<int>("SELECT version FROM schema_version ORDER BY version")).ToList());
            await using var again = await SoundGraphStore.OpenAsync(db);
            Assert.Empty(again.AppliedMigrations);
        }
        finally
        {
            if (schema is not null)
            {
                await TestDatabases.DropSchemaAsync(schema);
            }

            if (dir is not null)
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}

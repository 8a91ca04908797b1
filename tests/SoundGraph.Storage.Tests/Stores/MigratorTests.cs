using Dapper;
using SoundGraph.Storage.Migrations;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Stores;

/// <summary>The migrator applies every migration a store has not recorded, also one numbered below a recorded one (two
/// branches that each added a migration, landed in either order), and refuses, changing nothing, a store that records a
/// migration this build does not have.</summary>
public sealed class MigratorTests
{
    [Theory]
    [StoreProviders]
    public async Task MigrateAsync_StoreMissingAMigrationBelowItsHighest_AppliesTheGap(string provider)
    {
        var all = Migrator.Load(provider == "postgres" ? "Postgres" : "Sqlite");
        await using var old = await OldStore.CreateAsync(provider, v => v is <= 5 or 7);

        await using var store = await SoundGraphStore.OpenAsync(old.Db);

        Assert.Equal(all.Where(m => m.Version is 6 or >= 8).Select(m => m.Name), store.AppliedMigrations.Select(m => m.Name));
        Assert.Equal(all.Select(m => m.Version), (await store.Connection.QueryAsync<int>("SELECT version FROM schema_version ORDER BY version")).ToList());
        await using var again = await SoundGraphStore.OpenAsync(old.Db);
        Assert.Empty(again.AppliedMigrations);
    }

    [Theory]
    [StoreProviders]
    public async Task MigrateAsync_StoreFromANewerBuild_IsRefusedAndLeftAsItWas(string provider)
    {
        var all = Migrator.Load(provider == "postgres" ? "Postgres" : "Sqlite");
        // Every migration but 19, plus one this build does not have: refused before 19 is applied.
        await using var newer = await OldStore.CreateAsync(provider, v => v != 19, async c =>
        {
            await c.ExecuteAsync("INSERT INTO schema_version (version, name, applied_at) VALUES (9999, '9999_from_a_newer_build', '2027-01-01T00:00:00Z')");
            await c.ExecuteAsync("INSERT INTO artists (key, name, name_norm) VALUES ('test:a1', 'Kept', 'kept')");
        });

        var ex = await Assert.ThrowsAsync<StoreException>(() => SoundGraphStore.OpenAsync(newer.Db));

        Assert.Contains("9999_from_a_newer_build", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"it knows up to {all[^1].Name}", ex.Message, StringComparison.Ordinal);
        await using var connection = provider == "postgres" ? (System.Data.Common.DbConnection)new Npgsql.NpgsqlConnection(newer.Db) : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={newer.Db}");
        await connection.OpenAsync();
        Assert.Equal(all.Select(m => m.Version).Where(v => v != 19).Append(9999), await connection.QueryAsync<int>("SELECT version FROM schema_version ORDER BY version"));
        Assert.Equal("Kept", await connection.ExecuteScalarAsync<string>("SELECT name FROM artists WHERE key = 'test:a1'"));
    }
}

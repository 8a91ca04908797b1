using Dapper;
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
        var all = Migrator.Load(provider == "postgres" ? "Postgres" : "Sqlite");
        await using var old = await OldStore.CreateAsync(provider, v => v is <= 5 or 7);

        await using var store = await SoundGraphStore.OpenAsync(old.Db);

        Assert.Equal(all.Where(m => m.Version is 6 or >= 8).Select(m => m.Name), store.AppliedMigrations.Select(m => m.Name));
        Assert.Equal(all.Select(m => m.Version), (await store.Connection.QueryAsync<int>("SELECT version FROM schema_version ORDER BY version")).ToList());
        await using var again = await SoundGraphStore.OpenAsync(old.Db);
        Assert.Empty(again.AppliedMigrations);
    }
}

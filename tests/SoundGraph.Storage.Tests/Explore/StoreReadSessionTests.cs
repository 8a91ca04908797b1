using System.Data.Common;
using Dapper;
using SoundGraph.Core.Relations;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Explore;

public sealed class StoreReadSessionTests
{
    [Theory]
    [StoreProviders]
    public async Task OpenAsync_MigratedStore_ReadsCountsAndRefusesWrites(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var ids = (await temp.Store.Connection.QueryAsync<long>("SELECT id FROM artists ORDER BY id")).ToArray();
        await temp.Store.Relations.ReplaceRelationsAsync(
            RelationKind.ArtistCoListen, [new(RelationKind.ArtistCoListen, ids[0], ids[1], 0.5, 1, []), new(RelationKind.ArtistCoListen, ids[1], ids[0], 0.5, 1, [])], DateTimeOffset.UnixEpoch);

        await using var session = await StoreReadSession.OpenAsync(StoreLocation.Parse(temp.Db));
        Assert.Equal(new StoreSummary(provider, 3, 3, 2, 2), await session.SummaryAsync());
        Assert.Equal("A", (await session.Details.ArtistAsync(ids[0]))!.Name);
        await Assert.ThrowsAnyAsync<DbException>(() => session.Connection.ExecuteAsync("INSERT INTO labels (key, name) VALUES ('x', 'x')"));
        Assert.Equal(1L, await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM labels")); // only the sample's label L
    }

    [Fact]
    public async Task OpenAsync_MissingSqliteFile_StoreExceptionAndNoFileCreated()
    {
        var path = Path.Combine(Path.GetTempPath(), "sg-missing-" + Guid.NewGuid().ToString("N") + ".db");
        var ex = await Assert.ThrowsAsync<StoreException>(() => StoreReadSession.OpenAsync(StoreLocation.Parse(path)));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }
}

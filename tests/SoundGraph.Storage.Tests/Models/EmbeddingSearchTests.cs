using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.Storage.Models;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Models;

public sealed class EmbeddingSearchTests
{
    [Theory]
    [StoreProviders]
    public async Task NearestTracksAsync_HandMadeVectors_RanksByCosineAndCachesPerVersion(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var t = (await temp.Store.Connection.QueryAsync<long>("SELECT id FROM tracks ORDER BY id")).ToArray();

        // t1 (1, 0); t2 (1, 1): cosine 1/√2; t3 (0, 1): cosine 0.
        await temp.Store.Models.ReplaceEmbeddingsAsync("sage", 0, [t[0], t[1], t[2]], [[1f, 0f], [1f, 1f], [0f, 1f]]);
        var cache = new EmbeddingCache();
        var search = new EmbeddingSearch(temp.Store.Connection, cache);
        var items = await search.NearestTracksAsync("sage", t[0], 5);
        Assert.NotNull(items);
        Assert.Equal([(1, t[1], "Two", "A"), (2, t[2], "Three", "C")], items.Select(i => (i.Rank, i.TrackId, i.Title, (string?)i.Artist)).ToArray());
        Assert.Equal(Math.Sqrt(0.5), items[0].Cosine, 6);
        Assert.Equal(0, items[1].Cosine, 6);
        Assert.Equal(1, cache.Count);

        // A retrain that changes the vector set is seen at once: t3 now points along t1.
        await temp.Store.Models.ReplaceEmbeddingsAsync("sage", 0, [t[0], t[1], t[2], 999], [[1f, 0f], [1f, 1f], [2f, 0f], [0f, 1f]]);
        var after = await search.NearestTracksAsync("sage", t[0], 1);
        Assert.Equal((t[2], 1.0), (after![0].TrackId, Math.Round(after[0].Cosine, 6)));
    }

    [Theory]
    [StoreProviders]
    public async Task NearestTracksAsync_NotTrainedOrNoVector_NullOrKeyNotFound(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Models.ReplaceEmbeddingsAsync("sage", 0, [1, 2], [[1f, 0f], [0f, 1f]]);
        var search = new EmbeddingSearch(temp.Store.Connection, new EmbeddingCache());
        Assert.Null(await search.NearestTracksAsync("fastrp", 1, 5));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => search.NearestTracksAsync("sage", 3, 5));
        await Assert.ThrowsAsync<ArgumentException>(() => search.NearestTracksAsync("bert", 1, 5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => search.NearestTracksAsync("sage", 1, 0));
        Assert.Equal("sage-fastrp", EmbeddingSearch.EmbeddingNames["fastrp"]);
    }
}

using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Models;

public sealed class ModelStoreTests
{
    [Theory]
    [StoreProviders]
    public async Task SaveModelAsync_SavedTwice_LoadReturnsTheLatestBytes(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Models.SaveModelAsync("als", "als", "{\"factors\":64}", null, [1, 2, 3]);
        await temp.Store.Models.SaveModelAsync("als", "als", "{\"factors\":32}", "{\"ndcg20\":0.3}", [4, 5]);
        var model = await temp.Store.Models.LoadModelAsync("als");
        Assert.Equal("{\"factors\":32}", model!.ParamsJson);
        Assert.Equal("{\"ndcg20\":0.3}", model.MetricsJson);
        Assert.Equal(new byte[] { 4, 5 }, model.Data);
        Assert.Null(await temp.Store.Models.LoadModelAsync("bpr"));
    }

    [Theory]
    [StoreProviders]
    public async Task ReplaceEmbeddingsAsync_ThenLoad_RoundTripsFloatsByAscendingId(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Models.ReplaceEmbeddingsAsync("sage", 0, [7, 3], [[0.5f, -1.25f], [2f, 1e-7f]]);
        await temp.Store.Models.ReplaceEmbeddingsAsync("sage", 1, [3], [[9f, 9f]]);
        var (ids, vectors) = await temp.Store.Models.LoadEmbeddingsAsync("sage", 0);
        Assert.Equal(new List<long> { 3, 7 }, ids);
        Assert.Equal(new List<float> { 2f, 1e-7f }, vectors[0]);
        Assert.Equal(new List<float> { 0.5f, -1.25f }, vectors[1]);
        await temp.Store.Models.ReplaceEmbeddingsAsync("sage", 0, [1], [[1f, 1f]]);
        Assert.Equal(new List<long> { 1 }, (await temp.Store.Models.LoadEmbeddingsAsync("sage", 0)).Ids);
        Assert.Single((await temp.Store.Models.LoadEmbeddingsAsync("sage", 1)).Ids);
    }
}

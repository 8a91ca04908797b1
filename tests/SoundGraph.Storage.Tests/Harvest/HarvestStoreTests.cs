using SoundGraph.Storage.Harvest;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Harvest;

public sealed class HarvestStoreTests
{
    [Theory]
    [StoreProviders]
    public async Task FindUnfinishedRunAsync_RunningRunOfSameSeedAndConfig_IsFoundUntilFinished(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var h = temp.Store.Harvest;
        var run = await h.StartRunAsync("soundcloud", "soundcloud:track:1", "HASH", "{}");
        Assert.Equal(run.Id, (await h.FindUnfinishedRunAsync("soundcloud", "soundcloud:track:1", "HASH"))!.Id);
        Assert.Null(await h.FindUnfinishedRunAsync("soundcloud", "soundcloud:track:1", "OTHER"));
        Assert.Null(await h.FindUnfinishedRunAsync("soundcloud", "soundcloud:track:2", "HASH"));
        await h.FinishRunAsync(run.Id, "{\"tracks\":3}");
        Assert.Null(await h.FindUnfinishedRunAsync("soundcloud", "soundcloud:track:1", "HASH"));
    }

    [Theory]
    [StoreProviders]
    public async Task AddTasksAsync_SameTaskTwice_AddsItOnceAndKeepsItsProgress(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var h = temp.Store.Harvest;
        var run = await h.StartRunAsync("soundcloud", "soundcloud:track:1", "HASH", "{}");
        var likes = new FrontierTask("likes:5", "users", "/users/5/likes/tracks", null, 500);
        Assert.Equal(2, (await h.AddTasksAsync(run.Id, [likes, new FrontierTask("favoriters:1", "users", "/tracks/1/favoriters", null, 500)])).Count);
        await h.AdvanceAsync(run.Id, "likes:5", "http://x/next?cursor=2", 50, 50, FrontierStatus.Pending);
        // likes:5 found again through another walk (the user also reposted): nothing is added and the cursor stays.
        Assert.Empty(await h.AddTasksAsync(run.Id, [likes]));
        Assert.Equal(2, (await h.LoadTasksAsync(run.Id)).Count);
        var stored = (await h.LoadTasksAsync(run.Id)).Single(t => t.Task == "likes:5");
        Assert.Equal(likes with { Cursor = "http://x/next?cursor=2", Kept = 50, Scanned = 50 }, stored);
        await h.AdvanceAsync(run.Id, "likes:5", null, 73, 73, FrontierStatus.Done);
        Assert.Equal(FrontierStatus.Done, (await h.LoadTasksAsync(run.Id)).Single(t => t.Task == "likes:5").Status);
    }

    [Theory]
    [StoreProviders]
    public async Task AbandonRunsAsync_UnfinishedRuns_AreNoLongerResumable(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var h = temp.Store.Harvest;
        await h.StartRunAsync("soundcloud", "soundcloud:track:1", "HASH", "{}");
        var finished = await h.StartRunAsync("soundcloud", "soundcloud:track:1", "HASH", "{}");
        await h.FinishRunAsync(finished.Id, "{}");
        Assert.Equal(1, await h.AbandonRunsAsync("soundcloud", "soundcloud:track:1", "HASH"));
        Assert.Null(await h.FindUnfinishedRunAsync("soundcloud", "soundcloud:track:1", "HASH"));
        Assert.Equal(0, await h.AbandonRunsAsync("soundcloud", "soundcloud:track:1", "HASH"));
    }
}

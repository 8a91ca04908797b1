using System.Data.Common;
using Dapper;
using SoundGraph.Storage.Taste;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Taste;

/// <summary><c>taste_labels</c> (migration 0012) through <see cref="TasteStore"/>, and the labels digest of
/// <c>taste_state</c>, on both providers.</summary>
public sealed class TasteLabelStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private static async Task<(long U1, long U2, long T1, long T2)> IdsAsync(TempStore temp)
    {
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var c = temp.Store.Connection;
        return (await c.ExecuteScalarAsync<long>("SELECT id FROM users WHERE key = 'test:user:1'"),
            await c.ExecuteScalarAsync<long>("SELECT id FROM users WHERE key = 'test:user:2'"),
            await c.ExecuteScalarAsync<long>("SELECT id FROM tracks WHERE key = 'spotify:track:t1'"),
            await c.ExecuteScalarAsync<long>("SELECT id FROM tracks WHERE key = 'spotify:track:t2'"));
    }

    [Theory]
    [StoreProviders]
    public async Task UpsertLabelAsync_NewThenSameKey_InsertsThenReplaces(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var (u1, _, t1, _) = await IdsAsync(temp);

        var created = await temp.Store.Taste.UpsertLabelAsync(new TasteLabelRow(u1, t1, "energy", 0.8, At));
        var replaced = await temp.Store.Taste.UpsertLabelAsync(new TasteLabelRow(u1, t1, "energy", 0.6, At.AddDays(1)));

        Assert.True(created);
        Assert.False(replaced);
        var label = Assert.Single(await temp.Store.Taste.LabelsAsync(u1));
        Assert.Equal(new TasteLabelRow(u1, t1, "energy", 0.6, At.AddDays(1)), label);
        Assert.Equal(1, (await temp.Store.CountRowsAsync())["taste_labels"]);
    }

    [Theory]
    [StoreProviders]
    public async Task LabelsAsync_ByListenerAndAxis_OrderedByAxisThenTrack(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var (u1, u2, t1, t2) = await IdsAsync(temp);
        await temp.Store.Taste.UpsertLabelAsync(new TasteLabelRow(u1, t2, "valence", 0.1, At));
        await temp.Store.Taste.UpsertLabelAsync(new TasteLabelRow(u1, t2, "energy", 0.2, At));
        await temp.Store.Taste.UpsertLabelAsync(new TasteLabelRow(u1, t1, "energy", 0.3, At));
        await temp.Store.Taste.UpsertLabelAsync(new TasteLabelRow(u1, t1, "tempo", 128.5, At));
        await temp.Store.Taste.UpsertLabelAsync(new TasteLabelRow(u2, t1, "energy", 0.9, At));

        var all = await temp.Store.Taste.LabelsAsync(u1);
        var energy = await temp.Store.Taste.LabelsAsync(u1, "energy");

        Assert.Equal([("energy", t1), ("energy", t2), ("tempo", t1), ("valence", t2)], all.Select(l => (l.Axis, l.TrackId)));
        Assert.Equal(128.5, all.Single(l => l.Axis == "tempo").Value);
        Assert.Equal([0.3, 0.2], energy.Select(l => l.Value));
        Assert.Equal([0.9], (await temp.Store.Taste.LabelsAsync(u2)).Select(l => l.Value));
    }

    [Theory]
    [StoreProviders]
    public async Task DeleteLabelsAsync_OneAxisOrAll_RemovesOnlyThoseAndCounts(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var (u1, u2, t1, t2) = await IdsAsync(temp);
        foreach (var (user, track, axis) in new[] { (u1, t1, "energy"), (u1, t1, "valence"), (u1, t1, "tempo"), (u1, t2, "energy"), (u2, t1, "energy") })
        {
            await temp.Store.Taste.UpsertLabelAsync(new TasteLabelRow(user, track, axis, axis == "tempo" ? 100 : 0.5, At));
        }

        Assert.Equal(1, await temp.Store.Taste.DeleteLabelsAsync(u1, t1, "valence"));
        Assert.Equal(0, await temp.Store.Taste.DeleteLabelsAsync(u1, t1, "valence"));
        Assert.Equal(2, await temp.Store.Taste.DeleteLabelsAsync(u1, t1));

        Assert.Equal([(t2, "energy")], (await temp.Store.Taste.LabelsAsync(u1)).Select(l => (l.TrackId, l.Axis)));
        Assert.Single(await temp.Store.Taste.LabelsAsync(u2));
    }

    [Theory]
    [StoreProviders]
    public async Task UpsertLabelAsync_UnknownTrack_IsRefusedByTheForeignKey(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var (u1, _, _, _) = await IdsAsync(temp);

        await Assert.ThrowsAnyAsync<DbException>(() => temp.Store.Taste.UpsertLabelAsync(new TasteLabelRow(u1, 999_999, "energy", 0.5, At)));
        Assert.Empty(await temp.Store.Taste.LabelsAsync(u1));
    }

    [Theory]
    [StoreProviders]
    public async Task ReplaceAggregateAsync_LabelsDigest_IsReadBackWithTheState(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var (u1, u2, _, _) = await IdsAsync(temp);

        await temp.Store.Taste.ReplaceAggregateAsync(new TasteAggregate(u1, "Europe/Berlin", 7, [], [], [], "abc123"), At);
        await temp.Store.Taste.ReplaceAggregateAsync(new TasteAggregate(u2, "UTC", 3, [], [], []), At);

        var state = await temp.Store.Taste.StateAsync(u1);
        Assert.Equal(new TasteStateRow(u1, "Europe/Berlin", 7, At, "abc123"), state);
        Assert.Null((await temp.Store.Taste.StateAsync(u2))!.LabelsDigest);
    }
}

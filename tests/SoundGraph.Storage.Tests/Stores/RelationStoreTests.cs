using Dapper;
using SoundGraph.Tests.Shared;
using SoundGraph.Core.Relations;

namespace SoundGraph.Storage.Tests.Stores;

public sealed class RelationStoreTests
{
    private static async Task<Dictionary<string, long>> IdsAsync(SoundGraphStore store, string table) =>
        (await store.Connection.QueryAsync<(string Key, long Id)>($"SELECT key, id FROM {table}")).ToDictionary(r => r.Key, r => r.Id);

    [Theory]
    [StoreProviders]
    public async Task LoadPlaylistTracksAsync_SampleCatalog_ReturnsSortedCsr(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var t = await IdsAsync(temp.Store, "tracks");
        var m = await temp.Store.Relations.LoadPlaylistTracksAsync();
        Assert.Equal(2, m.GroupCount);
        Assert.Equal(new[] { t["spotify:track:t1"], t["spotify:track:t2"], t["spotify:track:t3"] }, m.Items(0).ToArray());
        Assert.Equal(new[] { t["spotify:track:t1"], t["spotify:track:t2"] }, m.Items(1).ToArray());
    }

    [Theory]
    [StoreProviders]
    public async Task LoadListenerArtistsAsync_PlaysAndListens_UnionPerUser(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var a = await IdsAsync(temp.Store, "artists");
        var m = await temp.Store.Relations.LoadListenerArtistsAsync();

        // u1 played A and listened to t3 (by C); u2 played A and B.
        Assert.Equal(2, m.GroupCount);
        Assert.Equal(new[] { a["name:artist:a"], a["name:artist:c"] }.Order().ToArray(), m.Items(0).ToArray());
        Assert.Equal(new[] { a["name:artist:a"], a["name:artist:b"] }.Order().ToArray(), m.Items(1).ToArray());
    }

    [Theory]
    [StoreProviders]
    public async Task LoadOtherMemberships_SampleCatalog_MatchCatalog(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        Assert.Equal(5, (await temp.Store.Relations.LoadPlaylistArtistsAsync()).ItemIds.Length); // P1 {A,B,C} + P2 {A,B}
        Assert.Equal(3, (await temp.Store.Relations.LoadArtistTagsAsync()).ItemIds.Length);
        Assert.Equal(0, (await temp.Store.Relations.LoadTrackTagsAsync()).GroupCount);
        Assert.Equal(4, (await temp.Store.Relations.LoadTrackCreditsAsync()).ItemIds.Length);
        var (ids, features) = await temp.Store.Relations.LoadAudioFeaturesAsync();
        Assert.Equal(3, ids.Length);
        Assert.Equal(new[] { 0.8, 0.7, 0.05, 0.1, 0, 0.1, 0.6, -5, 120 }, features[0]);
    }

    [Theory]
    [StoreProviders]
    public async Task ReplaceRelationsAsync_TwoRuns_SecondReplacesFirstWithRanksAndEvidence(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await temp.Store.Relations.ReplaceRelationsAsync(RelationKind.TrackCoPlaylist, [new Relation(RelationKind.TrackCoPlaylist, 1, 2, 0.5, 1, [9])], at);
        var n = await temp.Store.Relations.ReplaceRelationsAsync(
            RelationKind.TrackCoPlaylist,
            [
                new Relation(RelationKind.TrackCoPlaylist, 1, 3, 0.9, 2, [7, 8]),
                new Relation(RelationKind.TrackCoPlaylist, 1, 2, 0.4, 1, [8]),
                new Relation(RelationKind.TrackCoPlaylist, 2, 1, 0.4, 1, [8]),
            ],
            at);
        Assert.Equal(3, n);
        var rows = (await temp.Store.Connection.QueryAsync<(long Src, long Dst, long Rank, double Weight)>(
            "SELECT src_id, dst_id, rank, weight FROM relations ORDER BY src_id, rank")).ToList();
        Assert.Equal([(1L, 3L, 0L, 0.9), (1L, 2L, 1L, 0.4), (2L, 1L, 0L, 0.4)], rows);
        var evidence = await temp.Store.Connection.QuerySingleAsync<(string Type, string Sample)>("SELECT evidence_type, sample_ids FROM relation_evidence WHERE src_id = 1 AND dst_id = 3");
        Assert.Equal(("playlist", "7,8"), evidence);
        Assert.Equal(3, await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM relation_evidence"));
    }

    [Theory]
    [InlineData(new long[0], "")]
    [InlineData(new long[] { 5 }, "5")]
    [InlineData(new long[] { 1, 20, 300 }, "1,20,300")]
    public void EvidenceSample_FormatThenParse_RoundTrips(long[] ids, string stored)
    {
        Assert.Equal(stored, EvidenceSample.Format(ids));
        Assert.Equal(ids, EvidenceSample.Parse(stored));
    }

    [Theory]
    [StoreProviders]
    public async Task ReplaceRelationsAsync_RowOfAnotherKind_Throws(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.Relations.ReplaceRelationsAsync(
            RelationKind.TrackCoPlaylist, [new Relation(RelationKind.ArtistCoListen, 1, 2, 1, 1, [])], DateTimeOffset.UnixEpoch));
    }
}

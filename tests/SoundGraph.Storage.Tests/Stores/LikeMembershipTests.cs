using Dapper;
using SoundGraph.Core.Relations;
using SoundGraph.Graph.Relations;
using SoundGraph.Storage.Resolution;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Stores;

public sealed class LikeMembershipTests
{
    private static async Task<Dictionary<string, long>> IdsAsync(SoundGraphStore store) =>
        (await store.Connection.QueryAsync<(string Key, long Id)>("SELECT key, id FROM artists UNION ALL SELECT key, id FROM tracks UNION ALL SELECT key, id FROM users"))
            .ToDictionary(r => r.Key, r => r.Id);

    [Theory]
    [StoreProviders]
    public async Task LoadUserLikedTracksAsync_LikesCatalog_OnlyTrackLikesPerUser(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(LikesCatalog.Batch());
        var id = await IdsAsync(temp.Store);

        var m = await temp.Store.Relations.LoadUserLikedTracksAsync();

        // u1 {t1, t2}, u2 {t1, t3}, u3 {t4}; the repost, the comment and u4's artist like are not track likes.
        Assert.Equal(new[] { id["test:user:1"], id["test:user:2"], id["test:user:3"] }, m.GroupIds);
        Assert.Equal(new[] { id["test:track:1"], id["test:track:2"] }, m.Items(0).ToArray());
        Assert.Equal(new[] { id["test:track:1"], id["test:track:3"] }, m.Items(1).ToArray());
        Assert.Equal(new[] { id["test:track:4"] }, m.Items(2).ToArray());
    }

    [Theory]
    [StoreProviders]
    public async Task LoadUserLikedArtistsAsync_LikesCatalog_DistinctCreditedArtistsOfLikedTracks(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(LikesCatalog.Batch());
        var id = await IdsAsync(temp.Store);
        long a = id["name:artist:a"], b = id["name:artist:b"], c = id["name:artist:c"];

        var m = await temp.Store.Relations.LoadUserLikedArtistsAsync();

        // u1: t1 (A, B) and t2 (A) → {A, B} once each; u2: t1, t3 → {A, B, C}; u3 liked only the uncredited t4: absent.
        Assert.Equal(new[] { id["test:user:1"], id["test:user:2"] }, m.GroupIds);
        Assert.Equal(new[] { a, b }.Order().ToArray(), m.Items(0).ToArray());
        Assert.Equal(new[] { a, b, c }.Order().ToArray(), m.Items(1).ToArray());
    }

    [Theory]
    [StoreProviders]
    public async Task ArtistCoLibrary_LoadedRelatedAndUnveiled_ExplainsSharedLikers(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(LikesCatalog.Batch());
        var id = await IdsAsync(temp.Store);
        long a = id["name:artist:a"], b = id["name:artist:b"], c = id["name:artist:c"];
        var inputs = new RelationInputs { UserLikedArtists = await temp.Store.Relations.LoadUserLikedArtistsAsync() };

        var rows = RelationEngine.Build(inputs, new RelateOptions())[RelationKind.ArtistCoLibrary];
        await temp.Store.Relations.ReplaceRelationsAsync(RelationKind.ArtistCoLibrary, rows, DateTimeOffset.UnixEpoch);
        var report = await temp.Store.Unveil.BuildAsync(new EntityRef("artist", a, "A"));

        // Likers: A {u1, u2}, B {u1, u2}, C {u2}: A–B 2/√(2·2) = 1, A–C 1/√(2·1) = 1/√2.
        var section = report.Sections.Single(s => s.Key == "co_library");
        Assert.Equal("Artist connections: co-liked artists of A", section.Title);
        Assert.Equal([(b, "B", 2L, "2 shared likers"), (c, "C", 1L, "1 shared liker")], section.Items.Select(i => (i.Id, i.Name, i.Count!.Value, i.Why)));
        Assert.Equal(1.0, section.Items[0].Score!.Value, 12);
        Assert.Equal(1 / Math.Sqrt(2), section.Items[1].Score!.Value, 12);
    }

    [Theory]
    [StoreProviders]
    public async Task UserLikeJaccard_LoadedAndRelated_NeedsThreeCommonLikes(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(LikesCatalog.Batch());
        var id = await IdsAsync(temp.Store);
        var inputs = new RelationInputs { UserLikedTracks = await temp.Store.Relations.LoadUserLikedTracksAsync() };

        var strict = RelationEngine.Build(inputs, new RelateOptions())[RelationKind.UserLikeJaccard];
        var relaxed = RelationEngine.Build(inputs, new RelateOptions { UserMinCommon = 1 })[RelationKind.UserLikeJaccard];

        // u1 {t1, t2} and u2 {t1, t3} share one track: Jaccard 1/3, kept only when one common like is enough.
        Assert.Empty(strict);
        Assert.Equal([(id["test:user:1"], id["test:user:2"], 1), (id["test:user:2"], id["test:user:1"], 1)], relaxed.Select(r => (r.SrcId, r.DstId, r.Count)));
        Assert.Equal(1.0 / 3, relaxed[0].Weight, 12);
        Assert.Equal([id["test:track:1"]], relaxed[0].Evidence);
    }
}

using Dapper;
using SoundGraph.Core.Relations;
using SoundGraph.Core.Unveil;
using SoundGraph.Storage.Resolution;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Explore;

public sealed class UserUnveilTests
{
    /// <summary>The sample catalog plus user_jaccard u1→u2 (0.5, 1 artist in common: A) and u2→u1, and
    /// artist_co_listen A→B (1/√2, 1 shared listener: u2).</summary>
    private static async Task<(TempStore Temp, Dictionary<string, long> Ids)> StoreAsync(string provider)
    {
        var temp = await TempStore.CreateAsync(provider);
        var s = temp.Store;
        await s.Catalog.WriteAsync(TempStore.SampleBatch());
        var ids = (await s.Connection.QueryAsync<(string Key, long Id)>("SELECT key, id FROM artists UNION ALL SELECT key, id FROM users")).ToDictionary(r => r.Key, r => r.Id);
        long u1 = ids["test:user:1"], u2 = ids["test:user:2"], a = ids["name:artist:a"], b = ids["name:artist:b"];
        const RelationKind J = RelationKind.UserJaccard;
        await s.Relations.ReplaceRelationsAsync(J, [new(J, u1, u2, 0.5, 1, [a]), new(J, u2, u1, 0.5, 1, [a])], DateTimeOffset.UnixEpoch);
        await s.Relations.ReplaceRelationsAsync(RelationKind.ArtistCoListen, [new(RelationKind.ArtistCoListen, a, b, 1 / Math.Sqrt(2), 1, [u2])], DateTimeOffset.UnixEpoch);
        return (temp, ids);
    }

    [Theory]
    [StoreProviders]
    public async Task BuildAsync_User_SummaryTopArtistsSimilarListenersAndFriends(string provider)
    {
        var (temp, ids) = await StoreAsync(provider);
        await using var _ = temp;
        var report = await temp.Store.Unveil.BuildAsync(new EntityRef("user", ids["test:user:1"], "u1"));
        Assert.Equal(("user", "u1", "test:user:1"), (report.Subject.Kind, report.Subject.Name, report.Subject.Key));
        Assert.Equal(["summary", "top_artists", "similar_listeners", "similar_likers", "friends"], report.Sections.Select(x => x.Key).ToArray());

        // u1 plays A 10 times and listened once to t3: 11 plays; follows u2.
        Assert.Equal(["artists=1", "plays=11", "friends=1"], report.Sections[0].Facts.Select(f => $"{f.Name}={f.Value}").ToArray());
        var top = Assert.Single(report.Sections[1].Items);
        Assert.Equal(("artist", "A", 10L, "10 plays"), (top.Kind, top.Name, top.Count!.Value, top.Why));
        var similar = Assert.Single(report.Sections[2].Items);
        Assert.Equal(("user", "u2", 0.5, "1 artist in common: A"), (similar.Kind, similar.Name, similar.Score!.Value, similar.Why));
        Assert.True(report.Sections[3].IsEmpty);
        Assert.Contains("No user_like_jaccard relations", report.Sections[3].EmptyNote, StringComparison.Ordinal);
        var friend = Assert.Single(report.Sections[4].Items);
        Assert.Equal(("u2", "followed by this user"), (friend.Name, friend.Why));

        var u2 = await temp.Store.Unveil.BuildAsync(new EntityRef("user", ids["test:user:2"], "u2"));
        Assert.Equal("follows this user", Assert.Single(u2.Sections[4].Items).Why);
        Assert.Equal(["B:7 plays", "A:5 plays"], u2.Sections[1].Items.Select(i => $"{i.Name}:{i.Why}").ToArray());
    }

    [Theory]
    [StoreProviders]
    public async Task RelatedSectionAsync_ArtistCoListen_KeyedByCodeWithDefaultTitle(string provider)
    {
        var (temp, ids) = await StoreAsync(provider);
        await using var _ = temp;
        var section = await temp.Store.Unveil.RelatedSectionAsync(RelationKind.ArtistCoListen, ids["name:artist:a"], 10);
        Assert.Equal(("artist_co_listen", "Related by co-listening"), (section.Key, section.Title));
        var item = Assert.Single(section.Items);
        Assert.Equal(("B", 1L, "1 shared listener"), (item.Name, item.Count!.Value, item.Why));

        var none = await temp.Store.Unveil.RelatedSectionAsync(RelationKind.ArtistCoListen, ids["name:artist:b"], 10);
        Assert.Equal("This artist has no artist_co_listen neighbour.", none.EmptyNote);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.Store.Unveil.RelatedSectionAsync(RelationKind.ArtistCoListen, 1, 201));
    }

    [Theory]
    [StoreProviders]
    public async Task FindByIdAsync_User_ReturnsNameAndNullForUnknown(string provider)
    {
        var (temp, ids) = await StoreAsync(provider);
        await using var _ = temp;
        Assert.Equal(new EntityRef("user", ids["test:user:2"], "u2"), await temp.Store.Resolver.FindByIdAsync("user", ids["test:user:2"]));
        Assert.Equal(new EntityRef("artist", ids["name:artist:a"], "A"), await temp.Store.Resolver.FindByIdAsync("artist", ids["name:artist:a"]));
        Assert.Null(await temp.Store.Resolver.FindByIdAsync("user", 999_999));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.Store.Resolver.FindByIdAsync("playlist", 1));
    }

    [Theory]
    [StoreProviders]
    public async Task FindSubjectAsync_UserAndArtist_ReturnsNameAndKeyAndNullForUnknown(string provider)
    {
        var (temp, ids) = await StoreAsync(provider);
        await using var _ = temp;
        Assert.Equal(new UnveilSubject("user", ids["test:user:2"], "u2", "test:user:2"), await temp.Store.Resolver.FindSubjectAsync("user", ids["test:user:2"]));
        Assert.Equal(new UnveilSubject("artist", ids["name:artist:a"], "A", "name:artist:a"), await temp.Store.Resolver.FindSubjectAsync("artist", ids["name:artist:a"]));
        Assert.Null(await temp.Store.Resolver.FindSubjectAsync("track", 999_999));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.Store.Resolver.FindSubjectAsync("playlist", 1));
    }
}

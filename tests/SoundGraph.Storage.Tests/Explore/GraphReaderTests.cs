using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Relations;
using SoundGraph.Storage.Explore;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Explore;

public sealed class GraphReaderTests
{
    /// <summary>Five synthetic artists, inserted in id order C, N1, N2, N3, F, and users u1–u3, tag "pop".
    /// artist_co_listen rows (by source, best first): C→N1 (0.9, 3, [u1, u2]), C→N2 (0.8, 2, [u1]), C→N3 (0.7, 1, [u2]);
    /// N1→C (0.9, 3, [u2]) (the pair stored both ways), N1→N2 (0.5, 2, [u1, u2]) (a neighbour–neighbour edge);
    /// N2→F (0.6, 1, [u3]). artist_tag_overlap: N1→N3 (0.25, 1, [pop]).</summary>
    private static async Task<(TempStore Temp, Dictionary<string, long> Ids)> StoreAsync(string provider)
    {
        var temp = await TempStore.CreateAsync(provider);
        var b = new CatalogBatch();
        foreach (var name in new[] { "C", "N1", "N2", "N3", "F" })
        {
            b.Artists.Add(new ArtistRecord(EntityKeys.ArtistByName(name), name));
        }

        b.Users.AddRange([new UserRecord("test:user:1", "u1"), new UserRecord("test:user:2", "u2"), new UserRecord("test:user:3", "u3")]);
        b.TagAssignments.Add(new TagAssignmentRecord(TargetType.Artist, EntityKeys.ArtistByName("N1"), "pop"));
        await temp.Store.Catalog.WriteAsync(b);
        var ids = (await temp.Store.Connection.QueryAsync<(string Name, long Id)>("SELECT name, id FROM artists UNION ALL SELECT name, id FROM users UNION ALL SELECT name, id FROM tags"))
            .ToDictionary(r => r.Name, r => r.Id);
        long c = ids["C"], n1 = ids["N1"], n2 = ids["N2"], n3 = ids["N3"], f = ids["F"], u1 = ids["u1"], u2 = ids["u2"], u3 = ids["u3"];
        const RelationKind L = RelationKind.ArtistCoListen;
        await temp.Store.Relations.ReplaceRelationsAsync(
            L,
            [new(L, c, n1, 0.9, 3, [u1, u2]), new(L, c, n2, 0.8, 2, [u1]), new(L, c, n3, 0.7, 1, [u2]), new(L, n1, c, 0.9, 3, [u2]), new(L, n1, n2, 0.5, 2, [u1, u2]), new(L, n2, f, 0.6, 1, [u3])],
            DateTimeOffset.UnixEpoch);
        await temp.Store.Relations.ReplaceRelationsAsync(RelationKind.ArtistTagOverlap, [new(RelationKind.ArtistTagOverlap, n1, n3, 0.25, 1, [ids["pop"]])], DateTimeOffset.UnixEpoch);
        return (temp, ids);
    }

    private static string[] EdgeNames(NeighbourhoodGraph g)
    {
        var names = g.Nodes.ToDictionary(n => n.Id, n => n.Name);
        return g.Edges.Select(e => $"{e.Relation}:{names[e.Source]}-{names[e.Target]}").ToArray();
    }

    [Theory]
    [StoreProviders]
    public async Task ReadAsync_Depth1_InducedSubgraphWithNeighbourEdgesOncePerPair(string provider)
    {
        var (temp, ids) = await StoreAsync(provider);
        await using var _ = temp;
        var g = await new GraphReader(temp.Store.Connection).ReadAsync(NodeType.Artist, ids["C"], 1, 10);
        Assert.NotNull(g);
        Assert.Equal(($"artist:{ids["C"]}", 1, 10, false), (g.Center, g.Depth, g.K, g.Truncated));
        Assert.Equal(["C:0", "N1:1", "N2:1", "N3:1"], g.Nodes.Select(n => $"{n.Name}:{n.Depth}").ToArray());

        // C–N1 is stored both ways and appears once; N1–N2 and N1–N3 join neighbours (a star would miss them); N2→F leaves the set.
        Assert.Equal(
            ["artist_co_listen:C-N1", "artist_co_listen:C-N2", "artist_co_listen:C-N3", "artist_co_listen:N1-N2", "artist_tag_overlap:N1-N3"],
            EdgeNames(g));
        var cn1 = g.Edges[0];
        Assert.Equal(($"artist_co_listen:{ids["C"]}:{ids["N1"]}", 0.9, 3L, "3 shared listeners"), (cn1.Id, cn1.Weight, cn1.Count, cn1.Why));
        Assert.NotNull(cn1.Evidence);
        Assert.Equal(("user", 3L, "u1,u2"), (cn1.Evidence.Type, cn1.Evidence.Total, string.Join(',', cn1.Evidence.Sample))); // the C→N1 row, not N1→C's [u2]
        var tag = g.Edges[4];
        Assert.Equal(("1 shared tag: pop", "tag"), (tag.Why, tag.Evidence!.Type));
    }

    [Theory]
    [StoreProviders]
    public async Task ReadAsync_Depth2_AddsTheNextRing(string provider)
    {
        var (temp, ids) = await StoreAsync(provider);
        await using var _ = temp;
        var g = await new GraphReader(temp.Store.Connection).ReadAsync(NodeType.Artist, ids["C"], 2, 10);
        Assert.NotNull(g);
        Assert.Equal(["C:0", "N1:1", "N2:1", "N3:1", "F:2"], g.Nodes.Select(n => $"{n.Name}:{n.Depth}").ToArray());
        Assert.Contains("artist_co_listen:N2-F", EdgeNames(g));
        Assert.Equal(6, g.Edges.Count);
    }

    [Theory]
    [StoreProviders]
    public async Task ReadAsync_NodeCapAndK_TruncateTheWalk(string provider)
    {
        var (temp, ids) = await StoreAsync(provider);
        await using var _ = temp;
        var reader = new GraphReader(temp.Store.Connection);
        var capped = await reader.ReadAsync(NodeType.Artist, ids["C"], 2, 10, maxNodes: 3);
        Assert.NotNull(capped);
        Assert.True(capped.Truncated);
        Assert.Equal(["C", "N1", "N2"], capped.Nodes.Select(n => n.Name).ToArray());
        Assert.Equal(["artist_co_listen:C-N1", "artist_co_listen:C-N2", "artist_co_listen:N1-N2"], EdgeNames(capped));

        var top1 = await reader.ReadAsync(NodeType.Artist, ids["C"], 1, 1);
        Assert.NotNull(top1);
        Assert.False(top1.Truncated);
        Assert.Equal(["C", "N1"], top1.Nodes.Select(n => n.Name).ToArray());

        var tagsOnly = await reader.ReadAsync(NodeType.Artist, ids["C"], 1, 10, [RelationKind.ArtistTagOverlap]);
        Assert.NotNull(tagsOnly);
        Assert.Single(tagsOnly.Nodes);
        Assert.Empty(tagsOnly.Edges);
    }

    [Theory]
    [StoreProviders]
    public async Task ReadAsync_Depth2SmallK_KLimitsBothRings(string provider)
    {
        var (temp, ids) = await StoreAsync(provider);
        await using var _ = temp;

        // k = 2: the center's ranks 0–1 (N1, N2; C→N3 is rank 2). From N1 and N2, ranks 0–1: N1→C, N1→N2 (both in),
        // N1→N3 by tags (rank 0) and N2→F (rank 0). Rank-0 candidates go by kind (co_listen before tag_overlap): F, then N3.
        var g = await new GraphReader(temp.Store.Connection).ReadAsync(NodeType.Artist, ids["C"], 2, 2);
        Assert.NotNull(g);
        Assert.Equal(["C:0", "N1:1", "N2:1", "F:2", "N3:2"], g.Nodes.Select(n => $"{n.Name}:{n.Depth}").ToArray());

        // Edges are the rows within their source's top 2 among the shown nodes: C→N3 is C's rank 2 (and N3 stores no
        // co-listen row), so it is not drawn although both ends are shown; N1–N2 and N2–F are.
        Assert.Equal(
            ["artist_co_listen:C-N1", "artist_co_listen:C-N2", "artist_co_listen:N1-N2", "artist_co_listen:N2-F", "artist_tag_overlap:N1-N3"],
            EdgeNames(g));
    }

    [Theory]
    [StoreProviders]
    public async Task ReadAsync_PairStoredOnlyFromTheLargerId_EdgeRunsFromTheSmallerId(string provider)
    {
        var (temp, ids) = await StoreAsync(provider);
        await using var _ = temp;
        long n1 = ids["N1"], f = ids["F"];
        Assert.True(n1 < f);
        const RelationKind K = RelationKind.ArtistCollaboration;
        await temp.Store.Relations.ReplaceRelationsAsync(K, [new(K, f, n1, 0.4, 2, [])], DateTimeOffset.UnixEpoch);

        var g = await new GraphReader(temp.Store.Connection).ReadAsync(NodeType.Artist, f, 1, 10, [K]);
        Assert.NotNull(g);
        Assert.Equal(["F:0", "N1:1"], g.Nodes.Select(n => $"{n.Name}:{n.Depth}").ToArray());
        var e = Assert.Single(g.Edges);
        Assert.Equal(
            ($"artist_collaboration:{n1}:{f}", $"artist:{n1}", $"artist:{f}", 0.4, 2L, "2 tracks together"),
            (e.Id, e.Source, e.Target, e.Weight, e.Count, e.Why));
        Assert.Equal(("track", 2L, 0), (e.Evidence!.Type, e.Evidence.Total, e.Evidence.Sample.Count));
    }

    [Theory]
    [InlineData(0, 10, 400)]
    [InlineData(3, 10, 400)]
    [InlineData(1, 0, 400)]
    [InlineData(1, 201, 400)]
    [InlineData(1, 10, 0)]
    public async Task ReadAsync_BoundsOutOfRange_Throw(int depth, int k, int maxNodes)
    {
        var (temp, ids) = await StoreAsync("sqlite");
        await using var _ = temp;
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new GraphReader(temp.Store.Connection).ReadAsync(NodeType.Artist, ids["C"], depth, k, maxNodes: maxNodes));
    }

    [Fact]
    public async Task ReadAsync_KindOfAnotherNodeType_ThrowsAndUnknownCenterIsNull()
    {
        var (temp, ids) = await StoreAsync("sqlite");
        await using var _ = temp;
        var reader = new GraphReader(temp.Store.Connection);
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.ReadAsync(NodeType.Artist, ids["C"], 1, 10, [RelationKind.ArtistCoListen, RelationKind.TrackCoPlaylist]));
        Assert.Equal("kinds", ex.ParamName);
        Assert.Null(await reader.ReadAsync(NodeType.Artist, 999_999, 1, 10));
    }

    [Theory]
    [StoreProviders]
    public async Task ReadAsync_TrackCenter_AddsCreditEdgesAndExplainsLikeUnveil(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var s = temp.Store;
        await s.Catalog.WriteAsync(TempStore.SampleBatch());
        var ids = (await s.Connection.QueryAsync<(string Key, long Id)>("SELECT key, id FROM tracks UNION ALL SELECT key, id FROM playlists UNION ALL SELECT key, id FROM artists")).ToDictionary(r => r.Key, r => r.Id);
        long t1 = ids["spotify:track:t1"], t2 = ids["spotify:track:t2"], t3 = ids["spotify:track:t3"];
        await s.Relations.ReplaceRelationsAsync(RelationKind.TrackCoPlaylist, [new(RelationKind.TrackCoPlaylist, t1, t2, 5.0 / 6, 2, [ids["test:playlist:1"], ids["test:playlist:2"]]), new(RelationKind.TrackCoPlaylist, t1, t3, 1.0 / 3, 1, [ids["test:playlist:1"]])], DateTimeOffset.UnixEpoch);
        await s.Relations.ReplaceRelationsAsync(RelationKind.TrackAudioSimilarity, [new(RelationKind.TrackAudioSimilarity, t1, t2, 0.95, 0, [])], DateTimeOffset.UnixEpoch);

        var g = await new GraphReader(s.Connection).ReadAsync(NodeType.Track, t1, 1, 10);
        Assert.NotNull(g);
        Assert.Equal(["track:One — A:0", "artist:A:1", "artist:B:1", "track:Two — A:1", "track:Three — C:1"], g.Nodes.Select(n => $"{n.Kind}:{n.Name}:{n.Depth}").ToArray());
        Assert.Equal(
            [$"credit:{t1}:{ids["name:artist:a"]}:primary artist", $"credit:{t1}:{ids["name:artist:b"]}:featured",
             $"track_co_playlist:{t1}:{t2}:in 2 playlists together: Party, Chill", $"track_co_playlist:{t1}:{t3}:in 1 playlist together: Party",
             $"track_audio_similarity:{t1}:{t2}:both low instrumentalness 0.00/0.00, low speechiness 0.05/0.04, high tempo 120/118"],
            g.Edges.Select(e => $"{e.Id}:{e.Why}").ToArray());
        Assert.Equal(["playlist", "playlist"], g.Edges.Where(e => e.Relation == "track_co_playlist").Select(e => e.Evidence!.Type).ToArray());
        Assert.Null(g.Edges[^1].Evidence);
        Assert.Equal(($"track:{t1}", $"artist:{ids["name:artist:a"]}", 1.0, 1L), (g.Edges[0].Source, g.Edges[0].Target, g.Edges[0].Weight, g.Edges[0].Count));
    }

    [Theory]
    [StoreProviders]
    public async Task HidePrivateNames_PrivateListenersPlaylistsNamedGenerically_InGraphAndUnveilEvidence(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var s = temp.Store;
        await s.Catalog.WriteAsync(TempStore.SampleBatch());
        var ids = (await s.Connection.QueryAsync<(string Key, long Id)>("SELECT key, id FROM tracks UNION ALL SELECT key, id FROM playlists UNION ALL SELECT key, id FROM users")).ToDictionary(r => r.Key, r => r.Id);
        long t1 = ids["spotify:track:t1"], t2 = ids["spotify:track:t2"];
        await s.Relations.ReplaceRelationsAsync(RelationKind.TrackCoPlaylist, [new(RelationKind.TrackCoPlaylist, t1, t2, 5.0 / 6, 2, [ids["test:playlist:1"], ids["test:playlist:2"]])], DateTimeOffset.UnixEpoch);

        // test:user:1 (owner of "Party") made private; "Chill"'s owner stays public.
        await s.Accounts.SetVisibilityAsync(ids["test:user:1"], SoundGraph.Storage.Accounts.UserVisibility.Private);
        var shown = new GraphReader(s.Connection);
        var hidden = new GraphReader(s.Connection) { HidePrivateNames = true };
        var unveil = new SoundGraph.Storage.Unveil.UnveilReader(s.Connection) { HidePrivateNames = true };

        Assert.Equal("in 2 playlists together: Party, Chill", (await shown.ReadAsync(NodeType.Track, t1, 1, 10))!.Edges.Single(e => e.Relation == "track_co_playlist").Why);
        var edge = (await hidden.ReadAsync(NodeType.Track, t1, 1, 10))!.Edges.Single(e => e.Relation == "track_co_playlist");
        Assert.Equal("in 2 playlists together: a private playlist, Chill", edge.Why);
        Assert.Equal(["a private playlist", "Chill"], edge.Evidence!.Sample);
        var section = await unveil.RelatedSectionAsync(RelationKind.TrackCoPlaylist, t1, 10);
        Assert.Equal("in 2 playlists together: a private playlist, Chill", Assert.Single(section.Items).Why);
    }
}

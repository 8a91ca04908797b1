using SoundGraph.Core.Catalog;
using SoundGraph.Core.Relations;
using SoundGraph.Graph.Relations;
using SoundGraph.Storage.Postgres;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Postgres;

/// <summary>The SQL view and the in-memory engine compute the same co-playlist relation (before top-K truncation).</summary>
public sealed class TrackCooccurrenceViewTests
{
    /// <summary>Playlists over tracks a–f. P1 = [a, b, c, a] (a twice: |P1| = 3 distinct), P2 = [a, b], P3 = [b, c, d, e],
    /// P4 = [f] (a single track: no pair), P5 = [c, d].</summary>
    private static CatalogBatch Playlists(params (string Name, string[] Tracks)[] playlists)
    {
        var b = new CatalogBatch();
        b.Tracks.AddRange(playlists.SelectMany(p => p.Tracks).Distinct().Select(t => new TrackRecord("test:track:" + t, t)));
        foreach (var (name, tracks) in playlists)
        {
            b.Playlists.Add(new PlaylistRecord("test:playlist:" + name, name));
            b.PlaylistEntries.AddRange(tracks.Select((t, i) => new PlaylistEntryRecord("test:playlist:" + name, i, "test:track:" + t)));
        }

        return b;
    }

    private static readonly (string, string[])[] Sample =
    [
        ("P1", ["a", "b", "c", "a"]), ("P2", ["a", "b"]), ("P3", ["b", "c", "d", "e"]), ("P4", ["f"]), ("P5", ["c", "d"]),
    ];

    [Theory]
    [StoreProviders]
    public async Task CreateAndRefresh_SmallPlaylistSet_EqualEngineCoPlaylistBeforeTopK(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(Playlists(Sample));
        if (provider == "sqlite")
        {
            var ex = Assert.Throws<StoreException>(() => temp.Store.CooccurrenceView());
            Assert.Contains("needs PostgreSQL", ex.Message, StringComparison.Ordinal);
            return;
        }

        var view = temp.Store.CooccurrenceView();
        var created = await view.CreateAsync();
        // Pairs: ab {P1,P2}, ac {P1}, bc {P1,P3}, bd {P3}, be {P3}, cd {P3,P5}, ce {P3}, de {P3} = 8.
        Assert.Equal(8, created.Rows);
        await AssertEqualsEngineAsync(temp.Store, view);
        var ids = await IdsAsync(temp.Store);
        var ab = (await view.ReadAllAsync()).Single(r => r.TrackIdA == Math.Min(ids["a"], ids["b"]) && r.TrackIdB == Math.Max(ids["a"], ids["b"]));
        Assert.Equal(2, ab.Together);
        Assert.Equal((1.0 / 3) + (1.0 / 2), ab.Weight, 12); // hand-worked: |P1| = 3 distinct tracks, |P2| = 2

        // A new playlist [e, f] and P5 emptied: ef appears, cd loses P5; refresh sees both.
        var more = Playlists(("P6", ["e", "f"]), ("P5", []));
        await temp.Store.Catalog.WriteAsync(more);
        var refreshed = await view.RefreshAsync();
        Assert.Equal(9, refreshed.Rows);
        await AssertEqualsEngineAsync(temp.Store, view);
    }

    private static async Task AssertEqualsEngineAsync(SoundGraphStore store, TrackCooccurrenceView view)
    {
        var membership = await store.Relations.LoadPlaylistTracksAsync();
        var engine = CoOccurrence.Build(
                RelationKind.TrackCoPlaylist, membership, CoOccurrenceScore.InverseGroupSizeSum, new RelationOptions { TopK = int.MaxValue / 2, EvidenceSample = 0 })
            .Where(r => r.SrcId < r.DstId)
            .OrderBy(r => r.SrcId).ThenBy(r => r.DstId)
            .ToList();
        var sql = await view.ReadAllAsync();
        Assert.Equal(engine.Count, sql.Count);
        foreach (var (e, s) in engine.Zip(sql))
        {
            Assert.Equal((e.SrcId, e.DstId, (long)e.Count), (s.TrackIdA, s.TrackIdB, s.Together));
            Assert.Equal(e.Weight, s.Weight, 12);
        }
    }

    private static async Task<Dictionary<string, long>> IdsAsync(SoundGraphStore store) =>
        (await Dapper.SqlMapper.QueryAsync<(string Key, long Id)>(store.Connection, "SELECT key, id FROM tracks"))
            .ToDictionary(r => r.Key["test:track:".Length..], r => r.Id);
}

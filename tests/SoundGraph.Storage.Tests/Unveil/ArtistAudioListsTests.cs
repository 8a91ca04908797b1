using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Relations;
using SoundGraph.Storage.Resolution;
using static SoundGraph.Storage.Tests.Unveil.HandWorkedAudioCatalog;

namespace SoundGraph.Storage.Tests.Unveil;

/// <summary>SQLite's precomputed artist audio rows (<see cref="Sqlite.ArtistAudioLists"/>): written with the track audio
/// kind, equal to the hand-worked ranking, read by the section when present and current, dropped by a catalog batch that
/// writes credits.</summary>
public sealed class ArtistAudioListsTests
{
    private static readonly string[] BCE = ["B", "C", "E"];

    private static async Task<long> IdAsync(SoundGraphStore store, string artist) =>
        await store.Connection.ExecuteScalarAsync<long>("SELECT id FROM artists WHERE key = @key", new { key = EntityKeys.ArtistByName(artist) });

    private static async Task<Dictionary<string, (long Neighbours, string Items)>> StoredAsync(SoundGraphStore store) =>
        (await store.Connection.QueryAsync<(string Name, long Neighbours, string Items)>(
            "SELECT a.name, l.neighbours, l.items FROM artist_audio_lists l JOIN artists a ON a.id = l.artist_id"))
        .ToDictionary(r => r.Name, r => (r.Neighbours, r.Items));

    [Fact]
    public async Task ReplacingTrackAudio_StoresTheHandWorkedRankingPerArtist()
    {
        await using var temp = await HandWorkedStoreAsync("sqlite");
        var (a, b, c, d, e) = (await IdAsync(temp.Store, "A"), await IdAsync(temp.Store, "B"), await IdAsync(temp.Store, "C"), await IdAsync(temp.Store, "D"), await IdAsync(temp.Store, "E"));

        var stored = await StoredAsync(temp.Store);

        // A: see WriteAudioAsync. B (s3, s4; only s3 has a list): s3 → s1 by A, 1 pair, 0.9. D (s5, shared with A):
        // s5 → s4 (B and C, 0.6) and s7 (E, 0.4), s5 itself is D's. C and E have tracks without lists: no row.
        Assert.Equal(["A", "B", "D"], stored.Keys.Order());
        Assert.Equal((3L, $"[[{b},0.9,4,null],[{c},0.85,3,null],[{e},0.85,3,null]]"), stored["A"]);
        Assert.Equal((1L, $"[[{a},0.9,1,null]]"), stored["B"]);
        Assert.Equal((3L, $"[[{b},0.6,1,null],[{c},0.6,1,null],[{e},0.4,1,null]]"), stored["D"]);
    }

    [Fact]
    public async Task Section_WithoutStoredRows_ComputesTheSameFromTheLists()
    {
        await using var temp = await HandWorkedStoreAsync("sqlite");
        var precomputed = await SectionAsync(temp.Store, "A", 10);

        await temp.Store.Connection.ExecuteAsync("DELETE FROM artist_audio_lists");

        Assert.Equal(BCE, precomputed.Select(i => i.Name));
        Assert.Equal(precomputed, await SectionAsync(temp.Store, "A", 10));
        Assert.Equal([("B", 0.6, 1L), ("C", 0.6, 1L), ("E", 0.4, 1L)], (await SectionAsync(temp.Store, "D", 10)).Select(i => (i.Name, i.Score!.Value, i.Count!.Value)));
    }

    [Fact]
    public async Task CatalogBatchWithCredits_DropsTheRows_AndTheSectionFollowsTheNewCredits()
    {
        await using var temp = await HandWorkedStoreAsync("sqlite");
        var batch = new CatalogBatch();
        // A featured on s7 (E's): s7 becomes one of A's own tracks, so E is no longer an audio neighbour of A.
        batch.Credits.Add(new CreditRecord(Track(7), EntityKeys.ArtistByName("A"), CreditRole.Featured, 1));

        await temp.Store.Catalog.WriteAsync(batch);

        Assert.Empty(await StoredAsync(temp.Store));
        Assert.Equal(["B", "C"], (await SectionAsync(temp.Store, "A", 10)).Select(i => i.Name));
    }

    [Fact]
    public async Task CatalogBatchWithoutCredits_KeepsTheRows()
    {
        await using var temp = await HandWorkedStoreAsync("sqlite");
        var batch = new CatalogBatch();
        batch.Artists.Add(new ArtistRecord(EntityKeys.ArtistByName("F"), "F"));

        await temp.Store.Catalog.WriteAsync(batch);

        Assert.Equal(3, (await StoredAsync(temp.Store)).Count);
    }

    [Fact]
    public async Task Section_ReadsTheStoredRow_WhenThereIsOne()
    {
        await using var temp = await HandWorkedStoreAsync("sqlite");
        var b = await IdAsync(temp.Store, "B");
        // A row that differs from what the lists give (B only, other figures): the section answers from it.
        await temp.Store.Connection.ExecuteAsync(
            "UPDATE artist_audio_lists SET neighbours = 1, items = @items WHERE artist_id = @a",
            new { items = $"[[{b},0.5,7,null]]", a = await IdAsync(temp.Store, "A") });

        Assert.Equal([("B", 0.5, 7L)], (await SectionAsync(temp.Store, "A", 10)).Select(i => (i.Name, i.Score!.Value, i.Count!.Value)));
    }

    [Fact]
    public async Task ReplacingTrackAudioWithNoRows_EmptiesTheTable()
    {
        await using var temp = await HandWorkedStoreAsync("sqlite");

        await temp.Store.Relations.ReplaceRelationsAsync(RelationKind.TrackAudioSimilarity, [], At);

        Assert.Empty(await StoredAsync(temp.Store));
        Assert.Empty(await SectionAsync(temp.Store, "A", 10));
    }
}

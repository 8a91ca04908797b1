using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Storage.Resolution;

namespace SoundGraph.Storage.Tests.Unveil;

/// <summary>SQLite's precomputed shared-label rows (<see cref="Sqlite.SharedLabelRows"/>): on a seeded catalog
/// (SYNTHETIC: one label with 230 artists, so a list cut at the depth; artists on several labels; credits in several
/// roles) the section read from the rows is the one computed from <c>label_artists</c> at every limit; the rows are what
/// is read; a catalog batch that touches labels or credits drops them, one that does not keeps them.</summary>
public sealed class SharedLabelRowsTests
{
    private static readonly int[] Limits = [1, 3, 10, 200];

    private static string Artist(int i) => EntityKeys.ArtistByName("L" + i);

    /// <summary>The same batch every call (seed 5).</summary>
    private static CatalogBatch SeededBatch()
    {
        var random = new Random(5);
        var batch = new CatalogBatch();
        batch.Artists.AddRange(Enumerable.Range(0, 260).Select(i => new ArtistRecord(Artist(i), "L" + i)));
        batch.Labels.AddRange(Enumerable.Range(0, 8).Select(i => new LabelRecord(EntityKeys.Label("Label " + i), "Label " + (char)('Z' - i))));
        for (var t = 0; t < 900; t++)
        {
            var key = "spotify:track:l" + t;
            // Label 0 gets a track of each of the first 230 artists; the rest spread over the eight labels.
            var (label, primary) = t < 230 ? (0, t) : (random.Next(8), random.Next(260));
            batch.Tracks.Add(new TrackRecord(key, "Song " + t, LabelKey: EntityKeys.Label("Label " + label)));
            batch.Credits.Add(new CreditRecord(key, Artist(primary), CreditRole.Primary, 0));
            if (random.Next(3) == 0)
            {
                batch.Credits.Add(new CreditRecord(key, Artist(random.Next(260)), (CreditRole)random.Next(1, 3), 1));
            }
        }

        return batch;
    }

    private static async Task<TempStore> SeededStoreAsync()
    {
        var temp = await TempStore.CreateAsync("sqlite");
        await temp.Store.Catalog.WriteAsync(SeededBatch());
        await temp.Store.RefreshUnveilRowsAsync();
        return temp;
    }

    /// <summary>Per artist with a label partner: the number of partners.</summary>
    private static async Task<Dictionary<long, long>> PartnersAsync(SoundGraphStore store) =>
        (await store.Connection.QueryAsync<(long Artist, long Partners)>(
            """
            SELECT mine.artist_id, COUNT(DISTINCT o.artist_id) FROM label_artists mine
            JOIN label_artists o ON o.label_id = mine.label_id AND o.artist_id <> mine.artist_id GROUP BY mine.artist_id
            """)).ToDictionary(r => r.Artist, r => r.Partners);

    private static async Task<Dictionary<long, long>> RowsPerArtistAsync(SoundGraphStore store) =>
        (await store.Connection.QueryAsync<(long Artist, long Rows)>("SELECT artist_id, COUNT(*) FROM shared_label_rows GROUP BY artist_id"))
        .ToDictionary(r => r.Artist, r => r.Rows);

    private static async Task<List<(long Id, string Name, long? Count, string Why)>> SectionAsync(SoundGraphStore store, long artistId, int limit)
    {
        var report = await store.Unveil.BuildAsync(new EntityRef("artist", artistId, "x"), limit);
        return report.Sections.Single(s => s.Key == "shared_label").Items.Select(i => (i.Id, i.Name, i.Count, i.Why)).ToList();
    }

    private static Task<long> RowCountAsync(SoundGraphStore store) => store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM shared_label_rows");

    [Fact]
    public async Task Rows_AreTheSectionComputedFromLabelArtists_AtEveryLimit()
    {
        await using var temp = await SeededStoreAsync();
        var store = temp.Store;
        var artists = (await store.Connection.QueryAsync<long>("SELECT id FROM artists ORDER BY id")).ToList();
        Assert.Equal(200, await store.Connection.ExecuteScalarAsync<long>("SELECT MAX(rank) + 1 FROM shared_label_rows"));
        // Ranks run 0, 1, … without gaps for every artist, and every artist with a partner has min(200, partners) rows.
        Assert.Equal(0, await store.Connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM (SELECT artist_id FROM shared_label_rows GROUP BY artist_id HAVING MAX(rank) + 1 <> COUNT(*))"));
        var partners = await PartnersAsync(store);
        Assert.True(partners.Count > 200, $"{partners.Count} artists with partners");
        Assert.Equal(partners.ToDictionary(p => p.Key, p => Math.Min(200, p.Value)), await RowsPerArtistAsync(store));

        var stored = new Dictionary<(long, int), List<(long Id, string Name, long? Count, string Why)>>();
        foreach (var id in artists)
        {
            foreach (var limit in Limits)
            {
                stored[(id, limit)] = await SectionAsync(store, id, limit);
            }
        }

        await store.Connection.ExecuteAsync("DELETE FROM shared_label_rows");
        var shown = 0;
        foreach (var id in artists)
        {
            foreach (var limit in Limits)
            {
                var computed = await SectionAsync(store, id, limit);
                Assert.Equal(computed, stored[(id, limit)]);
                shown += computed.Count;
            }
        }

        Assert.True(shown > 20_000, $"only {shown} items shown");
    }

    [Fact]
    public async Task Section_ReadsTheStoredRows_WhenThereAreAny()
    {
        await using var temp = await SeededStoreAsync();
        var store = temp.Store;
        var id = await store.Connection.ExecuteScalarAsync<long>("SELECT id FROM artists WHERE key = @key", new { key = Artist(0) });
        var other = await store.Connection.ExecuteScalarAsync<long>("SELECT id FROM artists WHERE key = @key", new { key = Artist(7) });
        await store.Connection.ExecuteAsync("DELETE FROM shared_label_rows WHERE artist_id = @id", new { id });
        await store.Connection.ExecuteAsync(
            "INSERT INTO shared_label_rows (artist_id, rank, other_id, tracks, label, labels) VALUES (@id, 0, @other, 42, 'Made Up', 3)", new { id, other });

        Assert.Equal([(other, "L7", 42L, "both on Made Up (+2 more); 42 tracks of theirs there")], (await SectionAsync(store, id, 10)).Select(i => (i.Id, i.Name, i.Count!.Value, i.Why)));
    }

    [Fact]
    public async Task CatalogBatches_TouchingLabelsOrCredits_DropTheRows_OthersKeepThem()
    {
        await using var temp = await SeededStoreAsync();
        var store = temp.Store;
        var rows = await RowCountAsync(store);
        Assert.True(rows > 10_000, $"{rows} rows");

        var artistOnly = new CatalogBatch();
        artistOnly.Artists.Add(new ArtistRecord(Artist(999), "L999"));
        await store.Catalog.WriteAsync(artistOnly);
        Assert.Equal(rows, await RowCountAsync(store));

        // A new credit on a labelled track recounts label_artists: the rows go, and the section follows the new credit.
        var credit = new CatalogBatch();
        credit.Credits.Add(new CreditRecord("spotify:track:l0", Artist(999), CreditRole.Featured, 2));
        await store.Catalog.WriteAsync(credit);
        Assert.Equal(0, await RowCountAsync(store));
        var newcomer = await store.Connection.ExecuteScalarAsync<long>("SELECT id FROM artists WHERE key = @key", new { key = Artist(999) });
        var items = await SectionAsync(store, newcomer, 200);
        Assert.Equal(200, items.Count);
        Assert.All(items, i => Assert.StartsWith("both on Label Z;", i.Why, StringComparison.Ordinal));

        await store.RefreshUnveilRowsAsync();
        Assert.True(await RowCountAsync(store) > rows);
        var label = new CatalogBatch();
        label.Labels.Add(new LabelRecord(EntityKeys.Label("Label 0"), "Label Z"));
        await store.Catalog.WriteAsync(label);
        Assert.Equal(0, await RowCountAsync(store));
    }

    [Fact]
    public async Task ArtistsWithMoreCandidatesThanTheCap_GetNoRows_AndTheirSectionIsComputed()
    {
        await using var temp = await SeededStoreAsync();
        var store = temp.Store;
        var first = await SectionAsync(store, await IdAsync(store, 0), 10);

        // Label 0 has over 230 artists: with a cap of 150 its artists get no rows, the others keep theirs.
        await Sqlite.SharedLabelRows.RebuildAsync((Microsoft.Data.Sqlite.SqliteConnection)store.Connection, maxCandidates: 150);

        var rows = await RowsPerArtistAsync(store);
        Assert.DoesNotContain(await IdAsync(store, 0), rows.Keys);
        Assert.NotEmpty(rows);
        Assert.Equal(first, await SectionAsync(store, await IdAsync(store, 0), 10));
    }

    [Fact]
    public async Task CatalogBatchRewritingStoredRows_KeepsTheRows()
    {
        await using var temp = await SeededStoreAsync();
        var before = await RowCountAsync(temp.Store);
        var again = SeededBatch();
        again.Labels.Clear(); // labels are counted as written whether or not they changed

        await temp.Store.Catalog.WriteAsync(again);

        Assert.Equal(before, await RowCountAsync(temp.Store));
    }

    [Fact]
    public async Task LabelArtistsRefresh_DropsTheRows()
    {
        await using var temp = await SeededStoreAsync();

        await LabelArtists.RefreshAsync(temp.Store.Connection, null);

        Assert.Equal(0, await RowCountAsync(temp.Store));
    }

    private static Task<long> IdAsync(SoundGraphStore store, int artist) =>
        store.Connection.ExecuteScalarAsync<long>("SELECT id FROM artists WHERE key = @key", new { key = Artist(artist) });
}

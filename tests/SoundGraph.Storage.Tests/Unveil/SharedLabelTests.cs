using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Storage.Resolution;
using SoundGraph.Storage.Sqlite;
using SoundGraph.Tests.Shared;
using SQLitePCL;

namespace SoundGraph.Storage.Tests.Unveil;

/// <summary>Unveil's "shared label" section read from <c>label_artists</c> (migration 0017): the same items as the former
/// statement over tracks and credits, the table kept right by every catalog batch, and filled by the migration.</summary>
public sealed class SharedLabelTests
{
    /// <summary>The statement the section ran before 0017, kept as the reference: (artist id, name, distinct tracks on the
    /// shared labels, first shared label by name, shared labels).</summary>
    private const string ReferenceSql = """
        SELECT c2.artist_id, a.name, COUNT(DISTINCT t2.id) AS tracks, MIN(l.name) AS label, COUNT(DISTINCT l.id) AS labels
        FROM (SELECT DISTINCT t1.label_id FROM track_credits c1 JOIN tracks t1 ON t1.id = c1.track_id
              WHERE c1.artist_id = @artistId AND t1.label_id IS NOT NULL) AS own
        JOIN tracks t2 ON t2.label_id = own.label_id
        JOIN track_credits c2 ON c2.track_id = t2.id
        JOIN artists a ON a.id = c2.artist_id
        JOIN labels l ON l.id = own.label_id
        WHERE c2.artist_id <> @artistId
        GROUP BY c2.artist_id, a.name
        ORDER BY tracks DESC, c2.artist_id
        LIMIT @limit
        """;

    /// <summary>The full aggregate, as the migration and <see cref="LabelArtists.RefreshAsync"/> define it.</summary>
    private const string AggregateSql = """
        SELECT t.label_id, c.artist_id, COUNT(DISTINCT t.id) FROM tracks t JOIN track_credits c ON c.track_id = t.id
        WHERE t.label_id IS NOT NULL GROUP BY t.label_id, c.artist_id ORDER BY t.label_id, c.artist_id
        """;

    private static readonly string[] HandArtists = ["A", "B", "C", "D", "E"];

    private static string Artist(string name) => EntityKeys.ArtistByName(name);

    private static string Track(int n) => "spotify:track:s" + n;

    /// <summary>Labels Alpha, Beta, Gamma; artists A–E. s1 Alpha (A; B featured and remixer), s2 Alpha (A, C featured),
    /// s3 Alpha (C), s4 Beta (A, B), s5 Beta (D), s6 Gamma (E), s7 no label (A, E).</summary>
    private static CatalogBatch HandBatch()
    {
        var b = new CatalogBatch();
        b.Artists.AddRange(HandArtists.Select(n => new ArtistRecord(Artist(n), n)));
        b.Labels.AddRange([new LabelRecord(EntityKeys.Label("Alpha"), "Alpha"), new LabelRecord(EntityKeys.Label("Beta"), "Beta"), new LabelRecord(EntityKeys.Label("Gamma"), "Gamma")]);
        (int N, string? Label, (string Artist, CreditRole Role)[] Credits)[] tracks =
        [
            (1, "Alpha", [("A", CreditRole.Primary), ("B", CreditRole.Featured), ("B", CreditRole.Remixer)]),
            (2, "Alpha", [("A", CreditRole.Primary), ("C", CreditRole.Featured)]),
            (3, "Alpha", [("C", CreditRole.Primary)]),
            (4, "Beta", [("A", CreditRole.Primary), ("B", CreditRole.Primary)]),
            (5, "Beta", [("D", CreditRole.Primary)]),
            (6, "Gamma", [("E", CreditRole.Primary)]),
            (7, null, [("A", CreditRole.Primary), ("E", CreditRole.Primary)]),
        ];
        foreach (var (n, label, credits) in tracks)
        {
            b.Tracks.Add(new TrackRecord(Track(n), "Song " + n, credits[0].Artist, LabelKey: label is null ? null : EntityKeys.Label(label)));
            b.Credits.AddRange(credits.Select((c, i) => new CreditRecord(Track(n), Artist(c.Artist), c.Role, i)));
        }

        return b;
    }

    private static async Task<long> IdAsync(SoundGraphStore store, string table, string key) =>
        await store.Connection.ExecuteScalarAsync<long>($"SELECT id FROM {table} WHERE key = @key", new { key });

    private static async Task<IReadOnlyList<UnveilItemRow>> SectionAsync(SoundGraphStore store, long artistId, int limit = 10)
    {
        var report = await store.Unveil.BuildAsync(new EntityRef("artist", artistId, "x"), limit);
        return report.Sections.Single(s => s.Key == "shared_label").Items.Select(i => new UnveilItemRow(i.Id, i.Name, i.Count!.Value, i.Why!)).ToList();
    }

    /// <summary>The reference statement's rows rendered as the section renders them.</summary>
    private static async Task<IReadOnlyList<UnveilItemRow>> ReferenceAsync(SoundGraphStore store, long artistId, int limit = 10) =>
        (await store.Connection.QueryAsync<(long Id, string Name, long Tracks, string Label, long Labels)>(ReferenceSql, new { artistId, limit }))
            .Select(r => new UnveilItemRow(r.Id, r.Name, r.Tracks, $"both on {r.Label}" + (r.Labels > 1 ? $" (+{r.Labels - 1} more)" : string.Empty) + $"; {r.Tracks} track{(r.Tracks == 1 ? string.Empty : "s")} of theirs there"))
            .ToList();

    [Theory]
    [StoreProviders]
    public async Task SharedLabel_HandBuiltCatalog_ListsTheHandWorkedArtists(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(HandBatch());
        long a = await IdAsync(temp.Store, "artists", Artist("A")), b = await IdAsync(temp.Store, "artists", Artist("B"));
        long c = await IdAsync(temp.Store, "artists", Artist("C")), d = await IdAsync(temp.Store, "artists", Artist("D"));

        // A is on Alpha (s1, s2) and Beta (s4). B: s1 (twice credited) on Alpha and s4 on Beta = 2 tracks on 2 labels;
        // C: s2, s3 on Alpha = 2 tracks; D: s5 on Beta. E shares no label with A (s7 has none). B before C by id.
        Assert.Equal(
            [
                new UnveilItemRow(b, "B", 2, "both on Alpha (+1 more); 2 tracks of theirs there"),
                new UnveilItemRow(c, "C", 2, "both on Alpha; 2 tracks of theirs there"),
                new UnveilItemRow(d, "D", 1, "both on Beta; 1 track of theirs there"),
            ],
            await SectionAsync(temp.Store, a));
        // The limit applies to the ranked list.
        Assert.Equal([b], (await SectionAsync(temp.Store, a, limit: 1)).Select(r => r.Id));
        // s1 counts once for B although B has two credits on it.
        Assert.Equal(1, await temp.Store.Connection.ExecuteScalarAsync<long>(
            "SELECT tracks FROM label_artists WHERE artist_id = @b AND label_id = (SELECT id FROM labels WHERE name = 'Alpha')", new { b }));
    }

    [Theory]
    [StoreProviders]
    public async Task SharedLabel_EveryArtistOfAManyBatchCatalog_EqualsTheFormerStatement(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(HandBatch());
        // Seeded catalog written in batches that relabel earlier tracks (a later label replaces the stored one) and add
        // credits to tracks written before, some without their track record.
        var random = new Random(17);
        for (var batch = 0; batch < 6; batch++)
        {
            var b = new CatalogBatch();
            b.Artists.AddRange(Enumerable.Range(0, 30).Select(i => new ArtistRecord(Artist("R" + i), "R" + i)));
            b.Labels.AddRange(Enumerable.Range(0, 6).Select(i => new LabelRecord(EntityKeys.Label("Label " + i), "Label " + (char)('Z' - i))));
            for (var k = 0; k < 25; k++)
            {
                var n = 100 + random.Next(80);
                var label = random.Next(5) == 0 ? null : EntityKeys.Label("Label " + random.Next(6));
                b.Tracks.Add(new TrackRecord(Track(n), "Song " + n, LabelKey: label));
                for (var j = random.Next(1, 4); j > 0; j--)
                {
                    b.Credits.Add(new CreditRecord(Track(n), Artist("R" + random.Next(30)), (CreditRole)random.Next(3), j));
                }
            }

            // Credits on hand-built tracks the batch does not carry.
            b.Credits.Add(new CreditRecord(Track(1 + random.Next(7)), Artist("R" + random.Next(30)), CreditRole.Featured, 5));
            await temp.Store.Catalog.WriteAsync(b);
        }

        var artists = (await temp.Store.Connection.QueryAsync<long>("SELECT id FROM artists ORDER BY id")).ToList();
        Assert.Equal(35, artists.Count);
        var nonEmpty = 0;
        foreach (var id in artists)
        {
            var expected = await ReferenceAsync(temp.Store, id, limit: 8);
            Assert.Equal(expected, await SectionAsync(temp.Store, id, limit: 8));
            nonEmpty += expected.Count > 0 ? 1 : 0;
        }

        Assert.True(nonEmpty >= 25, $"only {nonEmpty} artists share a label");
        // The table kept batch by batch is the full aggregate.
        var kept = (await temp.Store.Connection.QueryAsync<(long, long, long)>("SELECT label_id, artist_id, tracks FROM label_artists ORDER BY label_id, artist_id")).ToList();
        Assert.Equal((await temp.Store.Connection.QueryAsync<(long, long, long)>(AggregateSql)).ToList(), kept);
        Assert.Equal(kept.Count, await LabelArtists.RefreshAsync(temp.Store.Connection, null));
    }

    [Theory]
    [StoreProviders]
    public async Task WriteAsync_RelabelAndNewCredit_SectionFollowsWithoutAnotherStep(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(HandBatch());
        long a = await IdAsync(temp.Store, "artists", Artist("A")), c = await IdAsync(temp.Store, "artists", Artist("C"));
        long d = await IdAsync(temp.Store, "artists", Artist("D")), e = await IdAsync(temp.Store, "artists", Artist("E"));

        // s3 (C) moves from Alpha to Gamma, and E gets a credit on s5 (Beta). A then shares Alpha with B and C (s2 only),
        // Beta with B, D and E.
        var b = new CatalogBatch();
        b.Tracks.Add(new TrackRecord(Track(3), "Song 3", "C", LabelKey: EntityKeys.Label("Gamma")));
        b.Credits.Add(new CreditRecord(Track(5), Artist("E"), CreditRole.Featured, 1));
        await temp.Store.Catalog.WriteAsync(b);

        var section = await SectionAsync(temp.Store, a);
        Assert.Equal(["B", "C", "D", "E"], section.Select(r => r.Name));
        Assert.Equal("both on Alpha; 1 track of theirs there", section.Single(r => r.Id == c).Why);
        Assert.Equal("both on Beta; 1 track of theirs there", section.Single(r => r.Id == e).Why);
        // E is on Beta (s5) and Gamma (s6): A, B (s4) and D (s5) on Beta, C (s3, moved there) on Gamma; one track each, by id.
        Assert.Equal(
            [(a, "A", 1L), (await IdAsync(temp.Store, "artists", Artist("B")), "B", 1L), (c, "C", 1L), (d, "D", 1L)],
            (await SectionAsync(temp.Store, e)).Select(r => (r.Id, r.Name, r.Tracks)));
        foreach (var id in new[] { a, c, d, e })
        {
            Assert.Equal(await ReferenceAsync(temp.Store, id), await SectionAsync(temp.Store, id));
        }
    }

    [Fact]
    public async Task WriteAsync_MpdStyleBatchesIntoAStoreWithoutLabels_RunNoLabelArtistsStatement()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        var connection = (Microsoft.Data.Sqlite.SqliteConnection)temp.Store.Connection;
        var writer = new SqliteCatalogWriter(connection);
        var statements = new List<string>();
        raw.sqlite3_trace(connection.Handle, (strdelegate_trace)((_, sql) => statements.Add(sql)), null);
        try
        {
            for (var batch = 0; batch < 3; batch++)
            {
                var b = new CatalogBatch();
                b.Artists.Add(new ArtistRecord(Artist("M" + batch), "M" + batch));
                b.Tracks.Add(new TrackRecord(Track(200 + batch), "Mpd " + batch, "M" + batch));
                b.Credits.Add(new CreditRecord(Track(200 + batch), Artist("M" + batch), CreditRole.Primary, 0));
                b.Playlists.Add(new PlaylistRecord("mpd:playlist:" + batch, "P"));
                b.PlaylistEntries.Add(new PlaylistEntryRecord("mpd:playlist:" + batch, 0, Track(200 + batch)));
                await writer.WriteAsync(b);
            }

            Assert.Equal(0, writer.LabelArtistRefreshes);
            Assert.DoesNotContain(statements, s => s.Contains("label_artists", StringComparison.Ordinal));
            // Whether the store holds labels is looked up once, by the first batch with credits, not by every batch.
            Assert.Single(statements, s => s.Contains("FROM labels", StringComparison.Ordinal));

            // A labelled batch from this writer then refreshes, and a later credit-only batch looks up the artists to recount.
            var labelled = HandBatch();
            await writer.WriteAsync(labelled);
            var credit = new CatalogBatch();
            credit.Credits.Add(new CreditRecord(Track(5), Artist("M0"), CreditRole.Featured, 1));
            await writer.WriteAsync(credit);
            Assert.Equal(2, writer.LabelArtistRefreshes);
            Assert.Equal(1, await temp.Store.Connection.ExecuteScalarAsync<long>(
                "SELECT tracks FROM label_artists WHERE artist_id = (SELECT id FROM artists WHERE key = @k)", new { k = Artist("M0") }));
        }
        finally
        {
            raw.sqlite3_trace(connection.Handle, (strdelegate_trace?)null, null);
            writer.Dispose();
        }
    }

    [Theory]
    [StoreProviders]
    public async Task Migration0017_StoreWithLabelledTracks_FillsLabelArtists(string provider)
    {
        await using var old = await OldStore.CreateAsync(provider, v => v < 17, async c =>
        {
            await c.ExecuteAsync("INSERT INTO artists (id, key, name, name_norm) VALUES (1, 'name:artist:a', 'A', 'a'), (2, 'name:artist:b', 'B', 'b'), (3, 'name:artist:c', 'C', 'c')");
            await c.ExecuteAsync("INSERT INTO labels (id, key, name) VALUES (1, 'label:x', 'X'), (2, 'label:y', 'Y')");
            await c.ExecuteAsync(
                "INSERT INTO tracks (id, key, title, title_norm, label_id) VALUES (1, 'k:1', 'One', 'one', 1), (2, 'k:2', 'Two', 'two', 1), (3, 'k:3', 'Three', 'three', 2), (4, 'k:4', 'Four', 'four', NULL)");
            // A on 1, 2 (1 twice, two roles), 3 and 4; B on 2 and 4; C on 3.
            await c.ExecuteAsync(
                "INSERT INTO track_credits (track_id, artist_id, role, position) VALUES (1, 1, 0, 0), (1, 1, 2, 1), (2, 1, 0, 0), (2, 2, 1, 1), (3, 1, 0, 0), (3, 3, 0, 1), (4, 1, 0, 0), (4, 2, 0, 1)");
        });

        await using var store = await SoundGraphStore.OpenAsync(old.Db);

        Assert.Equal(["0017_label_artists", "0018_artist_audio_lists", "0019_shared_label_rows"], store.AppliedMigrations.Select(m => m.Name));
        Assert.Equal(
            [(1L, 1L, 2L), (1L, 2L, 1L), (2L, 1L, 1L), (2L, 3L, 1L)],
            (await store.Connection.QueryAsync<(long, long, long)>("SELECT label_id, artist_id, tracks FROM label_artists ORDER BY label_id, artist_id")).ToList());
        Assert.Equal(
            [new UnveilItemRow(2, "B", 1, "both on X; 1 track of theirs there"), new UnveilItemRow(3, "C", 1, "both on Y; 1 track of theirs there")],
            await SectionAsync(store, 1));
    }

    [Theory]
    [StoreProviders]
    public async Task RefreshAsync_TableEdited_RebuildsItFromTracksAndCredits(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(HandBatch());
        var before = (await temp.Store.Connection.QueryAsync<(long, long, long)>("SELECT label_id, artist_id, tracks FROM label_artists ORDER BY label_id, artist_id")).ToList();
        // Alpha: A 2, B 1, C 2; Beta: A 1, B 1, D 1; Gamma: E 1.
        Assert.Equal([2L, 1, 2, 1, 1, 1, 1], before.Select(r => r.Item3));
        await temp.Store.Connection.ExecuteAsync("UPDATE label_artists SET tracks = 99");
        await temp.Store.Connection.ExecuteAsync("DELETE FROM label_artists WHERE tracks = 99 AND label_id = (SELECT MIN(id) FROM labels)");

        Assert.Equal(7, await LabelArtists.RefreshAsync(temp.Store.Connection, null));

        Assert.Equal(before, (await temp.Store.Connection.QueryAsync<(long, long, long)>("SELECT label_id, artist_id, tracks FROM label_artists ORDER BY label_id, artist_id")).ToList());
    }

    private sealed record UnveilItemRow(long Id, string Name, long Tracks, string Why);
}

using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Relations;
using SoundGraph.Storage.Resolution;
using static SoundGraph.Storage.Tests.Unveil.HandWorkedAudioCatalog;

namespace SoundGraph.Storage.Tests.Unveil;

/// <summary>On a seeded random catalog (SYNTHETIC: 240 artists, 500 tracks; artists credited in several roles on one
/// track; one artist with more than 200 neighbouring artists; cosines drawn as arbitrary doubles), the artist audio
/// section read from <c>artist_audio_lists</c> is bit for bit the one computed from the track lists, and both are what
/// the reference statement over the <c>relations</c> view returns (the PostgreSQL form of the section).</summary>
public sealed class ArtistAudioListsEquivalenceTests
{
    private const int ArtistCount = 240;
    private const int TrackCount = 500;
    private static readonly int[] Limits = [1, 10, 200];

    private static string Artist(int i) => "R" + i;

    private static async Task<TempStore> RandomStoreAsync(int seed)
    {
        var random = new Random(seed);
        var temp = await TempStore.CreateAsync("sqlite");
        var batch = new CatalogBatch();
        batch.Artists.AddRange(Enumerable.Range(0, ArtistCount).Select(i => new ArtistRecord(EntityKeys.ArtistByName(Artist(i)), Artist(i))));
        for (var t = 0; t < TrackCount; t++)
        {
            var key = "spotify:track:r" + t;
            var primary = t < 120 ? 0 : random.Next(ArtistCount); // R0 has many tracks, so more than 200 neighbour artists
            batch.Tracks.Add(new TrackRecord(key, "Song " + t, Artist(primary)));
            batch.Credits.Add(new CreditRecord(key, EntityKeys.ArtistByName(Artist(primary)), CreditRole.Primary, 0));
            for (var e = 0; e < random.Next(3); e++)
            {
                batch.Credits.Add(new CreditRecord(key, EntityKeys.ArtistByName(Artist(random.Next(ArtistCount))), CreditRole.Featured, e + 1));
            }

            if (random.Next(4) == 0)
            {
                // The same artist again in another role: counted once per credit row.
                batch.Credits.Add(new CreditRecord(key, EntityKeys.ArtistByName(Artist(primary)), CreditRole.Producer, 9));
            }
        }

        await temp.Store.Catalog.WriteAsync(batch);
        var ids = (await temp.Store.Connection.QueryAsync<long>("SELECT id FROM tracks ORDER BY id")).ToList();
        var rows = new List<Relation>();
        foreach (var src in ids.Where(_ => random.Next(5) > 0))
        {
            foreach (var dst in ids.Where(d => d != src).OrderBy(_ => random.Next()).Take(random.Next(1, 25)))
            {
                rows.Add(new Relation(RelationKind.TrackAudioSimilarity, src, dst, random.Next(3) == 0 ? Math.Round(random.NextDouble(), 1) : (random.NextDouble() * 2) - 1, 0, []));
            }
        }

        await temp.Store.Relations.ReplaceRelationsAsync(RelationKind.TrackAudioSimilarity, rows, At);
        return temp;
    }

    private static async Task<List<(string Name, long Bits, long? Count, string Why)>> BitsAsync(SoundGraphStore store, string artist, int limit) =>
        (await SectionAsync(store, artist, limit)).ConvertAll(i => (i.Name, BitConverter.DoubleToInt64Bits(i.Score!.Value), i.Count, i.Why));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task StoredRows_AreTheComputedSection_AndTheViewStatementsRows(int seed)
    {
        await using var temp = await RandomStoreAsync(seed);
        var store = temp.Store;
        Assert.Equal(Sqlite.ArtistAudioLists.Depth, await store.Connection.ExecuteScalarAsync<long>("SELECT MAX(neighbours) FROM artist_audio_lists"));
        Assert.True(await store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM artist_audio_lists") > ArtistCount / 2);

        var stored = new Dictionary<(int, int), List<(string Name, long Bits, long? Count, string Why)>>();
        for (var a = 0; a < ArtistCount; a++)
        {
            foreach (var limit in Limits)
            {
                stored[(a, limit)] = await BitsAsync(store, Artist(a), limit);
            }
        }

        await store.Connection.ExecuteAsync("DELETE FROM artist_audio_lists");
        for (var a = 0; a < ArtistCount; a++)
        {
            foreach (var limit in Limits)
            {
                Assert.Equal(stored[(a, limit)], await BitsAsync(store, Artist(a), limit));
            }

            var id = await store.Connection.ExecuteScalarAsync<long>("SELECT id FROM artists WHERE name = @name", new { name = Artist(a) });
            var reference = await store.Connection.QueryAsync<(string Name, long Pairs, double Best)>(
                """
                SELECT a.name, COUNT(*) AS pairs, MAX(r.weight) AS best
                FROM relations r
                JOIN track_credits c2 ON c2.track_id = r.dst_id
                JOIN artists a ON a.id = c2.artist_id
                WHERE r.kind = 'track_audio_similarity'
                  AND r.src_id IN (SELECT track_id FROM track_credits WHERE artist_id = @id)
                  AND c2.artist_id <> @id
                  AND NOT EXISTS (SELECT 1 FROM track_credits own WHERE own.track_id = r.dst_id AND own.artist_id = @id)
                GROUP BY c2.artist_id, a.name
                ORDER BY pairs DESC, best DESC, c2.artist_id
                LIMIT 200
                """,
                new { id });
            Assert.Equal(reference.Select(r => (r.Name, BitConverter.DoubleToInt64Bits(r.Best), (long?)r.Pairs)), stored[(a, 200)].Select(s => (s.Name, s.Bits, s.Count)));
        }
    }

    [Fact]
    public async Task CatalogBatchRewritingStoredCredits_KeepsTheRows()
    {
        await using var temp = await HandWorkedStoreAsync("sqlite");

        // The whole hand-worked catalog again: every credit is already stored as it is.
        await temp.Store.Catalog.WriteAsync(Catalog());

        Assert.Equal(3, await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM artist_audio_lists"));
    }
}

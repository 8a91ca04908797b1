using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Relations;
using SoundGraph.Storage.Resolution;

namespace SoundGraph.Storage.Tests.Unveil;

/// <summary>The hand-worked catalog and track audio lists of the artist audio section's tests
/// (<see cref="ArtistAudioSectionTests"/>, <see cref="ArtistAudioListsTests"/>).</summary>
internal static class HandWorkedAudioCatalog
{
    internal static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal static readonly string[] Artists = ["A", "B", "C", "D", "E"];

    /// <summary>s1 A, s2 A, s3 B, s4 B and C, s5 A with D featured, s6 C, s7 E.</summary>
    internal static CatalogBatch Catalog()
    {
        var b = new CatalogBatch();
        b.Artists.AddRange(Artists.Select(n => new ArtistRecord(EntityKeys.ArtistByName(n), n)));
        (int N, string[] Credited)[] tracks = [(1, ["A"]), (2, ["A"]), (3, ["B"]), (4, ["B", "C"]), (5, ["A", "D"]), (6, ["C"]), (7, ["E"])];
        foreach (var (n, credited) in tracks)
        {
            b.Tracks.Add(new TrackRecord(Track(n), "Song " + n, credited[0]));
            b.Credits.AddRange(credited.Select((a, i) => new CreditRecord(Track(n), EntityKeys.ArtistByName(a), i == 0 ? CreditRole.Primary : CreditRole.Featured, i)));
        }

        return b;
    }

    internal static string Track(int n) => "spotify:track:s" + n;

    /// <summary>Audio neighbours by source track: s1 → s3 0.9, s4 0.8, s5 0.95, s7 0.85; s2 → s3 0.7, s6 0.85, s7 0.5;
    /// s5 → s4 0.6, s7 0.4; and s3 → s1 0.9 (not one of A's tracks, so not counted for A).
    /// For A: B has s3 (2 rows, best 0.9) and s4 (2 rows, best 0.8): 4 pairs, best 0.9; C has s4 (2) and s6 (1): 3 pairs,
    /// best 0.85; E has s7 (3): 3 pairs, best 0.85, after C by id; D only on s5, A's own track: left out.</summary>
    internal static async Task WriteAudioAsync(SoundGraphStore store)
    {
        var id = new Dictionary<int, long>();
        for (var n = 1; n <= 7; n++)
        {
            id[n] = await store.Connection.ExecuteScalarAsync<long>("SELECT id FROM tracks WHERE key = @key", new { key = Track(n) });
        }

        (int Src, (int Dst, double Cosine)[] Neighbours)[] lists =
        [
            (1, [(5, 0.95), (3, 0.9), (7, 0.85), (4, 0.8)]),
            (2, [(6, 0.85), (3, 0.7), (7, 0.5)]),
            (3, [(1, 0.9)]),
            (5, [(4, 0.6), (7, 0.4)]),
        ];
        var rows = lists.OrderBy(l => id[l.Src])
            .SelectMany(l => l.Neighbours.Select(x => new Relation(RelationKind.TrackAudioSimilarity, id[l.Src], id[x.Dst], x.Cosine, 0, [])))
            .ToList();
        await store.Relations.ReplaceRelationsAsync(RelationKind.TrackAudioSimilarity, rows, At);
    }

    /// <summary>A fresh store on <paramref name="provider"/> with <see cref="Catalog"/> and the lists of <see cref="WriteAudioAsync"/>.</summary>
    internal static async Task<TempStore> HandWorkedStoreAsync(string provider)
    {
        var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(Catalog());
        await WriteAudioAsync(temp.Store);
        return temp;
    }

    internal static async Task<List<(string Name, double? Score, long? Count, string Why)>> SectionAsync(SoundGraphStore store, string artist, int limit)
    {
        var artistId = await store.Connection.ExecuteScalarAsync<long>("SELECT id FROM artists WHERE key = @key", new { key = EntityKeys.ArtistByName(artist) });
        var report = await store.Unveil.BuildAsync(new EntityRef("artist", artistId, artist), limit);
        return report.Sections.Single(s => s.Key == "audio").Items.Select(i => (i.Name, i.Score, i.Count, i.Why)).ToList();
    }
}

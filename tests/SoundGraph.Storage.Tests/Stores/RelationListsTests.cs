using Dapper;
using SoundGraph.Core.Relations;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Stores;

/// <summary>Relations packed per source (migration 0016): one <c>relation_lists</c> row per source, the views
/// <c>relations</c> and <c>relation_evidence</c> unpacking it row by row, the write path's guarantees, and the migration
/// of a store written before it.</summary>
public sealed class RelationListsTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [StoreProviders]
    public async Task ReplaceRelations_AwkwardWeights_ReadBackExactlyThroughTheView(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        double[] weights = [0.1 + 0.2, 1.0, 1e-300, 123456.789, 2.0 / 3.0, 5e-324];
        var rows = weights.Select((w, i) => new Relation(RelationKind.TrackCoPlaylist, 7, 100 + i, w, i + 1, i % 2 == 0 ? [i, i + 10] : [])).ToList();

        Assert.Equal(6, await temp.Store.Relations.ReplaceRelationsAsync(RelationKind.TrackCoPlaylist, rows, At));

        var read = (await temp.Store.Connection.QueryAsync<(long Dst, long Rank, double Weight, long Count, string? Sample)>(
            "SELECT dst_id, rank, weight, count, sample_ids FROM relations WHERE kind = 'track_co_playlist' AND src_id = 7 ORDER BY rank")).ToList();
        Assert.Equal(weights, read.Select(r => r.Weight));
        Assert.Equal([100L, 101, 102, 103, 104, 105], read.Select(r => r.Dst));
        Assert.Equal([0L, 1, 2, 3, 4, 5], read.Select(r => r.Rank));
        Assert.Equal([1L, 2, 3, 4, 5, 6], read.Select(r => r.Count));
        Assert.Equal(["0,10", null, "2,12", null, "4,14", null], read.Select(r => r.Sample));
        Assert.Equal(3, await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM relation_evidence"));
        Assert.Equal(1, await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM relation_lists"));
        Assert.Equal(6, await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT neighbours FROM relation_lists"));
    }

    [Theory]
    [StoreProviders]
    public async Task ReplaceRelations_SourceNotContiguous_ThrowsAndKeepsThePreviousRows(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Relations.ReplaceRelationsAsync(RelationKind.ArtistCoListen, [new Relation(RelationKind.ArtistCoListen, 1, 2, 0.5, 1, [9])], At);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.Relations.ReplaceRelationsAsync(
            RelationKind.ArtistCoListen,
            [
                new Relation(RelationKind.ArtistCoListen, 1, 3, 0.9, 2, []),
                new Relation(RelationKind.ArtistCoListen, 2, 1, 0.4, 1, []),
                new Relation(RelationKind.ArtistCoListen, 1, 4, 0.3, 1, []),
            ],
            At));

        Assert.Contains("Source 1 of artist_co_listen was already written", error.Message, StringComparison.Ordinal);
        Assert.Equal([(1L, 2L, 0.5)], (await temp.Store.Connection.QueryAsync<(long, long, double)>("SELECT src_id, dst_id, weight FROM relations")).ToList());
    }

    [Theory]
    [StoreProviders]
    public async Task BeginReplace_DisposedWithoutCommit_OldRowsStayAndOtherKindsAreUntouched(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Relations.ReplaceRelationsAsync(RelationKind.TrackCoPlaylist, [new Relation(RelationKind.TrackCoPlaylist, 1, 2, 0.5, 1, [9])], At);
        await temp.Store.Relations.ReplaceRelationsAsync(RelationKind.TrackTagOverlap, [new Relation(RelationKind.TrackTagOverlap, 5, 6, 0.25, 1, [3])], At);

        await using (var writer = await temp.Store.Relations.BeginReplaceAsync(RelationKind.TrackCoPlaylist, At))
        {
            writer.Append(1, [3], [0.9], [2], [0, 2], [7, 8]);
            writer.Append(2, [1], [0.9], [2], [0, 0], []);
            Assert.Equal(2, writer.Rows);
        }

        var rows = (await temp.Store.Connection.QueryAsync<(string Kind, long Src, long Dst, string Sample)>(
            "SELECT kind, src_id, dst_id, sample_ids FROM relations ORDER BY kind")).ToList();
        Assert.Equal([("track_co_playlist", 1L, 2L, "9"), ("track_tag_overlap", 5L, 6L, "3")], rows);
    }

    [Theory]
    [StoreProviders]
    public async Task Append_BadShapes_Throw(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await using var writer = await temp.Store.Relations.BeginReplaceAsync(RelationKind.TrackCoPlaylist, At);
        Assert.Throws<ArgumentException>(() => writer.Append(1, [], [], [], [0], []));
        Assert.Throws<ArgumentException>(() => writer.Append(1, [2, 3], [0.5], [1, 1], [0, 0, 0], []));
        Assert.Throws<ArgumentException>(() => writer.Append(1, [2], [double.NaN], [1], [0, 0], []));
        Assert.Throws<ArgumentException>(() => writer.Append(1, [2], [0.5], [1], [0, 3], [1]));
        Assert.Throws<ArgumentException>(() => writer.Append(1, [2, 3], [0.5, 0.4], [1, 1], [0, 2, 1], [7, 8]));
        Assert.Equal(0, writer.Rows);
    }

    [Theory]
    [StoreProviders]
    public async Task Migrate_0014StoreWithRelations_PacksEveryRowInRankOrderWithExactWeights(string provider)
    {
        const double third = 1.0 / 3.0;
        await using var old = await OldStore.CreateAsync(provider, v => v <= 14, async c =>
        {
            // Rank order differs from dst_id (primary-key) order and from insertion order; one row without evidence; two
            // kinds; a weight that needs 17 digits.
            await c.ExecuteAsync(
                """
                INSERT INTO relations (kind, src_id, dst_id, rank, weight, count, computed_at) VALUES
                  ('track_co_playlist', 1, 10, 2, 0.125, 1, '2026-01-01T00:00:00Z'),
                  ('track_co_playlist', 1, 30, 0, @third, 3, '2026-01-01T00:00:00Z'),
                  ('track_co_playlist', 1, 20, 1, 0.25, 2, '2026-01-01T00:00:00Z'),
                  ('track_co_playlist', 2, 1, 0, 1.0, 1, '2026-01-01T00:00:00Z'),
                  ('artist_co_listen', 1, 2, 0, 0.5, 4, '2026-02-01T00:00:00Z');
                INSERT INTO relation_evidence (kind, src_id, dst_id, evidence_type, sample_ids) VALUES
                  ('track_co_playlist', 1, 30, 'playlist', '4,5,6'),
                  ('track_co_playlist', 1, 10, 'playlist', '6'),
                  ('track_co_playlist', 2, 1, 'playlist', '6'),
                  ('artist_co_listen', 1, 2, 'user', '8,9');
                """,
                new { third });
        });

        await using var store = await SoundGraphStore.OpenAsync(old.Db);

        Assert.Equal(["0016_relation_lists"], store.AppliedMigrations.Select(m => m.Name).Where(n => n.StartsWith("0016", StringComparison.Ordinal)));
        var rows = (await store.Connection.QueryAsync<(string Kind, long Src, long Dst, long Rank, double Weight, long Count, string At, string? Sample)>(
            "SELECT kind, src_id, dst_id, rank, weight, count, computed_at, sample_ids FROM relations ORDER BY kind, src_id, rank")).ToList();
        Assert.Equal(
            [
                ("artist_co_listen", 1L, 2L, 0L, 0.5, 4L, "2026-02-01T00:00:00Z", "8,9"),
                ("track_co_playlist", 1L, 30L, 0L, third, 3L, "2026-01-01T00:00:00Z", "4,5,6"),
                ("track_co_playlist", 1L, 20L, 1L, 0.25, 2L, "2026-01-01T00:00:00Z", null),
                ("track_co_playlist", 1L, 10L, 2L, 0.125, 1L, "2026-01-01T00:00:00Z", "6"),
                ("track_co_playlist", 2L, 1L, 0L, 1.0, 1L, "2026-01-01T00:00:00Z", "6"),
            ],
            rows);
        var evidence = (await store.Connection.QueryAsync<(string Kind, long Src, long Dst, string Type, string Sample)>(
            "SELECT kind, src_id, dst_id, evidence_type, sample_ids FROM relation_evidence ORDER BY kind, src_id, dst_id")).ToList();
        Assert.Equal(
            [
                ("artist_co_listen", 1L, 2L, "user", "8,9"),
                ("track_co_playlist", 1L, 10L, "playlist", "6"),
                ("track_co_playlist", 1L, 30L, "playlist", "4,5,6"),
                ("track_co_playlist", 2L, 1L, "playlist", "6"),
            ],
            evidence);
        Assert.Equal(3, await store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM relation_lists"));
    }
}

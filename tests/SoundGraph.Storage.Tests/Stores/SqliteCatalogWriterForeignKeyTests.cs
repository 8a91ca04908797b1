using Dapper;
using SoundGraph.Core.Catalog;

namespace SoundGraph.Storage.Tests.Stores;

/// <summary>The SQLite catalog writer turns foreign-key checks off for its batches: they come back on after every batch,
/// whatever happens, and an id the writer cached is never written after another writer deleted its row.</summary>
public sealed class SqliteCatalogWriterForeignKeyTests
{
    private static CatalogBatch Playlist(string playlistKey, params string[] trackKeys)
    {
        var batch = new CatalogBatch { Source = "mpd" };
        batch.Playlists.Add(new PlaylistRecord(playlistKey, "P"));
        for (var i = 0; i < trackKeys.Length; i++)
        {
            batch.Tracks.Add(new TrackRecord(trackKeys[i], "Song " + trackKeys[i]));
            batch.PlaylistEntries.Add(new PlaylistEntryRecord(playlistKey, i, trackKeys[i]));
        }

        return batch;
    }

    private static async Task<long> ForeignKeysAsync(SoundGraphStore store) => await store.Connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys");

    [Fact]
    public async Task WriteAsync_AfterAStoredBatchAndAfterAFailedOne_ForeignKeysAreOnAgain()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        Assert.Equal(1, await ForeignKeysAsync(temp.Store));

        await temp.Store.Catalog.WriteAsync(Playlist("p:1", "t:1"));
        Assert.Equal(1, await ForeignKeysAsync(temp.Store));

        var bad = new CatalogBatch { Source = "mpd" };
        bad.PlaylistEntries.Add(new PlaylistEntryRecord("p:1", 0, "t:unknown"));
        await Assert.ThrowsAsync<UnknownKeyException>(() => temp.Store.Catalog.WriteAsync(bad));
        Assert.Equal(1, await ForeignKeysAsync(temp.Store));

        // The checks are really on for everything else on the connection: a dangling entry is refused.
        var ex = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() =>
            temp.Store.Connection.ExecuteAsync("INSERT INTO playlist_tracks (playlist_id, position, track_id) VALUES (1, 5, 999)"));
        Assert.Contains("FOREIGN KEY", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_TrackDeletedByAnotherConnectionBetweenBatches_LooksItUpAgainInsteadOfWritingTheOldId()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        await temp.Store.Catalog.WriteAsync(Playlist("p:1", "t:1"));
        var oldId = await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT id FROM tracks WHERE key = 't:1'");
        await using (var other = await SoundGraphStore.OpenAsync(temp.Db))
        {
            await other.Connection.ExecuteAsync("DELETE FROM playlist_tracks; DELETE FROM tracks");
        }

        // Only an entry: the track is not re-sent, so the writer must resolve t:1 again, and finds no row.
        var entryOnly = new CatalogBatch { Source = "mpd" };
        entryOnly.Playlists.Add(new PlaylistRecord("p:1", "P"));
        entryOnly.PlaylistEntries.Add(new PlaylistEntryRecord("p:1", 0, "t:1"));
        var ex = await Assert.ThrowsAsync<UnknownKeyException>(() => temp.Store.Catalog.WriteAsync(entryOnly));

        Assert.Equal("No row in tracks has key 't:1'.", ex.Message);
        Assert.Equal(0, await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM playlist_tracks WHERE track_id = @oldId", new { oldId }));
        Assert.Equal(0, await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM playlist_tracks"));
    }
}

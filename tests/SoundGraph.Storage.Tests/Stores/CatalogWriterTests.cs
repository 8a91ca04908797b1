using Dapper;
using SoundGraph.Tests.Shared;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;

namespace SoundGraph.Storage.Tests.Stores;

public sealed class CatalogWriterTests
{
    [Theory]
    [StoreProviders]
    public async Task OpenAsync_NewFile_AppliesMigrationsOnceAndRecordsSchemaVersion(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        Assert.Equal(["0001_init", "0002_harvest", "0003_models", "0004_unknown_features", "0005_identity", "0006_acousticbrainz", "0007_listenbrainz", "0008_track_identifiers", "0009_lastfm", "0010_audio_analysis", "0011_identifier_backfill", "0012_taste", "0013_tag_diversity", "0014_accounts", "0015_harvest_leases", "0016_relation_lists", "0017_label_artists", "0018_artist_audio_lists", "0019_shared_label_rows"], temp.Store.AppliedMigrations.Select(m => m.Name));
        await using var again = await SoundGraphStore.OpenAsync(temp.Db);
        Assert.Empty(again.AppliedMigrations);
        Assert.Equal(19, await again.Connection.ExecuteScalarAsync<int>("SELECT MAX(version) FROM schema_version"));
        Assert.Equal(19, await again.Connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_version"));
    }

    [Theory]
    [StoreProviders]
    public async Task WriteAsync_SampleBatch_StoresEveryTableWithExpectedCounts(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var stored = await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var counts = await temp.Store.CountRowsAsync();
        Assert.Equal(3, counts["artists"]);
        Assert.Equal(3, counts["tracks"]);
        Assert.Equal(4, counts["track_credits"]);
        Assert.Equal(2, counts["playlists"]);
        Assert.Equal(5, counts["playlist_tracks"]);
        Assert.Equal(1, counts["user_follows"]);
        Assert.Equal(3, counts["engagements"]);
        Assert.Equal(1, counts["listens"]);
        Assert.Equal(2, counts["tags"]); // "pop" and "Pop" normalize to one tag
        Assert.Equal(3, counts["artist_tags"]);
        Assert.Equal(3, counts["audio_features"]);
        Assert.Equal(5, stored["playlist_tracks"]);
    }

    [Theory]
    [StoreProviders]
    public async Task WriteAsync_SameTrackAfterSomethingElseChangedIt_WritesItAgain(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var batch = new CatalogBatch { Source = "mpd" };
        batch.Tracks.Add(new TrackRecord("spotify:track:1", "Song", "A", "Album"));
        await temp.Store.Catalog.WriteAsync(batch);
        Assert.False((await temp.Store.Catalog.WriteAsync(batch)).ContainsKey("tracks")); // nothing else wrote: no change

        // Changed on the writer's own connection outside the writer, then by another connection.
        await temp.Store.Connection.ExecuteAsync("UPDATE tracks SET album = 'Edited'");
        Assert.Equal(1, (await temp.Store.Catalog.WriteAsync(batch))["tracks"]);
        Assert.Equal("Album", await temp.Store.Connection.ExecuteScalarAsync<string>("SELECT album FROM tracks"));
        await using (var other = await SoundGraphStore.OpenAsync(temp.Db))
        {
            await other.Connection.ExecuteAsync("UPDATE tracks SET album = 'Edited'");
        }

        Assert.Equal(1, (await temp.Store.Catalog.WriteAsync(batch))["tracks"]);
        Assert.Equal("Album", await temp.Store.Connection.ExecuteScalarAsync<string>("SELECT album FROM tracks"));
    }

    [Theory]
    [StoreProviders]
    public async Task WriteAsync_TrackDetails_StoredAndANullLaterKeepsTheValue(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var details = new TrackDetails("Electronic", 124.5, 8798, 2, 3, 6, "2011-04-06", "https://soundcloud.com/a/b", "GBXYZ1100001");
        var batch = new CatalogBatch();
        batch.Tracks.Add(new TrackRecord("soundcloud:track:1", "Song", "A", Details: details));
        await temp.Store.Catalog.WriteAsync(batch);
        batch.Clear();
        batch.Tracks.Add(new TrackRecord("soundcloud:track:1", "Song", "A", Details: new TrackDetails(PlaybackCount: 9000)));
        var stored = await temp.Store.Catalog.WriteAsync(batch);
        Assert.Equal(1, stored["tracks"]); // the play count changed
        var row = await temp.Store.Connection.QuerySingleAsync<(string Genre, double Bpm, long Plays, long Likes, long Reposts, long Comments, string Release, string Permalink, string Isrc)>(
            "SELECT genre, bpm, playback_count, like_count, repost_count, comment_count, release_date, permalink, isrc FROM tracks");
        Assert.Equal(("Electronic", 124.5, 9000L, 2L, 3L, 6L, "2011-04-06", "https://soundcloud.com/a/b", "GBXYZ1100001"), row);
    }

    [Theory]
    [StoreProviders]
    public async Task WriteAsync_SameBatchTwice_LeavesTheSameRows(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var first = await temp.Store.ContentDigestAsync();
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        Assert.Equal(first, await temp.Store.ContentDigestAsync());
    }

    [Theory]
    [StoreProviders]
    public async Task WriteAsync_ArtistSpelledAnotherWayLater_KeepsTheFirstStoredName(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        foreach (var spelling in new[] { "Said the Sky", "Said The Sky" })
        {
            var batch = new CatalogBatch();
            batch.Artists.Add(new ArtistRecord(EntityKeys.ArtistByName(spelling), spelling));
            await temp.Store.Catalog.WriteAsync(batch);
        }

        Assert.Equal("Said the Sky", await temp.Store.Connection.ExecuteScalarAsync<string>("SELECT name FROM artists"));
    }

    [Theory]
    [StoreProviders]
    public async Task ContentDigestAsync_ChangedValue_ChangesDigest(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var before = await temp.Store.ContentDigestAsync();
        var changed = new CatalogBatch();
        changed.Engagements.Add(new EngagementRecord("test:user:1", TargetType.Artist, EntityKeys.ArtistByName("A"), EngagementKind.Play, 11));
        await temp.Store.Catalog.WriteAsync(changed);
        Assert.Equal(before.Length, (await temp.Store.ContentDigestAsync()).Length);
        Assert.NotEqual(before, await temp.Store.ContentDigestAsync());
    }

    [Theory]
    [StoreProviders]
    public async Task WriteAsync_PlaylistRecordWithoutEntries_ClearsItsStoredEntries(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var emptied = new CatalogBatch();
        emptied.Playlists.Add(new PlaylistRecord("test:playlist:2", "Chill"));
        await temp.Store.Catalog.WriteAsync(emptied);
        Assert.Equal(3, (await temp.Store.CountRowsAsync())["playlist_tracks"]); // P1's three entries remain
    }

    [Theory]
    [StoreProviders]
    public async Task WriteAsync_TwoEntriesAtOnePosition_FailsWithStoreExceptionAndStoresNothing(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var batch = TempStore.SampleBatch();
        batch.PlaylistEntries.Add(new PlaylistEntryRecord("test:playlist:2", 0, "spotify:track:t3"));
        var ex = await Assert.ThrowsAsync<StoreException>(() => temp.Store.Catalog.WriteAsync(batch));
        Assert.Contains("nothing of it was stored", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await temp.Store.CountRowsAsync())["tracks"]);
    }

    [Theory]
    [StoreProviders]
    public async Task FindTrackKeyByNameAsync_NameKeyedAndUriTwins_PrefersTheNameKeyedTrack(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var batch = new CatalogBatch();
        batch.Tracks.Add(new TrackRecord(EntityKeys.TrackByName("The Band", "Song"), "Song", "The Band"));
        batch.Tracks.Add(new TrackRecord("spotify:track:abc", "Song", "The Band"));
        await temp.Store.Catalog.WriteAsync(batch);
        Assert.Equal("name:track:the band|song", await temp.Store.Catalog.FindTrackKeyByNameAsync(NameNormalizer.TrackNameKey("The Band", "Song")));
    }

    [Theory]
    [StoreProviders]
    public async Task WriteAsync_UnknownKey_ThrowsAndStoresNothingFromTheBatch(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var batch = new CatalogBatch();
        batch.Artists.Add(new ArtistRecord(EntityKeys.ArtistByName("X"), "X"));
        batch.Credits.Add(new CreditRecord("spotify:track:missing", EntityKeys.ArtistByName("X"), CreditRole.Primary, 0));
        var ex = await Assert.ThrowsAsync<UnknownKeyException>(() => temp.Store.Catalog.WriteAsync(batch));
        Assert.Contains("spotify:track:missing", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await temp.Store.CountRowsAsync())["artists"]);

        // The writer's caches must not remember the rolled-back artist.
        var ok = new CatalogBatch();
        ok.Tracks.Add(new TrackRecord("spotify:track:ok", "Ok"));
        ok.Credits.Add(new CreditRecord("spotify:track:ok", EntityKeys.ArtistByName("X"), CreditRole.Primary, 0));
        await Assert.ThrowsAsync<UnknownKeyException>(() => temp.Store.Catalog.WriteAsync(ok));
    }

    [Theory]
    [StoreProviders]
    public async Task WriteAsync_PlaylistEntriesInLaterBatch_ReplaceEarlierEntries(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var shorter = new CatalogBatch();
        shorter.PlaylistEntries.Add(new PlaylistEntryRecord("test:playlist:1", 0, "spotify:track:t3"));
        await temp.Store.Catalog.WriteAsync(shorter);
        var rows = (await temp.Store.Connection.QueryAsync<long>(
            "SELECT pt.track_id FROM playlist_tracks pt JOIN playlists p ON p.id = pt.playlist_id WHERE p.key = 'test:playlist:1'")).ToList();
        Assert.Single(rows);
    }

    [Theory]
    [StoreProviders]
    public async Task WriteAsync_TrackUpdateWithNulls_KeepsStoredAttributes(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var update = new CatalogBatch();
        update.Tracks.Add(new TrackRecord("spotify:track:t1", "One (Remastered)"));
        await temp.Store.Catalog.WriteAsync(update);
        var row = await temp.Store.Connection.QuerySingleAsync<(string Title, string Album, long Streams)>("SELECT title, album, streams FROM tracks WHERE key = 'spotify:track:t1'");
        Assert.Equal(("One (Remastered)", "Alb", 1000L), row);
    }

    [Theory]
    [StoreProviders]
    public async Task FindTrackKeyByNameAsync_StoredTrack_ReturnsItsKey(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        Assert.Equal("spotify:track:t2", await temp.Store.Catalog.FindTrackKeyByNameAsync(NameNormalizer.TrackNameKey("a", "TWO")));
        Assert.Null(await temp.Store.Catalog.FindTrackKeyByNameAsync(NameNormalizer.TrackNameKey("a", "nine")));
    }

    [Theory]
    [InlineData(null, StoreProvider.Sqlite, "soundgraph.db")]
    [InlineData("data/x.db", StoreProvider.Sqlite, "data/x.db")]
    [InlineData("Host=127.0.0.1;Port=5433;Database=sg;Password=secret", StoreProvider.Postgres, "Host=127.0.0.1;Port=5433;Database=sg;Password=secret")]
    [InlineData("postgresql://u:secret@h/db", StoreProvider.Postgres, "postgresql://u:secret@h/db")]
    [InlineData("Server=db;Database=sg;Password=secret", StoreProvider.Postgres, "Server=db;Database=sg;Password=secret")]
    public void StoreLocationParse_Value_SelectsProvider(string? db, StoreProvider provider, string value)
    {
        var location = StoreLocation.Parse(db);
        Assert.Equal(provider, location.Provider);
        Assert.Equal(value, location.Value);
        Assert.DoesNotContain("secret", location.ToString(), StringComparison.Ordinal);
    }
}

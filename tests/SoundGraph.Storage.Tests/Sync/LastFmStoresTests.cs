using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Storage.Sync;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Sync;

/// <summary><see cref="LastFmSyncStore"/> and <see cref="LastFmTagStore"/> (migration 0009) on both providers.</summary>
public sealed class LastFmStoresTests
{
    [Theory]
    [StoreProviders]
    public async Task SaveAsync_ThenGetAsync_RoundTripsEveryFieldAndReplacesTheRow(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var store = new LastFmSyncStore(temp.Store.Connection);

        var before = await store.GetAsync("rj");
        await store.SaveAsync(new LastFmCursor("rj", 1_419_006_075, null, 1_700_000_000, 3, 12, 400));
        var walking = await store.GetAsync("rj");
        await store.SaveAsync(new LastFmCursor("rj", 1_419_070_612, 1_419_006_075, 1_700_000_000, null, 12, 2_400));
        var done = await store.GetAsync("rj");

        Assert.Null(before);
        Assert.Equal(new LastFmCursor("rj", 1_419_006_075, null, 1_700_000_000, 3, 12, 400), walking);
        Assert.True(walking!.WalkInProgress);
        Assert.Equal(new LastFmCursor("rj", 1_419_070_612, 1_419_006_075, 1_700_000_000, null, 12, 2_400), done);
        Assert.False(done!.WalkInProgress);
    }

    [Theory]
    [StoreProviders]
    public async Task TracksToFetchAsync_SampleCatalog_MostPlayedFirstThenPlaylistEntriesAndSkipsRecordedOnes(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var tags = new LastFmTagStore(temp.Store.Connection);

        // t3 has the one listen; t1 and t2 are in two playlists each (t1 has the smaller id); t3 is in one.
        var first = await tags.TracksToFetchAsync(10);
        var t1 = first.Single(t => t.Key == "spotify:track:t1");
        await tags.RecordAsync("track", t1.Id, LastFmTagStore.NotFound, 0);
        var second = await tags.TracksToFetchAsync(10);

        Assert.Equal(["spotify:track:t3", "spotify:track:t1", "spotify:track:t2"], first.Select(t => t.Key));
        Assert.Equal(("One", "A", (string?)null, 0L, 2L), (t1.Name, t1.ArtistName, t1.Mbid, t1.Plays, t1.PlaylistEntries));
        Assert.Equal((1L, 1L), (first[0].Plays, first[0].PlaylistEntries));
        Assert.Equal(["spotify:track:t3", "spotify:track:t2"], second.Select(t => t.Key));
        Assert.Equal(LastFmTagStore.NotFound, await tags.StatusAsync("track", t1.Id));
    }

    [Theory]
    [StoreProviders]
    public async Task ToFetchAsync_ListenedSince_KeepsOnlyTargetsWithAListenAtOrAfterIt(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch());
        var tags = new LastFmTagStore(temp.Store.Connection);
        var listen = new DateTimeOffset(2020, 1, 2, 3, 4, 0, TimeSpan.Zero); // t3's one listen, by artist C

        var atIt = await tags.TracksToFetchAsync(10, listen);
        var after = await tags.TracksToFetchAsync(10, listen.AddSeconds(1));
        var artistsAtIt = await tags.ArtistsToFetchAsync(10, listen);
        var artistsAfter = await tags.ArtistsToFetchAsync(10, listen.AddSeconds(1));

        Assert.Equal(["spotify:track:t3"], atIt.Select(t => t.Key));
        Assert.Empty(after);
        Assert.Equal([EntityKeys.ArtistByName("C")], artistsAtIt.Select(a => a.Key));
        Assert.Empty(artistsAfter);
    }

    [Theory]
    [StoreProviders]
    public async Task ArtistsToFetchAsync_SampleCatalog_LeavesTaggedArtistsOutAndOrdersByPlaysThenEntries(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var batch = TempStore.SampleBatch();
        batch.Artists.Add(new ArtistRecord("musicbrainz:artist:0383dadf-2a4e-4d10-a46a-e9e041da8eb3", "Queen"));
        await temp.Store.Catalog.WriteAsync(batch);
        var tags = new LastFmTagStore(temp.Store.Connection);

        var artists = await tags.ArtistsToFetchAsync(10);

        // A and B carry tags; C has t3's listen and its playlist entry; Queen has nothing.
        Assert.Equal([EntityKeys.ArtistByName("C"), "musicbrainz:artist:0383dadf-2a4e-4d10-a46a-e9e041da8eb3"], artists.Select(a => a.Key));
        Assert.Equal(("C", 1L, 1L, (string?)null), (artists[0].Name, artists[0].Plays, artists[0].PlaylistEntries, artists[0].Mbid));
        Assert.Equal("0383dadf-2a4e-4d10-a46a-e9e041da8eb3", artists[1].Mbid);
    }

    [Theory]
    [StoreProviders]
    public async Task RecordAsync_UnknownStatus_ThrowsNamingTheKnownOnes(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new LastFmTagStore(temp.Store.Connection).RecordAsync("track", 1, "maybe", 0));

        Assert.StartsWith("Unknown status \"maybe\"; known: fetched, not_found.", ex.Message, StringComparison.Ordinal);
    }
}

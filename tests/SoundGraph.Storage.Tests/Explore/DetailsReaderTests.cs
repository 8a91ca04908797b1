using SoundGraph.Core.Catalog;
using SoundGraph.Storage.Explore;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Explore;

public sealed class DetailsReaderTests
{
    /// <summary>The sample catalog, with t1 given genre/date/ISRC, two track tags ("dance" by u1 and u2, "pop" by u1) and a
    /// second (non-Spotify) feature row that the view must not prefer.</summary>
    private static async Task<TempStore> StoreAsync(string provider)
    {
        var temp = await TempStore.CreateAsync(provider);
        var b = TempStore.SampleBatch();
        b.Tracks[0] = b.Tracks[0] with { Details = new TrackDetails(Genre: "pop", ReleaseDate: "2007-05-01", Isrc: "USUM70000001") };
        b.TagAssignments.AddRange(
        [
            new TagAssignmentRecord(TargetType.Track, "spotify:track:t1", "dance", "test:user:1"),
            new TagAssignmentRecord(TargetType.Track, "spotify:track:t1", "dance", "test:user:2"),
            new TagAssignmentRecord(TargetType.Track, "spotify:track:t1", "pop", "test:user:1"),
        ]);
        b.AudioFeatures.Add(new AudioFeaturesRecord("spotify:track:t1", "essentia", new AudioFeatures(0, 0, 0, 0, 0, 0, 0, -30, 60, 0, 0, 3)));
        await temp.Store.Catalog.WriteAsync(b);
        return temp;
    }

    private static async Task<long> IdAsync(TempStore temp, string table, string key) =>
        await Dapper.SqlMapper.ExecuteScalarAsync<long>(temp.Store.Connection, $"SELECT id FROM {table} WHERE key = @key", new { key });

    [Theory]
    [StoreProviders]
    public async Task TrackAsync_HandMadeTrack_ReturnsCreditsTagsAndSpotifyFeatures(string provider)
    {
        await using var temp = await StoreAsync(provider);
        var id = await IdAsync(temp, "tracks", "spotify:track:t1");
        var t = await new DetailsReader(temp.Store.Connection).TrackAsync(id);
        Assert.NotNull(t);
        Assert.Equal(
            (id, "spotify:track:t1", "One", "One — A", "Alb", 200000L, "pop", "2007-05-01", "USUM70000001", 1000L, 2L),
            (t.Id, t.Key, t.Title, t.Name, t.Album, t.DurationMs!.Value, t.Genre, t.ReleaseDate, t.Isrc, t.Streams!.Value, t.Playlists));
        Assert.Equal(["A:primary", "B:featured"], t.Artists.Select(a => $"{a.Name}:{a.Role}").ToArray());
        Assert.Equal([new TagCount("dance", 2), new TagCount("pop", 1)], t.Tags);
        Assert.Equal(new AudioFeatures(0.8, 0.7, 0.05, 0.1, 0, 0.1, 0.6, -5, 120, 1, 1, 4), t.AudioFeatures);
    }

    [Theory]
    [StoreProviders]
    public async Task TrackAsync_NoFeaturesNoCredits_NullFeaturesAndEmptyLists(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var b = new CatalogBatch();
        b.Tracks.Add(new TrackRecord("test:track:bare", "Bare"));
        await temp.Store.Catalog.WriteAsync(b);
        var t = await new DetailsReader(temp.Store.Connection).TrackAsync(await IdAsync(temp, "tracks", "test:track:bare"));
        Assert.NotNull(t);
        Assert.Equal(("Bare", null, 0L), (t.Name, t.Streams, t.Playlists));
        Assert.Empty(t.Artists);
        Assert.Empty(t.Tags);
        Assert.Null(t.AudioFeatures);
    }

    [Theory]
    [StoreProviders]
    public async Task ArtistAsync_SampleArtistA_CountsListenersPlaysTagsAndTopTracks(string provider)
    {
        await using var temp = await StoreAsync(provider);
        var id = await IdAsync(temp, "artists", "name:artist:a");
        var a = await new DetailsReader(temp.Store.Connection).ArtistAsync(id);
        Assert.NotNull(a);

        // A: tracks t1, t2; listeners u1, u2 (artist plays 10 + 5); tags pop, rock (one assignment each, by name).
        Assert.Equal((id, "name:artist:a", "A", 2L, 2L, 15L), (a.Id, a.Key, a.Name, a.Tracks, a.Listeners, a.Plays));
        Assert.Equal([new TagCount("pop", 1), new TagCount("rock", 1)], a.Tags);
        Assert.Equal(["One — A:2", "Two — A:2"], a.TopTracks.Select(x => $"{x.Name}:{x.Playlists}").ToArray());
    }

    [Theory]
    [StoreProviders]
    public async Task ArtistAsync_ListenerOnlyThroughATrack_CountedAsUnveilCountsIt(string provider)
    {
        await using var temp = await StoreAsync(provider);
        var id = await IdAsync(temp, "artists", "name:artist:c");
        var c = await new DetailsReader(temp.Store.Connection).ArtistAsync(id);
        Assert.NotNull(c);

        // C has no artist engagement; u1's one listen of C's track t3 makes u1 a listener and the listen a play.
        Assert.Equal((1L, 1L, 1L), (c.Tracks, c.Listeners, c.Plays));
        var report = await temp.Store.Unveil.BuildAsync(new SoundGraph.Storage.Resolution.EntityRef("artist", id, "C"));
        var engagement = report.Sections.Single(x => x.Key == "engagement").Facts.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal(("1", "1"), (engagement["listeners"], engagement["plays"]));
    }

    [Theory]
    [StoreProviders]
    public async Task UserAsync_SampleUsers_CountArtistsPlaysFriendsAndTopArtists(string provider)
    {
        await using var temp = await StoreAsync(provider);
        var reader = new DetailsReader(temp.Store.Connection);
        var u1 = await reader.UserAsync(await IdAsync(temp, "users", "test:user:1"));
        var u2 = await reader.UserAsync(await IdAsync(temp, "users", "test:user:2"));
        Assert.NotNull(u1);
        Assert.NotNull(u2);

        // u1: plays A 10 + one listen of t3 = 11; follows u2. u2: plays B 7 and A 5; followed by u1.
        Assert.Equal(("test:user:1", "u1", 1L, 11L, 1L), (u1.Key, u1.Name, u1.Artists, u1.Plays, u1.Friends));
        Assert.Equal(["A:10"], u1.TopArtists.Select(x => $"{x.Name}:{x.Plays}").ToArray());
        Assert.Equal((2L, 12L, 1L), (u2.Artists, u2.Plays, u2.Friends));
        Assert.Equal(["B:7", "A:5"], u2.TopArtists.Select(x => $"{x.Name}:{x.Plays}").ToArray());
    }

    [Theory]
    [StoreProviders]
    public async Task Views_UnknownId_ReturnNull(string provider)
    {
        await using var temp = await StoreAsync(provider);
        var reader = new DetailsReader(temp.Store.Connection);
        Assert.Null(await reader.TrackAsync(999_999));
        Assert.Null(await reader.ArtistAsync(999_999));
        Assert.Null(await reader.UserAsync(999_999));
    }
}

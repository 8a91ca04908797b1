using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Storage.Taste;
using SoundGraph.Storage.Tests.Audio;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Taste;

/// <summary>The mixtape's loaders of <see cref="TasteStore"/> on both providers.</summary>
public sealed class MixtapeLoadersTests
{
    private const string Mbid1 = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private const string Mbid2 = "11111111-2222-4333-8444-555555555555";

    private static async Task<Dictionary<string, long>> SampleAsync(TempStore temp)
    {
        var batch = TempStore.SampleBatch();
        batch.TrackIdentifiers.Add(new TrackIdentifierRecord("spotify:track:t1", TrackIds.Mbid, Mbid1));
        batch.TrackIdentifiers.Add(new TrackIdentifierRecord("spotify:track:t2", TrackIds.Mbid, Mbid2, "name"));
        await temp.Store.Catalog.WriteAsync(batch);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var t in new[] { "t1", "t2", "t3" })
        {
            ids[t] = (await temp.Store.Identifiers.TrackIdByKeyAsync("spotify:track:" + t))!.Value;
        }

        return ids;
    }

    [Theory]
    [StoreProviders]
    public async Task MixtapeTracksAsync_SampleCatalog_TitleAlbumDurationAndAbsentIdsLeftOut(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await SampleAsync(temp);

        var rows = await temp.Store.Taste.MixtapeTracksAsync([ids["t3"], ids["t1"], 999_999, ids["t1"]]);

        Assert.Equal([new MixtapeTrackRow(ids["t1"], "One", "Alb", 200_000), new MixtapeTrackRow(ids["t3"], "Three", null, 210_000)], rows);
    }

    [Theory]
    [StoreProviders]
    public async Task TrackCreditsAsync_FeaturedArtist_PrimaryFirstWithNames(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await SampleAsync(temp);

        var rows = await temp.Store.Taste.TrackCreditsAsync([ids["t1"], ids["t3"]]);

        Assert.Equal([("One", "A", 0, 0), ("One", "B", 1, 1), ("Three", "C", 0, 0)],
            rows.Select(r => (r.TrackId == ids["t1"] ? "One" : "Three", r.ArtistName, r.Role, r.Position)));
    }

    [Theory]
    [StoreProviders]
    public async Task TrackKeysAsync_SpotifyBeforeLocalAudio_LocalOnlyTrackGetsItsDetectedKey(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await SampleAsync(temp);
        var local = await LocalAudioFixture.TracksAsync(temp.Store, "l1");
        await LocalAudioFixture.SaveAsync(temp.Store, ids["t3"], "sha-t3", new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero));
        await LocalAudioFixture.SaveAsync(temp.Store, local["l1"], "sha-l1", new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero));

        var rows = await temp.Store.Taste.TrackKeysAsync([ids["t1"], ids["t2"], ids["t3"], local["l1"]]);

        // Sample features: t1 key 1 major, t2 key 2 minor, t3 key 5 major (Spotify); the fixture's files are A minor.
        Assert.Equal(
            [
                new TrackKeyRow(ids["t1"], 1, 1, "spotify"), new TrackKeyRow(ids["t2"], 2, 0, "spotify"), new TrackKeyRow(ids["t3"], 5, 1, "spotify"),
                new TrackKeyRow(local["l1"], 9, 0, LocalAudioFixture.Version),
            ],
            rows.OrderBy(r => r.TrackId == local["l1"]).ThenBy(r => r.TrackId));
    }

    [Theory]
    [StoreProviders]
    public async Task TrackIdentifiersAsync_UnlinkedNameMatch_LeftOut(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await SampleAsync(temp);
        var before = await temp.Store.Taste.TrackIdentifiersAsync([ids["t1"], ids["t2"]], [TrackIds.Mbid]);
        await temp.Store.Identifiers.UnlinkNameMatchesAsync(ids["t2"]);

        var after = await temp.Store.Taste.TrackIdentifiersAsync([ids["t1"], ids["t2"]], [TrackIds.Mbid, TrackIds.Spotify]);

        Assert.Equal([(ids["t1"], "mbid", Mbid1), (ids["t2"], "mbid", Mbid2)], before);
        Assert.Contains((ids["t1"], "mbid", Mbid1), after);
        Assert.DoesNotContain(after, r => r.Kind == "mbid" && r.TrackId == ids["t2"]);
        Assert.Empty(await temp.Store.Taste.TrackIdentifiersAsync([ids["t1"]], []));
    }

    [Theory]
    [StoreProviders]
    public async Task TrackFilePathsAsync_TwoAnalysedFiles_TheLatestPath(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await SampleAsync(temp);
        await LocalAudioFixture.SaveAsync(temp.Store, ids["t1"], "old", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await LocalAudioFixture.SaveAsync(temp.Store, ids["t1"], "new", new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));

        var paths = await temp.Store.Taste.TrackFilePathsAsync([ids["t1"], ids["t2"]]);

        Assert.Equal(new Dictionary<long, string> { [ids["t1"]] = "/music/new.flac" }, paths);
    }

    [Theory]
    [StoreProviders]
    public async Task Loaders_MoreIdsThanOneChunk_ReadEveryChunk(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await SampleAsync(temp);
        var many = Enumerable.Range(1_000_000, TasteStore.ChunkSize + 10).Select(i => (long)i).Append(ids["t3"]).Prepend(ids["t1"]).ToList();

        Assert.Equal(2, (await temp.Store.Taste.MixtapeTracksAsync(many)).Count);
    }
}

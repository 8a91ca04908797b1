using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.ListenBrainz;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.StoreIntegration;

/// <summary>One identity per track (issue 14): identifiers are written with the tracks that carry them, a listen whose
/// identifier a stored track already carries is stored on that track (no second track), and the same play from a second
/// source is stored once and counted as a cross-source duplicate. Both providers.</summary>
public sealed class IdentifierMergeTests
{
    private const string SpotifyKey = "spotify:track:4uLU6hMCjMI75M1A2tKUQC";
    private const string Isrc = "GBARL9300135";
    private const string Mbid = "8f3471b5-7e6a-48da-86a9-c1c07a0f47ae";
    private const string Msid1 = "b7ffd2af-418f-4be2-bdd1-22f8b48613da";
    private const string Msid2 = "c1c07a0f-418f-4be2-bdd1-22f8b48613da";

    [Theory]
    [StoreProviders]
    public async Task ImportAsync_ListensCarryingAStoredTracksIsrcThenItsMbid_LandOnThatTrackWhichGainsTheirIdentifiers(string provider)
    {
        using var temp = new TempFolder();
        await using var store = await TempStore.CreateAsync(provider);
        await SeedSpotifyTrackAsync(store);
        var file = Path.Combine(temp.Path, "a.listens");
        await File.WriteAllLinesAsync(file,
        [
            // ISRC in additional_info (hyphenated, lower case) and an MBID nobody stored yet: merged by ISRC.
            ListenBrainzFiles.Listen(1_600_000_000, Msid1, "Rick Astley", "Never Gonna Give You Up", info: $$"""{"isrc":"gb-arl-93-00135"}""",
                mapping: $$"""{"recording_mbid":"{{Mbid}}"}"""),
            // Only the MBID, under another MSID: merged by the MBID the first listen added.
            ListenBrainzFiles.Listen(1_600_000_500, Msid2, "Rick Astley", "Never Gonna Give You Up (Remastered)", mapping: $$"""{"recording_mbid":"{{Mbid}}"}"""),
        ]);

        var report = await new ListenBrainzExportImporter().ImportAsync(file, store.Store.Catalog, new ListRejectSink());

        Assert.Equal(2, report.Stored("listens"));
        Assert.Equal(0, report.Stored("tracks"));
        Assert.Equal(1, report.Read("tracks_merged_by_isrc"));
        var rows = await store.Store.CountRowsAsync();
        Assert.Equal(1L, rows["tracks"]);
        var trackId = await TrackIdAsync(store, SpotifyKey);
        Assert.Equal(2L, await store.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listens WHERE track_id = @trackId", new { trackId }));
        var ids = await store.Store.Identifiers.ForTrackAsync(trackId);
        Assert.Equal(
            ["isrc=GBARL9300135/id", "mbid=" + Mbid + "/id", "msid=" + Msid1 + "/id", "msid=" + Msid2 + "/id", "spotify=" + SpotifyKey + "/id"],
            ids.Select(i => $"{i.Kind}={i.Value}/{i.Method}").ToArray());
    }

    [Theory]
    [StoreProviders]
    public async Task ImportAsync_ListenWithTheStoredTracksSpotifyUrl_IsMergedBySpotifyId(string provider)
    {
        using var temp = new TempFolder();
        await using var store = await TempStore.CreateAsync(provider);
        await SeedSpotifyTrackAsync(store);
        var file = Path.Combine(temp.Path, "a.listens");
        await File.WriteAllLinesAsync(file,
        [
            ListenBrainzFiles.Listen(1_600_000_000, Msid1, "R. Astley", "Never gonna", info: """{"spotify_id":"https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=x"}"""),
        ]);

        var report = await new ListenBrainzExportImporter().ImportAsync(file, store.Store.Catalog, new ListRejectSink());

        Assert.Equal((1L, 0L, 1L), (report.Stored("listens"), report.Stored("tracks"), report.Read("tracks_merged_by_spotify")));
        Assert.Equal("Never Gonna Give You Up", await store.Store.Connection.ExecuteScalarAsync<string>("SELECT title FROM tracks WHERE key = @SpotifyKey", new { SpotifyKey }));
        var ids = await store.Store.Identifiers.ForTrackAsync(await TrackIdAsync(store, SpotifyKey));
        Assert.Contains(ids, i => i.Kind == "msid" && i.Value == Msid1 && i.Method == "id");
    }

    [Theory]
    [StoreProviders]
    public async Task ImportAsync_ListenMatchedOnlyByName_RecordsItsIdentifiersWithMethodName(string provider)
    {
        using var temp = new TempFolder();
        await using var store = await TempStore.CreateAsync(provider);
        await SeedSpotifyTrackAsync(store);
        var file = Path.Combine(temp.Path, "a.listens");
        await File.WriteAllLinesAsync(file, [ListenBrainzFiles.Listen(1_600_000_000, Msid1, "Rick Astley", "Never Gonna Give You Up")]);

        var report = await new ListenBrainzExportImporter().ImportAsync(file, store.Store.Catalog, new ListRejectSink());

        Assert.Equal((1L, 1L), (report.Stored("listens"), report.Read("tracks_matched_by_name")));
        var ids = await store.Store.Identifiers.ForTrackAsync(await TrackIdAsync(store, SpotifyKey));
        Assert.Contains(ids, i => i.Kind == "msid" && i.Value == Msid1 && i.Method == "name");
    }

    [Theory]
    [StoreProviders]
    public async Task WriteAsync_SamePlayFromASecondSourceWithin30Seconds_IsStoredOnceAndCountedAsCrossSourceDuplicate(string provider)
    {
        await using var store = await TempStore.CreateAsync(provider);
        await SeedSpotifyTrackAsync(store);
        var t0 = DateTimeOffset.FromUnixTimeSeconds(1_600_000_000);
        var first = new CatalogBatch { Source = "listenbrainz" };
        first.Users.Add(new UserRecord("listener:ann", "ann"));
        first.Listens.Add(new ListenRecord("listener:ann", SpotifyKey, t0, 0, "listenbrainz") { TrackRef = "msid:" + Msid1 });
        await store.Store.Catalog.WriteAsync(first);

        var third = new CatalogBatch { Source = "listenbrainz" };
        third.Listens.Add(new ListenRecord("listener:ann", SpotifyKey, t0.AddSeconds(10), 0, "listenbrainz") { TrackRef = "msid:" + Msid2 }); // same source: stored
        var sameSource = await store.Store.Catalog.WriteAsync(third);
        var second = new CatalogBatch { Source = "lastfm" };
        second.Listens.Add(new ListenRecord("listener:ann", SpotifyKey, t0.AddSeconds(29), 0, "lastfm") { TrackRef = "name:x" }); // same play
        second.Listens.Add(new ListenRecord("listener:ann", SpotifyKey, t0.AddSeconds(-29), 0, "lastfm") { TrackRef = "name:y" }); // same play
        second.Listens.Add(new ListenRecord("listener:ann", SpotifyKey, t0.AddSeconds(-30), 0, "lastfm") { TrackRef = "name:x" }); // 30 s apart: another play
        second.Listens.Add(new ListenRecord("listener:ann", SpotifyKey, t0.AddSeconds(60), 0, "lastfm") { TrackRef = "name:x" }); // another play
        var counts = await store.Store.Catalog.WriteAsync(second);

        Assert.Equal(2L, counts[ImportReport.CrossSourceDuplicateListens]);
        Assert.Equal(2L, counts["listens"]);
        Assert.Equal(1L, sameSource["listens"]);
        Assert.False(sameSource.ContainsKey(ImportReport.CrossSourceDuplicateListens));
        Assert.Equal(4L, (await store.Store.CountRowsAsync())["listens"]);
        var report = new ImportReport("lastfm");
        report.AddStored(counts);
        Assert.Equal(2L, report.Skipped[ImportReport.CrossSourceDuplicateListens]);
        Assert.False(report.Stored.ContainsKey(ImportReport.CrossSourceDuplicateListens));
    }

    [Theory]
    [StoreProviders]
    public async Task WriteAsync_TracksKeyedByIdentifiers_StoreTheirIdentifiersOnce(string provider)
    {
        await using var store = await TempStore.CreateAsync(provider);
        var batch = new CatalogBatch { Source = "musicbrainz-xml" };
        batch.Tracks.Add(new TrackRecord("musicbrainz:recording:" + Mbid.ToUpperInvariant(), "Upper-case MBID key"));
        batch.Tracks.Add(new TrackRecord("soundcloud:track:0042", "SoundCloud"));
        batch.Tracks.Add(new TrackRecord("name:track:x|y", "Named", Details: new TrackDetails(Isrc: "not an isrc")));

        var first = await store.Store.Catalog.WriteAsync(batch);
        var again = await store.Store.Catalog.WriteAsync(batch);

        Assert.Equal(2L, first["track_identifiers"]);
        Assert.False(again.ContainsKey("track_identifiers"));
        var all = await store.Store.Connection.QueryAsync<string>("SELECT kind || '=' || value FROM track_identifiers ORDER BY kind");
        Assert.Equal(["mbid=" + Mbid, "soundcloud=42"], all.ToArray());
    }

    [Theory]
    [StoreProviders]
    public async Task WriteAsync_ExplicitIdentifierNotCanonical_FailsNamingItAndStoresNothing(string provider)
    {
        await using var store = await TempStore.CreateAsync(provider);
        await SeedSpotifyTrackAsync(store);
        var digest = await store.Store.ContentDigestAsync();
        var batch = new CatalogBatch { Source = "listenbrainz" };
        batch.TrackIdentifiers.Add(new TrackIdentifierRecord(SpotifyKey, "isrc", "gb-arl-93-00135"));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => store.Store.Catalog.WriteAsync(batch));

        Assert.Contains("\"gb-arl-93-00135\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GBARL9300135", ex.Message, StringComparison.Ordinal);
        Assert.Equal(digest, await store.Store.ContentDigestAsync());
    }

    [Theory]
    [StoreProviders]
    public async Task UnlinkNameMatches_NameMatchedMsid_StopsMergingUntilRestored(string provider)
    {
        using var temp = new TempFolder();
        await using var store = await TempStore.CreateAsync(provider);
        await SeedSpotifyTrackAsync(store);
        var trackId = await TrackIdAsync(store, SpotifyKey);
        var file = Path.Combine(temp.Path, "a.listens");
        await File.WriteAllLinesAsync(file, [ListenBrainzFiles.Listen(1_600_000_000, Msid1, "Rick Astley", "Never Gonna Give You Up")]);
        await new ListenBrainzExportImporter().ImportAsync(file, store.Store.Catalog, new ListRejectSink());
        // The same MSID under names nobody stored: only the MSID can tie it to the track.
        var other = Path.Combine(temp.Path, "b.listens");
        await File.WriteAllLinesAsync(other, [ListenBrainzFiles.Listen(1_600_000_900, Msid1, "Astley, Rick", "NGGYU")]);

        Assert.Equal(1, await store.Store.Identifiers.UnlinkNameMatchesAsync(trackId));
        var unlinked = await new ListenBrainzExportImporter().ImportAsync(other, store.Store.Catalog, new ListRejectSink());
        Assert.Equal((0L, 1L), (unlinked.Read("tracks_merged_by_msid"), unlinked.Stored("tracks")));
        Assert.DoesNotContain(await store.Store.Unveil.BuildAsync(new Storage.Resolution.EntityRef("track", trackId, "x")) is var r ? r.Sections.SelectMany(x => x.Facts).Where(f => f.Name == "identifiers") : [],
            f => f.Value.Contains("msid", StringComparison.Ordinal));

        Assert.Equal(1, await store.Store.Identifiers.UnlinkNameMatchesAsync(null, restore: true));
        var restored = await new ListenBrainzExportImporter().ImportAsync(other, store.Store.Catalog, new ListRejectSink());
        Assert.Equal(1L, restored.Read("tracks_merged_by_msid"));
        var facts = (await store.Store.Unveil.BuildAsync(new Storage.Resolution.EntityRef("track", trackId, "x"))).Sections.SelectMany(x => x.Facts);
        Assert.Contains(facts, f => f.Name == "identifiers" && f.Value == $"isrc {Isrc}, msid {Msid1} (name match), spotify {SpotifyKey}");
    }

    private static async Task SeedSpotifyTrackAsync(TempStore store)
    {
        var batch = new CatalogBatch { Source = "spotify-features" };
        batch.Artists.Add(new ArtistRecord("name:artist:rick astley", "Rick Astley"));
        batch.Tracks.Add(new TrackRecord(SpotifyKey, "Never Gonna Give You Up", "Rick Astley", Details: new TrackDetails(Isrc: Isrc)));
        batch.Credits.Add(new CreditRecord(SpotifyKey, "name:artist:rick astley", CreditRole.Primary, 0));
        await store.Store.Catalog.WriteAsync(batch);
    }

    private static Task<long> TrackIdAsync(TempStore store, string key) =>
        store.Store.Connection.ExecuteScalarAsync<long>("SELECT id FROM tracks WHERE key = @key", new { key });
}

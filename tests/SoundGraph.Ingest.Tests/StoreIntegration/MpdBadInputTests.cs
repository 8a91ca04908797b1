using System.Text.Json.Nodes;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Mpd;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Storage;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.StoreIntegration;

/// <summary>The attack on the MPD importer, kept as tests: the real excerpt is imported, then a copy damaged at test time
/// is imported over it. Each damage rejects exactly the expected record, nothing aborts, and the store's content digest
/// is what it was before (a bad entry never deletes the stored entry at its position). Both providers.</summary>
public sealed class MpdBadInputTests
{
    private const string Kept = MpdImporter.KeptSuffix;

    private static string Sample => TestData.Shared("spotify-mpd-excerpt", "mpd.slice.0-999.sample-pid0-4.json");

    /// <summary>Name, damage to the parsed slice (playlist #1 is pid 1, "Awesome Playlist", 39 tracks), expected
    /// rejects as "location: reason".</summary>
    private static readonly (string Name, Action<JsonObject> Damage, string[] Rejects)[] Attacks =
    [
        ("pos -7", s => Track(s, 1, 3)["pos"] = -7, [$"playlist pid 1 track pos -7: pos is negative{Kept}"]),
        ("pos 1e20", s => Track(s, 1, 3)["pos"] = JsonNode.Parse("100000000000000000000"), [$"playlist pid 1 track #3: pos is not an integer{Kept}"]),
        ("duplicate pos", s => Track(s, 1, 3)["pos"] = 2, [$"playlist pid 1 track pos 2: Another track of this playlist has the same pos{Kept}"]),
        ("track_uri missing", s => Track(s, 1, 3).Remove("track_uri"), [$"playlist pid 1 track pos 3: The track has no spotify:track: URI{Kept}"]),
        ("track_uri a number", s => Track(s, 1, 3)["track_uri"] = 42, [$"playlist pid 1 track pos 3: The track has no spotify:track: URI{Kept}"]),
        ("track_uri not a URI", s => Track(s, 1, 3)["track_uri"] = "not a uri", [$"playlist pid 1 track pos 3: The track has no spotify:track: URI{Kept}"]),
        ("track_name missing", s => Track(s, 1, 3).Remove("track_name"), [$"playlist pid 1 track pos 3: The track has no track_name{Kept}"]),
        ("track an array", s => Tracks(s, 1)[3] = new JsonArray(1, 2), [$"playlist pid 1 track pos 3: The track entry is a JSON array, not an object{Kept}"]),
        ("name an object", s => Playlist(s, 1)["name"] = new JsonObject { ["x"] = 1 }, [$"playlist pid 1: name is a JSON object, not a string{Kept}"]),
        ("modified_at out of range", s => Playlist(s, 1)["modified_at"] = -99999999999,
            [$"playlist pid 1: modified_at -99999999999 is not a date: unix seconds must lie between -62135596800 and 253402300799{Kept}"]),
        ("tracks not an array", s => Playlist(s, 1)["tracks"] = "none", [$"playlist pid 1: The playlist has no tracks array{Kept}"]),
        ("repeated pid", s =>
        {
            var copy = Playlist(s, 1).DeepClone().AsObject();
            copy["tracks"]!.AsArray().RemoveAt(0);
            copy["name"] = "Changed";
            ((JsonArray)s["playlists"]!).Add(copy);
        }, ["playlist pid 1: The pid 1 was already read from this file; this later copy (playlist #5) is rejected."]),
    ];

    public static IEnumerable<object[]> Cases() => TestDatabases.Cross(Attacks.Select(a => new object[] { a.Name }).ToArray());

    [SharedTheory("spotify-mpd-excerpt")]
    [MemberData(nameof(Cases))]
    public async Task ImportAsync_DamagedCopyOverTheRealSlice_RejectsExactlyAndKeepsTheStoredContent(string provider, string attack)
    {
        var (_, damage, expected) = Attacks.Single(a => a.Name == attack);
        await using var temp = await TempStore.CreateAsync(provider);
        var store = temp.Store;
        Assert.Empty((await new MpdImporter().ImportAsync(Sample, store.Catalog, new ListRejectSink())).Rejects);
        var digest = await store.ContentDigestAsync();
        using var folder = new TempFolder();
        var slice = JsonNode.Parse(await File.ReadAllTextAsync(Sample))!.AsObject();
        damage(slice);
        var file = folder.Write("damaged.json", slice.ToJsonString());
        var rejects = new ListRejectSink();

        var report = await new MpdImporter().ImportAsync(file, store.Catalog, rejects);

        Assert.Equal(expected, report.Rejects.Select(r => $"{r.Location}: {r.Reason}").ToArray());
        Assert.All(report.Rejects, r => Assert.Equal(file, r.File));
        Assert.Equal(rejects.Items, report.Rejects);
        Assert.Equal(digest, await store.ContentDigestAsync());
        Assert.Equal(298, (await store.CountRowsAsync())["playlist_tracks"]);
    }

    [SharedTheory("spotify-mpd-excerpt")]
    [StoreProviders]
    public async Task ImportAsync_CutAtEveryTenthByte_NeverChangesTheStoredContent(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var store = temp.Store;
        await new MpdImporter().ImportAsync(Sample, store.Catalog, new ListRejectSink());
        var digest = await store.ContentDigestAsync();
        var bytes = await File.ReadAllBytesAsync(Sample);
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "cut.json");
        var random = new Random(13);
        for (var i = 0; i < 10; i++)
        {
            var cut = random.Next(bytes.Length / 4, bytes.Length - 10); // past the first playlist (17 % of the file): a cut inside it is not an MPD slice at all
            await File.WriteAllBytesAsync(file, bytes[..cut]);

            var report = await new MpdImporter().ImportAsync(file, store.Catalog, new ListRejectSink());

            var reject = Assert.Single(report.Rejects);
            Assert.StartsWith("after playlist pid ", reject.Location, StringComparison.Ordinal);
            Assert.Equal(digest, await store.ContentDigestAsync());
        }
    }

    [StoreProviders]
    [SharedTheory("spotify-mpd-excerpt")]
    public async Task ImportAsync_RepeatedPidOrBadDateDeepInAManyBatchFile_RejectsOnePlaylistAndImportsTheRest(string provider)
    {
        // 50 playlists made from the 5 real ones (pid = index), ~2 per batch; #40 repeats #39's pid, #45 has an impossible date.
        var real = JsonNode.Parse(await File.ReadAllTextAsync(Sample))!.AsObject();
        var playlists = new JsonArray();
        long entries = 0;
        for (var i = 0; i < 50; i++)
        {
            var p = Playlist(real, i % 5).DeepClone().AsObject();
            p["pid"] = i == 40 ? 39 : i;
            if (i == 45)
            {
                p["modified_at"] = -99999999999;
            }

            entries += i is 40 or 45 ? 0 : p["tracks"]!.AsArray().Count;
            playlists.Add(p);
        }

        real["playlists"] = playlists;
        using var folder = new TempFolder();
        var file = folder.Write("many.json", real.ToJsonString());
        await using var temp = await TempStore.CreateAsync(provider);

        var report = await new MpdImporter { BatchSize = 100 }.ImportAsync(file, temp.Store.Catalog, new ListRejectSink());

        Assert.Equal(
            ["playlist pid 39: The pid 39 was already read from this file; this later copy (playlist #40) is rejected.",
             $"playlist pid 45: modified_at -99999999999 is not a date: unix seconds must lie between -62135596800 and 253402300799{Kept}"],
            report.Rejects.Select(r => $"{r.Location}: {r.Reason}").ToArray());
        var counts = await temp.Store.CountRowsAsync();
        Assert.Equal((48L, entries), (counts["playlists"], counts["playlist_tracks"]));
    }

    [SharedTheory("spotify-mpd-excerpt")]
    [StoreProviders]
    public async Task ImportAsync_StoreRefusesOnePlaylist_WritesTheBatchInPartsAndRejectsOnlyThatPlaylist(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var writer = new RefusingWriter(temp.Store.Catalog, "mpd:playlist:2");

        var report = await new MpdImporter().ImportAsync(Sample, writer, new ListRejectSink());

        var reject = Assert.Single(report.Rejects);
        Assert.Equal(("playlist pid 2", "The store refused the playlist (refused for the test); its new version is rejected (a stored version is kept)."), (reject.Location, reject.Reason));
        var counts = await temp.Store.CountRowsAsync();
        Assert.Equal((4L, 298L - 64), (counts["playlists"], counts["playlist_tracks"]));
        Assert.Equal(297, counts["tracks"]); // every track is stored: only the playlist was refused
    }

    [SharedTheory("spotify-mpd-excerpt")]
    [StoreProviders]
    public async Task ImportAsync_StoreRefusesAPlaylistOfAnEarlyBatch_TakesUpTheRefusalWhileTheNextBatchIsRead(string provider)
    {
        // Batches of about one playlist: the refused batch is written in the background while the next one is read,
        // and its refusal is taken up at the next flush; what is stored and rejected is the same as with one batch.
        await using var temp = await TempStore.CreateAsync(provider);
        var writer = new RefusingWriter(temp.Store.Catalog, "mpd:playlist:2");

        var report = await new MpdImporter { BatchSize = 1 }.ImportAsync(Sample, writer, new ListRejectSink());

        var reject = Assert.Single(report.Rejects);
        Assert.Equal(("playlist pid 2", "The store refused the playlist (refused for the test); its new version is rejected (a stored version is kept)."), (reject.Location, reject.Reason));
        var counts = await temp.Store.CountRowsAsync();
        Assert.Equal((4L, 298L - 64), (counts["playlists"], counts["playlist_tracks"]));
        Assert.Equal(297, counts["tracks"]);
        Assert.Equal(counts["playlist_tracks"], report.Stored["playlist_tracks"]);
    }

    private static JsonObject Playlist(JsonObject slice, int index) => slice["playlists"]![index]!.AsObject();

    private static JsonArray Tracks(JsonObject slice, int index) => Playlist(slice, index)["tracks"]!.AsArray();

    private static JsonObject Track(JsonObject slice, int index, int track) => Tracks(slice, index)[track]!.AsObject();

    /// <summary>Refuses, like a database constraint would, every batch that holds one playlist.</summary>
    private sealed class RefusingWriter(ICatalogWriter inner, string refusedPlaylist) : ICatalogWriter
    {
        public Task<IReadOnlyDictionary<string, long>> WriteAsync(CatalogBatch batch, CancellationToken cancellationToken = default) =>
            batch.Playlists.Any(p => p.Key == refusedPlaylist)
                ? throw new StoreException("Writing a batch failed, nothing of it was stored.", new InvalidOperationException("refused for the test"))
                : inner.WriteAsync(batch, cancellationToken);

        public Task<string?> FindTrackKeyByNameAsync(string trackNameKey, CancellationToken cancellationToken = default) =>
            inner.FindTrackKeyByNameAsync(trackNameKey, cancellationToken);
    }
}

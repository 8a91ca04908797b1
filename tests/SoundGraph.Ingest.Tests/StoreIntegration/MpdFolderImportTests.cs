using System.Text;
using System.Text.Json.Nodes;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Mpd;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.StoreIntegration;

/// <summary><c>sgr import mpd &lt;folder&gt;</c>: every slice of a folder in one run stores what importing the slices one by one
/// stores; slices are taken in pid order; a repeated pid or a file that is not a slice is rejected alone; batches grow
/// with what was written.</summary>
public sealed class MpdFolderImportTests
{
    private static string Sample => TestData.Shared("spotify-mpd-excerpt", "mpd.slice.0-999.sample-pid0-4.json");

    /// <summary>An entry whose track and artist are named by <paramref name="id"/> (so slices can share tracks).</summary>
    private static string Entry(int pos, string id) =>
        $"{{\"pos\":{pos},\"artist_name\":\"Artist {id}\",\"artist_uri\":\"spotify:artist:A{id}\",\"track_uri\":\"spotify:track:T{id}\","
        + $"\"track_name\":\"Song {id}\",\"album_uri\":\"spotify:album:X\",\"duration_ms\":1000,\"album_name\":\"Album\"}}";

    private static string Playlist(long pid, params string[] trackIds) =>
        $"{{\"name\":\"P{pid}\",\"collaborative\":\"false\",\"pid\":{pid},\"modified_at\":1493424000,\"num_tracks\":{trackIds.Length},"
        + "\"num_followers\":3,\"tracks\":[" + string.Join(',', trackIds.Select((t, i) => Entry(i, t))) + "]}";

    private static string Slice(params string[] playlists) => "{\"info\":{\"slice\":\"x\"},\"playlists\":[" + string.Join(',', playlists) + "]}";

    /// <summary>Three slices that share tracks (T1 in all three, T3 in two) and artists.</summary>
    private static void WriteThreeSlices(TempFolder folder)
    {
        folder.Write("mpd.slice.0-999.json", Slice(Playlist(0, "1", "2"), Playlist(1, "2", "3")));
        folder.Write("mpd.slice.1000-1999.json", Slice(Playlist(1000, "1", "3", "4"), Playlist(1001, "5")));
        folder.Write("mpd.slice.10000-10999.json", Slice(Playlist(10000, "1", "6")));
    }

    [Theory]
    [StoreProviders]
    public async Task ImportAsync_Folder_StoresWhatImportingEachSliceInTurnStores(string provider)
    {
        using var folder = new TempFolder();
        WriteThreeSlices(folder);
        await using var oneByOne = await TempStore.CreateAsync(provider);
        foreach (var file in MpdImporter.SliceFiles(folder.Path))
        {
            Assert.Empty((await new MpdImporter { BatchSize = 2 }.ImportAsync(file, oneByOne.Store.Catalog, new ListRejectSink())).Rejects);
        }

        await using var inOneRun = await TempStore.CreateAsync(provider);
        var report = await new MpdImporter { BatchSize = 2 }.ImportAsync(folder.Path, inOneRun.Store.Catalog, new ListRejectSink());

        Assert.Empty(report.Rejects);
        Assert.Equal(5, report.Read("playlists"));
        Assert.Equal(10, report.Read("entries"));
        Assert.Equal(await KeyedContentAsync(oneByOne.Store), await KeyedContentAsync(inOneRun.Store));
        if (provider == "sqlite")
        {
            // Same ids too (PostgreSQL's upserts take a sequence value even when they only find the row, so its ids
            // depend on how many re-sent rows were upserted, not on what is stored).
            Assert.Equal(await oneByOne.Store.ContentDigestAsync(), await inOneRun.Store.ContentDigestAsync());
        }

        var rows = await inOneRun.Store.CountRowsAsync();
        Assert.Equal(5, rows["playlists"]);
        Assert.Equal(10, rows["playlist_tracks"]);
        Assert.Equal(6, rows["tracks"]);
    }

    [SharedTheory("spotify-mpd-excerpt")]
    [StoreProviders]
    public async Task ImportAsync_RealSampleSplitIntoTwoSlices_StoresWhatTheWholeFileStores(string provider)
    {
        var real = JsonNode.Parse(await File.ReadAllTextAsync(Sample))!.AsObject();
        var playlists = real["playlists"]!.AsArray().Select(p => p!.ToJsonString()).ToArray();
        using var folder = new TempFolder();
        folder.Write("mpd.slice.0-1.json", Slice(playlists[..2]));
        folder.Write("mpd.slice.2-4.json", Slice(playlists[2..]));
        await using var whole = await TempStore.CreateAsync(provider);
        await new MpdImporter().ImportAsync(Sample, whole.Store.Catalog, new ListRejectSink());
        await using var split = await TempStore.CreateAsync(provider);

        var report = await new MpdImporter().ImportAsync(folder.Path, split.Store.Catalog, new ListRejectSink());

        Assert.Empty(report.Rejects);
        Assert.Equal(298, report.Read("entries"));
        Assert.Equal(await KeyedContentAsync(whole.Store), await KeyedContentAsync(split.Store));
    }

    /// <summary>Every catalog row an MPD import writes, with ids replaced by the keys they stand for, sorted.</summary>
    private static async Task<string[]> KeyedContentAsync(Storage.SoundGraphStore store)
    {
        string[] queries =
        [
            "SELECT 'artist|' || key || '|' || name FROM artists",
            "SELECT 'track|' || key || '|' || title || '|' || COALESCE(album, '') || '|' || COALESCE(CAST(duration_ms AS TEXT), '') FROM tracks",
            "SELECT 'credit|' || t.key || '|' || a.key || '|' || CAST(c.role AS TEXT) || '|' || CAST(c.position AS TEXT) FROM track_credits c JOIN tracks t ON t.id = c.track_id JOIN artists a ON a.id = c.artist_id",
            "SELECT 'playlist|' || key || '|' || name || '|' || COALESCE(CAST(followers AS TEXT), '') || '|' || COALESCE(modified_at, '') FROM playlists",
            "SELECT 'entry|' || p.key || '|' || CAST(e.position AS TEXT) || '|' || t.key FROM playlist_tracks e JOIN playlists p ON p.id = e.playlist_id JOIN tracks t ON t.id = e.track_id",
        ];
        var rows = new List<string>();
        foreach (var q in queries)
        {
            rows.AddRange(await Dapper.SqlMapper.QueryAsync<string>(store.Connection, q));
        }

        rows.Sort(StringComparer.Ordinal);
        return [.. rows];
    }

    [Fact]
    public void SliceFiles_OrdersBySlicePidThenName_AndIgnoresOtherFiles()
    {
        using var folder = new TempFolder();
        foreach (var name in new[] { "mpd.slice.10000-10999.json", "mpd.slice.0-999.json", "mpd.slice.1000-1999.json.gz", "mpd.slice.x.json", "other.json", "mpd.slice.5-6.txt" })
        {
            folder.Write(name, "{}");
        }

        var names = MpdImporter.SliceFiles(folder.Path).Select(f => Path.GetFileName(f)).ToArray();

        Assert.Equal(["mpd.slice.0-999.json", "mpd.slice.1000-1999.json.gz", "mpd.slice.10000-10999.json", "mpd.slice.x.json"], names);
    }

    [Fact]
    public async Task ImportAsync_FolderWithoutSlices_FailsNamingTheFolder()
    {
        using var folder = new TempFolder();
        folder.Write("playlists.json", "{}");

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new MpdImporter().ImportAsync(folder.Path, new FakeCatalogWriter(), new ListRejectSink()));

        Assert.Equal($"'{folder.Path}' holds no Spotify MPD slice (no mpd.slice.*.json or mpd.slice.*.json.gz file in it).", ex.Message);
    }

    [Theory]
    [StoreProviders]
    public async Task ImportAsync_PidRepeatedInALaterSlice_RejectsTheLaterCopyOnly(string provider)
    {
        using var folder = new TempFolder();
        folder.Write("mpd.slice.0-999.json", Slice(Playlist(0, "1"), Playlist(7, "1", "2")));
        var later = folder.Write("mpd.slice.1000-1999.json", Slice(Playlist(1000, "3"), Playlist(7, "4")));
        await using var temp = await TempStore.CreateAsync(provider);

        var report = await new MpdImporter().ImportAsync(folder.Path, temp.Store.Catalog, new ListRejectSink());

        var reject = Assert.Single(report.Rejects);
        Assert.Equal(later, reject.File);
        Assert.Equal("playlist pid 7: The pid 7 was already read from this file or an earlier slice of the folder; this later copy (playlist #1) is rejected.", $"{reject.Location}: {reject.Reason}");
        var rows = await temp.Store.CountRowsAsync();
        Assert.Equal(3, rows["playlists"]);
        Assert.Equal(4, rows["playlist_tracks"]); // pid 7 keeps its first copy's two entries
    }

    [Theory]
    [StoreProviders]
    public async Task ImportAsync_FolderWithAFileThatIsNotUtf8_RejectsThatFileAndImportsTheOthers(string provider)
    {
        using var folder = new TempFolder();
        folder.Write("mpd.slice.0-999.json", Slice(Playlist(0, "1", "2")));
        var bad = Path.Combine(folder.Path, "mpd.slice.500-599.json");
        await File.WriteAllBytesAsync(bad, [.. Encoding.UTF8.GetBytes(Slice(Playlist(500, "9"))[..40]), 0xff, 0xfe, .. Encoding.UTF8.GetBytes(Slice(Playlist(500, "9"))[40..])]);
        folder.Write("mpd.slice.1000-1999.json", Slice(Playlist(1000, "3")));
        await using var temp = await TempStore.CreateAsync(provider);

        var report = await new MpdImporter().ImportAsync(folder.Path, temp.Store.Catalog, new ListRejectSink());

        var reject = Assert.Single(report.Rejects);
        Assert.Equal(bad, reject.File);
        Assert.Equal("file", reject.Location);
        Assert.Contains("is not UTF-8 text", reject.Reason, StringComparison.Ordinal);
        Assert.EndsWith("The other slices of the folder are still imported.", reject.Reason, StringComparison.Ordinal);
        Assert.Equal(2, report.Read("playlists"));
        var rows = await temp.Store.CountRowsAsync();
        Assert.Equal(2, rows["playlists"]);
        Assert.Equal(3, rows["playlist_tracks"]);
    }

    [Fact]
    public async Task ImportAsync_Folder_ReportsProgressOverAllItsSlicesBytesNamingTheSliceBeingRead()
    {
        using var folder = new TempFolder();
        WriteThreeSlices(folder);
        var files = MpdImporter.SliceFiles(folder.Path);
        var sizes = files.Select(f => new FileInfo(f).Length).ToArray();
        var progress = new Recorder();

        await new MpdImporter { BatchSize = 2 }.ImportAsync(folder.Path, new FakeCatalogWriter(), new ListRejectSink(), progress);

        Assert.All(progress.Reports, r => Assert.Equal(sizes.Sum(), r.Total));
        Assert.Equal(progress.Reports.Select(r => r.Done).Order(), progress.Reports.Select(r => r.Done)); // never goes back
        // Each slice's last report (a small slice is reported once, at its end) is the bytes up to and including it.
        for (var i = 0; i < files.Count; i++)
        {
            Assert.Equal(sizes.Take(i + 1).Sum(), progress.Reports.Last(r => r.File == files[i]).Done);
        }

        Assert.Equal(files, progress.Reports.Select(r => r.File).Distinct());
    }

    /// <summary>Keeps every report, in order, on the reporting thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
    private sealed class Recorder : IProgress<ImportProgress>
    {
        public List<ImportProgress> Reports { get; } = [];

        public void Report(ImportProgress value) => Reports.Add(value);
    }

    [Fact]
    public async Task ImportAsync_BatchesGrowWithWhatWasWritten_UpToThirtyTimesTheBatchSize()
    {
        // 120 playlists of one new track by a new artist: 5 records each (playlist, entry, track, artist, credit). A batch
        // is written after the playlist that takes it to the threshold max(4, min(120, records written / 4)):
        // 5 × 5 (25 written, 25 / 4 = 6) → 2 × 10 (45: 11) → 2 × 15 (75: 18) → 20 (95: 23) → 25 (120: 30) → 30 (150: 37)
        // → 40 (190: 47) → 50 (240: 60) → 60 (300: 75) → 75 (375: 93) → 95 (470: 117) → 120, the cap, and the 10 left.
        using var folder = new TempFolder();
        var file = folder.Write("mpd.slice.0-119.json", Slice(Enumerable.Range(0, 120).Select(i => Playlist(i, "n" + i)).ToArray()));
        var writer = new FakeCatalogWriter();

        await new MpdImporter { BatchSize = 4 }.ImportAsync(file, writer, new ListRejectSink());

        int[] expected = [5, 5, 5, 5, 5, 10, 10, 15, 15, 20, 25, 30, 40, 50, 60, 75, 95, 120, 10];
        Assert.Equal(expected, writer.Batches.Select(b => b.Artists.Count + b.Tracks.Count + b.Credits.Count + b.Playlists.Count + b.PlaylistEntries.Count).ToArray());
    }
}

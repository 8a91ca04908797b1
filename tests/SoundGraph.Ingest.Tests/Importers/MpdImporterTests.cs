using System.Text;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Mpd;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Importers;

public sealed class MpdImporterTests
{
    private static string Sample => TestData.Shared("spotify-mpd-excerpt", "mpd.slice.0-999.sample-pid0-4.json");

    private static string Track(int pos, string? uri = "spotify:track:T{0}", string? name = "Song {0}") =>
        "{\"pos\":" + pos + ",\"artist_name\":\"Artist " + pos + "\",\"artist_uri\":\"spotify:artist:A" + pos + "\""
        + (uri is null ? string.Empty : ",\"track_uri\":\"" + string.Format(null, uri, pos) + "\"")
        + (name is null ? string.Empty : ",\"track_name\":\"" + string.Format(null, name, pos) + "\"")
        + ",\"album_uri\":\"spotify:album:X\",\"duration_ms\":1000,\"album_name\":\"Album\"}";

    private static string Playlist(string pidPart, params string[] tracks) =>
        "{\"name\":\"P\",\"collaborative\":\"true\"," + pidPart + "\"modified_at\":1493424000,\"num_tracks\":" + tracks.Length
        + ",\"num_followers\":3,\"tracks\":[" + string.Join(',', tracks) + "]}";

    private static string Slice(params string[] playlists) => "{\"info\":{\"slice\":\"0-999\"},\"playlists\":[" + string.Join(',', playlists) + "]}";

    [SharedFact("spotify-mpd-excerpt")]
    public async Task ImportAsync_RealSample_Reads5PlaylistsAnd298Entries()
    {
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();
        var progress = new List<ImportProgress>();

        var report = await new MpdImporter().ImportAsync(Sample, writer, rejects, new SyncProgress(progress.Add));

        Assert.Equal(5, report.Read("playlists"));
        Assert.Equal(298, report.Read("entries"));
        Assert.Empty(rejects.Items);
        Assert.Empty(report.Rejects);
        Assert.Equal(5, report.Stored("playlists"));
        Assert.Equal(298, report.Stored("playlist_tracks"));
        Assert.Equal(writer.Tracks.Count, report.Stored("tracks"));
        Assert.Equal(writer.Tracks.Count, writer.Credits.Count);
        Assert.All(writer.Credits, c => Assert.Equal((CreditRole.Primary, 0), (c.Role, c.Position)));
        Assert.All(writer.Tracks, t => Assert.StartsWith("spotify:track:", t.Key, StringComparison.Ordinal));
        Assert.All(writer.Artists, a => Assert.StartsWith("spotify:artist:", a.Key, StringComparison.Ordinal));
        Assert.Equal("spotify:artist:2wIVse2owClT7go1WT98tk", writer.Artists.Single(a => a.Name == "Missy Elliott").Key);
        Assert.Equal(191, writer.Artists.Count);
        var first = writer.Playlists.Single(p => p.Key == "mpd:playlist:0");
        Assert.Equal(("Throwbacks", 1, false, DateTimeOffset.FromUnixTimeSeconds(1493424000)), (first.Name, first.Followers, first.Collaborative, first.ModifiedAt));
        var lose = writer.Tracks.Single(t => t.Key == "spotify:track:0UaMYEvWZi0ZqiDOoHU3YI");
        Assert.Equal(("Lose Control (feat. Ciara & Fat Man Scoop)", "Missy Elliott", "The Cookbook", 226863L), (lose.Title, lose.PrimaryArtistName, lose.Album, lose.DurationMs));
        Assert.Equal(new PlaylistEntryRecord("mpd:playlist:0", 0, lose.Key), writer.Entries[0]);
        Assert.Equal(new FileInfo(Sample).Length, progress[^1].Done);
        Assert.Equal(new FileInfo(Sample).Length, progress[^1].Total);
    }

    [SharedFact("spotify-mpd-excerpt")]
    public async Task ImportAsync_GzippedSample_GivesTheSameCounts()
    {
        using var temp = new TempFolder();
        var gz = temp.Gzip("slice.json.gz", await File.ReadAllBytesAsync(Sample));
        var writer = new FakeCatalogWriter();

        var report = await new MpdImporter().ImportAsync(gz, writer, new ListRejectSink());

        Assert.Equal((5L, 298L), (report.Read("playlists"), report.Read("entries")));
        Assert.Equal(298, writer.Entries.Count);
    }

    [SharedFact("spotify-mpd-excerpt")]
    public async Task ImportAsync_SmallBatchSize_NeverSplitsAPlaylistAcrossBatches()
    {
        var writer = new FakeCatalogWriter();

        var report = await new MpdImporter { BatchSize = 10 }.ImportAsync(Sample, writer, new ListRejectSink());

        Assert.Equal(5, writer.Batches.Count);
        Assert.Equal(298, report.Stored("playlist_tracks"));
        Assertions.NoPlaylistSplitAcrossBatches(writer);
    }

    [Fact]
    public async Task ImportAsync_MalformedRecords_RejectsThemWithPidAndPosAndTheirWholePlaylist()
    {
        using var temp = new TempFolder();
        var file = temp.Write("slice.json", Slice(
            Playlist("\"pid\":7,", Track(0), Track(1, uri: null), Track(2, name: null), Track(3)),
            Playlist(string.Empty, Track(0)),
            Playlist("\"pid\":9,", Track(0, uri: "spotify:track:Z{0}"))));
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new MpdImporter().ImportAsync(file, writer, rejects);

        Assert.Equal(
            ["playlist pid 7 track pos 1", "playlist pid 7 track pos 2", "playlist #1"],
            rejects.Items.Select(r => r.Location).ToArray());
        Assert.Equal(rejects.Items, report.Rejects);
        Assert.All(rejects.Items, r => Assert.Equal(file, r.File));
        Assert.All(rejects.Items.Take(2), r => Assert.EndsWith(MpdImporter.KeptSuffix, r.Reason, StringComparison.Ordinal));
        Assert.Equal(["mpd:playlist:9"], writer.Playlists.Select(p => p.Key).ToArray()); // pid 7 is not imported with 2 of its 4 tracks
        Assert.DoesNotContain(writer.Tracks, t => t.Key == "spotify:track:T0" || t.Key == "spotify:track:T3");
        Assert.True(writer.Playlists[0].Collaborative);
        Assert.Equal(1, report.Stored("playlist_tracks"));
    }

    [Fact]
    public async Task ImportAsync_MistypedNumbersAndRepeatedPos_RejectRecordsInsteadOfAborting()
    {
        using var temp = new TempFolder();
        var file = temp.Write("slice.json", Slice(
            Playlist("\"pid\":\"2\",", Track(0)),
            "{\"name\":\"F\",\"pid\":3,\"num_followers\":\"many\",\"tracks\":[" + Track(0) + "]}",
            Playlist("\"pid\":4,", Track(0), Track(0, uri: "spotify:track:dup{0}"), Track(1).Replace("\"pos\":1", "\"pos\":\"x\"", StringComparison.Ordinal), Track(2)),
            Playlist("\"pid\":5,", Track(0, uri: "spotify:track:N{0}").Replace("\"duration_ms\":1000", "\"duration_ms\":\"n/a\"", StringComparison.Ordinal))));
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new MpdImporter().ImportAsync(file, writer, rejects);

        Assert.Equal(
            ["playlist #0", "playlist pid 3", "playlist pid 4 track pos 0", "playlist pid 4 track #2"],
            rejects.Items.Select(r => r.Location).ToArray());
        Assert.Contains("same pos", rejects.Items[2].Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(writer.Entries, e => e.PlaylistKey == "mpd:playlist:4");
        Assert.Null(writer.Tracks.Single(t => t.Key == "spotify:track:N0").DurationMs); // "n/a" is an optional field left empty
        Assert.Equal(1, report.Stored("playlists"));
    }

    [Fact]
    public async Task ImportAsync_FileCutOffInAPlaylist_KeepsCompletePlaylistsAndRejectsTheTail()
    {
        using var temp = new TempFolder();
        var full = Slice(Playlist("\"pid\":1,", Track(0)), Playlist("\"pid\":2,", Track(0), Track(1)));
        var file = temp.Write("cut.json", full[..(full.Length - 30)]);
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        await new MpdImporter().ImportAsync(file, writer, rejects);

        Assert.Equal(["mpd:playlist:1"], writer.Playlists.Select(p => p.Key).ToArray());
        Assert.Equal("after playlist pid 1", Assert.Single(rejects.Items).Location);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"info\":{},\"other\":[]}")]
    [InlineData("{\"playlists\":{}}")]
    [InlineData("{\"playlists\":[{\"name\":\"from an account export\",\"items\":[]}]}")]
    [InlineData("")]
    public async Task ImportAsync_NotAnMpdSlice_ThrowsInputFormatExceptionAndWritesNothing(string content)
    {
        using var temp = new TempFolder();
        var file = temp.Write("not-mpd.json", content);
        var writer = new FakeCatalogWriter();

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new MpdImporter().ImportAsync(file, writer, new ListRejectSink()));

        Assert.Contains(file, ex.Message, StringComparison.Ordinal);
        Assert.Empty(writer.Batches);
    }

    [Fact]
    public async Task ImportAsync_MissingFile_ThrowsFileNotFoundException()
    {
        using var temp = new TempFolder();

        await Assert.ThrowsAsync<FileNotFoundException>(() =>
            new MpdImporter().ImportAsync(Path.Combine(temp.Path, "nope.json"), new FakeCatalogWriter(), new ListRejectSink()));
    }

    [Fact]
    public async Task ImportAsync_PlaylistLargerThanTheReadBuffer_IsReadWhole()
    {
        using var temp = new TempFolder();
        var tracks = Enumerable.Range(0, 2000).Select(i => Track(i)).ToArray();
        var file = temp.Write("big.json", Slice(Playlist("\"pid\":5,", tracks)));
        var writer = new FakeCatalogWriter();

        var report = await new MpdImporter().ImportAsync(file, writer, new ListRejectSink());

        Assert.True(new FileInfo(file).Length > 64 * 1024);
        Assert.Equal(2000, report.Stored("playlist_tracks"));
        Assert.Empty(report.Rejects);
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
{
    public void Report(ImportProgress value) => report(value);
}

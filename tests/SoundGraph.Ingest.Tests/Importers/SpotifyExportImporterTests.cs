using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.SpotifyExport;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Importers;

public sealed class SpotifyExportImporterTests
{
    private const string Playlists = """
        {"playlists":[
          {"name":"Mix","lastModifiedDate":"2023-01-02","description":null,"numberOfFollowers":2,"items":[
            {"track":{"trackName":"Song A","artistName":"Artist A","albumName":"Al","trackUri":"spotify:track:AAA"},"episode":null,"localTrack":null,"audiobook":null,"addedDate":"2023-01-01"},
            {"track":null,"episode":{"episodeName":"Pod","showName":"Show"},"localTrack":null},
            {"track":{"trackName":"Song B","artistName":"Artist B","albumName":"Al"},"episode":null,"localTrack":null},
            {"track":null,"episode":null,"localTrack":{"trackName":"x"}},
            {"track":{"trackName":"song a","artistName":"ARTIST A","albumName":"Al"},"episode":null,"localTrack":null},
            {"track":null,"episode":null,"localTrack":null,"audiobook":{"audiobookName":"Book"}}
          ]},
          {"name":"mix","lastModifiedDate":"2023-01-03","items":[]}
        ]}
        """;

    private const string History = """
        [
          {"endTime":"2019-11-24 16:56","artistName":"Artist B","trackName":"Song B","msPlayed":1000},
          {"endTime":"yesterday","artistName":"Artist B","trackName":"Song B","msPlayed":1000},
          {"endTime":"2019-11-24 17:00","artistName":"Artist A","trackName":"Song A","msPlayed":2000},
          {"endTime":"2019-11-24 17:05","artistName":"Stored Artist","trackName":"Stored Song","msPlayed":3000}
        ]
        """;

    [SharedFact("spotify-account-export-format-sample")]
    public async Task ImportAsync_RealSample_Imports13Playlists277ItemsAnd10000Listens()
    {
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();
        var folder = TestData.Shared("spotify-account-export-format-sample");

        var report = await new SpotifyExportImporter().ImportAsync(folder, writer, rejects);

        Assert.Empty(rejects.Items);
        Assert.Equal((13L, 277L, 10000L), (report.Read("playlists"), report.Read("entries"), report.Read("listens")));
        Assert.DoesNotContain(report.Skipped, s => s.Value > 0);
        Assert.Equal(13, report.Stored("playlists"));
        Assert.Equal(277, report.Stored("playlist_tracks"));
        Assert.Equal(10000, report.Stored("listens"));
        var user = Assert.Single(writer.Users);
        Assert.Equal(("spotify-export:user:spotify account export format sample", "spotify-account-export-format-sample"), (user.Key, user.Name));
        Assert.Contains(writer.Playlists, p => p.Key == "spotify-export:playlist:spotify account export format sample:on repeat#1");
        Assert.Contains(writer.Playlists, p => p.Key == "spotify-export:playlist:spotify account export format sample:#1");
        Assert.All(writer.Listens, l => Assert.Equal(("spotify-export", TimeSpan.Zero), (l.Source, l.ListenedAt.Offset)));
        Assert.Equal(new DateTimeOffset(2019, 11, 24, 16, 56, 0, TimeSpan.Zero), writer.Listens[0].ListenedAt);
        Assert.Equal(writer.Tracks.Count, report.Stored("tracks"));
        Assert.Equal(writer.Tracks.Count, writer.Credits.Count);
        Assertions.NoPlaylistSplitAcrossBatches(writer);
    }

    [Fact]
    public async Task ImportAsync_SmallExport_SkipsNonTracksRejectsABadPlayAndAppliesTheUriRule()
    {
        using var temp = new TempFolder("Jane Doe");
        temp.Write("Playlist1.json", Playlists);
        temp.Write("StreamingHistory0.json", History);
        var writer = new FakeCatalogWriter();
        writer.StoredTracksByName[NameNormalizer.TrackNameKey("Stored Artist", "Stored Song")] = "spotify:track:STORED";
        var rejects = new ListRejectSink();

        var report = await new SpotifyExportImporter().ImportAsync(temp.Path, writer, rejects);

        Assert.Equal(["item 1"], rejects.Items.Select(r => r.Location).ToArray());
        Assert.Equal(rejects.Items, report.Rejects);
        Assert.Equal((1L, 1L, 1L), (report.Skipped("episode"), report.Skipped("local_file"), report.Skipped("audiobook")));
        Assert.Equal((2L, 6L, 4L), (report.Read("playlists"), report.Read("entries"), report.Read("listens")));
        Assert.Equal(
            ["spotify-export:playlist:jane doe:mix#1", "spotify-export:playlist:jane doe:mix#2"],
            writer.Playlists.Select(p => p.Key).ToArray());
        Assert.All(writer.Playlists, p => Assert.Equal("spotify-export:user:jane doe", p.OwnerUserKey));

        // Kept items renumbered 0..2; "song a" by "ARTIST A" has no URI but the same name key as a row that has one.
        var songB = EntityKeys.TrackByName("Artist B", "Song B");
        Assert.Equal(
            [(0, "spotify:track:AAA"), (1, songB), (2, "spotify:track:AAA")],
            writer.Entries.Select(e => (e.Position, e.TrackKey)).ToArray());
        Assert.Equal(new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero), writer.Entries[0].AddedAt);
        Assert.Equal([songB, "spotify:track:AAA", "spotify:track:STORED"], writer.Listens.Select(l => l.TrackKey).ToArray());
        Assert.Equal(1, report.Read("tracks_matched_by_name"));
        Assert.DoesNotContain(writer.Tracks, t => t.Key == "spotify:track:STORED");
        Assert.Equal(["spotify:track:AAA", songB], writer.Tracks.Select(t => t.Key).ToArray());
    }

    [Fact]
    public async Task ImportAsync_UserNameOption_KeysTheUserByIt()
    {
        using var temp = new TempFolder("folder");
        temp.Write("Playlist1.json", Playlists);
        var writer = new FakeCatalogWriter();

        await new SpotifyExportImporter("Zoë").ImportAsync(temp.Path, writer, new ListRejectSink());

        Assert.Equal("spotify-export:user:" + NameNormalizer.Normalize("Zoë"), Assert.Single(writer.Users).Key);
    }

    [Fact]
    public async Task ImportAsync_GzippedFiles_AreAccepted()
    {
        using var temp = new TempFolder("gz");
        temp.Gzip("Playlist1.json.gz", System.Text.Encoding.UTF8.GetBytes(Playlists));
        temp.Gzip("StreamingHistory0.json.gz", System.Text.Encoding.UTF8.GetBytes(History));
        var writer = new FakeCatalogWriter();

        var report = await new SpotifyExportImporter().ImportAsync(temp.Path, writer, new ListRejectSink());

        Assert.Equal((3L, 3L), (report.Stored("playlist_tracks"), report.Stored("listens")));
    }

    [Theory]
    [InlineData("Playlist1.json", "{\"info\":{},\"playlists\":[{\"pid\":1,\"tracks\":[]}]}")]
    [InlineData("Playlist1.json", "not json at all")]
    [InlineData("StreamingHistory0.json", "{\"endTime\":\"2019-11-24 16:56\"}")]
    [InlineData("StreamingHistory0.json", "[{\"ts\":\"2019\"}]")]
    [InlineData("notes.txt", "nothing here")]
    public async Task ImportAsync_NotAnExport_ThrowsInputFormatExceptionAndWritesNothing(string name, string content)
    {
        using var temp = new TempFolder("bad");
        temp.Write("Playlist2.json", Playlists);
        temp.Write(name, content);
        if (name == "notes.txt")
        {
            File.Delete(Path.Combine(temp.Path, "Playlist2.json"));
        }

        var writer = new FakeCatalogWriter();

        await Assert.ThrowsAsync<InputFormatException>(() => new SpotifyExportImporter().ImportAsync(temp.Path, writer, new ListRejectSink()));

        Assert.Empty(writer.Batches);
    }

    [Fact]
    public async Task ImportAsync_MissingFolder_ThrowsDirectoryNotFoundException()
    {
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() =>
            new SpotifyExportImporter().ImportAsync(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")), new FakeCatalogWriter(), new ListRejectSink()));
    }
}

using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.SpotifyExportTsv;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Importers;

public sealed class PlaylistsTsvImporterTests
{
    private const string PlaylistsHeader = "playlist_id\tsource_id\tname\tlast_modified_date\tnum_tracks\tnum_followers\n";
    private const string TracksHeader = "playlist_id\tpos\ttrack_name\tartist_name\talbum_name\ttrack_uri\tadded_date\n";

    [SharedFact("spotify-account-export-playlists")]
    public async Task ImportAsync_RealFolder_Imports2857PlaylistsAnd211917Rows()
    {
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new PlaylistsTsvImporter().ImportAsync(TestData.Shared("spotify-account-export-playlists"), writer, rejects);

        Assert.Empty(rejects.Items);
        Assert.Equal((2857L, 211917L), (report.Read("playlists"), report.Read("entries")));
        Assert.Equal((2857L, 211917L), (report.Stored("playlists"), report.Stored("playlist_tracks")));
        Assert.Equal(93, report.Stored("users"));
        Assert.True(writer.Batches.Count > 10);
        Assertions.NoPlaylistSplitAcrossBatches(writer);
        Assert.Equal(writer.Tracks.Count, report.Stored("tracks"));
        Assert.Equal(0, report.Read("tracks_matched_by_name"));
    }

    [Fact]
    public async Task ImportAsync_MalformedRows_RejectsThemWithLineNumbersAndAppliesTheUriRule()
    {
        using var temp = new TempFolder("tsv");
        temp.Write("playlists.tsv", PlaylistsHeader + "p1\ts1\tOne\t2020-01-02\t3\t0\np2\ts1\tTwo\tnot-a-date\t1\t0\np3\ts2\tThree\t\t2\t\n");
        temp.Write("playlist_tracks.tsv", TracksHeader
            + "p1\t0\tSong\tArtist\tAl\t\t\n"
            + "p1\t1\tx\n"
            + "p1\t2\t\t\tAl\t\t\n"
            + "p2\t0\tSong\tArtist\tAl\t\t\n"
            + "p3\t0\tSONG!\tartist\tAl\tspotify:track:S1\t2021-05-06\n"
            + "p3\tone\tOther\tArtist\tAl\t\t\n");
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new PlaylistsTsvImporter().ImportAsync(Path.Combine(temp.Path, "playlists.tsv"), writer, rejects);

        Assert.Equal(
            ["playlists.tsv line 3", "playlist_tracks.tsv line 3", "playlist_tracks.tsv line 4", "playlist_tracks.tsv line 5", "playlist_tracks.tsv line 7"],
            rejects.Items.Select(r => Path.GetFileName(r.File) + " " + r.Location).ToArray());
        Assert.Equal(rejects.Items, report.Rejects);
        Assert.Equal(["spotify-export-tsv:playlist:p1", "spotify-export-tsv:playlist:p3"], writer.Playlists.Select(p => p.Key).ToArray());
        Assert.Equal("spotify-export-tsv:user:s2", writer.Playlists[1].OwnerUserKey);
        Assert.Equal(
            [("spotify-export-tsv:playlist:p1", 0, "spotify:track:S1"), ("spotify-export-tsv:playlist:p3", 0, "spotify:track:S1")],
            writer.Entries.Select(e => (e.PlaylistKey, e.Position, e.TrackKey)).ToArray());
        Assert.Equal(new DateTimeOffset(2021, 5, 6, 0, 0, 0, TimeSpan.Zero), writer.Entries[1].AddedAt);
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 0, 0, 0, TimeSpan.Zero), writer.Playlists[0].ModifiedAt);
    }

    [Fact]
    public async Task ImportAsync_NoUriAnywhere_UsesStoredTrackThenNameKey()
    {
        using var temp = new TempFolder("tsv");
        temp.Write("playlists.tsv", PlaylistsHeader + "p1\ts1\tOne\t2020-01-02\t2\t0\n");
        temp.Write("playlist_tracks.tsv", TracksHeader + "p1\t0\tKnown\tA\tAl\t\t\np1\t1\tNew\tA\tAl\t\t\n");
        var writer = new FakeCatalogWriter();
        writer.StoredTracksByName[NameNormalizer.TrackNameKey("A", "Known")] = "spotify:track:K";

        var report = await new PlaylistsTsvImporter().ImportAsync(temp.Path, writer, new ListRejectSink());

        Assert.Equal(["spotify:track:K", EntityKeys.TrackByName("A", "New")], writer.Entries.Select(e => e.TrackKey).ToArray());
        Assert.Equal([EntityKeys.TrackByName("A", "New")], writer.Tracks.Select(t => t.Key).ToArray());
        Assert.Equal(1, report.Read("tracks_matched_by_name"));
    }

    [Fact]
    public async Task ImportAsync_GzippedTracksFile_IsAccepted()
    {
        using var temp = new TempFolder("tsv");
        temp.Write("playlists.tsv", PlaylistsHeader + "p1\ts1\tOne\t2020-01-02\t1\t0\n");
        temp.Gzip("playlist_tracks.tsv.gz", System.Text.Encoding.UTF8.GetBytes(TracksHeader + "p1\t0\tSong\tArtist\tAl\t\t\n"));

        var report = await new PlaylistsTsvImporter().ImportAsync(temp.Path, new FakeCatalogWriter(), new ListRejectSink());

        Assert.Equal(1, report.Stored("playlist_tracks"));
    }

    [Fact]
    public async Task ImportAsync_WrongHeaderOrMissingFile_ThrowsInputFormatExceptionAndWritesNothing()
    {
        using var temp = new TempFolder("tsv");
        temp.Write("playlists.tsv", "id,name\n1,x\n");
        temp.Write("playlist_tracks.tsv", TracksHeader);
        var writer = new FakeCatalogWriter();

        await Assert.ThrowsAsync<InputFormatException>(() => new PlaylistsTsvImporter().ImportAsync(temp.Path, writer, new ListRejectSink()));
        File.Delete(Path.Combine(temp.Path, "playlist_tracks.tsv"));
        temp.Write("playlists.tsv", PlaylistsHeader);
        await Assert.ThrowsAsync<InputFormatException>(() => new PlaylistsTsvImporter().ImportAsync(temp.Path, writer, new ListRejectSink()));

        Assert.Empty(writer.Batches);
    }

    [Fact]
    public async Task ImportAsync_MissingPath_ThrowsDirectoryNotFoundException()
    {
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() =>
            new PlaylistsTsvImporter().ImportAsync(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")), new FakeCatalogWriter(), new ListRejectSink()));
    }
}

public sealed class ListensTsvImporterTests
{
    private const string Header = "source_id\tend_time_unix\tend_time_utc\tartist_name\ttrack_name\tms_played\n";

    [SharedFact("spotify-account-export-playlists")]
    public async Task ImportAsync_RealFile_Reads248545ListensAndStoresEachDistinctPlayOnce()
    {
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new ListensTsvImporter().ImportAsync(TestData.Shared("spotify-account-export-playlists"), writer, rejects);

        Assert.Empty(rejects.Items);
        Assert.Equal(248545, report.Read("listens"));
        // 18,106 rows repeat an earlier row exactly (same user, track, minute and ms played): counted, stored once.
        Assert.Equal(18106, report.Skipped("duplicate_listen"));
        Assert.Equal(248545 - 18106, report.Stored("listens"));
        Assert.Equal(11, report.Stored("users"));
        Assert.All(writer.Listens, l => Assert.Equal("listens-tsv", l.Source));
        var first = writer.Listens[0];
        Assert.Equal(("spotify-export-tsv:user:s001", EntityKeys.TrackByName("BØRNS", "Electric Love"), DateTimeOffset.FromUnixTimeSeconds(1601478780), 172384L), (first.UserKey, first.TrackKey, first.ListenedAt, first.MsPlayed));

        // No exact repeat reaches the writer.
        Assert.Equal(writer.Listens.Count, writer.Listens.Distinct().Count());
    }

    [Fact]
    public async Task ImportAsync_MalformedRows_RejectsThemWithLineNumbers()
    {
        using var temp = new TempFolder("listens");
        var file = temp.Write("listening_history.tsv", Header
            + "s1\t1601478780\t2020-09-30 15:13\tA\tSong\t100\n"
            + "s1\tsoon\t2020-09-30 15:13\tA\tSong\t100\n"
            + "s1\t1601478780\t2020-09-30 15:13\t\t\t100\n"
            + "s1\t1601478780\t2020-09-30 15:13\tA\tSong\n"
            + "s2\t1601478790\t2020-09-30 15:13\tB\tSong\t-5\n"
            + "s2\t1601478790\t2020-09-30 15:13\tB\tOther\t5\n");
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new ListensTsvImporter().ImportAsync(file, writer, rejects);

        Assert.Equal(["line 3", "line 4", "line 5", "line 6"], rejects.Items.Select(r => r.Location).ToArray());
        Assert.Equal(rejects.Items, report.Rejects);
        Assert.Equal(6, report.Read("listens"));
        Assert.Equal(2, writer.Listens.Count);
    }

    [Fact]
    public async Task ImportAsync_GzippedFileGivenByName_IsAccepted()
    {
        using var temp = new TempFolder("listens");
        var gz = temp.Gzip("history.tsv.gz", System.Text.Encoding.UTF8.GetBytes(Header + "s1\t1601478780\t2020-09-30 15:13\tA\tSong\t100\n"));

        var report = await new ListensTsvImporter().ImportAsync(gz, new FakeCatalogWriter(), new ListRejectSink());

        Assert.Equal(1, report.Stored("listens"));
    }

    [Fact]
    public async Task ImportAsync_NotAListeningHistory_ThrowsInputFormatExceptionAndWritesNothing()
    {
        using var temp = new TempFolder("listens");
        var file = temp.Write("listening_history.tsv", "playlist_id\tpos\n1\t2\n");
        var writer = new FakeCatalogWriter();

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new ListensTsvImporter().ImportAsync(file, writer, new ListRejectSink()));

        Assert.Contains(file, ex.Message, StringComparison.Ordinal);
        Assert.Empty(writer.Batches);
    }
}

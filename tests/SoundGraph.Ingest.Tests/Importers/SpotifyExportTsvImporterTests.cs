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
    public async Task ImportAsync_MalformedRows_RejectsThemWithLineNumbersAndTheirWholePlaylistAndAppliesTheUriRule()
    {
        using var temp = new TempFolder("tsv");
        temp.Write("playlists.tsv", PlaylistsHeader + "p1\ts1\tOne\t2020-01-02\t3\t0\np2\ts1\tTwo\tnot-a-date\t1\t0\np3\ts2\tThree\t\t2\t\np4\ts2\tFour\t2020-01-02\t1\t0\n");
        temp.Write("playlist_tracks.tsv", TracksHeader
            + "p1\t0\tSong\tArtist\tAl\t\t\n"
            + "p1\t1\tx\n"
            + "p1\t2\t\t\tAl\t\t\n"
            + "p2\t0\tSong\tArtist\tAl\t\t\n"
            + "p3\t0\tSONG!\tartist\tAl\tspotify:track:S1\t2021-05-06\n"
            + "p3\tone\tOther\tArtist\tAl\t\t\n"
            + "p4\t0\tSong\tArtist\tAl\t\t2021-05-06\n");
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new PlaylistsTsvImporter().ImportAsync(Path.Combine(temp.Path, "playlists.tsv"), writer, rejects);

        Assert.Equal(
            ["playlists.tsv line 3", "playlist_tracks.tsv line 3", "playlist_tracks.tsv line 4", "playlist_tracks.tsv line 5", "playlist_tracks.tsv line 7"],
            rejects.Items.Select(r => Path.GetFileName(r.File) + " " + r.Location).ToArray());
        Assert.Equal(rejects.Items, report.Rejects);
        Assert.Equal("The line has 3 fields, expected 7; playlist p1's new version is rejected (a stored version is kept).", rejects.Items[1].Reason);
        Assert.Equal("The playlist p2 is not in playlists.tsv (or was rejected there).", rejects.Items[3].Reason);
        Assert.Equal(["spotify-export-tsv:playlist:p4"], writer.Playlists.Select(p => p.Key).ToArray()); // p1 and p3 had a bad row
        Assert.Equal("spotify-export-tsv:user:s2", writer.Playlists[0].OwnerUserKey);
        Assert.Equal(
            [("spotify-export-tsv:playlist:p4", 0, "spotify:track:S1")], // the URI another row gives the same (artist, title)
            writer.Entries.Select(e => (e.PlaylistKey, e.Position, e.TrackKey)).ToArray());
        Assert.Equal(new DateTimeOffset(2021, 5, 6, 0, 0, 0, TimeSpan.Zero), writer.Entries[0].AddedAt);
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 0, 0, 0, TimeSpan.Zero), writer.Playlists[0].ModifiedAt);
    }

    [Fact]
    public async Task ImportAsync_CutOffOrShortTracksFile_RejectsThePlaylistsItMayHoldAndEmitsOnlyCompleteOnes()
    {
        using var temp = new TempFolder("tsv");
        temp.Write("playlists.tsv", PlaylistsHeader + "p1\ts1\tOne\t\t2\t\np2\ts1\tTwo\t\t2\t\np3\ts1\tThree\t\t3\t\np4\ts1\tFour\t\t\t\np5\ts1\tFive\t\t0\t\n");
        const string Rows = "p1\t0\tA\tX\t\tspotify:track:A\t\np1\t1\tB\tX\t\tspotify:track:B\t\np2\t0\tC\tX\t\tspotify:track:C\t\n"
            + "p3\t0\tD\tX\t\tspotify:track:D\t\np3\t1\tE\tX\t\tspotify:track:E\t\np3\t2\tF\tX\t\tspotify:track:F\t\n";
        temp.Write("playlist_tracks.tsv", TracksHeader + Rows[..^40]); // cut inside p3's second row
        var rejects = new ListRejectSink();
        var writer = new FakeCatalogWriter();

        await new PlaylistsTsvImporter().ImportAsync(temp.Path, writer, rejects);

        Assert.Equal(
            ["playlist_tracks.tsv lines 4-4", "playlist_tracks.tsv line 6", "playlists.tsv line 5", "playlists.tsv line 6"],
            rejects.Items.Select(r => Path.GetFileName(r.File) + " " + r.Location).ToArray());
        Assert.Equal("Playlist p2 has 1 rows but num_tracks 2 in playlists.tsv; playlist p2's new version is rejected (a stored version is kept).", rejects.Items[0].Reason);
        Assert.StartsWith("The file ends in the middle of this line (no line break after it): it is cut off; playlist p3's", rejects.Items[1].Reason, StringComparison.Ordinal);
        Assert.Equal("playlist_tracks.tsv is cut off at line 6 before any row of this playlist; playlist p4's new version is rejected (a stored version is kept).", rejects.Items[2].Reason);
        Assert.Equal(["spotify-export-tsv:playlist:p1"], writer.Playlists.Select(p => p.Key).ToArray());

        temp.Write("playlist_tracks.tsv", TracksHeader + Rows); // read to its end: p4 (no num_tracks) and p5 (0) are stored empty
        writer = new FakeCatalogWriter();
        rejects = new ListRejectSink();
        await new PlaylistsTsvImporter().ImportAsync(temp.Path, writer, rejects);

        Assert.Equal(["lines 4-4"], rejects.Items.Select(r => r.Location).ToArray());
        Assert.Equal(["p1", "p3", "p4", "p5"], writer.Playlists.Select(p => p.Key[(p.Key.LastIndexOf(':') + 1)..]).ToArray());
        Assert.Equal(5, writer.Entries.Count);
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

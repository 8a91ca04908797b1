using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Ingest.Importers.HetrecLastfm;
using SoundGraph.Ingest.Importers.Mpd;
using SoundGraph.Ingest.Importers.SpotifyExport;
using SoundGraph.Ingest.Importers.SpotifyExportTsv;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Importers;

/// <summary>Per-field value checks (issue 13, F7): an out-of-range value rejects only its record, naming the field.</summary>
public sealed class FieldValueChecksTests
{
    private const string Range = "is outside 2000-01-01 … now + 1 day (UTC)";
    private static readonly string Long = new('a', 1001);
    private static readonly string LongReason = "is 1,001 characters long, more than 1,000: '" + new string('a', 40) + "…'";

    private static string Lines(IEnumerable<Core.Import.Reject> rejects) =>
        string.Join('\n', rejects.Select(r => Path.GetFileName(r.File) + " | " + r.Location + " | " + r.Reason));

    private static string MpdTrack(int pos, string duration = "1000", string artist = "Artist") =>
        "{\"pos\":" + pos + ",\"artist_name\":\"" + artist + "\",\"track_uri\":\"spotify:track:T" + pos + "\",\"track_name\":\"Song\",\"duration_ms\":" + duration + ",\"album_name\":\"Album\"}";

    private static string MpdPlaylist(string pid, string track, string modifiedAt = "1493424000", string followers = "3") =>
        "{\"name\":\"P\",\"pid\":" + pid + ",\"modified_at\":" + modifiedAt + ",\"num_followers\":" + followers + ",\"tracks\":[" + track + "]}";

    [Fact]
    public async Task Mpd_OutOfRangeValues_RejectOnlyTheirPlaylistNamingTheField()
    {
        using var temp = new TempFolder();
        var file = temp.Write("slice.json", "{\"info\":{},\"playlists\":[" + string.Join(',',
            MpdPlaylist("-1", MpdTrack(0)),
            MpdPlaylist("2", MpdTrack(0), followers: "-5"),
            MpdPlaylist("3", MpdTrack(0, duration: "-100")),
            MpdPlaylist("4", MpdTrack(0), modifiedAt: "1"),
            MpdPlaylist("5", MpdTrack(0, artist: Long)),
            MpdPlaylist("6", MpdTrack(0, duration: "86400000")),
            MpdPlaylist("7", MpdTrack(0, duration: "86399999"))) + "]}");
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new MpdImporter().ImportAsync(file, writer, rejects);

        var kept = MpdImporter.KeptSuffix;
        Assert.Equal(
            string.Join('\n',
                "slice.json | playlist #0 | pid -1 is negative.",
                "slice.json | playlist pid 2 | num_followers -5 is negative" + kept,
                "slice.json | playlist pid 3 track pos 0 | duration_ms -100 is not above 0 and below a day (86,400,000 ms)" + kept,
                "slice.json | playlist pid 4 | modified_at 1 " + Range + kept,
                "slice.json | playlist pid 5 track pos 0 | artist_name " + LongReason + kept,
                "slice.json | playlist pid 6 track pos 0 | duration_ms 86400000 is not above 0 and below a day (86,400,000 ms)" + kept),
            Lines(rejects.Items));
        Assert.Equal(["mpd:playlist:7"], writer.Playlists.Select(p => p.Key).ToArray());
        Assert.Equal(86399999L, Assert.Single(writer.Tracks).DurationMs);
        Assert.Equal(1, report.Stored("playlists"));
    }

    [Fact]
    public async Task Hetrec_DamagedCopyOfTheRealFolder_RejectsTheNegativeWeightAndImportsTheRest()
    {
        using var temp = new TempFolder("hetrec");
        foreach (var source in Directory.GetFiles(TestData.Demo("hetrec2011-lastfm-2k")))
        {
            File.Copy(source, Path.Combine(temp.Path, Path.GetFileName(source)));
        }

        var userArtists = Path.Combine(temp.Path, "user_artists.dat");
        var text = await File.ReadAllTextAsync(userArtists);
        Assert.StartsWith("userID\tartistID\tweight\r\n2\t51\t13883\r\n", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(userArtists, text.Replace("\r\n2\t51\t13883\r\n", "\r\n2\t51\t-13883\r\n", StringComparison.Ordinal));
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new HetrecLastfmImporter().ImportAsync(temp.Path, writer, rejects);

        Assert.Equal("user_artists.dat | line 2 | weight -13883 is negative.", Lines(rejects.Items.Where(r => Path.GetFileName(r.File) != "user_taggedartists.dat")));
        Assert.Equal(5, rejects.Items.Count(r => r.Reason.StartsWith("day/month/year", StringComparison.Ordinal)));
        Assert.Equal(92834, report.Read("engagements"));
        Assert.Equal(92834 - 35 - 1, report.Stored("engagements"));
        Assert.DoesNotContain(writer.All(b => b.Engagements), e => e.Count < 0);
        Assert.Equal(186478 - 408 - 5, report.Stored("tag_assignments"));
    }

    [Fact]
    public async Task Hetrec_TenMegabyteArtistName_IsRejectedNotStored()
    {
        using var temp = new TempFolder("hetrec");
        var huge = new string('x', 10_000_000);
        temp.Write("artists.dat", "id\tname\turl\tpictureURL\n1\tMALICE MIZER\tu\tp\n2\t" + huge + "\tu\tp\n");
        temp.Write("tags.dat", "tagID\ttagValue\n1\tmetal\n");
        temp.Write("user_artists.dat", "userID\tartistID\tweight\n2\t1\t100\n");
        temp.Write("user_friends.dat", "userID\tfriendID\n");
        temp.Write("user_taggedartists.dat", "userID\tartistID\ttagID\tday\tmonth\tyear\n");
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        await new HetrecLastfmImporter().ImportAsync(temp.Path, writer, rejects);

        Assert.Equal("artists.dat | line 3 | name is 10,000,000 characters long, more than 1,000: '" + new string('x', 40) + "…'.", Lines(rejects.Items));
        Assert.Equal([EntityKeys.ArtistByName("MALICE MIZER")], writer.Artists.Select(a => a.Key).ToArray());
        Assert.Single(writer.All(b => b.Engagements));
    }

    [Fact]
    public async Task PlaylistsTsv_OutOfRangeValues_RejectOnlyTheirRowNamingTheField()
    {
        using var temp = new TempFolder("tsv");
        temp.Write("playlists.tsv", "playlist_id\tsource_id\tname\tlast_modified_date\tnum_tracks\tnum_followers\n"
            + "p1\ts1\tOne\t2020-01-02\t1\t0\n"
            + "p2\ts1\tTwo\t2020-01-02\t\t-5\n"
            + "p3\ts1\tThree\t1970-01-01\t\t0\n"
            + "p4\ts1\t" + Long + "\t2020-01-02\t\t0\n"
            + "p5\ts1\tFive\t2020-01-02\t1\t0\n");
        temp.Write("playlist_tracks.tsv", "playlist_id\tpos\ttrack_name\tartist_name\talbum_name\ttrack_uri\tadded_date\n"
            + "p1\t0\tSong\tArtist\tAl\t\t2020-01-02\n"
            + "p5\t0\tSong\tArtist\tAl\t\t1999-12-31\n");
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        await new PlaylistsTsvImporter().ImportAsync(temp.Path, writer, rejects);

        Assert.Equal(
            string.Join('\n',
                "playlists.tsv | line 3 | num_followers -5 is negative.",
                "playlists.tsv | line 4 | last_modified_date 1970-01-01 " + Range + ".",
                "playlists.tsv | line 5 | name " + LongReason + ".",
                "playlist_tracks.tsv | line 3 | added_date 1999-12-31 " + Range + "; playlist p5's new version is rejected (a stored version is kept)."),
            Lines(rejects.Items));
        Assert.Equal(["spotify-export-tsv:playlist:p1"], writer.Playlists.Select(p => p.Key).ToArray());
    }

    [Fact]
    public async Task ListensTsv_OutOfRangeValues_RejectOnlyTheirRowNamingTheField()
    {
        using var temp = new TempFolder("listens");
        var future = DateTimeOffset.UtcNow.AddDays(2).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var file = temp.Write("listening_history.tsv", "source_id\tend_time_unix\tend_time_utc\tartist_name\ttrack_name\tms_played\n"
            + "s1\t1601478780\t2020-09-30 15:13\tA\tSong\t0\n"
            + "s1\t1\t1970-01-01 00:00\tA\tSong\t100\n"
            + "s1\t" + future + "\tsoon\tA\tSong\t100\n"
            + "s1\t1601478780\t2020-09-30 15:13\tA\tSong\t86400000\n"
            + "s1\t1601478780\t2020-09-30 15:13\tA\t" + Long + "\t100\n"
            + "s1\t1601478790\t2020-09-30 15:13\tA\tSong\t86399999\n");
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new ListensTsvImporter().ImportAsync(file, writer, rejects);

        Assert.Equal(
            string.Join('\n',
                "listening_history.tsv | line 3 | end_time_unix 1 " + Range + ".",
                "listening_history.tsv | line 4 | end_time_unix " + future + " " + Range + ".",
                "listening_history.tsv | line 5 | ms_played 86400000 is not at least 0 and below a day (86,400,000 ms).",
                "listening_history.tsv | line 6 | track_name " + LongReason + "."),
            Lines(rejects.Items));
        Assert.Equal([0L, 86399999L], writer.Listens.Select(l => l.MsPlayed).ToArray());
        Assert.Equal(2, report.Stored("listens"));
    }

    [Fact]
    public async Task SpotifyExport_OutOfRangeValues_RejectOnlyTheirRecordNamingTheField()
    {
        using var temp = new TempFolder("me");
        string Item(string track, string added = "2020-01-02") => "{\"track\":{" + track + "},\"addedDate\":\"" + added + "\"}";
        temp.Write("Playlist1.json", "{\"playlists\":["
            + "{\"name\":\"Ok\",\"lastModifiedDate\":\"2020-01-02\",\"numberOfFollowers\":2,\"items\":[" + Item("\"trackName\":\"A\",\"artistName\":\"X\"") + "]},"
            + "{\"name\":\"Old\",\"lastModifiedDate\":\"1999-12-31\",\"items\":[" + Item("\"trackName\":\"A\",\"artistName\":\"X\"") + "]},"
            + "{\"name\":\"Added\",\"items\":[" + Item("\"trackName\":\"A\",\"artistName\":\"X\"", added: "1980-05-01") + "]},"
            + "{\"name\":\"Followers\",\"numberOfFollowers\":-1,\"items\":[" + Item("\"trackName\":\"A\",\"artistName\":\"X\"") + "]},"
            + "{\"name\":\"Long\",\"items\":[" + Item("\"trackName\":\"A\",\"artistName\":\"" + Long + "\"") + "]},"
            + "{\"name\":\"" + Long + "\",\"items\":[]},"
            + "{\"name\":\"Odd followers\",\"numberOfFollowers\":\"many\",\"items\":[]}"
            + "]}");
        var future = DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        temp.Write("StreamingHistory0.json", "["
            + "{\"endTime\":\"2020-01-01 10:00\",\"artistName\":\"X\",\"trackName\":\"A\",\"msPlayed\":0},"
            + "{\"endTime\":\"1999-01-01 10:00\",\"artistName\":\"X\",\"trackName\":\"A\",\"msPlayed\":5},"
            + "{\"endTime\":\"" + future + "\",\"artistName\":\"X\",\"trackName\":\"A\",\"msPlayed\":5},"
            + "{\"endTime\":\"2020-01-01 10:01\",\"artistName\":\"X\",\"trackName\":\"A\",\"msPlayed\":86400000},"
            + "{\"endTime\":\"2020-01-01 10:02\",\"artistName\":\"X\",\"trackName\":\"" + Long + "\",\"msPlayed\":5},"
            + "{\"endTime\":\"2020-01-01 10:03\",\"artistName\":\"X\",\"trackName\":\"A\",\"msPlayed\":86399999}]");
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        await new SpotifyExportImporter().ImportAsync(temp.Path, writer, rejects);

        var kept = SpotifyExportImporter.KeptSuffix;
        Assert.Equal(
            string.Join('\n',
                "Playlist1.json | playlist 'Old' | lastModifiedDate 1999-12-31 " + Range + kept,
                "Playlist1.json | playlist 'Added' item 0 | addedDate 1980-05-01 " + Range + kept,
                "Playlist1.json | playlist 'Followers' | numberOfFollowers -1 is negative" + kept,
                "Playlist1.json | playlist 'Long' item 0 | artistName " + LongReason + kept,
                "Playlist1.json | playlist '" + Long + "' | name " + LongReason + kept,
                "StreamingHistory0.json | item 1 | endTime 1999-01-01 10:00 " + Range + ".",
                "StreamingHistory0.json | item 2 | endTime " + future + " " + Range + ".",
                "StreamingHistory0.json | item 3 | msPlayed 86400000 is not at least 0 and below a day (86,400,000 ms).",
                "StreamingHistory0.json | item 4 | trackName " + LongReason + "."),
            Lines(rejects.Items));
        Assert.Equal(["Ok", "Odd followers"], writer.Playlists.Select(p => p.Name).ToArray());
        Assert.Equal([2, (int?)null], writer.Playlists.Select(p => p.Followers).ToArray());
        Assert.Equal([0L, 86399999L], writer.Listens.Select(l => l.MsPlayed).ToArray());
    }

    [Fact]
    public async Task Mpd_NonNumericDuration_StoresTheTrackWithUnknownDuration()
    {
        using var temp = new TempFolder();
        var file = temp.Write("slice.json", "{\"info\":{},\"playlists\":[" + string.Join(',',
            MpdPlaylist("1", string.Join(',', MpdTrack(0, duration: "\"3:45\""), MpdTrack(1, duration: "true"), MpdTrack(2, duration: "1.5"), MpdTrack(3, duration: "null"), MpdTrack(4)))) + "]}");
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new MpdImporter().ImportAsync(file, writer, rejects);

        Assert.Empty(rejects.Items);
        Assert.Equal([null, null, null, null, 1000L], writer.Tracks.Select(t => t.DurationMs).ToArray());
        Assert.Equal(5, writer.Entries.Count);
        Assert.Equal(1, report.Stored("playlists"));
    }

    [Fact]
    public async Task Hetrec_TagDatesThatAreNotDatesOrOutOfRange_AreRejectedNamingTheFields()
    {
        using var temp = new TempFolder("hetrec");
        temp.Write("artists.dat", "id\tname\turl\tpictureURL\n1\tMALICE MIZER\tu\tp\n");
        temp.Write("tags.dat", "tagID\ttagValue\n1\tmetal\n2\tj-rock\n3\tgoth\n4\tvisual kei\n5\tx\n6\ty\n7\tz\n");
        temp.Write("user_artists.dat", "userID\tartistID\tweight\n2\t1\t100\n");
        temp.Write("user_friends.dat", "userID\tfriendID\n");
        temp.Write("user_taggedartists.dat", "userID\tartistID\ttagID\tday\tmonth\tyear\n"
            + "2\t1\t1\t1\t4\t2009\n"
            + "2\t1\t2\t31\t2\t2009\n"
            + "2\t1\t3\t1\t13\t2009\n"
            + "2\t1\t4\t1\t1\t0\n"
            + "2\t1\t5\t1\t6\t1956\n"
            + "2\t1\t6\t1\t1\t2999\n"
            + "2\t1\t7\t1\t1\t2000\n");
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        await new HetrecLastfmImporter().ImportAsync(temp.Path, writer, rejects);

        Assert.Equal(
            string.Join('\n',
                "user_taggedartists.dat | line 3 | day/month/year 31/2/2009 is not a calendar date.",
                "user_taggedartists.dat | line 4 | day/month/year 1/13/2009 is not a calendar date.",
                "user_taggedartists.dat | line 5 | day/month/year 1/1/0 is not a calendar date.",
                "user_taggedartists.dat | line 6 | day/month/year 1/6/1956 " + Range + ".",
                "user_taggedartists.dat | line 7 | day/month/year 1/1/2999 " + Range + "."),
            Lines(rejects.Items));
        Assert.Equal(
            [("metal", new DateOnly(2009, 4, 1)), ("z", new DateOnly(2000, 1, 1))],
            writer.All(b => b.TagAssignments).Select(t => (t.Tag, t.TaggedOn!.Value)).ToArray());
    }
}

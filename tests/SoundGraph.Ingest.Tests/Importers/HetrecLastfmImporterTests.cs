using System.Text;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.HetrecLastfm;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Importers;

public sealed class HetrecLastfmImporterTests
{
    private static TempFolder SmallFolder(string? taggedExtra = null, string? artistsExtra = null)
    {
        var temp = new TempFolder("hetrec");
        temp.Write("artists.dat", "id\tname\turl\tpictureURL\n1\tMALICE MIZER\tu\tp\n2\tThe Weeknd\tu\tp\n3\tthe weeknd!\tu\tp\n" + artistsExtra);
        temp.Write("tags.dat", "tagID\ttagValue\r\n1\tmetal\r\n2\tsoirée\r\n", Encoding.Latin1);
        temp.Write("user_artists.dat", "userID\tartistID\tweight\r\n2\t1\t100\r\n2\t99\t5\r\n3\t2\tx\r\n3\t3\t7\r\n");
        temp.Write("user_friends.dat", "userID\tfriendID\r\n2\t3\r\n3\t2\r\n2\t4\r\n");
        temp.Write("user_taggedartists.dat", "userID\tartistID\ttagID\tday\tmonth\tyear\n2\t1\t1\t1\t4\t2009\n2\t1\t2\t0\t4\t2009\n3\t1\t7\t1\t4\t2009\n3\t2\t1\t1\t4\n" + taggedExtra);
        return temp;
    }

    [Fact]
    public async Task ImportAsync_RealFolder_ImportsExactCounts()
    {
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new HetrecLastfmImporter().ImportAsync(TestData.Demo("hetrec2011-lastfm-2k"), writer, rejects);

        // 1,538 rows of user_taggedartists.dat name 390 artist ids that artists.dat lacks (a known gap of the dataset):
        // they are kept under hetrec:artist:<id> keys. The only rejects: 5 tag dates of 1956, 1957 and 1979 (Last.fm
        // tags start in 2005), outside the shared 2000-01-01 … now + 1 day.
        Assert.Equal(
            [
                "line 4146: day/month/year 1/6/1956 is outside 2000-01-01 … now + 1 day (UTC).",
                "line 13131: day/month/year 1/3/1957 is outside 2000-01-01 … now + 1 day (UTC).",
                "line 137312: day/month/year 1/9/1956 is outside 2000-01-01 … now + 1 day (UTC).",
                "line 137315: day/month/year 1/9/1956 is outside 2000-01-01 … now + 1 day (UTC).",
                "line 170912: day/month/year 1/5/1979 is outside 2000-01-01 … now + 1 day (UTC).",
            ],
            rejects.Items.Select(r => $"{r.Location}: {r.Reason}").ToArray());
        Assert.All(rejects.Items, r => Assert.Equal("user_taggedartists.dat", Path.GetFileName(r.File)));
        Assert.Equal(390, report.Read("artists_only_in_tag_file"));
        Assert.Contains(writer.Artists, a => a.Key == "hetrec:artist:14103" && a.Name == "HetRec artist 14103 (not in artists.dat)");
        Assert.Equal(1892, report.Read("users"));
        Assert.Equal(1892, report.Stored("users"));
        Assert.Equal(17632, report.Read("artists"));
        Assert.Equal(11946, report.Read("tags"));
        Assert.Equal(92834 - 35, report.Stored("engagements"));
        Assert.Equal(35, report.Skipped("plays_summed_into_same_artist"));
        Assert.Equal(25434, report.Stored("user_follows"));
        Assert.Equal(186478, report.Read("tag_assignments"));
        // 408 assignments repeat one (user, artist, normalized tag) once two HetRec ids of one artist name are merged.
        Assert.Equal(408, report.Skipped("duplicate_tag_assignment_after_merge"));
        Assert.Equal(186478 - 408 - 5, report.Stored("tag_assignments"));
        Assert.Equal(92834, report.Read("engagements"));
        Assert.Equal(25434, report.Read("follows"));
        Assert.Equal(17632 - report.Skipped("duplicate_artist_name_key") + 390, report.Stored("artists"));
        // HetRec artist ids whose names normalize to the key of an earlier id (case, accents, punctuation).
        Assert.Equal(83, report.Skipped("duplicate_artist_name_key"));
        Assert.All(writer.Users, u => Assert.Equal("hetrec user " + u.Key["hetrec:user:".Length..], u.Name));
        var tags = writer.All(b => b.TagAssignments).ToList();
        Assert.Equal(new TagAssignmentRecord(TargetType.Artist, tags[0].TargetKey, tags[0].Tag, "hetrec:user:2", new DateOnly(2009, 4, 1)), tags[0]);
    }

    [Fact]
    public async Task ImportAsync_SmallFolder_MapsRecordsAndRejectsBadLines()
    {
        using var temp = SmallFolder();
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new HetrecLastfmImporter().ImportAsync(temp.Path, writer, rejects);

        Assert.Equal(
            ["user_artists.dat line 3", "user_artists.dat line 4", "user_taggedartists.dat line 3", "user_taggedartists.dat line 4", "user_taggedartists.dat line 5"],
            rejects.Items.Select(r => Path.GetFileName(r.File) + " " + r.Location).ToArray());
        Assert.Equal(rejects.Items, report.Rejects);
        Assert.Equal(3, report.Read("artists"));
        Assert.Equal(1, report.Skipped("duplicate_artist_name_key"));
        Assert.Equal([EntityKeys.ArtistByName("MALICE MIZER"), EntityKeys.ArtistByName("The Weeknd")], writer.Artists.Select(a => a.Key).ToArray());
        Assert.Equal(
            [new EngagementRecord("hetrec:user:2", TargetType.Artist, EntityKeys.ArtistByName("malice mizer"), EngagementKind.Play, 100),
             new EngagementRecord("hetrec:user:3", TargetType.Artist, EntityKeys.ArtistByName("the weeknd"), EngagementKind.Play, 7)],
            writer.All(b => b.Engagements).ToArray());
        Assert.Equal(3, writer.All(b => b.Follows).Count());
        Assert.Equal(["hetrec:user:2", "hetrec:user:3", "hetrec:user:4"], writer.Users.Select(u => u.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(3, report.Read("users"));
        var tagged = writer.All(b => b.TagAssignments).ToArray();
        Assert.Equal("day/month/year 0/4/2009 is not a calendar date.", rejects.Items[2].Reason);
        Assert.Equal(["metal"], tagged.Select(t => t.Tag).ToArray());
        Assert.Equal([new DateOnly(2009, 4, 1)], tagged.Select(t => t.TaggedOn).ToArray());
    }

    [Fact]
    public async Task ImportAsync_GzippedFiles_AreAccepted()
    {
        using var temp = SmallFolder();
        foreach (var name in new[] { "user_artists.dat", "user_taggedartists.dat" })
        {
            var plain = Path.Combine(temp.Path, name);
            temp.Gzip(name, await File.ReadAllBytesAsync(plain));
        }

        var writer = new FakeCatalogWriter();
        var report = await new HetrecLastfmImporter().ImportAsync(temp.Path, writer, new ListRejectSink());

        Assert.Equal(2, report.Stored("engagements"));
        Assert.Equal(1, report.Stored("tag_assignments"));
    }

    [Fact]
    public async Task ImportAsync_FolderWithoutTagsFile_ThrowsInputFormatExceptionAndWritesNothing()
    {
        using var temp = SmallFolder();
        File.Delete(Path.Combine(temp.Path, "tags.dat"));
        var writer = new FakeCatalogWriter();

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new HetrecLastfmImporter().ImportAsync(temp.Path, writer, new ListRejectSink()));

        Assert.Contains("tags.dat", ex.Message, StringComparison.Ordinal);
        Assert.Empty(writer.Batches);
    }

    [Fact]
    public async Task ImportAsync_FileWithWrongHeader_ThrowsInputFormatExceptionAndWritesNothing()
    {
        using var temp = SmallFolder();
        temp.Write("user_friends.dat", "a,b\n1,2\n");
        var writer = new FakeCatalogWriter();

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new HetrecLastfmImporter().ImportAsync(temp.Path, writer, new ListRejectSink()));

        Assert.Contains("user_friends.dat", ex.Message, StringComparison.Ordinal);
        Assert.Empty(writer.Batches);
    }

    [Fact]
    public async Task ImportAsync_MissingFolder_ThrowsDirectoryNotFoundException()
    {
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() =>
            new HetrecLastfmImporter().ImportAsync(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")), new FakeCatalogWriter(), new ListRejectSink()));
    }
}

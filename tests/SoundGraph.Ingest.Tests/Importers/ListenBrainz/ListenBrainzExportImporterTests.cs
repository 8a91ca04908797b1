using System.Text;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.ListenBrainz;
using SoundGraph.Ingest.Tests.TestSupport;

namespace SoundGraph.Ingest.Tests.Importers.ListenBrainz;

public sealed class ListenBrainzExportImporterTests
{
    private const string Rec = "8f3471b5-7e6a-48da-86a9-c1c07a0f47ae";
    private const string ArtistA = "a74b1b7f-71a5-4011-9441-d0b5e4122711";
    private const string ArtistB = "b7ffd2af-418f-4be2-bdd1-22f8b48613da";

    [Fact]
    public async Task ImportAsync_RecordedApiListensZippedAsAnExport_Imports25ListensByNameWithDurationAndIsrc()
    {
        using var temp = new TempFolder();
        var zip = ListenBrainzFiles.Zip(Path.Combine(temp.Path, "export.zip"), ("listens/2020/4.jsonl", ListenBrainzFiles.Lines(ListenBrainzFiles.FixtureLines())), ("feedback.jsonl", "{}\n"u8.ToArray()));
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new ListenBrainzExportImporter().ImportAsync(zip, writer, rejects);

        Assert.Empty(rejects.Items);
        Assert.Equal((1L, 25L, 25L), (report.Read("files"), report.Read("listens"), report.Stored("listens")));
        Assert.Equal(["listenbrainz:user:iliekcomputers"], writer.Users.Select(u => u.Key).ToArray());
        Assert.Equal(25, writer.Tracks.Count);
        Assert.Equal(["name:artist:kids see ghosts", "name:artist:majid jordan", "name:artist:majid jordan drake", "name:artist:prateek kuhad", "name:artist:sohn"],
            writer.Artists.Select(a => a.Key).Order(StringComparer.Ordinal).ToArray());
        var first = writer.Listens[0];
        Assert.Equal(
            ("listenbrainz:user:iliekcomputers", EntityKeys.TrackByName("SOHN", "Harbour"), DateTimeOffset.FromUnixTimeSeconds(1587245842), 250407L, "listenbrainz-export", "msid:ae29cef0-4132-49d1-aee8-eeae67763e66"),
            (first.UserKey, first.TrackKey, first.ListenedAt, first.MsPlayed, first.Source, first.TrackRef));
        var harbour = writer.Tracks.Single(t => t.Key == first.TrackKey);
        Assert.Equal(("Harbour", "SOHN", "Rennen", 250407L, "GBAFL1600378"), (harbour.Title, harbour.PrimaryArtistName, harbour.Album, harbour.DurationMs, harbour.Details?.Isrc));
        Assert.Equal(0, report.Read("tracks_by_mbid"));
    }

    [Fact]
    public async Task ImportAsync_MbidMappingWithTwoArtists_KeysTrackAndArtistsByMbidWithCreditPositionsAndRoles()
    {
        using var temp = new TempFolder();
        var mapping = $"{{\"recording_mbid\":\"{Rec}\",\"artist_mbids\":[\"{ArtistA}\",\"{ArtistB}\"],\"artists\":[{{\"artist_mbid\":\"{ArtistA}\",\"artist_credit_name\":\"Anna\",\"join_phrase\":\" feat. \"}},{{\"artist_mbid\":\"{ArtistB}\",\"artist_credit_name\":\"Bo\",\"join_phrase\":\"\"}}]}}";
        var file = temp.Write("one.listens",
            ListenBrainzFiles.Listen(1600000000, "m1", "Anna feat. Bo", "Song", info: "{\"duration_ms\":180000,\"isrc\":\"usabc2000001\"}", mapping: mapping, release: "LP") + "\n"
            + ListenBrainzFiles.Listen(1600000000, "m1", "Anna feat. Bo", "Song", info: "{\"duration_ms\":180000}", mapping: mapping) + "\n" // exact repeat
            + ListenBrainzFiles.Listen(1600000300, "m2", "Anna feat. Bo", "Song", mapping: mapping) + "\n"); // no duration: 0 ms
        var writer = new FakeCatalogWriter();

        var report = await new ListenBrainzExportImporter().ImportAsync(file, writer, new ListRejectSink());

        var key = "musicbrainz:recording:" + Rec;
        Assert.Equal([(key, "Song", "Anna", "LP", (long?)180000, "USABC2000001")], writer.Tracks.Select(t => (t.Key, t.Title, t.PrimaryArtistName, t.Album, t.DurationMs, t.Details?.Isrc)).ToArray());
        Assert.Equal(
            [("musicbrainz:artist:" + ArtistA, CreditRole.Primary, 0), ("musicbrainz:artist:" + ArtistB, CreditRole.Featured, 1)],
            writer.Credits.Select(c => (c.ArtistKey, c.Role, c.Position)).ToArray());
        Assert.Equal(["Anna", "Bo"], writer.Artists.Select(a => a.Name).ToArray());
        Assert.Equal([(key, 180000L, "msid:m1"), (key, 0L, "msid:m2")], writer.Listens.Select(l => (l.TrackKey, l.MsPlayed, l.TrackRef)).ToArray());
        Assert.Equal((1L, 1L), (report.Skipped("duplicate_listen"), report.Read("tracks_by_mbid")));
    }

    [Fact]
    public async Task ImportAsync_SubmittedMbidsWithoutMapping_UsesThemAndDropsInvalidOnes()
    {
        using var temp = new TempFolder();
        var file = temp.Write("x.jsonl",
            ListenBrainzFiles.Listen(1600000000, "m1", "Solo", "One", info: $"{{\"recording_mbid\":\"{Rec}\",\"artist_mbids\":[\"{ArtistA}\"],\"isrc\":\"not-an-isrc\"}}") + "\n"
            + ListenBrainzFiles.Listen(1600000001, "m2", "Solo", "Two", info: "{\"recording_mbid\":\"nope\",\"artist_mbids\":[]}") + "\n");
        var writer = new FakeCatalogWriter();

        var report = await new ListenBrainzExportImporter().ImportAsync(file, writer, new ListRejectSink());

        Assert.Equal(["musicbrainz:recording:" + Rec, EntityKeys.TrackByName("Solo", "Two")], writer.Tracks.Select(t => t.Key).ToArray());
        Assert.Null(writer.Tracks[0].Details);
        Assert.Equal(["musicbrainz:artist:" + ArtistA, "name:artist:solo"], writer.Credits.Select(c => c.ArtistKey).ToArray());
        Assert.Equal((1L, 1L), (report.Skipped("invalid_isrc"), report.Skipped("invalid_mbid")));
    }

    [Fact]
    public async Task ImportAsync_BadLinesInAZipEntry_RejectsEachWithEntryAndLineAndImportsTheRest()
    {
        using var temp = new TempFolder();
        var bytes = new List<byte>();
        void Line(string s) => bytes.AddRange(Encoding.UTF8.GetBytes(s + "\n"));
        Line(ListenBrainzFiles.Listen(1600000000, "ok1", "A", "T1"));                          // 1
        Line(ListenBrainzFiles.Listen(900000000, "old", "A", "T2"));                           // 2: 1998
        Line(ListenBrainzFiles.Listen(1600000000, "m", "A", "T3").Replace("1600000000", "\"1600000000\"")); // 3: string
        bytes.AddRange("{\"listened_at\":1600000000,\"user_name\":\"caf"u8.ToArray()); bytes.Add(0xE9); bytes.AddRange("\"}\n"u8.ToArray()); // 4: Latin-1
        Line(ListenBrainzFiles.Listen(1600000000, "m", "A", " "));                             // 5: no track_name
        Line(ListenBrainzFiles.Listen(1600000000, "m", new string('x', 1001), "T"));            // 6: long name
        Line(ListenBrainzFiles.Listen(1600000000, "m", "A", "T", info: "{\"duration_ms\":-5}")); // 7
        Line("[1,2]");                                                                          // 8
        Line("");                                                                               // blank: not counted
        Line(ListenBrainzFiles.Listen(1600000100, "ok2", "A", "T4"));                          // 10
        bytes.AddRange(Encoding.UTF8.GetBytes(ListenBrainzFiles.Listen(1600000200, "cut", "A", "T5")[..30])); // 11: cut off
        var zip = ListenBrainzFiles.Zip(Path.Combine(temp.Path, "export.zip"), ("listens/2020/9.jsonl", bytes.ToArray()));
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new ListenBrainzExportImporter().ImportAsync(zip, writer, rejects);

        Assert.Equal(["msid:ok1", "msid:ok2"], writer.Listens.Select(l => l.EffectiveTrackRef).ToArray());
        Assert.Equal(10, report.Read("listens"));
        Assert.All(rejects.Items, r => Assert.Equal(zip, r.File));
        Assert.Equal(
            [
                ("entry listens/2020/9.jsonl line 2", "listened_at 900000000 is outside 2000-01-01 … now + 1 day (UTC)."),
                ("entry listens/2020/9.jsonl line 3", "listened_at is missing or not a whole number of unix seconds."),
                ("entry listens/2020/9.jsonl line 4", "The line is not UTF-8 text, as JSON must be."),
                ("entry listens/2020/9.jsonl line 5", "track_metadata has no track_name."),
                ("entry listens/2020/9.jsonl line 6", "artist_name is 1,001 characters long, more than 1,000: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'."),
                ("entry listens/2020/9.jsonl line 7", "duration_ms -5 is not at least 0 and below a day (86,400,000 ms)."),
                ("entry listens/2020/9.jsonl line 8", "The line is not a JSON object."),
            ],
            rejects.Items.Take(7).Select(r => (r.Location, r.Reason)).ToArray());
        Assert.Equal("entry listens/2020/9.jsonl line 11", rejects.Items[7].Location);
        Assert.StartsWith("The last line is not complete JSON (the file may be cut off): ", rejects.Items[7].Reason, StringComparison.Ordinal);
        Assert.Equal(rejects.Items, report.Rejects);
    }

    [Fact]
    public async Task ImportAsync_ListenWithoutUserName_BelongsToDefaultUserElseIsRejected()
    {
        using var temp = new TempFolder();
        var file = temp.Write("a.listens", ListenBrainzFiles.Listen(1600000000, "m", "A", "T").Replace("\"user_name\":\"alice\",", string.Empty) + "\n");

        var rejects = new ListRejectSink();
        await new ListenBrainzExportImporter().ImportAsync(file, new FakeCatalogWriter(), rejects);
        var writer = new FakeCatalogWriter();
        await new ListenBrainzExportImporter { DefaultUser = "bob" }.ImportAsync(file, writer, new ListRejectSink());

        Assert.Equal("The listen has no user_name (give the export's owner with --user).", Assert.Single(rejects.Items).Reason);
        Assert.Equal("listenbrainz:user:bob", Assert.Single(writer.Listens).UserKey);
    }

    [Fact]
    public async Task ImportAsync_DumpFolder_ReadsListensFilesAndListensJsonlButNotOtherJsonl()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(Path.Combine(temp.Path, "listens", "2020"));
        temp.Write(Path.Combine("listens", "2020", "1.listens"), ListenBrainzFiles.Listen(1600000000, "a", "A", "T") + "\n");
        temp.Write(Path.Combine("listens", "2020", "2.jsonl"), ListenBrainzFiles.Listen(1600000001, "b", "A", "T") + "\n");
        temp.Gzip("3.listens.gz", ListenBrainzFiles.Lines([ListenBrainzFiles.Listen(1600000002, "c", "A", "T")]));
        temp.Write("feedback.jsonl", "{\"score\":1}\n");
        var writer = new FakeCatalogWriter();

        var report = await new ListenBrainzExportImporter().ImportAsync(temp.Path, writer, new ListRejectSink());

        Assert.Equal(3, report.Read("files"));
        Assert.Equal(["msid:c", "msid:a", "msid:b"], writer.Listens.Select(l => l.EffectiveTrackRef).ToArray());
        Assert.Single(writer.Tracks);
    }

    [Fact]
    public async Task ImportAsync_ZipCutOff_FailsNamingTheFileBeforeWriting()
    {
        using var temp = new TempFolder();
        var zip = ListenBrainzFiles.Zip(Path.Combine(temp.Path, "export.zip"), ("listens/2020/4.jsonl", ListenBrainzFiles.Lines(ListenBrainzFiles.FixtureLines())));
        var bytes = await File.ReadAllBytesAsync(zip);
        await File.WriteAllBytesAsync(zip, bytes[..(bytes.Length / 2)]);
        var writer = new FakeCatalogWriter();

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new ListenBrainzExportImporter().ImportAsync(zip, writer, new ListRejectSink()));

        Assert.StartsWith($"'{zip}' is a cut-off or damaged zip file: its directory cannot be read (", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("; nothing of it was imported.", ex.Message, StringComparison.Ordinal);
        Assert.Empty(writer.Batches);
    }

    [Fact]
    public async Task ImportAsync_ZipEntryDataDamaged_FailsNamingTheEntryBeforeWriting()
    {
        using var temp = new TempFolder();
        var lines = ListenBrainzFiles.Lines(ListenBrainzFiles.FixtureLines());
        var zip = ListenBrainzFiles.Zip(Path.Combine(temp.Path, "export.zip"), ("listens/2020/3.jsonl", lines), ("listens/2020/4.jsonl", lines));
        var bytes = await File.ReadAllBytesAsync(zip);
        var second = IndexOf(bytes, "listens/2020/4.jsonl"u8.ToArray()) + 40; // inside the second entry's deflate data
        for (var i = second; i < second + 16; i++)
        {
            bytes[i] ^= 0x5A;
        }

        await File.WriteAllBytesAsync(zip, bytes);
        var writer = new FakeCatalogWriter();

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new ListenBrainzExportImporter().ImportAsync(zip, writer, new ListRejectSink()));

        Assert.StartsWith($"'{zip}' is a cut-off or damaged zip file: entry listens/2020/4.jsonl: ", ex.Message, StringComparison.Ordinal);
        Assert.Empty(writer.Batches);
    }

    [Fact]
    public async Task ImportAsync_ZipWithoutListens_IsNotTheFormat()
    {
        using var temp = new TempFolder();
        var zip = ListenBrainzFiles.Zip(Path.Combine(temp.Path, "other.zip"), ("feedback.jsonl", "{}\n"u8.ToArray()));

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new ListenBrainzExportImporter().ImportAsync(zip, new FakeCatalogWriter(), new ListRejectSink()));

        Assert.Equal($"'{zip}' is not a ListenBrainz export: the zip has no listens/*.jsonl entry.", ex.Message);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i + needle.Length;
            }
        }

        throw new InvalidOperationException("not found");
    }
}

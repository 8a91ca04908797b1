using SoundGraph.Core.Catalog;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.MusicBrainz;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Tests.Shared;
using SoundGraph.Storage;

namespace SoundGraph.Ingest.Tests.Importers.MusicBrainz;

public sealed class MusicBrainzXmlImporterTests
{
    // Synthetic ids and names below are made up for these tests (not MusicBrainz data).
    private const string A = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string B = "bbbbbbbb-0000-0000-0000-000000000002";
    private const string C = "cccccccc-0000-0000-0000-000000000003";
    private const string R1 = "11111111-0000-0000-0000-000000000001";
    private const string R2 = "22222222-0000-0000-0000-000000000002";

    private static string Fixtures => TestData.Fixture("api", "musicbrainz", "ws2-xml");

    private static string Doc(string body) => $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata xmlns=\"http://musicbrainz.org/ns/mmd-2.0#\">{body}</metadata>";

    private static string NameCredit(string id, string name, string? joinphrase = null, string? creditedAs = null) =>
        $"<name-credit{(joinphrase is null ? "" : $" joinphrase=\"{System.Security.SecurityElement.Escape(joinphrase)}\"")}>{(creditedAs is null ? "" : $"<name>{creditedAs}</name>")}<artist id=\"{id}\"><name>{name}</name></artist></name-credit>";

    private static string Recording(string id, string title, string? credit, long? length = null) =>
        $"<recording id=\"{id}\"><title>{title}</title>{(length is null ? "" : $"<length>{length}</length>")}{(credit is null ? "" : $"<artist-credit>{credit}</artist-credit>")}</recording>";

    private static async Task<(ImportReport Report, FakeCatalogWriter Writer, ListRejectSink Rejects)> ImportAsync(string path)
    {
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();
        var report = await new MusicBrainzXmlImporter().ImportAsync(path, writer, rejects);
        return (report, writer, rejects);
    }

    private static string Key(string type, string id) => $"musicbrainz:{type}:{id}";

    [Fact]
    public async Task ImportAsync_RealFixtureFolder_ImportsExactCounts()
    {
        var (report, writer, rejects) = await ImportAsync(Fixtures);

        Assert.Empty(rejects.Items);
        Assert.Equal(47, report.Read("files"));
        // 18 + 21 + 12 (11 tracks and a pregap) + 198 (data tracks) + 2 + 4 + 14 + 48 in the 8 release documents,
        // 1 recording document, 25 search results.
        Assert.Equal(343, report.Read("recordings"));
        Assert.Equal(343, writer.Tracks.Count);
        Assert.Equal(343, writer.Tracks.Select(t => t.Key).Distinct().Count());
        Assert.Equal(343, report.Stored("tracks"));
        // Only 833d… (21 × JT Bruce), fbe4… (14 × Haruko Kataoka) and the recording search (23 × Dynamo Go, 1 × Third Day,
        // 1 × CAN) carry artist credits; the other 283 recordings were fetched without inc=artist-credits.
        Assert.Equal(60, report.Read("name_credits"));
        Assert.Equal(60, writer.Credits.Count);
        Assert.All(writer.Credits, c => Assert.Equal((CreditRole.Primary, 0), (c.Role, c.Position)));
        Assert.Equal(283, report.Read("recordings_without_artist_credit"));
        Assert.Equal(0, report.Read("recordings_with_release_credit"));
        Assert.Equal(5, writer.Artists.Count);
        Assert.Equal(5, report.Stored("artists"));
        Assert.Equal(
            ["13501c7d-d181-45ba-af52-5f101d8516a0", "3d2a6f68-62db-4798-9cf8-7a6a745f51b0", "93585c1b-ec0f-4d47-9cae-bd8ebcc52e9f", "952a4205-023d-4235-897c-6fdb6f58dfaa", "fbb941cc-6891-4c8f-8697-1e464aaa8c78"],
            writer.Artists.Select(a => a.Key["musicbrainz:artist:".Length..]).Order(StringComparer.Ordinal));
        Assert.Equal(23, writer.Credits.Count(c => c.ArtistKey == Key("artist", "952a4205-023d-4235-897c-6fdb6f58dfaa")));
        Assert.Equal(33, report.Read("releases"));
        Assert.Equal(25, report.Skipped("release_without_recordings")); // the release search results list no tracks
        Assert.Equal(15, report.Skipped("artist_artist_relation")); // EXO: members and subgroups
        Assert.Equal(4, report.Skipped("recording_artist_relation")); // producers and an instrumentalist
        Assert.Equal(6, report.Skipped("element:collection"));
        Assert.Equal(2, report.Skipped("element:disc"));
        Assert.Equal(7, report.Skipped("element:instrument"));
        Assert.Equal(4, report.Skipped("element:work"));
        Assert.Equal(3, report.Skipped("element:artist"));
        Assert.Equal(0, report.Skipped("duplicate_recording"));
    }

    [Fact]
    public async Task ImportAsync_RealReleaseWithCredits_MapsTitleLengthAlbumAndCreditedName()
    {
        var (report, writer, rejects) = await ImportAsync(Path.Combine(Fixtures, "release", "fbe4490e-e366-4da2-a37a-82162d2f41a9-recordings+artist-credits.xml"));

        Assert.Empty(rejects.Items);
        Assert.Equal(14, writer.Tracks.Count);
        var track = writer.Tracks[0];
        Assert.Equal(new TrackRecord(Key("recording", "c66bda20-4efe-4589-b643-f247c17de337"), "Ecossaise", "Haruko Kataoka", "Suzuki Piano School, Volume 2 (feat. piano: Haruko Katakoa)", 195000), track);
        // The artist keeps its MusicBrainz name; "Haruko Kataoka" is how this recording credits it. The track-level credit
        // (the composer, J. A. Hummel) is not a recording credit.
        Assert.Equal([new ArtistRecord(Key("artist", "3d2a6f68-62db-4798-9cf8-7a6a745f51b0"), "片岡春子")], writer.Artists);
        Assert.Equal(new CreditRecord(track.Key, Key("artist", "3d2a6f68-62db-4798-9cf8-7a6a745f51b0"), CreditRole.Primary, 0), writer.Credits[0]);
        Assert.Equal(14, writer.Credits.Count);
        Assert.Equal(1, report.Read("files"));
    }

    [Fact]
    public async Task ImportAsync_FeatJoinphrase_FirstPrimarySecondFeatured()
    {
        using var temp = new TempFolder();
        var file = temp.Write("feat.xml", Doc(Recording(R1, "Song", NameCredit(A, "Artist A", " feat. ") + NameCredit(B, "Artist B", creditedAs: "B."), 200000)));

        var (report, writer, rejects) = await ImportAsync(file);

        Assert.Empty(rejects.Items);
        Assert.Equal([new TrackRecord(Key("recording", R1), "Song", "Artist A", null, 200000)], writer.Tracks);
        Assert.Equal(
            [new CreditRecord(Key("recording", R1), Key("artist", A), CreditRole.Primary, 0), new CreditRecord(Key("recording", R1), Key("artist", B), CreditRole.Featured, 1)],
            writer.Credits);
        Assert.Equal([new ArtistRecord(Key("artist", A), "Artist A"), new ArtistRecord(Key("artist", B), "Artist B")], writer.Artists);
        Assert.Equal(2, report.Read("name_credits"));
    }

    [Theory]
    [InlineData(" feat. |", "Primary,Featured")]
    [InlineData(" FT. |", "Primary,Featured")]
    [InlineData(" Featuring |", "Primary,Featured")]
    [InlineData(" feat |", "Primary,Featured")]
    [InlineData(" & |", "Primary,Primary")]
    [InlineData(", | and |", "Primary,Primary,Primary")]
    [InlineData(" feat. | & |", "Primary,Featured,Featured")]
    [InlineData(" & | feat. |", "Primary,Primary,Featured")]
    [InlineData(" Left |", "Primary,Primary")]
    public async Task ImportAsync_Joinphrases_GiveRolesInOrder(string joinphrases, string expectedRoles)
    {
        string[] ids = [A, B, C];
        var phrases = joinphrases.Split('|');
        var credit = string.Concat(phrases.Select((p, i) => NameCredit(ids[i], "N" + i, p.Length == 0 ? null : p)));
        using var temp = new TempFolder();
        var file = temp.Write("r.xml", Doc(Recording(R1, "Song", credit)));

        var (_, writer, _) = await ImportAsync(file);

        Assert.Equal(expectedRoles, string.Join(',', writer.Credits.Select(c => c.Role)));
        Assert.Equal(Enumerable.Range(0, phrases.Length), writer.Credits.Select(c => c.Position));
    }

    [Fact]
    public async Task ImportAsync_RecordingWithoutCredit_InheritsReleaseCredit()
    {
        var release = $"<release id=\"{R2}\"><title>Album</title><artist-credit>{NameCredit(A, "Artist A", " & ")}{NameCredit(B, "Artist B")}</artist-credit>"
            + "<medium-list count=\"1\"><medium><position>1</position><track-list count=\"2\" offset=\"0\">"
            + $"<track><position>1</position>{Recording(R1, "Own", NameCredit(C, "Artist C"), 1000)}</track>"
            + $"<track><position>2</position>{Recording(R2, "Inherits", null, 2000)}</track>"
            + "</track-list></medium></medium-list></release>";
        using var temp = new TempFolder();
        var file = temp.Write("release.xml", Doc(release));

        var (report, writer, rejects) = await ImportAsync(file);

        Assert.Empty(rejects.Items);
        Assert.Equal(
            [new TrackRecord(Key("recording", R1), "Own", "Artist C", "Album", 1000), new TrackRecord(Key("recording", R2), "Inherits", "Artist A", "Album", 2000)],
            writer.Tracks);
        Assert.Equal(
            [
                new CreditRecord(Key("recording", R1), Key("artist", C), CreditRole.Primary, 0),
                new CreditRecord(Key("recording", R2), Key("artist", A), CreditRole.Primary, 0),
                new CreditRecord(Key("recording", R2), Key("artist", B), CreditRole.Primary, 1),
            ],
            writer.Credits);
        Assert.Equal(1, report.Read("recordings_with_release_credit"));
        Assert.Equal(1, report.Read("releases"));
    }

    [Fact]
    public async Task ImportAsync_ArtistRelationsAndNonMusicElements_SkippedAndCounted()
    {
        using var temp = new TempFolder();
        temp.Write("artist-rels.xml", Doc(
            $"<artist id=\"{A}\"><name>Band</name><relation-list target-type=\"artist\">"
            + $"<relation type=\"member of band\"><target>{B}</target><artist id=\"{B}\"><name>Member</name></artist></relation>"
            + $"<relation type=\"collaboration\"><target>{C}</target><artist id=\"{C}\"><name>Partner</name></artist></relation>"
            + "</relation-list><relation-list target-type=\"url\"><relation type=\"wikidata\"><target>https://example.org/synthetic</target></relation></relation-list></artist>"));
        temp.Write("disc.xml", Doc("<disc id=\"synthetic-disc-\"><sectors>1</sectors></disc>"));
        temp.Write("events.xml", Doc("<event-list count=\"1\"><event id=\"" + R1 + "\"><name>Gig</name></event></event-list>"));
        temp.Write("collection.xml", Doc($"<collection id=\"{R2}\" entity-type=\"recording\"><name>mine</name><recording-list count=\"1\">{Recording(R1, "Referenced", null)}</recording-list></collection>"));
        temp.Write("work.xml", Doc($"<work id=\"{R2}\"><title>W</title></work><label id=\"{R1}\"><name>L</name></label>"));

        var (report, writer, rejects) = await ImportAsync(temp.Path);

        Assert.Empty(rejects.Items);
        Assert.Empty(writer.Tracks);
        Assert.Empty(writer.Artists);
        Assert.Empty(writer.Credits);
        Assert.Equal(2, report.Skipped("artist_artist_relation")); // the url relation is not an artist relation
        Assert.Equal(
            new SortedDictionary<string, long>(StringComparer.Ordinal)
            {
                ["artist_artist_relation"] = 2, ["element:artist"] = 1, ["element:collection"] = 1, ["element:disc"] = 1,
                ["element:event-list"] = 1, ["element:label"] = 1, ["element:work"] = 1,
            },
            report.Skipped);
        Assert.Equal(5, report.Read("files"));
    }

    [Fact]
    public async Task ImportAsync_RecordingArtistRelations_NotCredits()
    {
        using var temp = new TempFolder();
        var file = temp.Write("rec.xml", Doc(
            $"<recording id=\"{R1}\"><title>T</title><relation-list target-type=\"artist\"><relation type=\"producer\"><target>{B}</target><artist id=\"{B}\"><name>Producer</name></artist></relation></relation-list></recording>"));

        var (report, writer, _) = await ImportAsync(file);

        Assert.Equal([new TrackRecord(Key("recording", R1), "T")], writer.Tracks);
        Assert.Empty(writer.Credits);
        Assert.Empty(writer.Artists);
        Assert.Equal(1, report.Skipped("recording_artist_relation"));
        Assert.Equal(1, report.Read("recordings_without_artist_credit"));
    }

    [Fact]
    public async Task ImportAsync_NotMusicBrainzFile_ThrowsNamingFileAndWritesNothing()
    {
        using var temp = new TempFolder();
        temp.Write("a-good.xml", Doc(Recording(R1, "Song", NameCredit(A, "Artist A"))));
        var bad = temp.Write("b-feed.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>");
        var writer = new FakeCatalogWriter();

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new MusicBrainzXmlImporter().ImportAsync(temp.Path, writer, new ListRejectSink()));
        var single = await Assert.ThrowsAsync<InputFormatException>(() => new MusicBrainzXmlImporter().ImportAsync(bad, writer, new ListRejectSink()));

        Assert.Contains(bad, ex.Message, StringComparison.Ordinal);
        Assert.Contains("<rss>", ex.Message, StringComparison.Ordinal);
        Assert.Contains(bad, single.Message, StringComparison.Ordinal);
        Assert.Empty(writer.Batches);
    }

    [Fact]
    public async Task ImportAsync_WrongNamespace_Throws()
    {
        using var temp = new TempFolder();
        var file = temp.Write("old.xml", "<metadata xmlns=\"http://musicbrainz.org/ns/mmd-1.0#\"><track id=\"x\"/></metadata>");

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new MusicBrainzXmlImporter().ImportAsync(file, new FakeCatalogWriter(), new ListRejectSink()));

        Assert.Contains("mmd-1.0#", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_MalformedFileInFolder_RejectsWithLineAndImportsRest()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(Path.Combine(temp.Path, "sub"));
        var broken = temp.Write(Path.Combine("sub", "broken.xml"), Doc("\n" + Recording(R2, "Lost", NameCredit(B, "Artist B")) + "\n<recording id=\"x\"><title>cut</recording>"));
        temp.Write("good.xml", Doc(Recording(R1, "Song", NameCredit(A, "Artist A"))));
        temp.Write("notes.txt", "not xml, not searched");

        var (report, writer, rejects) = await ImportAsync(temp.Path);

        var reject = Assert.Single(rejects.Items);
        Assert.Equal(broken, reject.File);
        Assert.Equal("line 4", reject.Location);
        Assert.Single(report.Rejects);
        Assert.Equal([Key("recording", R1)], writer.Tracks.Select(t => t.Key)); // nothing of the broken file
        Assert.Equal([Key("artist", A)], writer.Artists.Select(a => a.Key));
        Assert.Equal(2, report.Read("files"));
    }

    [Fact]
    public async Task ImportAsync_RecordingWithoutIdOrArtistId_Rejected()
    {
        using var temp = new TempFolder();
        var file = temp.Write("r.xml", Doc(
            "<recording-list count=\"3\">"
            + "<recording><title>No id</title></recording>"
            + $"<recording id=\"{R1}\"><title>Bad credit</title><artist-credit><name-credit><name>Someone</name></name-credit></artist-credit></recording>"
            + Recording(R2, "Fine", NameCredit(A, "Artist A"), 5)
            + "</recording-list>"));

        var (report, writer, rejects) = await ImportAsync(file);

        Assert.Equal(["line 2 recording (no id)", $"line 2 recording {R1}"], rejects.Items.Select(r => r.Location));
        Assert.Equal([Key("recording", R2)], writer.Tracks.Select(t => t.Key));
        Assert.Equal(3, report.Read("recordings"));
    }

    [Fact]
    public async Task ImportAsync_RecordingSeenUncreditedThenCredited_AddsCreditOnce()
    {
        using var temp = new TempFolder();
        temp.Write("a.xml", Doc(Recording(R1, "Song", null, 100)));
        temp.Write("b.xml", Doc(Recording(R1, "Song", NameCredit(A, "Artist A"), 100)));
        temp.Write("c.xml", Doc(Recording(R1, "Song", NameCredit(B, "Artist B"), 100)));

        var (report, writer, _) = await ImportAsync(temp.Path);

        Assert.Equal([new CreditRecord(Key("recording", R1), Key("artist", A), CreditRole.Primary, 0)], writer.Credits);
        Assert.Equal([new TrackRecord(Key("recording", R1), "Song", null, null, 100), new TrackRecord(Key("recording", R1), "Song", "Artist A", null, 100)], writer.Tracks);
        Assert.Equal(2, report.Skipped("duplicate_recording"));
    }

    [Fact]
    public async Task ImportAsync_MissingPathOrEmptyFolder_Throws()
    {
        using var temp = new TempFolder();

        await Assert.ThrowsAsync<FileNotFoundException>(() => new MusicBrainzXmlImporter().ImportAsync(Path.Combine(temp.Path, "none"), new FakeCatalogWriter(), new ListRejectSink()));
        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new MusicBrainzXmlImporter().ImportAsync(temp.Path, new FakeCatalogWriter(), new ListRejectSink()));
        Assert.Contains(temp.Path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_RealFixturesTwiceIntoSqliteStore_SameCounts()
    {
        using var temp = new TempFolder();
        await using var store = await SoundGraphStore.OpenAsync(Path.Combine(temp.Path, "mb.db"));
        var importer = ImporterCatalog.Get("musicbrainz-xml");

        await importer.ImportAsync(Fixtures, store.Catalog, new ListRejectSink());
        var first = await store.CountRowsAsync();
        var digest = await store.ContentDigestAsync();
        await importer.ImportAsync(Fixtures, store.Catalog, new ListRejectSink());

        Assert.Equal(first, await store.CountRowsAsync());
        Assert.Equal(digest, await store.ContentDigestAsync());
        Assert.Equal(343, first["tracks"]);
        Assert.Equal(5, first["artists"]);
        Assert.Equal(60, first["track_credits"]);
    }
}

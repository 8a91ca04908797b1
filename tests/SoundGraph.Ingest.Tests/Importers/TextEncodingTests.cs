using System.Text;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.HetrecLastfm;
using SoundGraph.Ingest.Importers.Mpd;
using SoundGraph.Ingest.Importers.SpotifyExport;
using SoundGraph.Ingest.Importers.SpotifyExportTsv;
using SoundGraph.Ingest.Importers.SpotifyFeatures;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Importers;

/// <summary>Text that is not UTF-8 (issue 13): CSV/TSV lines in Windows-1252/Latin-1 are read as such (never as U+FFFD),
/// or rejected under <c>--encoding utf-8</c>; JSON that is not UTF-8 fails naming the file and the byte.</summary>
public sealed class TextEncodingTests
{
    private const string ListensHeader = "source_id\tend_time_unix\tend_time_utc\tartist_name\ttrack_name\tms_played\n";

    private static Encoding Cp1252 => CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private static string Lines(IEnumerable<Reject> rejects) =>
        string.Join('\n', rejects.Select(r => Path.GetFileName(r.File) + " | " + r.Location + " | " + r.Reason));

    private static string WriteBytes(TempFolder temp, string name, byte[] bytes)
    {
        var file = Path.Combine(temp.Path, name);
        File.WriteAllBytes(file, bytes);
        return file;
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    [Fact]
    public async Task ListensTsv_Windows1252Lines_AreStoredAsTheUtf8OriginalsWithANote()
    {
        using var temp = new TempFolder("listens");
        var text = ListensHeader
            + "s1\t1601478780\t2020-09-30 15:13\tBeyoncé\tDéjà Vu\t1000\n"
            + "s1\t1601478790\t2020-09-30 15:13\tSigur Rós\tHoppípolla\t1000\n"
            + "s1\t1601478800\t2020-09-30 15:13\tMø\tLean On – Remix\t1000\n";
        var utf8 = WriteBytes(temp, "listening_history.tsv", Encoding.UTF8.GetBytes(text));
        var expected = new FakeCatalogWriter();
        await new ListensTsvImporter().ImportAsync(utf8, expected, new ListRejectSink());
        var cp = WriteBytes(temp, "listening_history.tsv", Cp1252.GetBytes(text));
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new ListensTsvImporter().ImportAsync(cp, writer, rejects);

        Assert.Empty(rejects.Items);
        Assert.Equal(["Beyoncé", "Sigur Rós", "Mø"], writer.Artists.Select(a => a.Name).ToArray());
        Assert.Equal(["Déjà Vu", "Hoppípolla", "Lean On – Remix"], writer.Tracks.Select(t => t.Title).ToArray());
        Assert.Equal(expected.Tracks, writer.Tracks);
        Assert.Equal(expected.Listens, writer.Listens);
        Assert.Equal(["listening_history.tsv: 3 lines are not UTF-8 and were read as Windows-1252 (first: line 2); pass --encoding to choose"], report.Notes);
    }

    [Fact]
    public async Task ListensTsv_MixedFile_DecodesEachLineByItself()
    {
        using var temp = new TempFolder("listens");
        var file = WriteBytes(temp, "listening_history.tsv", Concat(
            Encoding.UTF8.GetBytes(ListensHeader + "s1\t1601478780\tx\tBeyoncé\tHalo\t1000\n"),
            Encoding.Latin1.GetBytes("s1\t1601478790\tx\tBeyoncé\tXO\t1000\r\n"),
            Encoding.UTF8.GetBytes("s1\t1601478800\tx\tRøyksopp\tEple\t1000")));
        var writer = new FakeCatalogWriter();

        var report = await new ListensTsvImporter().ImportAsync(file, writer, new ListRejectSink());

        Assert.Equal(["Beyoncé", "Røyksopp"], writer.Artists.Select(a => a.Name).ToArray());
        Assert.Equal(["Halo", "XO", "Eple"], writer.Tracks.Select(t => t.Title).ToArray());
        Assert.Equal(["listening_history.tsv: 1 line is not UTF-8 and was read as Windows-1252 (first: line 3); pass --encoding to choose"], report.Notes);
    }

    [Fact]
    public async Task ListensTsv_ExplicitUtf8_RejectsTheLatin1LineNamingTheByte()
    {
        using var temp = new TempFolder("listens");
        var file = WriteBytes(temp, "listening_history.tsv", Concat(
            Encoding.UTF8.GetBytes(ListensHeader + "s1\t1601478780\tx\tBeyoncé\tHalo\t1000\n"),
            Encoding.Latin1.GetBytes("s1\t1601478790\tx\tBeyoncé\tXO\t1000\n")));
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        var report = await new ListensTsvImporter { TextEncoding = InputEncoding.Utf8 }.ImportAsync(file, writer, rejects);

        Assert.Equal(
            "listening_history.tsv | line 3 | line 3 is not valid UTF-8 (byte 0xE9 at byte 23 of the line; --encoding windows-1252 or latin1 reads such a file).",
            Lines(rejects.Items));
        Assert.Equal(["Halo"], writer.Tracks.Select(t => t.Title).ToArray());
        Assert.Empty(report.Notes);
        Assert.DoesNotContain(writer.Artists, a => a.Name.Contains('\uFFFD', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("latin1")]
    [InlineData("windows-1252")]
    public async Task ListensTsv_ExplicitSingleByteEncoding_ReadsEveryByteAsThatEncoding(string name)
    {
        // Bytes 0x80–0xFF in a title: Latin-1 maps each to U+0080–U+00FF; Windows-1252 as .NET's code page 1252 does
        // (its five undefined bytes as the C1 controls of the same number, as WHATWG decodes them).
        using var temp = new TempFolder("listens");
        var high = Enumerable.Range(0x80, 0x80).Select(b => (byte)b).ToArray();
        var file = WriteBytes(temp, "listening_history.tsv", Concat(Encoding.ASCII.GetBytes(ListensHeader + "s1\t1601478780\tx\tA\tT"), high, Encoding.ASCII.GetBytes("\t1000\n")));
        var writer = new FakeCatalogWriter();
        var encoding = InputEncodings.Parse(name);

        await new ListensTsvImporter { TextEncoding = encoding }.ImportAsync(file, writer, new ListRejectSink());

        var expected = encoding == InputEncoding.Latin1
            ? Encoding.Latin1.GetString(high)
            : new string(high.Select(b => b is 0x81 or 0x8D or 0x8F or 0x90 or 0x9D ? (char)b : Cp1252.GetString([b])[0]).ToArray());
        Assert.Equal("T" + expected, Assert.Single(writer.Tracks).Title);
        Assert.DoesNotContain('\uFFFD', Assert.Single(writer.Tracks).Title);
    }

    [Fact]
    public async Task ListensTsv_Utf16WithByteOrderMark_IsReadAsUtf16()
    {
        using var temp = new TempFolder("listens");
        var file = temp.Write("listening_history.tsv", ListensHeader + "s1\t1601478780\tx\tSigur Rós\tHoppípolla\t1000\n", new UnicodeEncoding(false, true));
        var writer = new FakeCatalogWriter();

        await new ListensTsvImporter().ImportAsync(file, writer, new ListRejectSink());

        Assert.Equal("Hoppípolla", Assert.Single(writer.Tracks).Title);
    }

    [Fact]
    public async Task PlaylistsTsv_ExplicitUtf8_RejectsTheRowAndItsPlaylistsNewVersion()
    {
        using var temp = new TempFolder("tsv");
        temp.Write("playlists.tsv", "playlist_id\tsource_id\tname\tlast_modified_date\tnum_tracks\tnum_followers\np1\ts1\tOne\t2020-01-02\t1\t0\np2\ts1\tTwo\t2020-01-02\t1\t0\n");
        WriteBytes(temp, "playlist_tracks.tsv", Concat(
            Encoding.UTF8.GetBytes("playlist_id\tpos\ttrack_name\tartist_name\talbum_name\ttrack_uri\tadded_date\np1\t0\tSong\tBeyoncé\tAl\t\t2020-01-02\n"),
            Encoding.Latin1.GetBytes("p2\t0\tSong\tBeyoncé\tAl\t\t2020-01-02\n")));
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        await new PlaylistsTsvImporter { TextEncoding = InputEncoding.Utf8 }.ImportAsync(temp.Path, writer, rejects);

        Assert.Equal(
            "playlist_tracks.tsv | line 3 | line 3 is not valid UTF-8 (byte 0xE9 at byte 17 of the line; --encoding windows-1252 or latin1 reads such a file); playlist p2's new version is rejected (a stored version is kept).",
            Lines(rejects.Items));
        Assert.Equal(["spotify-export-tsv:playlist:p1"], writer.Playlists.Select(p => p.Key).ToArray());
    }

    [Fact]
    public async Task SpotifyFeatures_ExplicitUtf8_RejectsTheRecordWhoseSecondLineIsNotUtf8()
    {
        using var temp = new TempFolder("csv");
        var header = string.Join(',', SpotifyFeaturesImporter.Columns);
        string Row(string id, string artist, string title) =>
            $"{id},\"{artist}\",\"{title}\",Label,C#,Major,4 beats,0.5,0.5,0.05,0.1,0.0,0.1,0.5,-6.0,120.0,200000,3,1000\n";
        var file = WriteBytes(temp, "songs.csv", Concat(
            Encoding.UTF8.GetBytes(header + "\n" + Row("aaaaaaaaaaaaaaaaaaaaa1", "Beyoncé", "Halo")),
            Encoding.Latin1.GetBytes(Row("aaaaaaaaaaaaaaaaaaaaa2", "Beyoncé", "Two\nLines Café")),
            Encoding.UTF8.GetBytes(Row("aaaaaaaaaaaaaaaaaaaaa3", "Sigur Rós", "Glósóli"))));
        var writer = new FakeCatalogWriter();
        var rejects = new ListRejectSink();

        await new SpotifyFeaturesImporter { TextEncoding = InputEncoding.Utf8 }.ImportAsync(file, writer, rejects);

        Assert.Equal(
            "songs.csv | line 3 | line 3 is not valid UTF-8 (byte 0xE9 at byte 31 of the line; --encoding windows-1252 or latin1 reads such a file).",
            Lines(rejects.Items));
        Assert.Equal(["Halo", "Glósóli"], writer.Tracks.Select(t => t.Title).ToArray());

        // Without --encoding the same file stores the record, read as Windows-1252.
        writer = new FakeCatalogWriter();
        var report = await new SpotifyFeaturesImporter().ImportAsync(file, writer, rejects = new ListRejectSink());
        Assert.Empty(rejects.Items);
        Assert.Equal(["Halo", "Two\nLines Café", "Glósóli"], writer.Tracks.Select(t => t.Title).ToArray());
        Assert.Contains("songs.csv: 2 lines are not UTF-8 and were read as Windows-1252 (first: line 3); pass --encoding to choose", report.Notes);
    }

    [SharedFact("spotify-top-songs-audio-features")]
    public async Task SpotifyFeatures_RealCsvReencodedToWindows1252_StoresTheSameRecordsAsItsUtf8Original()
    {
        var (utf8Text, cpBytes, nonAscii) = Windows1252Copy(TestData.Shared("spotify-top-songs-audio-features", "spotify_top_songs_audio_features.csv"));
        using var temp = new TempFolder("csv");
        var expected = new FakeCatalogWriter();
        var expectedReport = await new SpotifyFeaturesImporter().ImportAsync(temp.Write("utf8.csv", utf8Text), expected, new ListRejectSink());
        var writer = new FakeCatalogWriter();

        var report = await new SpotifyFeaturesImporter().ImportAsync(WriteBytes(temp, "cp1252.csv", cpBytes), writer, new ListRejectSink());

        Assert.Equal(expectedReport.Rejects.Select(r => r.Location + r.Reason), report.Rejects.Select(r => r.Location + r.Reason));
        Assert.Equal(expected.Artists, writer.Artists);
        Assert.Equal(expected.Tracks, writer.Tracks);
        Assert.Contains(writer.Artists, a => a.Name == "Beyoncé");
        Assert.DoesNotContain(writer.Artists, a => a.Name.Contains('\uFFFD', StringComparison.Ordinal));
        Assert.Contains($"cp1252.csv: {nonAscii:N0} lines are not UTF-8 and were read as Windows-1252 (first: line ", report.Notes.Last(), StringComparison.Ordinal);
    }

    [SharedFact("hetrec2011-lastfm-2k")]
    public async Task Hetrec_RealFolderWithArtistsReencodedToWindows1252_StoresTheSameArtists()
    {
        using var temp = new TempFolder("hetrec");
        foreach (var source in Directory.GetFiles(TestData.Demo("hetrec2011-lastfm-2k"), "*.dat"))
        {
            File.Copy(source, Path.Combine(temp.Path, Path.GetFileName(source)));
        }

        var artists = Path.Combine(temp.Path, "artists.dat");
        var (utf8Text, cpBytes, nonAscii) = Windows1252Copy(artists);
        await File.WriteAllTextAsync(artists, utf8Text);
        var expected = new FakeCatalogWriter();
        var expectedReport = await new HetrecLastfmImporter().ImportAsync(temp.Path, expected, new ListRejectSink());
        await File.WriteAllBytesAsync(artists, cpBytes);
        var writer = new FakeCatalogWriter();

        var report = await new HetrecLastfmImporter().ImportAsync(temp.Path, writer, new ListRejectSink());

        Assert.Equal(expected.Artists, writer.Artists);
        Assert.Equal(expectedReport.Rejects, report.Rejects.Select(r => r with { }).ToList());
        Assert.Contains(writer.Artists, a => a.Name == "Sigur Rós");
        Assert.Contains(writer.Artists, a => a.Name == "Beyoncé");
        Assert.DoesNotContain(writer.Artists, a => a.Name.Contains('\uFFFD', StringComparison.Ordinal));
        Assert.Equal(
            [$"artists.dat: {nonAscii:N0} lines are not UTF-8 and were read as Windows-1252 (first: line {Array.FindIndex(utf8Text.Split('\n'), l => l.Any(c => c > 0x7F)) + 1}); pass --encoding to choose",
             "tags.dat: 8 lines are not UTF-8 and were read as Windows-1252 (first: line 2815); pass --encoding to choose"],
            report.Notes);
    }

    [SharedFact("hetrec2011-lastfm-2k")]
    public async Task Hetrec_RealFolder_ReadsTheLatin1TagsAsBeforeAndRejectsThemUnderExplicitUtf8()
    {
        var writer = new FakeCatalogWriter();
        var report = await new HetrecLastfmImporter().ImportAsync(TestData.Demo("hetrec2011-lastfm-2k"), writer, new ListRejectSink());
        Assert.Equal(["tags.dat: 8 lines are not UTF-8 and were read as Windows-1252 (first: line 2815); pass --encoding to choose"], report.Notes);
        var tags = writer.All(b => b.TagAssignments).Select(t => t.Tag).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("tropicália", tags);
        Assert.Contains("düsseldorf", tags);

        var utf8 = await new HetrecLastfmImporter { TextEncoding = InputEncoding.Utf8 }.ImportAsync(TestData.Demo("hetrec2011-lastfm-2k"), new FakeCatalogWriter(), new ListRejectSink());
        Assert.Equal(
            ["line 2815", "line 4456", "line 4725", "line 5294", "line 7645", "line 8597", "line 10634", "line 11048"],
            utf8.Rejects.Where(r => Path.GetFileName(r.File) == "tags.dat").Select(r => r.Location).ToArray());
        Assert.Equal("line 2815 is not valid UTF-8 (byte 0xE1 at byte 12 of the line; --encoding windows-1252 or latin1 reads such a file).", utf8.Rejects[0].Reason);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Mpd_Latin1Slice_FailsNamingTheFileAndTheByteAndWritesNothing(bool gzip)
    {
        using var temp = new TempFolder();
        var json = "{\"info\":{},\"playlists\":[{\"name\":\"P\",\"pid\":1,\"tracks\":[{\"pos\":0,\"artist_name\":\"Beyonc\u00e9\",\"track_uri\":\"spotify:track:T1\",\"track_name\":\"Halo\",\"duration_ms\":1000}]}]}";
        var bytes = Encoding.Latin1.GetBytes(json);
        var file = gzip ? temp.Gzip("slice.json.gz", bytes) : WriteBytes(temp, "slice.json", bytes);
        var writer = new FakeCatalogWriter();

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new MpdImporter().ImportAsync(file, writer, new ListRejectSink()));

        Assert.Equal(
            $"'{file}' is not UTF-8 text, as JSON must be: byte 0xE9 at offset {json.IndexOf('\u00e9', StringComparison.Ordinal)} (line 1) is not valid UTF-8 (re-encode the file, e.g. iconv -f windows-1252 -t utf-8); nothing of it was imported.",
            ex.Message);
        Assert.Empty(writer.Batches);
    }

    [Fact]
    public async Task SpotifyExport_Latin1HistoryFile_FailsNamingItBeforeAnyFileIsWritten()
    {
        using var temp = new TempFolder("me");
        temp.Write("Playlist1.json", "{\"playlists\":[{\"name\":\"Mix\",\"items\":[{\"track\":{\"trackName\":\"Halo\",\"artistName\":\"Beyoncé\"}}]}]}");
        var history = WriteBytes(temp, "StreamingHistory0.json", Encoding.Latin1.GetBytes(
            "[{\"endTime\":\"2020-01-01 10:00\",\"artistName\":\"Ab\",\"trackName\":\"X\",\"msPlayed\":1},\n{\"endTime\":\"2020-01-01 10:05\",\"artistName\":\"Beyoncé\",\"trackName\":\"Halo\",\"msPlayed\":1000}]"));
        var writer = new FakeCatalogWriter();

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => new SpotifyExportImporter().ImportAsync(temp.Path, writer, new ListRejectSink()));

        Assert.StartsWith($"'{history}' is not UTF-8 text, as JSON must be: byte 0xE9 at offset 130 (line 2) is not valid UTF-8", ex.Message, StringComparison.Ordinal);
        Assert.Empty(writer.Batches);
    }

    [Theory]
    [InlineData("UTF-8", InputEncoding.Utf8)]
    [InlineData("utf8", InputEncoding.Utf8)]
    [InlineData("Windows-1252", InputEncoding.Windows1252)]
    [InlineData("cp1252", InputEncoding.Windows1252)]
    [InlineData("latin1", InputEncoding.Latin1)]
    [InlineData("ISO-8859-1", InputEncoding.Latin1)]
    public void InputEncodings_Parse_AcceptsTheNamesAndAliases(string name, InputEncoding expected) =>
        Assert.Equal(expected, InputEncodings.Parse(name));

    [Fact]
    public void ImporterCatalog_UnknownEncodingOrOneForJson_FailsListingTheAcceptedNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => ImporterCatalog.Get("listens-tsv", encoding: "ebcdic"));
        Assert.StartsWith("Unknown encoding 'ebcdic'. Accepted: utf-8, windows-1252, latin1 (aliases utf8, cp1252, iso-8859-1)", ex.Message, StringComparison.Ordinal);
        var json = Assert.Throws<ArgumentException>(() => ImporterCatalog.Get("mpd", encoding: "latin1"));
        Assert.StartsWith("--encoding latin1 applies to the CSV/TSV formats (spotify-features, hetrec-lastfm, playlists-tsv, listens-tsv); mpd reads JSON", json.Message, StringComparison.Ordinal);
        Assert.Equal(InputEncoding.Windows1252, Assert.IsType<ListensTsvImporter>(ImporterCatalog.Get("listens-tsv", encoding: "cp1252")).TextEncoding);
        Assert.IsType<MpdImporter>(ImporterCatalog.Get("mpd", encoding: "utf-8"));
    }

    /// <summary>The lines of <paramref name="file"/> that Windows-1252 can encode (as UTF-8 text), the same lines in
    /// Windows-1252, and how many of them are not ASCII. Left out too: lines whose Windows-1252 bytes happen to be valid
    /// UTF-8 (the real artists.dat holds mojibake such as "BallakÃ© Sissoko", which in Windows-1252 is the UTF-8 of
    /// "Ballaké"): a per-line decoder reads those as UTF-8, the documented limit of deciding per line.</summary>
    internal static (string Utf8Text, byte[] Cp1252Bytes, int NonAscii) Windows1252Copy(string file)
    {
        var strict = CodePagesEncodingProvider.Instance.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!;
        var kept = new StringBuilder();
        var nonAscii = 0;
        foreach (var line in File.ReadAllText(file).Split('\n'))
        {
            byte[] bytes;
            try
            {
                bytes = strict.GetBytes(line);
            }
            catch (EncoderFallbackException)
            {
                continue;
            }

            if (line.Any(c => c > 0x7F) && System.Text.Unicode.Utf8.IsValid(bytes))
            {
                continue;
            }

            nonAscii += line.Any(c => c > 0x7F) ? 1 : 0;
            kept.Append(line).Append('\n');
        }

        var text = kept.ToString().TrimEnd('\n') + "\n";
        return (text, strict.GetBytes(text), nonAscii);
    }
}

using System.Text;
using System.Text.Json;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Mpd;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.Importers;

/// <summary>The MPD importer's fast reader (Utf8JsonReader, no DOM) against its document reader
/// (<see cref="MpdImporter.DocumentReaderOnly"/>): on every input — good, odd, bad, cut off, not UTF-8, larger than the
/// read buffer — both must emit exactly the same records, counts and rejects, or fail with the same error.</summary>
public sealed class MpdFastReaderEquivalenceTests
{
    private const string Good = "{\"pos\":0,\"artist_name\":\"A\",\"track_uri\":\"spotify:track:T0\",\"artist_uri\":\"spotify:artist:A0\",\"track_name\":\"S\",\"album_uri\":\"spotify:album:X\",\"duration_ms\":1000,\"album_name\":\"Al\"}";

    private static string Entry(string fields) => "{" + fields + "}";

    private static string Playlist(string fields, params string[] tracks) => "{" + fields + (fields.Length > 0 ? "," : string.Empty) + "\"tracks\":[" + string.Join(',', tracks) + "]}";

    private static string P(int pid, params string[] tracks) => Playlist($"\"name\":\"P{pid}\",\"collaborative\":\"false\",\"pid\":{pid},\"modified_at\":1493424000,\"num_followers\":1", tracks);

    private static string Slice(params string[] playlists) => "{\"info\":{\"slice\":\"0-999\",\"n\":[1,{\"a\":2}]},\"playlists\":[" + string.Join(',', playlists) + "]}";

    private static string T(int pos, string track = "T", string extra = "") =>
        "{\"pos\":" + pos + ",\"artist_name\":\"Artist " + pos + "\",\"track_uri\":\"spotify:track:" + track + pos + "\",\"artist_uri\":\"spotify:artist:A" + (pos % 3)
        + "\",\"track_name\":\"Song " + pos + "\",\"album_uri\":\"spotify:album:X\",\"duration_ms\":" + (1000 + pos) + ",\"album_name\":\"Album\"" + extra + "}";

    public static TheoryData<string, string> Cases => new()
    {
        { "plain", Slice(P(0, T(0), T(1)), P(1, T(0), T(2))) },
        { "escapes and non-ASCII", Slice(Playlist("\"name\":\"Pé \\\"q\\\" \\u00e9 😀\",\"pid\":0", T(0, extra: ",\"x\":\"\\n\""), "{\"pos\":1,\"track_uri\":\"spotify:track:\\u0054\",\"track_name\":\"Ж\\/\",\"artist_name\":\"\\u00e9\"}")) },
        { "escaped property names", Slice(Playlist("\"n\\u0061me\":\"P\",\"p\\u0069d\":3", "{\"p\\u006fs\":0,\"track_\\u0075ri\":\"spotify:track:Q\",\"track_name\":\"S\"}")) },
        { "nulls", Slice(Playlist("\"name\":\"P\",\"pid\":0,\"modified_at\":null,\"num_followers\":null,\"collaborative\":null", Entry("\"pos\":null,\"track_uri\":\"spotify:track:Z\",\"track_name\":\"S\",\"artist_uri\":null,\"artist_name\":null,\"album_name\":null,\"duration_ms\":null"), Entry("\"track_uri\":\"spotify:track:Y\",\"track_name\":\"S\",\"artist_name\":\"By Name\""))) },
        { "collaborative kinds", Slice(Playlist("\"name\":\"P\",\"pid\":0,\"collaborative\":true", T(0)), Playlist("\"name\":\"P\",\"pid\":1,\"collaborative\":\"yes\"", T(0)), Playlist("\"name\":\"P\",\"pid\":2,\"collaborative\":1", T(0)), Playlist("\"name\":\"P\",\"pid\":3,\"collaborative\":{\"a\":[1]}", T(0)), Playlist("\"name\":\"P\",\"pid\":4,\"collaborative\":[true]", T(0)), Playlist("\"name\":\"P\",\"pid\":5,\"collaborative\":\"False\"", T(0))) },
        { "nested unknown fields", Slice(Playlist("\"x\":{\"y\":[1,2,{\"z\":null}]},\"name\":\"P\",\"pid\":0,\"description\":\"d\"", T(0, extra: ",\"more\":{\"deep\":[[],[{}]]}"))) },
        { "order shuffled, empty tracks", Slice("{\"tracks\":[],\"pid\":0,\"name\":\"Empty\"}", "{\"tracks\":[" + T(0) + "],\"num_followers\":0,\"pid\":1,\"name\":\"P\"}") },
        { "pid kinds", Slice(P(0, T(0)), Playlist("\"name\":\"P\",\"pid\":\"1\"", T(0)), Playlist("\"name\":\"P\",\"pid\":-2", T(0)), Playlist("\"name\":\"P\",\"pid\":1.5", T(0)), Playlist("\"name\":\"P\",\"pid\":99999999999999999999", T(0)), Playlist("\"name\":\"P\",\"pid\":1e30", T(0)), Playlist("\"name\":\"P\"", T(0)), Playlist("\"name\":\"P\",\"pid\":1e2", T(0))) },
        { "duplicate pid", Slice(P(0, T(0)), P(1, T(1)), P(0, T(2))) },
        { "duplicate properties", Slice(Playlist("\"name\":\"P\",\"pid\":0,\"pid\":1", T(0)), Playlist("\"name\":\"A\",\"name\":\"B\",\"pid\":2", T(0)), Playlist("\"name\":\"P\",\"pid\":3", Entry("\"pos\":0,\"track_uri\":\"spotify:track:A\",\"track_uri\":\"spotify:track:B\",\"track_name\":\"S\"")), Playlist("\"name\":\"P\",\"pid\":4,\"tracks\":[]", T(0))) },
        { "name", Slice(Playlist("\"name\":5,\"pid\":0", T(0)), Playlist("\"pid\":1", T(0)), Playlist("\"name\":\"" + new string('n', 1001) + "\",\"pid\":2", T(0)), Playlist("\"name\":\"" + new string('n', 1000) + "\",\"pid\":3", T(0)), Playlist("\"name\":null,\"pid\":4", T(0))) },
        { "tracks", Slice(P(0, T(0)), "{\"name\":\"P\",\"pid\":1}", "{\"name\":\"P\",\"pid\":2,\"tracks\":{}}", "{\"name\":\"P\",\"pid\":3,\"tracks\":null}") },
        { "modified_at", Slice(Playlist("\"name\":\"P\",\"pid\":0,\"modified_at\":\"1493424000\"", T(0)), Playlist("\"name\":\"P\",\"pid\":1,\"modified_at\":999999999999999", T(0)), Playlist("\"name\":\"P\",\"pid\":2,\"modified_at\":100", T(0)), Playlist("\"name\":\"P\",\"pid\":3,\"modified_at\":9999999999", T(0)), Playlist("\"name\":\"P\",\"pid\":4,\"modified_at\":1.5e9", T(0)), Playlist("\"name\":\"P\",\"pid\":5,\"modified_at\":1e99", T(0))) },
        { "num_followers", Slice(Playlist("\"name\":\"P\",\"pid\":0,\"num_followers\":-1", T(0)), Playlist("\"name\":\"P\",\"pid\":1,\"num_followers\":3.5", T(0)), Playlist("\"name\":\"P\",\"pid\":2,\"num_followers\":1e20", T(0)), Playlist("\"name\":\"P\",\"pid\":3,\"num_followers\":\"3\"", T(0)), Playlist("\"name\":\"P\",\"pid\":4,\"num_followers\":2147483648", T(0))) },
        { "entries: types", Slice(P(0, "5"), P(1, "null"), P(2, "[]"), P(3, "\"x\""), P(4, Entry("\"pos\":\"0\",\"track_uri\":\"spotify:track:A\",\"track_name\":\"S\"")), P(5, Entry("\"pos\":0,\"track_uri\":5,\"track_name\":\"S\"")), P(6, Entry("\"pos\":0,\"track_uri\":\"spotify:track:A\",\"track_name\":7"))) },
        { "entries: pos", Slice(P(0, T(-1)), P(1, T(0), T(0, "U")), P(2, Entry("\"pos\":1.5,\"track_uri\":\"spotify:track:A\",\"track_name\":\"S\"")), P(3, Entry("\"pos\":99999999999,\"track_uri\":\"spotify:track:A\",\"track_name\":\"S\"")), P(4, Entry("\"track_uri\":\"spotify:track:A\",\"track_name\":\"S\""), T(0))) },
        { "entries: uris", Slice(P(0, Entry("\"pos\":0,\"track_name\":\"S\"")), P(1, Entry("\"pos\":0,\"track_uri\":\"spotify:track:\",\"track_name\":\"S\"")), P(2, Entry("\"pos\":0,\"track_uri\":\"spotify:album:A\",\"track_name\":\"S\"")), P(3, Entry("\"pos\":0,\"track_uri\":\"spotify:track:A\",\"artist_uri\":\"spotify:album:B\",\"track_name\":\"S\"")), P(4, Entry("\"pos\":0,\"track_uri\":\"spotify:track:A\",\"artist_uri\":5,\"artist_name\":\"N\",\"track_name\":\"S\"")), P(5, Entry("\"pos\":0,\"track_uri\":\"spotify:track:A\",\"artist_uri\":\"spotify:artist:\",\"track_name\":\"S\"")), P(6, Entry("\"pos\":0,\"track_uri\":null,\"track_name\":\"S\""))) },
        { "entries: names", Slice(P(0, Entry("\"pos\":0,\"track_uri\":\"spotify:track:A\",\"track_name\":\"\"")), P(1, Entry("\"pos\":0,\"track_uri\":\"spotify:track:A\"")), P(2, Entry("\"pos\":0,\"track_uri\":\"spotify:track:A\",\"track_name\":\"" + new string('t', 1001) + "\"")), P(3, Entry("\"pos\":0,\"track_uri\":\"spotify:track:A\",\"track_name\":\"S\",\"album_name\":\"" + new string('a', 1001) + "\"")), P(4, Entry("\"pos\":0,\"track_uri\":\"spotify:track:A\",\"track_name\":\"S\",\"artist_name\":{\"x\":1},\"album_name\":[1]")), P(5, Entry("\"pos\":0,\"track_uri\":\"spotify:track:A\",\"track_name\":\"S\",\"artist_name\":\"  \""))) },
        { "entries: duration", Slice(P(0, Entry("\"pos\":0,\"track_uri\":\"spotify:track:A\",\"track_name\":\"S\",\"duration_ms\":0")), P(1, Entry("\"pos\":0,\"track_uri\":\"spotify:track:B\",\"track_name\":\"S\",\"duration_ms\":86400000")), P(2, Entry("\"pos\":0,\"track_uri\":\"spotify:track:C\",\"track_name\":\"S\",\"duration_ms\":\"100\"")), P(3, Entry("\"pos\":0,\"track_uri\":\"spotify:track:D\",\"track_name\":\"S\",\"duration_ms\":1.5")), P(4, Entry("\"pos\":0,\"track_uri\":\"spotify:track:E\",\"track_name\":\"S\",\"duration_ms\":-5")), P(5, Entry("\"pos\":0,\"track_uri\":\"spotify:track:F\",\"track_name\":\"S\",\"duration_ms\":1e40"))) },
        { "playlist not an object", Slice(P(0, T(0)), "5", "\"x\"", "null", "[1,2]", P(1, T(1))) },
        { "first playlist not an object", Slice("[]", P(0, T(0))) },
        { "first playlist without tracks", Slice("{\"name\":\"P\",\"pid\":0}", P(1, T(0))) },
        { "cut off inside a playlist", Slice(P(0, T(0)), P(1, T(1)))[..^40] },
        { "cut off inside a string", Slice(P(0, T(0)), P(1, T(1)))[..^75] },
        { "invalid JSON mid-file", Slice(P(0, T(0)), "{\"name\":\"P\",\"pid\":1,\"tracks\":[" + T(0) + ",]}", P(2, T(0))) },
        { "invalid JSON in the first playlist", Slice("{\"name\":\"P\",\"pid\":0,\"tracks\":[tru]}") },
        { "trailing garbage", Slice(P(0, T(0))) + " x" },
        { "no playlists", "{\"info\":{}}" },
        { "playlists not an array", "{\"playlists\":{}}" },
        { "empty playlists", "{\"playlists\":[]}" },
        { "BOM", "\uFEFF" + Slice(P(0, T(0))) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ImportAsync_FastAndDocumentReaders_GiveTheSameOutcome(string name, string json)
    {
        using var temp = new TempFolder();
        var file = temp.Write(name.Replace(' ', '_').Replace(':', '_').Replace(',', '_') + ".json", json);

        await AssertSameAsync(file);
    }

    [Fact]
    public async Task ImportAsync_InvalidUtf8InAString_SameOutcome()
    {
        using var temp = new TempFolder();
        var before = Encoding.UTF8.GetBytes(Slice(P(0, T(0)), P(1, Entry("\"pos\":0,\"track_uri\":\"spotify:track:A\",\"track_name\":\"S@\"")), P(2, T(1))));
        var at = Array.IndexOf(before, (byte)'@');
        before[at] = 0xC3; // a lead byte followed by a quote: not UTF-8
        var file = Path.Combine(temp.Path, "bad-utf8.json");
        await File.WriteAllBytesAsync(file, before);

        await AssertSameAsync(file);
    }

    [Fact]
    public async Task ImportAsync_FileSeveralTimesTheReadBuffer_SameOutcome()
    {
        // About 4 MiB: playlists are cut by the 1 MiB buffer's end many times, with repeated and escaped values and bad
        // playlists among them.
        var playlists = new List<string>();
        for (var p = 0; p < 700; p++)
        {
            var tracks = Enumerable.Range(0, 25 + (p % 40)).Select(i => T(i, "T" + (p % 50) + "_", i % 7 == 0 ? ",\"note\":\"é\\\"\\u0041\"" : string.Empty)).ToList();
            if (p % 97 == 5)
            {
                tracks.Add(T(3)); // a repeated pos: rejected
            }

            playlists.Add(P(p, [.. tracks]));
        }

        using var temp = new TempFolder();
        var file = temp.Write("big.json", Slice([.. playlists]));
        Assert.True(new FileInfo(file).Length > 3 * 1024 * 1024);

        await AssertSameAsync(file, batchSize: 5_000);
    }

    [SharedFact("spotify-mpd-excerpt")]
    public async Task ImportAsync_RealSample_SameRecords()
    {
        var sample = TestData.Shared("spotify-mpd-excerpt", "mpd.slice.0-999.sample-pid0-4.json");
        var (fast, document) = await AssertSameAsync(sample);
        Assert.Contains("\"spotify:track:0UaMYEvWZi0ZqiDOoHU3YI\"", fast, StringComparison.Ordinal);
        Assert.Equal(document, fast);
    }

    private static async Task<(string Fast, string Document)> AssertSameAsync(string file, int batchSize = MpdImporter.DefaultBatchSize)
    {
        var fast = await OutcomeAsync(new MpdImporter { BatchSize = batchSize }, file);
        var document = await OutcomeAsync(new MpdImporter { BatchSize = batchSize, DocumentReaderOnly = true }, file);
        Assert.Equal(document, fast);
        return (fast, document);
    }

    /// <summary>Everything an import produced, as one JSON text: records per batch, counts, rejects (report and sink), or the error.</summary>
    private static async Task<string> OutcomeAsync(MpdImporter importer, string file)
    {
        var writer = new FakeCatalogWriter();
        var sink = new ListRejectSink();
        try
        {
            var report = await importer.ImportAsync(file, writer, sink);
            return JsonSerializer.Serialize(new
            {
                Batches = writer.Batches.Select(b => new { b.Artists, b.Tracks, b.Credits, b.Playlists, b.PlaylistEntries }),
                report.Read,
                report.Stored,
                report.Skipped,
                report.Rejects,
                Sink = sink.Items,
            });
        }
        catch (Exception ex) when (ex is InputFormatException or JsonException or InvalidDataException)
        {
            return ex.GetType().Name + ": " + ex.Message + " after " + JsonSerializer.Serialize(writer.Batches.Select(b => b.PlaylistEntries));
        }
    }
}

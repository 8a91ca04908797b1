using System.Text;
using System.Text.Json.Nodes;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.AcousticBrainz;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;
using static SoundGraph.Ingest.Tests.StoreIntegration.AcousticBrainzIntoStoreTests;

namespace SoundGraph.Ingest.Tests.StoreIntegration;

/// <summary>The attack on the AcousticBrainz importer: the fixture folder is imported, then a copy of one document damaged
/// at test time is imported over it (in a folder beside an untouched copy of the other recording's document). Each damage
/// rejects exactly that document with its file and field, nothing aborts, and the store's content digest is what it was
/// before. Both providers.</summary>
public sealed class AcousticBrainzBadInputTests
{
    private const string Gone = "; nothing of this document was stored.";

    private static readonly string At = $"recording {Nascence}";

    /// <summary>Name, file name of the damaged copy, damage to the parsed low-level (or, for "hl …", high-level)
    /// document of 0dad…, expected reject "location: reason".</summary>
    private static readonly (string Name, string File, Action<JsonObject> Damage, string Reject)[] Attacks =
    [
        ("bpm 412", Nascence + ".json", d => d["rhythm"]!["bpm"] = 412, $"{At}: rhythm.bpm 412 is outside 0–300{Gone}"),
        ("bpm -1", Nascence + ".json", d => d["rhythm"]!["bpm"] = -1, $"{At}: rhythm.bpm -1 is outside 0–300{Gone}"),
        ("bpm a string", Nascence + ".json", d => d["rhythm"]!["bpm"] = "fast", $"{At}: rhythm.bpm is a JSON string, not a number{Gone}"),
        ("key H", Nascence + ".json", d => d["tonal"]!["key_key"] = "H", $"{At}: tonal.key_key 'H' is not a pitch name (C, C#, Db, D, … B){Gone}"),
        ("key a number", Nascence + ".json", d => d["tonal"]!["key_key"] = 2, $"{At}: tonal.key_key is a JSON number, not a string{Gone}"),
        ("scale dorian", Nascence + ".json", d => d["tonal"]!["key_scale"] = "dorian", $"{At}: tonal.key_scale 'dorian' is neither major nor minor{Gone}"),
        ("key strength 2", Nascence + ".json", d => d["tonal"]!["key_strength"] = 2, $"{At}: tonal.key_strength 2 is outside 0–1{Gone}"),
        ("mfcc 12 values", Nascence + ".json", d => d["lowlevel"]!["mfcc"]!["mean"]!.AsArray().RemoveAt(0), $"{At}: lowlevel.mfcc.mean is not an array of 13 numbers{Gone}"),
        ("centroid negative", Nascence + ".json", d => d["lowlevel"]!["spectral_centroid"]!["mean"] = -5, $"{At}: lowlevel.spectral_centroid.mean -5 is outside 0–∞{Gone}"),
        ("loudness 3", Nascence + ".json", d => d["lowlevel"]!["average_loudness"] = 3, $"{At}: lowlevel.average_loudness 3 is outside 0–1{Gone}"),
        ("length 0", Nascence + ".json", d => d["metadata"]!["audio_properties"]!["length"] = 0, $"{At}: metadata.audio_properties.length 0 s is not above 0 and below a day{Gone}"),
        ("tags not a list", Nascence + ".json", d => d["metadata"]!["tags"]!["title"] = 5, $"{At}: metadata.tags.title is a JSON number, not a list of strings{Gone}"),
        ("tonal an array", Nascence + ".json", d => d["tonal"] = new JsonArray(), $"{At}: tonal is a JSON array, not an object{Gone}"),
        ("mbid missing", "nascence.json", d => d["metadata"]!["tags"]!.AsObject().Remove("musicbrainz_recordingid"),
            $"document: No recording MBID: metadata.tags.musicbrainz_recordingid is missing and the file name does not start with one{Gone}"),
        ("mbid not a uuid", "nascence.json", d => d["metadata"]!["tags"]!["musicbrainz_recordingid"] = new JsonArray("0dad432b"),
            $"document: metadata.tags.musicbrainz_recordingid '0dad432b' is not an MBID{Gone}"),
        ("mbid not the file's", SoulLove + "-copy.json", d => { },
            $"recording {SoulLove}: metadata.tags.musicbrainz_recordingid {Nascence} is not the recording {SoulLove} its file name or bulk key gives{Gone}"),
        ("hl probability 1.7", Nascence + "_highlevel.json", d => d["highlevel"]!["mood_happy"]!["probability"] = 1.7,
            $"{At}: highlevel.mood_happy.probability 1.7 is outside 0–1{Gone}"),
        ("hl all negative", Nascence + "_highlevel.json", d => d["highlevel"]!["mood_sad"]!["all"]!["sad"] = -0.1,
            $"{At}: highlevel.mood_sad.all.sad -0.1 is outside 0–1{Gone}"),
        ("hl value missing", Nascence + "_highlevel.json", d => d["highlevel"]!["timbre"]!.AsObject().Remove("value"),
            $"{At}: highlevel.timbre.value is missing, blank or too long{Gone}"),
        ("hl model a string", Nascence + "_highlevel.json", d => d["highlevel"]!["gender"] = "female",
            $"{At}: highlevel.gender is a JSON string, not a classifier output{Gone}"),
    ];

    public static IEnumerable<object[]> Cases() => TestDatabases.Cross(Attacks.Select(a => new object[] { a.Name }).ToArray());

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ImportAsync_DamagedDocumentOverTheFixtures_RejectsItAndKeepsTheStoredContent(string provider, string attack)
    {
        var (_, name, damage, expected) = Attacks.Single(a => a.Name == attack);
        await using var temp = await TempStore.CreateAsync(provider);
        Assert.Empty((await ImportAsync(temp.Store, Fixtures)).Rejects);
        var digest = await temp.Store.ContentDigestAsync();
        var source = attack.StartsWith("hl ", StringComparison.Ordinal) ? Nascence + "_highlevel.json" : Nascence + ".json";
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Fixtures, source)))!.AsObject();
        damage(doc);
        using var folder = new TempFolder();
        var file = folder.Write(name, doc.ToJsonString());
        File.Copy(Path.Combine(Fixtures, SoulLove + ".json"), Path.Combine(folder.Path, SoulLove + ".json"));
        var rejects = new ListRejectSink();

        var report = await ImportAsync(temp.Store, folder.Path, rejects);

        Assert.Equal([expected], report.Rejects.Select(r => $"{r.Location}: {r.Reason}").ToArray());
        Assert.Equal(file, Assert.Single(report.Rejects).File);
        Assert.Equal(rejects.Items, report.Rejects);
        Assert.Equal(digest, await temp.Store.ContentDigestAsync());
    }

    [Theory]
    [StoreProviders]
    public async Task ImportAsync_NotAcousticBrainzOrNotJsonInAFolder_RejectsThatFileAndImportsTheRest(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        using var folder = new TempFolder();
        var other = folder.Write("a-playlist.json", "{\"playlists\": [{\"pid\": 1}]}");
        var broken = folder.Write("b-broken.json", "{\"lowlevel\": {\"average_loudness\": 0.5,");
        var array = folder.Write("c-array.json", "[1, 2]");
        File.Copy(Path.Combine(Fixtures, SoulLove + ".json"), Path.Combine(folder.Path, SoulLove + ".json"));

        var report = await ImportAsync(temp.Store, folder.Path);

        Assert.Equal(
            [(other, "document", "Not an AcousticBrainz document: it has none of lowlevel, rhythm, tonal or highlevel, is not a map of classifier models, and is not a bulk response keyed by recording MBIDs; nothing of it was stored."),
             (array, "document", "Not an AcousticBrainz document: its root is a JSON array, expected an object; nothing of it was stored.")],
            report.Rejects.Where(r => r.File != broken).Select(r => (r.File, r.Location, r.Reason)).ToArray());
        var bad = Assert.Single(report.Rejects, r => r.File == broken);
        Assert.Equal("line 1", bad.Location);
        Assert.StartsWith("The file is not well-formed JSON; nothing of it was stored", bad.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await temp.Store.CountRowsAsync())["acousticbrainz_lowlevel"]);
    }

    [Fact]
    public async Task ImportAsync_ASingleFileThatIsNotAcousticBrainz_FailsNamingTheFile()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        using var folder = new TempFolder();
        var file = folder.Write("other.json", "{\"hello\": 1}");

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => ImportAsync(temp.Store, file));

        Assert.Contains(file, ex.Message, StringComparison.Ordinal);
        Assert.Contains("is not AcousticBrainz JSON", ex.Message, StringComparison.Ordinal);
        Assert.True(await temp.Store.HoldsNoDataAsync());
    }

    [Theory]
    [StoreProviders]
    public async Task ImportAsync_AFileThatIsNotUtf8_FailsNamingItBeforeStoringAnything(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        Assert.Empty((await ImportAsync(temp.Store, Path.Combine(Fixtures, Nascence + ".json"))).Rejects);
        var digest = await temp.Store.ContentDigestAsync();
        using var folder = new TempFolder();
        File.Copy(Path.Combine(Fixtures, SoulLove + ".json"), Path.Combine(folder.Path, "a-" + SoulLove + ".json")); // read first, yet not stored
        var text = (await File.ReadAllTextAsync(Path.Combine(Fixtures, Nascence + ".json"))).Replace("\"Nascence\"", "\"Nascence – Café\"", StringComparison.Ordinal);
        var latin1 = folder.Write(Nascence + ".json", text, Encoding.Latin1);

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => ImportAsync(temp.Store, folder.Path));

        Assert.Contains($"'{latin1}' is not UTF-8 text", ex.Message, StringComparison.Ordinal);
        Assert.Equal(digest, await temp.Store.ContentDigestAsync());
    }

    [Theory]
    [StoreProviders]
    public async Task ImportAsync_ACutOffGzipFile_FailsBeforeStoringAnything(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        using var folder = new TempFolder();
        var gz = folder.Gzip(Nascence + ".json.gz", await File.ReadAllBytesAsync(Path.Combine(Fixtures, Nascence + ".json")));
        var bytes = await File.ReadAllBytesAsync(gz);
        await File.WriteAllBytesAsync(gz, bytes[..(bytes.Length / 2)]);

        var ex = await Assert.ThrowsAsync<InputFormatException>(() => ImportAsync(temp.Store, folder.Path));

        Assert.Contains("cut-off or damaged gzip", ex.Message, StringComparison.Ordinal);
        Assert.True(await temp.Store.HoldsNoDataAsync());
    }
}

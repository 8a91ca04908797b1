using SoundGraph.Core.Catalog;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.AcousticBrainz;
using SoundGraph.Ingest.Tests.TestSupport;

namespace SoundGraph.Ingest.Tests.Importers.AcousticBrainz;

/// <summary>Shapes the recorded fixtures do not have (later extractors, several credited artists, bulk keys), on
/// synthetic documents: the ids, names and values below are made up for these tests.</summary>
public sealed class AcousticBrainzImporterTests
{
    private const string R = "11111111-0000-0000-0000-000000000001";
    private const string A1 = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string A2 = "bbbbbbbb-0000-0000-0000-000000000002";

    private static string LowLevel(string tags = "", string tonal = "\"key_edma\": {\"key\": \"F#\", \"scale\": \"minor\", \"strength\": 0.5}", string lowlevel = "") =>
        $$$"""
        {"metadata": {"tags": {"title": ["Song"], "artist": ["One feat. Two"] {{{tags}}} }, "audio_properties": {"length": 60.0004}},
         "rhythm": {"bpm": 120.5}, "tonal": { {{{tonal}}} }, "lowlevel": {"average_loudness": 0.5 {{{lowlevel}}} }}
        """;

    private static async Task<(ImportReport Report, FakeCatalogWriter Writer)> ImportAsync(string folder)
    {
        var writer = new FakeCatalogWriter();
        var report = await new AcousticBrainzImporter().ImportAsync(folder, writer, new ListRejectSink());
        return (report, writer);
    }

    [Fact]
    public async Task ImportAsync_LaterExtractorKeyProfileAndIntegratedLoudness_AreRead()
    {
        using var folder = new TempFolder();
        folder.Write(R + ".json", LowLevel(lowlevel: ", \"loudness_ebu128\": {\"integrated\": -9.25}"));

        var (report, writer) = await ImportAsync(folder.Path);

        Assert.Empty(report.Rejects);
        var features = Assert.Single(writer.All(b => b.AudioFeatures));
        Assert.Equal(("musicbrainz:recording:" + R, "acousticbrainz", 120.5, 6, 0), (features.TrackKey, features.Extractor, features.Features.TempoBpm, features.Features.Key, features.Features.Mode));
        var low = Assert.Single(writer.All(b => b.AcousticBrainzLowLevel)).Values;
        Assert.Equal(("edma", 0.5, -9.25, 0.5), (low.KeyProfile, low.KeyStrength, low.IntegratedLoudnessLufs, low.AverageLoudness));
        Assert.Null(low.MfccMean);
        var track = Assert.Single(writer.Tracks);
        Assert.Equal(("Song", "One feat. Two", 60000L), (track.Title, track.PrimaryArtistName, track.DurationMs));
        // No artist ids: the artist tag names one name-keyed artist.
        Assert.Equal(["name:artist:one feat two"], writer.Artists.Select(a => a.Key));
    }

    [Fact]
    public async Task ImportAsync_TwoArtistIdsWithTheirNames_CreditsBothInOrder()
    {
        using var folder = new TempFolder();
        folder.Write(R + ".json", LowLevel(tags: $", \"musicbrainz_artistid\": [\"{A1}\", \"{A2}\"], \"artists\": [\"One\", \"Two\"]"));

        var (report, writer) = await ImportAsync(folder.Path);

        Assert.Empty(report.Rejects);
        Assert.Equal([("musicbrainz:artist:" + A1, "One"), ("musicbrainz:artist:" + A2, "Two")], writer.Artists.Select(a => (a.Key, a.Name)));
        Assert.Equal(
            [("musicbrainz:artist:" + A1, CreditRole.Primary, 0), ("musicbrainz:artist:" + A2, CreditRole.Featured, 1)],
            writer.Credits.Select(c => (c.ArtistKey, c.Role, c.Position)));
    }

    [Fact]
    public async Task ImportAsync_BulkResponse_ReadsTheLowestOffsetAndRejectsAKeyThatIsNotAnMbid()
    {
        using var folder = new TempFolder();
        var file = folder.Write("bulk.json", $$$"""
            {"{{{R}}}": {"1": {"rhythm": {"bpm": 99} }, "0": {{{LowLevel()}}} },
             "not-an-mbid": {"0": {"rhythm": {"bpm": 1} } },
             "mbid_mapping": {} }
            """);

        var (report, writer) = await ImportAsync(folder.Path);

        var reject = Assert.Single(report.Rejects);
        Assert.Equal((file, "key 'not-an-mbid'"), (reject.File, reject.Location));
        Assert.Equal(120.5, Assert.Single(writer.All(b => b.AudioFeatures)).Features.TempoBpm);
        Assert.Equal(1, report.Skipped["other_submission"]);
    }

    [Fact]
    public void Catalog_KnowsTheFormat()
    {
        Assert.IsType<AcousticBrainzImporter>(ImporterCatalog.Get("acousticbrainz"));
        Assert.Throws<ArgumentException>(() => ImporterCatalog.Get("acousticbrainz", encoding: "windows-1252"));
    }
}

using Dapper;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.AcousticBrainz;
using SoundGraph.Ingest.Tests.TestSupport;
using SoundGraph.Storage;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.StoreIntegration;

/// <summary>The recorded AcousticBrainz documents (tests/fixtures/api/acousticbrainz, CC0) imported into both providers:
/// the exact stored values, and a re-import that changes nothing.</summary>
public sealed class AcousticBrainzIntoStoreTests
{
    internal const string Nascence = "0dad432b-16cc-4bf0-8961-fd31d124b01b";
    internal const string SoulLove = "e8afe383-1478-497e-90b1-7885c7f37f6e";

    internal static string Fixtures => TestData.Fixture("api", "acousticbrainz");

    internal static async Task<ImportReport> ImportAsync(SoundGraphStore store, string path, ListRejectSink? rejects = null) =>
        await new AcousticBrainzImporter().ImportAsync(path, store.Catalog, rejects ?? new ListRejectSink());

    [Theory]
    [StoreProviders]
    public async Task ImportAsync_FixtureFolder_StoresTracksFeaturesDescriptorsAndClassifiers(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var store = temp.Store;

        var report = await ImportAsync(store, Fixtures);

        Assert.Empty(report.Rejects);
        Assert.Equal(
            [("bulk_responses", 1L), ("files", 5L), ("highlevel_documents", 2L), ("highlevel_models", 1L), ("lowlevel_documents", 4L)],
            report.Read.Select(kv => (kv.Key, kv.Value)).ToArray());
        Assert.Equal(1, report.Skipped["other_submission"]); // the bulk response's offset 1 of 0dad…
        var tracks = (await store.Connection.QueryAsync<(string, string, long?, string?, string?)>(
            "SELECT key, title, duration_ms, album, source FROM tracks ORDER BY key")).ToArray();
        Assert.Equal(
            [("musicbrainz:recording:" + Nascence, "Nascence", 107572L, "Journey", "acousticbrainz"),
             ("musicbrainz:recording:" + SoulLove, "Soul Love", 213827L, "The Rise and Fall of Ziggy Stardust and the Spiders From Mars", "acousticbrainz")],
            tracks);
        var credits = (await store.Connection.QueryAsync<(string, string, string, long, long)>(
            "SELECT t.key, a.key, a.name, c.role, c.position FROM track_credits c JOIN tracks t ON t.id = c.track_id JOIN artists a ON a.id = c.artist_id ORDER BY t.key")).ToArray();
        Assert.Equal(
            [("musicbrainz:recording:" + Nascence, "musicbrainz:artist:78f15956-c5e1-46d6-a46b-fa6f46681ec8", "Austin Wintory", 0L, 0L),
             ("musicbrainz:recording:" + SoulLove, "musicbrainz:artist:5441c29d-3602-4898-b1a1-b77fa23b8e50", "David Bowie", 0L, 0L)],
            credits);

        var features = (await store.Connection.QueryAsync<(string, string, double?, long?, long?)>(
            "SELECT t.key, f.extractor, f.tempo_bpm, f.musical_key, f.mode FROM audio_features f JOIN tracks t ON t.id = f.track_id ORDER BY t.key")).ToArray();
        Assert.Equal(
            [("musicbrainz:recording:" + Nascence, "acousticbrainz", 139.925872803, 2L, 1L), ("musicbrainz:recording:" + SoulLove, "acousticbrainz", 146.650299072, 2L, 1L)],
            features);
        Assert.Equal(0, await store.Connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM audio_features WHERE COALESCE(danceability, energy, speechiness, acousticness, instrumentalness, liveness, valence, loudness_db, time_signature) IS NOT NULL"));

        var low = await store.Connection.QuerySingleAsync<LowRow>(
            "SELECT l.* FROM acousticbrainz_lowlevel l JOIN tracks t ON t.id = l.track_id WHERE t.key = @k", new { k = "musicbrainz:recording:" + Nascence });
        Assert.Equal(
            new LowRow
            {
                key_profile = "key", key_strength = 0.605484127998, rhythm_danceability = 0.812176525593, average_loudness = 0.048737552017,
                integrated_loudness_lufs = null, replay_gain_db = -9.43081283569, dynamic_complexity = 6.21206188202, onset_rate = 1.06887590885,
                spectral_centroid_hz = 671.523498535, spectral_rolloff_hz = 934.554260254, spectral_flatness_db = 0.288698583841,
                spectral_flux = 0.0373168922961, spectral_entropy = 5.93625926971, zero_crossing_rate = 0.0330617204309,
                mfcc_0 = -809.079956055, mfcc_1 = 196.693603516, mfcc_2 = 14.5762844086, mfcc_3 = 6.08403015137, mfcc_4 = 0.968960940838,
                mfcc_5 = -4.33947467804, mfcc_6 = -6.33537626266, mfcc_7 = -1.52541470528, mfcc_8 = -1.90009725094, mfcc_9 = -4.04138422012,
                mfcc_10 = -9.53146743774, mfcc_11 = -6.10197162628, mfcc_12 = -1.44469249249,
            },
            low with { track_id = 0 });
        Assert.Equal(
            (0.820412218571, 1.0918302536, 0.28302448988, -692.216430664),
            await store.Connection.QuerySingleAsync<(double, double, double, double)>(
                "SELECT l.key_strength, l.rhythm_danceability, l.average_loudness, l.mfcc_0 FROM acousticbrainz_lowlevel l JOIN tracks t ON t.id = l.track_id WHERE t.key = @k",
                new { k = "musicbrainz:recording:" + SoulLove }));

        var high = (await store.Connection.QueryAsync<(string, string, double, string)>(
            "SELECT h.model, h.value, h.probability, h.distribution FROM acousticbrainz_highlevel h ORDER BY h.model")).ToArray();
        Assert.Equal(18, high.Length); // only 0dad… has high-level documents
        Assert.Equal(("danceability", "not_danceable", 0.964681088924, "{\"danceable\":0.035318903625,\"not_danceable\":0.964681088924}"), high[0]);
        Assert.Contains(("mood_happy", "not_happy", 0.941893875599, "{\"happy\":0.0581060945988,\"not_happy\":0.941893875599}"), high);
        Assert.Contains(high, h => h is ("genre_rosamerica", "cla", 0.663908660412, _));
        Assert.Contains(high, h => h is ("ismir04_rhythm", "Waltz", 0.864271581173, _));
        Assert.Contains(high, h => h is ("voice_instrumental", "instrumental", 0.965500116348, _));
        Assert.Equal(
            ["danceability", "gender", "genre_dortmund", "genre_electronic", "genre_rosamerica", "genre_tzanetakis", "ismir04_rhythm", "mood_acoustic",
             "mood_aggressive", "mood_electronic", "mood_happy", "mood_party", "mood_relaxed", "mood_sad", "moods_mirex", "timbre", "tonal_atonal", "voice_instrumental"],
            high.Select(h => h.Item1).ToArray());
    }

    [Theory]
    [StoreProviders]
    public async Task ImportAsync_Again_ChangesNothing(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await ImportAsync(temp.Store, Fixtures);
        var digest = await temp.Store.ContentDigestAsync();

        var again = await ImportAsync(temp.Store, Fixtures);

        Assert.Empty(again.Rejects);
        Assert.Equal((0L, 0L, 0L), (again.Stored.GetValueOrDefault("tracks"), again.Stored.GetValueOrDefault("acousticbrainz_lowlevel"), again.Stored.GetValueOrDefault("acousticbrainz_highlevel")));
        Assert.Equal(digest, await temp.Store.ContentDigestAsync());
    }

    [Theory]
    [StoreProviders]
    public async Task ImportAsync_GzipCopies_StoreTheSameRowsAsThePlainFiles(string provider)
    {
        await using var plain = await TempStore.CreateAsync(provider);
        await ImportAsync(plain.Store, Fixtures);
        using var folder = new TempFolder();
        foreach (var file in Directory.GetFiles(Fixtures))
        {
            folder.Gzip(Path.GetFileName(file) + ".gz", await File.ReadAllBytesAsync(file));
        }

        await using var gz = await TempStore.CreateAsync(provider);
        var report = await ImportAsync(gz.Store, folder.Path);

        Assert.Empty(report.Rejects);
        Assert.Equal(await plain.Store.ContentDigestAsync(), await gz.Store.ContentDigestAsync());
    }

    [Theory]
    [StoreProviders]
    public async Task ImportAsync_OneLowLevelFile_ThenItsHighLevelModelsAlone_RejectsTheNamelessModels(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var lowFile = Path.Combine(Fixtures, Nascence + ".json");
        var report = await ImportAsync(temp.Store, lowFile);
        Assert.Empty(report.Rejects);
        var digest = await temp.Store.ContentDigestAsync();

        var models = await ImportAsync(temp.Store, Path.Combine(Fixtures, Nascence + "_highlevel_models.json"));

        var reject = Assert.Single(models.Rejects);
        Assert.Equal($"recording {Nascence}", reject.Location);
        Assert.StartsWith("metadata.tags.title is missing and no earlier document of this import names recording", reject.Reason, StringComparison.Ordinal);
        Assert.Equal(digest, await temp.Store.ContentDigestAsync());
    }

    /// <summary>One <c>acousticbrainz_lowlevel</c> row (column names as in the table).</summary>
#pragma warning disable SA1300, SA1516, IDE1006 // column names
    internal sealed record LowRow
    {
        public long track_id { get; init; }
        public string? key_profile { get; init; }
        public double? key_strength { get; init; }
        public double? rhythm_danceability { get; init; }
        public double? average_loudness { get; init; }
        public double? integrated_loudness_lufs { get; init; }
        public double? replay_gain_db { get; init; }
        public double? dynamic_complexity { get; init; }
        public double? onset_rate { get; init; }
        public double? spectral_centroid_hz { get; init; }
        public double? spectral_rolloff_hz { get; init; }
        public double? spectral_flatness_db { get; init; }
        public double? spectral_flux { get; init; }
        public double? spectral_entropy { get; init; }
        public double? zero_crossing_rate { get; init; }
        public double? mfcc_0 { get; init; }
        public double? mfcc_1 { get; init; }
        public double? mfcc_2 { get; init; }
        public double? mfcc_3 { get; init; }
        public double? mfcc_4 { get; init; }
        public double? mfcc_5 { get; init; }
        public double? mfcc_6 { get; init; }
        public double? mfcc_7 { get; init; }
        public double? mfcc_8 { get; init; }
        public double? mfcc_9 { get; init; }
        public double? mfcc_10 { get; init; }
        public double? mfcc_11 { get; init; }
        public double? mfcc_12 { get; init; }
    }
#pragma warning restore SA1300, SA1516, IDE1006
}

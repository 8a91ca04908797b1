using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Stores;

/// <summary>The AcousticBrainz tables (migration 0006) through both catalog writers: same rows, a null never replaces a
/// known value, an unchanged row is not counted, and a batch naming an unknown track stores nothing.</summary>
public sealed class AcousticBrainzRowsTests
{
    private const string Track = "musicbrainz:recording:11111111-0000-0000-0000-000000000001";

    private static readonly double[] Mfcc = [.. Enumerable.Range(0, 13).Select(i => -10.5 + i)];

    [Theory]
    [StoreProviders]
    public async Task WriteAsync_LowAndHighLevel_StoredThenNullsKeepTheKnownValues(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var batch = new CatalogBatch { Source = "acousticbrainz" };
        batch.Tracks.Add(new TrackRecord(Track, "Song", "Artist"));
        batch.AcousticBrainzLowLevel.Add(new AcousticBrainzLowLevelRecord(Track, new AcousticBrainzLowLevel(KeyProfile: "key", KeyStrength: 0.5, AverageLoudness: 0.25, MfccMean: Mfcc)));
        batch.AcousticBrainzHighLevel.Add(new AcousticBrainzHighLevelRecord(Track, "mood_happy", "happy", 0.75, "{\"happy\":0.75,\"not_happy\":0.25}"));
        var first = await temp.Store.Catalog.WriteAsync(batch);
        Assert.Equal((1L, 1L), (first.GetValueOrDefault("acousticbrainz_lowlevel"), first.GetValueOrDefault("acousticbrainz_highlevel")));

        batch.Clear();
        batch.AcousticBrainzLowLevel.Add(new AcousticBrainzLowLevelRecord(Track, new AcousticBrainzLowLevel(SpectralCentroidHz: 1000.5)));
        batch.AcousticBrainzHighLevel.Add(new AcousticBrainzHighLevelRecord(Track, "mood_happy", "happy", 0.75, null));
        var second = await temp.Store.Catalog.WriteAsync(batch);
        Assert.Equal((1L, 0L), (second.GetValueOrDefault("acousticbrainz_lowlevel"), second.GetValueOrDefault("acousticbrainz_highlevel")));
        var again = await temp.Store.Catalog.WriteAsync(batch);
        Assert.Equal((0L, 0L), (again.GetValueOrDefault("acousticbrainz_lowlevel"), again.GetValueOrDefault("acousticbrainz_highlevel")));

        var low = await temp.Store.Connection.QuerySingleAsync<(string, double, double, double, double, double?)>(
            "SELECT key_profile, key_strength, average_loudness, spectral_centroid_hz, mfcc_12, replay_gain_db FROM acousticbrainz_lowlevel");
        Assert.Equal(("key", 0.5, 0.25, 1000.5, 1.5, (double?)null), low);
        var high = await temp.Store.Connection.QuerySingleAsync<(string, string, double, string)>("SELECT model, value, probability, distribution FROM acousticbrainz_highlevel");
        Assert.Equal(("mood_happy", "happy", 0.75, "{\"happy\":0.75,\"not_happy\":0.25}"), high);
    }

    [Theory]
    [StoreProviders]
    public async Task WriteAsync_UnknownTrack_StoresNothingOfTheBatch(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var batch = new CatalogBatch { Source = "acousticbrainz" };
        batch.Tracks.Add(new TrackRecord(Track, "Song"));
        batch.AcousticBrainzHighLevel.Add(new AcousticBrainzHighLevelRecord("musicbrainz:recording:nope", "timbre", "dark", 0.5, null));

        await Assert.ThrowsAsync<UnknownKeyException>(() => temp.Store.Catalog.WriteAsync(batch));

        Assert.True(await temp.Store.HoldsNoDataAsync());
    }

    [Theory]
    [StoreProviders]
    public async Task WriteAsync_TwoFeatureRecordsOfOneTrackInABatch_KeepTheKnownValuesOfBoth(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var batch = new CatalogBatch { Source = "acousticbrainz" };
        batch.Tracks.Add(new TrackRecord(Track, "Song"));
        batch.AudioFeatures.Add(new AudioFeaturesRecord(Track, "acousticbrainz", new AudioFeatures(null, null, null, null, null, null, null, null, 120.5, 2, 1, null)));
        batch.AudioFeatures.Add(new AudioFeaturesRecord(Track, "acousticbrainz", new AudioFeatures(null, null, null, null, null, null, null, null, null, 4, null, null)));

        await temp.Store.Catalog.WriteAsync(batch);

        Assert.Equal(
            (120.5, 4L, 1L),
            await temp.Store.Connection.QuerySingleAsync<(double, long, long)>("SELECT tempo_bpm, musical_key, mode FROM audio_features"));
    }
}

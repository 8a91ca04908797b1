using SoundGraph.Storage.Audio;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Audio;

/// <summary><see cref="IRelationStore.LoadLocalAudioFeaturesAsync"/> and <see cref="LocalAudioVector"/>.</summary>
public sealed class LocalAudioVectorTests
{
    private static readonly DateTimeOffset January = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset February = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The 16 vector columns scaled by <paramref name="k"/> (binary-exact values), with the given tempo, loudness
    /// and percussive/harmonic ratio; MFCC 1 and 7 get values that must not reach the vector.</summary>
    private static (string, double?)[] Columns(double? tempo, double? lufs, double ratio, double k) =>
    [
        ("tempo_bpm", tempo), ("integrated_lufs", lufs), ("loudness_range_lu", 6 * k), ("spectral_centroid_mean_hz", 2000 * k),
        ("spectral_flatness_mean", 0.25 * k), ("spectral_flux_mean", 0.125 * k), ("zero_crossing_rate", 0.0625 * k), ("onset_rate", 3 * k),
        ("mfcc1_mean", 99 * k), ("mfcc2_mean", 2 * k), ("mfcc3_mean", 3 * k), ("mfcc4_mean", 4 * k), ("mfcc5_mean", 5 * k), ("mfcc6_mean", 6 * k),
        ("mfcc7_mean", 77 * k), ("side_to_mid", 0.375 * k), ("percussive_to_harmonic", ratio), ("pumpiness", 0.5 * k),
    ];

    [Theory]
    [StoreProviders]
    public async Task LoadLocalAudioFeaturesAsync_ThreeTracks_LatestFileWinsAndUnknownsTakeTheKnownMean(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await LocalAudioFixture.TracksAsync(temp.Store, "l1", "l2", "l3");
        // l1 has two files: the one analysed in February wins although it is saved first.
        await LocalAudioFixture.SaveAsync(temp.Store, ids["l1"], "l1-new", February, Columns(120, -10, 3, 1));
        await LocalAudioFixture.SaveAsync(temp.Store, ids["l1"], "l1-old", January, Columns(100, -20, 9, 8));
        await LocalAudioFixture.SaveAsync(temp.Store, ids["l2"], "l2", January, Columns(null, -8, 1, 2));
        await LocalAudioFixture.SaveAsync(temp.Store, ids["l3"], "l3", January, Columns(130, null, 0, 0.5));

        var (trackIds, vectors) = await temp.Store.Relations.LoadLocalAudioFeaturesAsync();

        Assert.Equal(new[] { ids["l1"], ids["l2"], ids["l3"] }, trackIds);
        // Order: tempo, LUFS, LRA, centroid, flatness, flux, ZCR, onset rate, MFCC 2–6, side/mid, r/(1 + r), pumpiness.
        // l2's tempo is the mean of 120 and 130; l3's loudness the mean of −10 and −8. Shares: 3/4, 1/2, 0.
        Assert.Equal([120, -10, 6, 2000, 0.25, 0.125, 0.0625, 3, 2, 3, 4, 5, 6, 0.375, 0.75, 0.5], vectors[0]);
        Assert.Equal([125, -8, 12, 4000, 0.5, 0.25, 0.125, 6, 4, 6, 8, 10, 12, 0.75, 0.5, 1], vectors[1]);
        Assert.Equal([130, -9, 3, 1000, 0.125, 0.0625, 0.03125, 1.5, 1, 1.5, 2, 2.5, 3, 0.1875, 0, 0.25], vectors[2]);
    }

    [Theory]
    [StoreProviders]
    public async Task LoadLocalAudioFeaturesAsync_NoAnalysis_ReturnsNothing(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await temp.Store.Catalog.WriteAsync(TempStore.SampleBatch()); // Spotify features only

        var (trackIds, vectors) = await temp.Store.Relations.LoadLocalAudioFeaturesAsync();

        Assert.Empty(trackIds);
        Assert.Empty(vectors);
    }

    [Fact]
    public void Impute_ColumnWithoutKnownValues_BecomesZeroAndOthersTheirMean()
    {
        var d = LocalAudioVector.Dimensions.Count;
        var a = new double?[d];
        var b = new double?[d];
        a[0] = 1;
        a[1] = 4;
        b[1] = 6;

        var vectors = LocalAudioVector.Impute([a, b]);

        Assert.Equal([1.0, 1.0], vectors.Select(v => v[0]));
        Assert.Equal([4.0, 6.0], vectors.Select(v => v[1]));
        Assert.Equal([0.0, 0.0], vectors.Select(v => v[2]));
        Assert.Null(a[2]); // the input is left as it was
    }

    [Fact]
    public void Impute_RowOfWrongLength_Throws() =>
        Assert.Throws<ArgumentException>(() => LocalAudioVector.Impute([new double?[3]]));

    [Fact]
    public void Dimensions_AreAudioAnalysisColumnsWithDistinctNames()
    {
        Assert.Equal(16, LocalAudioVector.Dimensions.Count);
        Assert.All(LocalAudioVector.Dimensions, d => Assert.Contains(d.Name, AudioAnalysisColumns.Names));
        Assert.Equal(16, LocalAudioVector.Dimensions.Select(d => d.Name).Distinct().Count());
    }
}

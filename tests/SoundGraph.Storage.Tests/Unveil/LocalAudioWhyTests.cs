using SoundGraph.Core.Catalog;
using SoundGraph.Core.Relations;
using SoundGraph.Storage.Explore;
using SoundGraph.Storage.Resolution;
using SoundGraph.Storage.Tests.Audio;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Storage.Tests.Unveil;

/// <summary>The "why" of an audio-similarity pair: Spotify space when both tracks have Spotify descriptors, else the
/// local-audio space when both have an analysed file, else the generic sentence; in unveil and in the graph.</summary>
public sealed class LocalAudioWhyTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Local-only tracks a, b, c, d and a Spotify-only track e; relations a→b and a→e.</summary>
    /// <remarks>Hand-worked z-products of a and b (population sd over the four tracks, an unknown value imputed with the
    /// known mean as relate does):
    ///   pumpiness 0.41, 0.38, 0.05, 0.04: mean 0.22, Σ(x − mean)² = 0.123 → 0.19·0.16 / (0.123/4) = 0.9886;
    ///   tempo 128, 126, 90, unknown: mean 344/3, deviations 40/3, 34/3, −74/3, 0 (imputed), Σ² = 8232/9, sd² = 8232/36
    ///     → (40/3)(34/3) / (8232/36) = 0.6608 (over the three known values only it would be 0.4956);
    ///   onset rate 4, 4, 0.8, 3.2: mean 3, Σ² = 6.88 → 1 / 1.72 = 0.5814;
    ///   loudness unknown for a: left out. Every other column is 0.5 on every track (sd 0).</remarks>
    private static async Task<(TempStore Temp, Dictionary<string, long> Ids)> LocalStoreAsync(string provider)
    {
        var temp = await TempStore.CreateAsync(provider);
        var s = temp.Store;
        var ids = await LocalAudioFixture.TracksAsync(s, "a", "b", "c", "d", "e");
        await LocalAudioFixture.SaveAsync(s, ids["a"], "a", At, ("pumpiness", 0.41), ("tempo_bpm", 128), ("onset_rate", 4), ("integrated_lufs", null));
        await LocalAudioFixture.SaveAsync(s, ids["b"], "b", At, ("pumpiness", 0.38), ("tempo_bpm", 126), ("onset_rate", 4), ("integrated_lufs", -8));
        await LocalAudioFixture.SaveAsync(s, ids["c"], "c", At, ("pumpiness", 0.05), ("tempo_bpm", 90), ("onset_rate", 0.8), ("integrated_lufs", -12));
        await LocalAudioFixture.SaveAsync(s, ids["d"], "d", At, ("pumpiness", 0.04), ("tempo_bpm", null), ("onset_rate", 3.2), ("integrated_lufs", -10));
        var batch = new CatalogBatch();
        batch.AudioFeatures.Add(new AudioFeaturesRecord("test:track:e", "spotify", new AudioFeatures(0.8, 0.7, 0.05, 0.1, 0, 0.1, 0.6, -5, 120, 1, 1, 4)));
        await s.Catalog.WriteAsync(batch);
        await s.Relations.ReplaceRelationsAsync(
            RelationKind.TrackAudioSimilarity,
            [new(RelationKind.TrackAudioSimilarity, ids["a"], ids["b"], 0.9, 0, []), new(RelationKind.TrackAudioSimilarity, ids["a"], ids["e"], 0.8, 0, [])],
            At);
        return (temp, ids);
    }

    private const string LocalWhy = "from your files: both high pumpiness 0.41/0.38, fast tempo 128/126 BPM, high onset rate 4.0/4.0 per s";

    [Theory]
    [StoreProviders]
    public async Task BuildAsync_PairOfLocalTracks_ExplainedByTheLargestLocalZProducts(string provider)
    {
        var (temp, ids) = await LocalStoreAsync(provider);
        await using var _ = temp;

        var report = await temp.Store.Unveil.BuildAsync(new EntityRef("track", ids["a"], "a"));

        var audio = report.Sections.Single(x => x.Key == "audio");
        Assert.Equal([ids["b"], ids["e"]], audio.Items.Select(i => i.Id));
        Assert.Equal(LocalWhy, audio.Items[0].Why);
        Assert.Equal("close in standardized audio features", audio.Items[1].Why); // e has no local analysis, a no Spotify row
    }

    [Theory]
    [StoreProviders]
    public async Task ReadAsync_LocalPairEdge_ExplainedLikeUnveil(string provider)
    {
        var (temp, ids) = await LocalStoreAsync(provider);
        await using var _ = temp;

        var g = await new GraphReader(temp.Store.Connection).ReadAsync(NodeType.Track, ids["a"], 1, 10, [RelationKind.TrackAudioSimilarity]);

        Assert.NotNull(g);
        Assert.Equal(
            [$"track_audio_similarity:{ids["a"]}:{ids["b"]}:{LocalWhy}", $"track_audio_similarity:{ids["a"]}:{ids["e"]}:close in standardized audio features"],
            g.Edges.Where(e => e.Relation == "track_audio_similarity").Select(e => $"{e.Id}:{e.Why}"));
    }

    [Theory]
    [StoreProviders]
    public async Task BuildAsync_BothTracksHaveSpotifyDescriptors_SpotifySpaceExplainsEvenWithLocalAnalyses(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var s = temp.Store;
        await s.Catalog.WriteAsync(TempStore.SampleBatch());
        var t1 = (await s.Identifiers.TrackIdByKeyAsync("spotify:track:t1"))!.Value;
        var t2 = (await s.Identifiers.TrackIdByKeyAsync("spotify:track:t2"))!.Value;
        var local = (await LocalAudioFixture.TracksAsync(s, "l"))["l"];
        // Local space over t1, t2, l: only pumpiness varies (mean 0.5); t1 and l both stand above it.
        await LocalAudioFixture.SaveAsync(s, t1, "t1", At, ("pumpiness", 0.75));
        await LocalAudioFixture.SaveAsync(s, t2, "t2", At, ("pumpiness", 0.05));
        await LocalAudioFixture.SaveAsync(s, local, "l", At, ("pumpiness", 0.7));
        await s.Relations.ReplaceRelationsAsync(
            RelationKind.TrackAudioSimilarity,
            [new(RelationKind.TrackAudioSimilarity, t1, t2, 0.95, 0, []), new(RelationKind.TrackAudioSimilarity, t1, local, 0.9, 0, [])],
            At);

        var report = await s.Unveil.BuildAsync(new EntityRef("track", t1, "One — A"));

        var audio = report.Sections.Single(x => x.Key == "audio");
        // t1–t2: the Spotify explanation of UnveilReaderTests, unchanged; t1–l: l has no Spotify row, both have files.
        Assert.Equal(
            ["both low instrumentalness 0.00/0.00, low speechiness 0.05/0.04, high tempo 120/118", "from your files: both high pumpiness 0.75/0.70"],
            audio.Items.Select(i => i.Why));
    }

    [Theory]
    [StoreProviders]
    public async Task BuildAsync_LocalPairWithNothingInCommon_SaysSoInTheLocalSpace(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var s = temp.Store;
        var ids = await LocalAudioFixture.TracksAsync(s, "x", "y");
        // Two tracks: every varying column has z = ±1 on opposite sides, so no product is positive.
        await LocalAudioFixture.SaveAsync(s, ids["x"], "x", At, ("pumpiness", 0.25));
        await LocalAudioFixture.SaveAsync(s, ids["y"], "y", At, ("pumpiness", 0.75));
        await s.Relations.ReplaceRelationsAsync(RelationKind.TrackAudioSimilarity, [new(RelationKind.TrackAudioSimilarity, ids["x"], ids["y"], -1, 0, [])], At);

        var report = await s.Unveil.BuildAsync(new EntityRef("track", ids["x"], "x"));

        Assert.Equal("from your files: close in standardized audio features", report.Sections.Single(x => x.Key == "audio").Items.Single().Why);
    }
}

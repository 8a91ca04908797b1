using System.Text.Json;
using Dapper;
using SoundGraph.Core.Catalog;
using SoundGraph.Storage.Tests;
using SoundGraph.Storage.Tests.Audio;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr relate</c> over Spotify descriptors and local-audio analyses together, then <c>sgr unveil</c> on the
/// pairs it wrote; both providers.</summary>
public sealed class LocalAudioRelateTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static AudioFeatures Spotify(double tempo) => new(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, -10, tempo, 0, 1, 4);

    /// <remarks>Hand-worked. Local space: p, q, r, s with tempo 100, 100, 140, 140 (z −1, −1, 1, 1) and pumpiness 0.25,
    /// 0.5, 0.5, 0.75 (z −√2, 0, 0, √2); q's loudness is unknown, imputed as the others' 0.5, so that column stays constant
    /// like every other (z 0). cos(p,q) = cos(r,s) = 1/√3 ≈ 0.577, cos(p,r) = cos(q,s) = −1/√3, cos(p,s) = cos(q,r) = −1.
    /// Spotify space: p, q, w with tempo 100, 100, 130, the rest equal: cos(p,q) = 1, cos(p,w) = cos(q,w) = −1.
    /// Merged at threshold 0.5: p↔q at max(1, 1/√3) = 1, r↔s at 1/√3.</remarks>
    [Theory]
    [StoreProviders]
    public async Task Relate_SpotifyAndLocalAudio_WritesBothSpacesPairsAndUnveilExplainsEach(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var store = temp.Store;
        var ids = await LocalAudioFixture.TracksAsync(store, "p", "q", "r", "s", "w");
        await LocalAudioFixture.SaveAsync(store, ids["p"], "p", At, ("tempo_bpm", 100), ("pumpiness", 0.25));
        await LocalAudioFixture.SaveAsync(store, ids["q"], "q", At, ("tempo_bpm", 100), ("pumpiness", 0.5), ("integrated_lufs", null));
        await LocalAudioFixture.SaveAsync(store, ids["r"], "r", At, ("tempo_bpm", 140), ("pumpiness", 0.5));
        await LocalAudioFixture.SaveAsync(store, ids["s"], "s", At, ("tempo_bpm", 140), ("pumpiness", 0.75));
        var batch = new CatalogBatch();
        batch.AudioFeatures.AddRange(
        [
            new AudioFeaturesRecord("test:track:p", "spotify", Spotify(100)),
            new AudioFeaturesRecord("test:track:q", "spotify", Spotify(100)),
            new AudioFeaturesRecord("test:track:w", "spotify", Spotify(130)),
        ]);
        await store.Catalog.WriteAsync(batch);

        var (code, output, error) = await CliRunner.RunAsync("relate", "--kind", "track_audio_similarity", "--audio-threshold", "0.5", "--db", temp.Db);

        Assert.True(code == 0, error);
        // 5 distinct tracks, 3 Spotify + 4 local vectors, 4 rows.
        Assert.Matches(@"track_audio_similarity\s+│\s+5\s+│\s+7\s+│\s+4\s+│", output);
        var rows = (await store.Connection.QueryAsync<(long Src, long Dst, long Rank, double Weight)>(
            "SELECT src_id, dst_id, rank, weight FROM relations WHERE kind = 'track_audio_similarity' ORDER BY src_id, rank")).ToList();
        Assert.Equal([(ids["p"], ids["q"], 0L), (ids["q"], ids["p"], 0L), (ids["r"], ids["s"], 0L), (ids["s"], ids["r"], 0L)], rows.Select(r => (r.Src, r.Dst, r.Rank)));
        Assert.Equal(1.0, rows[0].Weight, 12);
        Assert.Equal(1.0, rows[1].Weight, 12);
        Assert.Equal(1 / Math.Sqrt(3), rows[2].Weight, 12);
        Assert.Equal(1 / Math.Sqrt(3), rows[3].Weight, 12);

        // p–q: both have Spotify rows (tempo 100, 100, 130: z-product 0.5); r–s only files (tempo z-product 1; pumpiness 0).
        Assert.Equal("both low tempo 100/100", await AudioWhyAsync(temp.Db, ids["p"]));
        Assert.Equal("from your files: both fast tempo 140/140 BPM", await AudioWhyAsync(temp.Db, ids["r"]));
    }

    private static async Task<string?> AudioWhyAsync(string db, long trackId)
    {
        var (code, output, error) = await CliRunner.RunAsync("unveil", $"track:{trackId}", "--json", "--db", db);
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var audio = doc.RootElement.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "audio");
        return audio.GetProperty("items")[0].GetProperty("why").GetString();
    }
}

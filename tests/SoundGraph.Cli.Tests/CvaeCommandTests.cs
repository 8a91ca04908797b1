using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Tests;

public sealed class CvaeCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-cli-cvae-" + Guid.NewGuid().ToString("N"));

    public CvaeCommandTests() => Directory.CreateDirectory(_dir);

    private string Db => Path.Combine(_dir, "t.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Synthetic collaborations (not real data): <paramref name="tracks"/> tracks, track i credited to artists
    /// A(i mod 5) and A((i + 1) mod 5) (a 5-cycle of co-credits) plus Solo, who never collaborates; features vary with i.</summary>
    private async Task WriteStoreAsync(int tracks)
    {
        var b = new CatalogBatch();
        string[] artists = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Solo"];
        b.Artists.AddRange(artists.Select(a => new ArtistRecord(EntityKeys.ArtistByName(a), a)));
        for (var i = 0; i < tracks; i++)
        {
            var key = $"test:track:{i}";
            var first = artists[i % 5];
            var second = artists[(i + 1) % 5];
            b.Tracks.Add(new TrackRecord(key, $"Song {i}", first, Streams: 1_000_000L * (i + 1)));
            b.Credits.Add(new CreditRecord(key, EntityKeys.ArtistByName(first), CreditRole.Primary, 0));
            b.Credits.Add(new CreditRecord(key, EntityKeys.ArtistByName(second), CreditRole.Featured, 1));
            var t = i / (double)tracks;
            b.AudioFeatures.Add(new AudioFeaturesRecord(key, "spotify", new AudioFeatures(0.3 + (0.5 * t), 0.8 - (0.4 * t), 0.05 + (0.1 * t), 0.2, 0.01 * (i % 3), 0.1 + (0.05 * (i % 4)), 0.4 + (0.2 * t), -8 + (4 * t), 90 + (60 * t), i % 12, 1, 4)));
        }

        b.Tracks.Add(new TrackRecord("test:track:solo", "Alone", "Solo", Streams: 5));
        b.Credits.Add(new CreditRecord("test:track:solo", EntityKeys.ArtistByName("Solo"), CreditRole.Primary, 0));
        await using var store = await SoundGraphStore.OpenAsync(Db);
        await store.Catalog.WriteAsync(b);
    }

    [Fact]
    public async Task TrainCvaeThenGenerate_SyntheticCollaborations_SavesModelAndPrintsVectors()
    {
        await WriteStoreAsync(30);
        var curve = Path.Combine(_dir, "curve.csv");

        var (code, output, error) = await CliRunner.RunAsync("train", "cvae", "--epochs", "4", "--hidden", "8", "--latent", "2", "--embedding-dim", "4", "--curve", curve, "--db", Db);
        var (genCode, genOut, genErr) = await CliRunner.RunAsync("collab", "generate", "--artists", "Alpha,Solo", "-n", "3", "--db", Db);
        var (again, againOut, _) = await CliRunner.RunAsync("collab", "generate", "--artists", "Alpha,Solo", "-n", "3", "--db", Db);

        Assert.True(code == 0, error);
        Assert.Contains("train cvae: epoch 4/4: recon ", error, StringComparison.Ordinal);
        // 30 collaborations, 20 % held out = 6; the 5-cycle has 5 artists and 5 edges (Solo has no co-credit).
        Assert.Contains("CVAE on 30 collaborations (24 train, 6 held out, seed 42); co-credit graph 5 artists, 5 edges", output, StringComparison.Ordinal);
        Assert.Contains("active latent units (Cov_x E_q[z] > 0.01):", output, StringComparison.Ordinal);
        Assert.Matches(@"│ instrumentalness\s+│\s+\d\.\d{3} │", output);
        Assert.Matches(@"│\s+4 │ 1\.000 │", output);
        var lines = File.ReadAllLines(curve);
        Assert.Equal("epoch,beta,reconstruction,kl,loss", lines[0]);
        Assert.Equal(5, lines.Length);
        await using (var store = await SoundGraphStore.OpenAsync(Db))
        {
            var model = await store.Models.LoadModelAsync("cvae");
            Assert.NotNull(model);
            Assert.Contains("\"heldOut\": 6", model.MetricsJson, StringComparison.Ordinal);
            Assert.Equal(5, (await store.Models.LoadEmbeddingsAsync("cvae", 1)).Ids.Length);
        }

        Assert.True(genCode == 0, genErr);
        // Alpha–Solo never collaborated; Solo is outside the graph, so both proximity values are 0.
        Assert.Contains("Alpha × Solo: never co-credited; common neighbours 0, Adamic–Adar 0.000", genOut, StringComparison.Ordinal);
        Assert.Contains("loudness dB", genOut, StringComparison.Ordinal);
        Assert.Matches(@"│ 3 │\s+\d\.\d{3} │", genOut);
        Assert.Equal(0, again);
        Assert.Equal(genOut, againOut); // same seed, same vectors
    }

    [Fact]
    public async Task TrainCvae_UnitScoresClip_ReportsShareBeforeClipping()
    {
        await WriteStoreAsync(20);

        var (code, output, error) = await CliRunner.RunAsync("train", "cvae", "--epochs", "2", "--hidden", "4", "--unit-scores", "clip", "--db", Db);

        Assert.True(code == 0, error);
        Assert.Contains("0–1 scores as given, clipped", output, StringComparison.Ordinal);
        Assert.Matches(@"0–1 features out of range before clipping: \d+\.\d\d % of generated values \(clipped to \[0, 1\] in output\)", output);
    }

    [Fact]
    public async Task CollabGenerate_NoTrainedModel_FailsWithHint()
    {
        await WriteStoreAsync(12);

        var (code, _, error) = await CliRunner.RunAsync("collab", "generate", "--artists", "Alpha,Bravo", "--db", Db);

        Assert.Equal(1, code);
        Assert.Equal("error: There is no CVAE in this store: run `sgr train cvae` first.", error.Trim());
    }

    [Theory]
    [InlineData("--latent", "0", "error: --latent must be between 1 and 256 (got 0).")]
    [InlineData("--holdout", "1", "error: --holdout must be between 0 and 1, exclusive (got 1).")]
    [InlineData("--beta", "-1", "error: --beta must be a finite number ≥ 0 (got -1).")]
    public async Task TrainCvae_BadOption_OneLineErrorNamingIt(string option, string value, string expected)
    {
        await WriteStoreAsync(12);

        var (code, _, error) = await CliRunner.RunAsync("train", "cvae", option, value, "--db", Db);

        Assert.Equal(1, code);
        Assert.Equal(expected, error.Trim());
    }

    [Fact]
    public async Task TrainCvae_TooFewCollaborations_Fails()
    {
        await WriteStoreAsync(4);

        var (code, _, error) = await CliRunner.RunAsync("train", "cvae", "--db", Db);

        Assert.Equal(1, code);
        Assert.StartsWith("error: The store holds 4 collaborations", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollabGenerate_OneArtist_FailsNamingOption()
    {
        await WriteStoreAsync(12);
        await CliRunner.RunAsync("train", "cvae", "--epochs", "1", "--hidden", "4", "--db", Db);

        var (code, _, error) = await CliRunner.RunAsync("collab", "generate", "--artists", "Alpha", "--db", Db);

        Assert.Equal(1, code);
        Assert.StartsWith("error: --artists needs two artists separated by a comma", error, StringComparison.Ordinal);
    }
}

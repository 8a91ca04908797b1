using System.Text.Json;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Tests;

public sealed class SageCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-cli-sage-" + Guid.NewGuid().ToString("N"));

    public SageCommandTests() => Directory.CreateDirectory(_dir);

    private string Db => Path.Combine(_dir, "t.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Synthetic catalogue (not real data): 4 artists × 8 tracks. Each artist's tracks share an audio profile
    /// (danceability, energy, acousticness, valence near the artist's centre; key, mode, tempo fixed per artist) with small
    /// seeded noise, a genre and a label; one playlist per artist holds its first 4 tracks. A 33rd track has no features.</summary>
    private async Task WriteStoreAsync()
    {
        var b = new CatalogBatch();
        var random = new Random(12);
        double[][] centres = [[0.9, 0.9, 0.05, 0.9], [0.2, 0.3, 0.9, 0.2], [0.8, 0.2, 0.5, 0.1], [0.3, 0.9, 0.1, 0.6]];
        for (var a = 0; a < 4; a++)
        {
            var artist = $"Artist {(char)('A' + a)}";
            b.Artists.Add(new ArtistRecord(EntityKeys.ArtistByName(artist), artist));
            b.Labels.Add(new LabelRecord($"test:label:{a}", $"Label {a}"));
            b.Playlists.Add(new PlaylistRecord($"test:playlist:{a}", $"Playlist {a}"));
            for (var t = 0; t < 8; t++)
            {
                var key = $"test:track:{a}{t}";
                b.Tracks.Add(new TrackRecord(key, $"Song {a}{t}", artist, LabelKey: $"test:label:{a}", Details: new TrackDetails(Genre: $"genre {a}")));
                b.Credits.Add(new CreditRecord(key, EntityKeys.ArtistByName(artist), CreditRole.Primary, 0));
                double N(double c) => Math.Clamp(c + ((random.NextDouble() - 0.5) * 0.1), 0, 1);
                var c = centres[a];
                b.AudioFeatures.Add(new AudioFeaturesRecord(key, "spotify", new AudioFeatures(
                    N(c[0]), N(c[1]), 0.05, N(c[2]), 0, 0.1, N(c[3]), -5 - (3 * a), 90 + (20 * a), 2 * a, a % 2, 4)));
                if (t < 4)
                {
                    b.PlaylistEntries.Add(new PlaylistEntryRecord($"test:playlist:{a}", t, key));
                }
            }
        }

        b.Tracks.Add(new TrackRecord("test:track:none", "No Features", "Artist A"));
        await using var store = await SoundGraphStore.OpenAsync(Db);
        await store.Catalog.WriteAsync(b);
    }

    [Fact]
    public async Task TrainSageThenSimilar_SyntheticArtistClusters_ReportsAllModelsAndNeighboursFromTheSameCluster()
    {
        await WriteStoreAsync();
        var (code, output, error) = await CliRunner.RunAsync("train", "sage", "--k", "5", "--threshold", "0.3", "--epochs", "30", "--dim", "8", "--db", Db);
        Assert.True(code == 0, error);
        // Redirected (the test console is not interactive): one progress line per epoch on standard error.
        Assert.Equal(30, error.Split('\n').Count(l => l.StartsWith("train sage: epoch ", StringComparison.Ordinal)));
        Assert.Contains("train sage: epoch 30/30, loss ", error, StringComparison.Ordinal);
        Assert.Contains("song graph 32 tracks", output, StringComparison.Ordinal);
        Assert.Contains("held-out song-graph edges", output, StringComparison.Ordinal);
        Assert.Contains("same primary artist (112 of 112 pairs)", output, StringComparison.Ordinal);
        Assert.Contains("same playlist (24 of 24 pairs)", output, StringComparison.Ordinal);
        Assert.Contains("genre (32 tracks)", output, StringComparison.Ordinal);
        Assert.Contains("genre: tracks.genre", output, StringComparison.Ordinal);

        await using (var store = await SoundGraphStore.OpenAsync(Db))
        {
            var model = await store.Models.LoadModelAsync("sage");
            Assert.NotNull(model);
            Assert.Equal("graphsage", model.Kind);
            foreach (var (name, dim) in new[] { ("sage", 8), ("sage-raw", 13), ("sage-fastrp", 8) })
            {
                var (ids, vectors) = await store.Models.LoadEmbeddingsAsync(name, 0);
                Assert.Equal(32, ids.Length);
                Assert.All(vectors, v => Assert.Equal(dim, v.Length));
            }
        }

        foreach (var m in new[] { "raw", "sage" })
        {
            var (simCode, simOut, simErr) = await CliRunner.RunAsync("similar", "Song 00", "--model", m, "--limit", "3", "--json", "--db", Db);
            Assert.True(simCode == 0, simErr);
            using var doc = JsonDocument.Parse(simOut);
            var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(3, items.Count);
            // The clusters are far apart in every feature: the nearest tracks are Artist A's own.
            Assert.All(items, i => Assert.Equal("Artist A", i.GetProperty("artist").GetString()));
            var scores = items.Select(i => i.GetProperty("cosine").GetDouble()).ToList();
            Assert.Equal(scores.OrderDescending(), scores);
        }

        var (tableCode, table, _) = await CliRunner.RunAsync("similar", "Song 00", "--limit", "2", "--db", Db);
        Assert.Equal(0, tableCode);
        Assert.Contains("tracks nearest to Song 00 — Artist A", table, StringComparison.Ordinal);
        Assert.Contains("matched by", table, StringComparison.Ordinal);

        var (noneCode, _, noneErr) = await CliRunner.RunAsync("similar", "No Features", "--db", Db);
        Assert.Equal(1, noneCode);
        Assert.Contains("has no audio features", noneErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Similar_BeforeTraining_SaysToTrainFirst()
    {
        await WriteStoreAsync();
        var (code, _, error) = await CliRunner.RunAsync("similar", "Song 00", "--model", "fastrp", "--db", Db);
        Assert.Equal(1, code);
        Assert.Equal("error: The fastrp embeddings are not in the store yet: run `sgr train sage` first.", error.Trim());
    }

    [Theory]
    [InlineData("--k", "0", "error: --k must be between 1 and 1000 (got 0).")]
    [InlineData("--threshold", "1.5", "error: --threshold must be between -1 and 1 (got 1.5).")]
    [InlineData("--epochs", "0", "error: --epochs must be between 1 and 100000 (got 0).")]
    [InlineData("--dim", "0", "error: --dim must be between 1 and 4096 (got 0).")]
    public async Task TrainSage_OptionOutOfRange_OneLineErrorNamingTheOption(string option, string value, string expected)
    {
        var (code, _, error) = await CliRunner.RunAsync("train", "sage", option, value, "--db", Db);
        Assert.Equal(1, code);
        Assert.Equal(expected, error.Trim());
    }

    [Fact]
    public async Task Similar_UnknownModel_ParseErrorListsTheChoices()
    {
        var (code, _, error) = await CliRunner.RunAsync("similar", "x", "--model", "bert", "--db", Db);
        Assert.Equal(1, code);
        Assert.Contains("sage", error, StringComparison.Ordinal);
        Assert.Contains("fastrp", error, StringComparison.Ordinal);
    }
}

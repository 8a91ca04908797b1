using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Tests;

public sealed class CollabCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-cli-collab-" + Guid.NewGuid().ToString("N"));

    public CollabCommandTests() => Directory.CreateDirectory(_dir);

    private string Db => Path.Combine(_dir, "t.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Synthetic credits (not real data): artists A..H on a circulant graph C8(1, 2): one two-artist track for every
    /// pair of artists one or two steps apart on the ring A B C D E F G H (16 tracks, each artist has 4 collaborators);
    /// plus Y and Z on one track, apart from the rest, and a solo track of A.</summary>
    private async Task WriteStoreAsync()
    {
        var b = new CatalogBatch();
        string[] ring = ["A", "B", "C", "D", "E", "F", "G", "H"];
        b.Artists.AddRange(ring.Append("Y").Append("Z").Select(a => new ArtistRecord(EntityKeys.ArtistByName("Synthetic " + a), "Synthetic " + a)));
        var pairs = new List<(string, string)>();
        for (var i = 0; i < 8; i++)
        {
            pairs.Add((ring[i], ring[(i + 1) % 8]));
            pairs.Add((ring[i], ring[(i + 2) % 8]));
        }

        pairs.Add(("Y", "Z"));
        var n = 0;
        foreach (var (x, y) in pairs)
        {
            var key = $"test:track:{++n}";
            b.Tracks.Add(new TrackRecord(key, $"Song {x}{y}", "Synthetic " + x));
            b.Credits.Add(new CreditRecord(key, EntityKeys.ArtistByName("Synthetic " + x), CreditRole.Primary, 0));
            b.Credits.Add(new CreditRecord(key, EntityKeys.ArtistByName("Synthetic " + y), CreditRole.Featured, 1));
        }

        b.Tracks.Add(new TrackRecord("test:track:solo", "Solo A", "Synthetic A"));
        b.Credits.Add(new CreditRecord("test:track:solo", EntityKeys.ArtistByName("Synthetic A"), CreditRole.Primary, 0));
        await using var store = await SoundGraphStore.OpenAsync(Db);
        await store.Catalog.WriteAsync(b);
    }

    [Fact]
    public async Task TrainCollab_SyntheticCredits_PrintsCoefficientsMetricsAndSavesModelAndCurve()
    {
        await WriteStoreAsync();
        var curve = Path.Combine(_dir, "pr.csv");

        var (code, output, error) = await CliRunner.RunAsync("train", "collab", "--seed", "3", "--dimension", "8", "--curve", curve, "--db", Db);

        Assert.True(code == 0, error + output);
        Assert.Contains("co-credit graph: 10 artists, 17 collaborations", output, StringComparison.Ordinal);
        foreach (var name in new[] { "common_neighbors", "adamic_adar", "log_pref_attachment", "jaccard", "embedding_cosine", "(intercept)", "logistic regression" })
        {
            Assert.Contains(name, output, StringComparison.Ordinal);
        }

        Assert.Contains("threshold keeping 100 % recall", output, StringComparison.Ordinal);
        Assert.Equal("threshold,precision,recall,true_positives,false_positives", File.ReadLines(curve).First());
        var last = File.ReadLines(curve).Last().Split(',');
        Assert.Equal(["1", "3"], last[2..4]); // the last point keeps all round(0.15 · 17) = 3 held-out edges: recall 1
        await using var store = await SoundGraphStore.OpenAsync(Db);
        Assert.NotNull(await store.Models.LoadModelAsync("collab"));
        Assert.Equal(10, (await store.Models.LoadEmbeddingsAsync("collab-fastrp", 1)).Ids.Length);
    }

    [Fact]
    public async Task CollabPredict_AfterTraining_ListsTheTwoHopArtistsWithTheirCommonCollaborators()
    {
        await WriteStoreAsync();
        await CliRunner.RunAsync("train", "collab", "--dimension", "8", "--curve", Path.Combine(_dir, "pr.csv"), "--db", Db);

        var (code, output, error) = await CliRunner.RunAsync("collab", "predict", "--artist", "Synthetic A", "--db", Db);

        Assert.True(code == 0, error + output);
        // Γ(A) = {B, C, G, H}; at distance 2: D (via B, C), E (via C, G), F (via G, H).
        Assert.Contains("2 common collaborators: Synthetic B, Synthetic C", output, StringComparison.Ordinal);
        Assert.Contains("2 common collaborators: Synthetic C, Synthetic G", output, StringComparison.Ordinal);
        Assert.Contains("2 common collaborators: Synthetic G, Synthetic H", output, StringComparison.Ordinal);
        Assert.Equal(3, output.Split('\n').Count(l => l.Contains("common collaborators", StringComparison.Ordinal)));
        Assert.DoesNotContain("Synthetic Y", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollabPredict_NoModel_FailsWithOneLineNamingTheTrainCommand()
    {
        await WriteStoreAsync();

        var (code, _, error) = await CliRunner.RunAsync("collab", "predict", "--artist", "Synthetic A", "--db", Db);

        Assert.Equal(1, code);
        Assert.Equal("error: No collaboration model in the store: run `sgr train collab` first.", error.Trim());
    }

    [Fact]
    public async Task CollabPath_AcrossTheRing_ShowsEachHopWithItsTrack()
    {
        await WriteStoreAsync();

        var (code, output, error) = await CliRunner.RunAsync("collab", "path", "Synthetic A", "Synthetic E", "--db", Db);

        Assert.True(code == 0, error + output);
        // BFS from A visits B, C, G, H (ascending ids); E is first reached from C.
        Assert.Contains("Synthetic A → Synthetic E: 2 hops", output, StringComparison.Ordinal);
        Assert.Matches(@"1\s+│\s+Synthetic A\s+│\s+Synthetic C\s+│\s+Song AC \(track:\d+\)\s+│\s+1", output);
        Assert.Matches(@"2\s+│\s+Synthetic C\s+│\s+Synthetic E\s+│\s+Song CE \(track:\d+\)\s+│\s+1", output);
    }

    [Fact]
    public async Task CollabPath_SeparateComponents_FailsWithOneLine()
    {
        await WriteStoreAsync();

        var (code, _, error) = await CliRunner.RunAsync("collab", "path", "Synthetic A", "Synthetic Y", "--db", Db);

        Assert.Equal(1, code);
        Assert.Equal("error: No collaboration path joins Synthetic A and Synthetic Y: no chain of shared tracks in the store.", error.Trim());
    }

    [Fact]
    public async Task TrainCollab_HoldoutOutOfRange_FailsNamingTheOption()
    {
        await WriteStoreAsync();

        var (code, _, error) = await CliRunner.RunAsync("train", "collab", "--holdout", "0.9", "--db", Db);

        Assert.Equal(1, code);
        Assert.Equal("error: --holdout must be between 0.05 and 0.5 (got 0.9).", error.Trim());
    }
}

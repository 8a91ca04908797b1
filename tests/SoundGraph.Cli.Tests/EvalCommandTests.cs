using SoundGraph.Tests.Shared;

namespace SoundGraph.Cli.Tests;

public sealed class EvalCommandTests
{
    [Fact]
    public async Task EvalRecommend_TestWithoutPlaylists_FailsNamingTheOption()
    {
        var (code, _, err) = await CliRunner.RunAsync("eval", "recommend", "--test", "x.tsv", "--db", Path.Combine(Path.GetTempPath(), "sg-none-" + Guid.NewGuid().ToString("N") + ".db"));
        Assert.NotEqual(0, code);
        Assert.Contains("--test needs --dataset playlists", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalRecommend_SplitWithHetrec_FailsNamingTheOption()
    {
        var (code, _, err) = await CliRunner.RunAsync("eval", "recommend", "--split", "random", "--db", Path.Combine(Path.GetTempPath(), "sg-none-" + Guid.NewGuid().ToString("N") + ".db"));
        Assert.NotEqual(0, code);
        Assert.Contains("--split needs --dataset playlists", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalRecommend_Help_NamesTheTuneRunsBehindTheDefaults()
    {
        var (code, output, _) = await CliRunner.RunAsync("eval", "recommend", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--split", output, StringComparison.Ordinal);
        // Help wraps long descriptions; compare with the whitespace folded.
        var text = System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
        Assert.Contains("sgr eval recommend --dataset hetrec --tune --seed 42", text, StringComparison.Ordinal);
        Assert.DoesNotContain("built-in values", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalRecommend_UnknownModel_FailsNamingIt()
    {
        var (code, _, err) = await CliRunner.RunAsync("eval", "recommend", "--models", "popularity,svd");
        Assert.NotEqual(0, code);
        Assert.Contains("unknown model 'svd'", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalRecommend_HetrecFilesPopularityAndItemKnn_WritesMarkdownAndJsonWithSeed()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sg-eval-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            // An empty store: the HetRec plays come from --hetrec-dir (the repository's demo copy).
            var hetrec = TestData.Demo("hetrec2011-lastfm-2k");
            var report = Path.Combine(dir, "report.md");
            var (code, output, err) = await CliRunner.RunAsync(
                "eval", "recommend", "--models", "popularity,itemknn", "--k", "10,20", "--seed", "7", "--out", report, "--hetrec-dir", hetrec, "--db", Path.Combine(dir, "empty.db"));
            Assert.True(code == 0, err);
            Assert.Contains("itemknn", output, StringComparison.Ordinal);
            var md = await File.ReadAllTextAsync(report);
            Assert.Contains("seed 7", md, StringComparison.Ordinal);
            Assert.Contains("| popularity |", md, StringComparison.Ordinal);
            Assert.Contains("NDCG@20", md, StringComparison.Ordinal);
            var json = await File.ReadAllTextAsync(Path.Combine(dir, "report.json"));
            Assert.Contains("\"seed\": 7", json, StringComparison.Ordinal);
            Assert.Contains("\"model\": \"itemknn\"", json, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task EvalRecommend_JsonWithRedirectedConsoleAndNoStore_ReadsTheBundledHetrecCreatesNoStoreAndReportsEachStageOnStandardError()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sg-eval-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var (code, output, err) = await CliRunner.RunAsync(
                "eval", "recommend", "--models", "popularity", "--k", "20", "--json", "--db", Path.Combine(dir, "empty.db"));
            Assert.True(code == 0, err);
            Assert.StartsWith("{", output.TrimStart(), StringComparison.Ordinal);
            Assert.Contains("eval recommend hetrec: fitting popularity", err, StringComparison.Ordinal);
            Assert.Contains("eval recommend hetrec: popularity holdout: NDCG@20 ", err, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(dir, "empty.db")), "a HetRec evaluation from the files must not create a store");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

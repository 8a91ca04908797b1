namespace SoundGraph.Cli.Tests;

public sealed class DemoTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Fact]
    public void Demo_BundledData_SucceedsAndReportsImportCounts()
    {
        Assert.True(demo.ExitCode == 0, demo.Error + demo.Output);
        Assert.Matches(@"read\s+│\s+tag_assignments\s+│\s+186,478", demo.Output);
        Assert.Matches(@"stored\s+│\s+artist_tags\s+│\s+186,065", demo.Output);
        Assert.Matches(@"stored\s+│\s+engagements\s+│\s+92,799", demo.Output);
        Assert.Matches(@"skipped\s+│\s+plays_summed_into_same_artist\s+│\s+35", demo.Output);
        Assert.Matches(@"read\s+│\s+tracks\s+│\s+6,513", demo.Output);
        Assert.Matches(@"stored\s+│\s+track_credits\s+│\s+10,618", demo.Output);
        Assert.Contains("── Rihanna (artist ", demo.Output, StringComparison.Ordinal);
        Assert.Contains("── Mr. Brightside — The Killers (track ", demo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_Relate_FillsThePrecomputedUnveilRows()
    {
        // Rebuilt by relate (shared-label rows) and with track_audio_similarity (artist audio rows): the golden reports
        // below are then read from them.
        Assert.True(demo.ExitCode == 0, demo.Error + demo.Output);
        await using var store = await Storage.SoundGraphStore.OpenAsync(demo.Db);
        Assert.Equal(1_878, await Dapper.SqlMapper.ExecuteScalarAsync<long>(store.Connection, "SELECT COUNT(DISTINCT artist_id) FROM shared_label_rows"));
        Assert.Equal(2_044, await Dapper.SqlMapper.ExecuteScalarAsync<long>(store.Connection, "SELECT COUNT(*) FROM artist_audio_lists"));
    }

    [Fact]
    public async Task Unveil_DemoArtist_MatchesGoldenReport()
    {
        var (code, output, error) = await CliRunner.RunAsync("unveil", "Rihanna", "--db", demo.Db);
        Assert.True(code == 0, error);
        Golden.AssertMatches("demo-artist-rihanna.golden.txt", output);
    }

    [Fact]
    public async Task Unveil_DemoTrackJson_MatchesGoldenReport()
    {
        var (code, output, error) = await CliRunner.RunAsync("unveil", "spotify:track:003vvx7Niy0yvhvHt4a68B", "--json", "--db", demo.Db);
        Assert.True(code == 0, error);
        Golden.AssertMatches("demo-track-mr-brightside.golden.json", output);
    }

    [Fact]
    public async Task Unveil_DemoTrackText_MatchesGoldenReport()
    {
        var (code, output, error) = await CliRunner.RunAsync("unveil", "spotify:track:003vvx7Niy0yvhvHt4a68B", "--db", demo.Db);
        Assert.True(code == 0, error);
        Golden.AssertMatches("demo-track-mr-brightside.golden.txt", output);
    }

    [Fact]
    public async Task Unveil_AmbiguousTitle_ListsEveryCandidateAndExits2()
    {
        var (code, output, _) = await CliRunner.RunAsync("unveil", "The Killers - Mr. Brightside", "--db", demo.Db);
        Assert.Equal(2, code);
        Assert.Contains("is ambiguous. Did you mean:", output, StringComparison.Ordinal);
        Assert.Equal(3, output.Split('\n').Count(l => l.Contains("Mr. Brightside — The Killers", StringComparison.Ordinal)));
        // Details tell the releases apart (most streamed first); the table may wrap them.
        Assert.Contains("spotify:track:003vvx7Niy0yvhvHt4a68B; 0 playlists;", output, StringComparison.Ordinal);
        Assert.Contains("512,388,123 streams", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unveil_MisspelledArtist_MatchesByFuzzyNameAndSaysSo()
    {
        var (code, output, _) = await CliRunner.RunAsync("unveil", "Rihana", "--kind", "artist", "--db", demo.Db);
        Assert.Equal(0, code);
        Assert.Contains("matched by fuzzy name (score 92)", output, StringComparison.Ordinal);
        Assert.Contains("── Rihanna (artist ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unveil_UnknownName_ExitsWithNeedsChoice()
    {
        var (code, output, _) = await CliRunner.RunAsync("unveil", "qqqqqqqqqqqqqqq", "--db", demo.Db);
        Assert.Equal(2, code);
        Assert.Contains("Nothing in the store matches", output, StringComparison.Ordinal);
    }
}

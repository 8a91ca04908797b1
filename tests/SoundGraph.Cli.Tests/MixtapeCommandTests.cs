using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using SoundGraph.Storage.Tests;
using SoundGraph.Storage.Tests.Audio;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr mixtape</c> on a small fixture store: <see cref="MixtapeSample"/> (listener "mia", 24 tracks played in
/// 2021-W07, a 19-track, 76-minute mix), each track with a local file.</summary>
public sealed class MixtapeCommandTests
{
    internal static async Task<TempStore> FixtureAsync(string provider, Func<int, bool>? hasMbid = null)
    {
        var temp = await TempStore.CreateAsync(provider);
        var ids = await MixtapeSample.WriteAsync(temp.Store, hasMbid);
        for (var i = 1; i <= 24; i++)
        {
            await LocalAudioFixture.SaveAsync(temp.Store, ids[i - 1], "song-" + i.ToString("D2", CultureInfo.InvariantCulture), MixtapeSample.Monday);
        }

        return temp;
    }

    [Theory]
    [StoreProviders]
    public async Task Mixtape_FixtureWeek_PrintsTheUpbeatTracklistWithExplanations(string provider)
    {
        await using var temp = await FixtureAsync(provider);

        var (code, output, error) = await CliRunner.RunAsync("mixtape", "--user", "mia", "--week", "2021-W07", "--db", temp.Db);

        Assert.True(code == 0, error);
        Assert.StartsWith("Mixtape of mia, 2021-W07 (UTC): 19 tracks, 76.0 min", output, StringComparison.Ordinal);
        Assert.Contains("42 counted plays of 24 tracks; 24 with mood axes and a duration (24 with a key)", output, StringComparison.Ordinal);
        Assert.Contains("Dominant cluster: k = 2", output, StringComparison.Ordinal);
        var lines = output.Split('\n');
        var tracks = lines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+\d+\.\s")).ToList();
        Assert.Equal(19, tracks.Count);
        Assert.Equal(18, tracks.Count(t => System.Text.RegularExpressions.Regex.IsMatch(t, @"Song (0[1-9]|1[0-8]) — Artist \d")));
        Assert.Single(lines, l => l.Contains("from outside the week's main cluster", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("closest to the week's centre on ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("adds variety: different artist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mixtape_OutJspf_WritesEveryTrackWithItsRecordingUrlFileAndExplanation()
    {
        await using var temp = await FixtureAsync("sqlite");
        var path = Path.Combine(Path.GetDirectoryName(temp.Db)!, "mix.jspf");

        var (code, output, error) = await CliRunner.RunAsync("mixtape", "--user", "mia", "--week", "2021-W07", "--out", path, "--db", temp.Db);

        Assert.True(code == 0, error);
        Assert.Equal($"Wrote 19 tracks (76.0 min) to {path} as JSPF: 19 with a MusicBrainz recording id, 0 with a Spotify URI, 19 local files.\n", output);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var playlist = json.RootElement.GetProperty("playlist");
        Assert.Equal("mia — 2021-W07", playlist.GetProperty("title").GetString());
        var first = playlist.GetProperty("track")[0];
        Assert.StartsWith("https://musicbrainz.org/recording/00000000-0000-4000-8000-0000000000", first.GetProperty("identifier")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("file:///music/song-", first.GetProperty("location")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(240_000, first.GetProperty("duration").GetInt64());
        Assert.Matches("centre|variety", first.GetProperty("annotation").GetString()!);
        Assert.Equal(19, playlist.GetProperty("track").GetArrayLength());
    }

    [Fact]
    public async Task Mixtape_OutXspfAndM3u8_FormatFromTheExtension()
    {
        await using var temp = await FixtureAsync("sqlite");
        var dir = Path.GetDirectoryName(temp.Db)!;

        var xspf = await CliRunner.RunAsync("mixtape", "--user", "mia", "--week", "2021-W07", "--out", Path.Combine(dir, "mix.xspf"), "--db", temp.Db);
        var m3u8 = await CliRunner.RunAsync("mixtape", "--user", "mia", "--week", "2021-W07", "--out", Path.Combine(dir, "mix.m3u8"), "--db", temp.Db);
        var txt = await CliRunner.RunAsync("mixtape", "--user", "mia", "--week", "2021-W07", "--out", Path.Combine(dir, "mix.txt"), "--db", temp.Db);

        Assert.True(xspf.Code == 0, xspf.Err);
        var xml = XDocument.Load(Path.Combine(dir, "mix.xspf"));
        Assert.Equal(19, xml.Descendants(XName.Get("track", "http://xspf.org/ns/0/")).Count());
        Assert.True(m3u8.Code == 0, m3u8.Err);
        var lines = await File.ReadAllLinesAsync(Path.Combine(dir, "mix.m3u8"));
        Assert.Equal("#EXTM3U", lines[0]);
        Assert.Equal(19, lines.Count(l => l.StartsWith("#EXTINF:240,", StringComparison.Ordinal)));
        Assert.Equal(19, lines.Count(l => l.StartsWith("/music/song-", StringComparison.Ordinal)));
        Assert.Equal(1, txt.Code);
        Assert.Contains("unknown playlist format '.TXT'; use .jspf (ListenBrainz), .xspf or .m3u8", txt.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mixtape_Json_TracksWithExplanationsAndTheCluster()
    {
        await using var temp = await FixtureAsync("sqlite");

        var (code, output, error) = await CliRunner.RunAsync("mixtape", "--user", "mia", "--week", "2021-W07", "--minutes", "60", "--json", "--db", temp.Db);

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("2021-W07", root.GetProperty("period").GetString());
        Assert.Equal(60, root.GetProperty("totalMinutes").GetDouble(), 9);
        Assert.Equal(2, root.GetProperty("cluster").GetProperty("k").GetInt32());
        var tracks = root.GetProperty("tracks").EnumerateArray().ToList();
        Assert.Equal(15, tracks.Count);
        Assert.All(tracks, t => Assert.False(string.IsNullOrEmpty(t.GetProperty("explanation").GetString())));
        Assert.StartsWith("closest to the week's centre on ", tracks.Single(t => t.GetProperty("rank").GetInt32() == 1).GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.All(tracks, t => Assert.Matches(@"^\d{1,2}[AB]$", t.GetProperty("camelot").GetString()!));
        Assert.Equal(Enumerable.Range(1, 15), tracks.Select(t => t.GetProperty("position").GetInt32()));
    }

    [Fact]
    public async Task Mixtape_WeekWithoutPlays_FailsSayingWhy()
    {
        await using var temp = await FixtureAsync("sqlite");

        var (code, _, error) = await CliRunner.RunAsync("mixtape", "--user", "mia", "--week", "2021-W08", "--db", temp.Db);

        Assert.Equal(1, code);
        Assert.Equal(
            "error: 2021-W08 (UTC): The week has only 0.0 min of distinct tracks with mood axes and a duration (0 tracks); a mixtape needs at least 60 min. No play in it counts (≥ 30 s): pick another week (sgr taste weeks --user …).\n",
            error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Mixtape_DateRange_SameTracksAsTheWeek()
    {
        await using var temp = await FixtureAsync("sqlite");

        var week = await CliRunner.RunAsync("mixtape", "--user", "mia", "--week", "2021-W07", "--json", "--db", temp.Db);
        var range = await CliRunner.RunAsync("mixtape", "--user", "mia", "--from", "2021-02-15", "--to", "2021-02-21", "--json", "--db", temp.Db);

        Assert.True(range.Code == 0, range.Err);
        static IEnumerable<long> Ids(string json) => JsonDocument.Parse(json).RootElement.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("trackId").GetInt64()).ToList();
        Assert.Equal(Ids(week.Out), Ids(range.Out));
        Assert.Contains("the period's centre", range.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--user", "mia" }, "error: Give the period: --week 2021-W07, or --from 2021-02-01 --to 2021-02-14.")]
    [InlineData(new[] { "--user", "mia", "--week", "2021-W07", "--from", "2021-02-01" }, "error: Give either --week or --from and --to, not both.")]
    [InlineData(new[] { "--user", "mia", "--week", "2021-7" }, "error: '2021-7' is not an ISO week such as 2021-W07 (YYYY-Www, a week the year has).")]
    [InlineData(new[] { "--user", "mia", "--from", "2021-02-10", "--to", "2021-02-01" }, "error: --to 2021-02-01 is before --from 2021-02-10.")]
    [InlineData(new[] { "--user", "mia", "--week", "2021-W07", "--minutes", "95" }, "error: --minutes must be between 60 and 90 (got 95).")]
    public async Task Mixtape_BadPeriodOrLength_OneLineError(string[] args, string expected)
    {
        var (code, _, error) = await CliRunner.RunAsync(["mixtape", .. args, "--db", Path.Combine(Path.GetTempPath(), "sg-no-such-" + Guid.NewGuid().ToString("N") + ".db")]);

        Assert.Equal(1, code);
        Assert.Equal(expected, error.TrimEnd());
    }
}

using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using SoundGraph.Core.Catalog;
using SoundGraph.Storage.Taste;
using SoundGraph.Storage.Tests;
using SoundGraph.Storage.Tests.Audio;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr mixtape</c> on a small fixture store: listener "mia" played 24 four-minute tracks in 2021-W07 — 18
/// upbeat ones by 9 artists (played twice each) and 6 quiet ones (once each) — each with mood axes, an MBID, a local file,
/// and half with a Spotify key. The upbeat cluster holds 72 minutes, less than the 75-minute target, so the nearest quiet
/// track joins last and the mix is 19 tracks, 76 minutes.</summary>
public sealed class MixtapeCommandTests
{
    private static string Mbid(int i) => string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{i:D12}");

    private static async Task<TempStore> FixtureAsync(string provider)
    {
        var temp = await TempStore.CreateAsync(provider);
        var batch = new CatalogBatch();
        batch.Users.Add(new UserRecord("test:user:mia", "mia"));
        var monday = new DateTimeOffset(2021, 2, 15, 9, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= 24; i++)
        {
            var key = "test:track:" + i.ToString("D2", CultureInfo.InvariantCulture);
            var artist = i <= 18 ? $"Artist {(i + 1) / 2}" : $"Quiet {i}";
            batch.Artists.Add(new ArtistRecord("name:artist:" + artist.ToLowerInvariant(), artist));
            batch.Tracks.Add(new TrackRecord(key, $"Song {i:D2}", artist, null, 240_000));
            batch.Credits.Add(new CreditRecord(key, "name:artist:" + artist.ToLowerInvariant(), CreditRole.Primary, 0));
            batch.TrackIdentifiers.Add(new TrackIdentifierRecord(key, "mbid", Mbid(i)));
            if (i % 2 == 0)
            {
                batch.AudioFeatures.Add(new AudioFeaturesRecord(key, "spotify", new AudioFeatures(0.6, 0.7, 0.05, 0.1, 0, 0.1, 0.5, -6, 120, i % 12, i % 4 == 0 ? 1 : 0, 4)));
            }

            for (var play = 0; play < (i <= 18 ? 2 : 1); play++)
            {
                batch.Listens.Add(new ListenRecord("test:user:mia", key, monday.AddHours(i + 24 * play), 240_000, "test"));
            }
        }

        await temp.Store.Catalog.WriteAsync(batch);
        var axes = new List<TrackAxisRow>();
        for (var i = 1; i <= 24; i++)
        {
            var id = (await temp.Store.Identifiers.TrackIdByKeyAsync("test:track:" + i.ToString("D2", CultureInfo.InvariantCulture)))!.Value;
            var upbeat = i <= 18;
            var wobble = (i % 5 - 2) * 0.03;
            axes.Add(new TrackAxisRow(id, "energy", (upbeat ? 0.75 : 0.3) + wobble, "spotify", 1));
            axes.Add(new TrackAxisRow(id, "valence", (upbeat ? 0.65 : 0.3) - wobble, "spotify", 1));
            axes.Add(new TrackAxisRow(id, "danceability", (upbeat ? 0.7 : 0.35) + wobble / 2, "spotify", 1));
            axes.Add(new TrackAxisRow(id, "tempo", (upbeat ? 120 : 80) + i % 7 * 2, "spotify", 1));
            await LocalAudioFixture.SaveAsync(temp.Store, id, "song-" + i.ToString("D2", CultureInfo.InvariantCulture), monday);
        }

        await temp.Store.Taste.ReplaceTrackAxesAsync(axes, monday);
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

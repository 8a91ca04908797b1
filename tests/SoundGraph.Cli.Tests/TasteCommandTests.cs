using System.Text.Json;
using SoundGraph.Services.Tests.Taste;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr taste aggregate|report|weeks|changes|axes</c> on <see cref="TasteFixture"/> (stored track axes, two
/// listeners with hand-worked weeks), both providers.</summary>
public sealed class TasteCommandTests
{
    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Theory]
    [StoreProviders]
    public async Task Report_BeforeAggregation_FailsWithOneSentenceSayingWhatToRun(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await TasteFixture.WriteAsync(temp.Store);

        foreach (var command in new[] { "report", "weeks", "changes" })
        {
            var (code, output, error) = await CliRunner.RunAsync("taste", command, "--user", "ann", "--db", temp.Db);

            Assert.Equal(1, code);
            Assert.Equal(string.Empty, output.Trim());
            Assert.Equal("error: ann has no weekly aggregates yet: run `sgr taste score` (once, or after new features or tags) and then `sgr taste aggregate --user ann`.", error.Trim());
        }
    }

    /// <remarks>ann in UTC (cells worked in TasteClockTests): Tue 09 4 min (the busiest, tied with Wed 11), Wed 08 1.5,
    /// 09 2, 11 4; Thu 08 1, 11 1; Sun 23 3. A cell's level is ⌈minutes / 4 × 8⌉ of ▁…█.</remarks>
    [Theory]
    [StoreProviders]
    public async Task Clock_Fixture_PrintsTheWeekdayHourGrid(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await TasteFixture.WriteAsync(temp.Store);

        var (code, output, error) = await CliRunner.RunAsync("taste", "clock", "--user", "ann", "--db", temp.Db);

        Assert.True(code == 0, error);
        var lines = Lines(output);
        Assert.Equal("When ann listens, 2023-W45 … 2024-W04 in UTC (0.3 h counted):", lines[0]);
        Assert.Equal("Tue ·········█··············     0.1 h", lines[3]);
        Assert.Equal("Wed ········▃▄·█············     0.1 h", lines[4]);
        Assert.Equal("Thu ········▂··▂············     0.0 h", lines[5]);
        Assert.Equal("Sun ·······················▆     0.1 h", lines[8]);
        Assert.Equal("Busiest hour: Tue 09:00–10:00 (0.1 h).", lines[^1]);

        (code, output, error) = await CliRunner.RunAsync("taste", "clock", "--user", "ann", "--weeks", "1", "--json", "--db", temp.Db);
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var clock = json.RootElement.GetProperty("clock");
        Assert.Equal(2.5, clock.GetProperty("totalMinutes").GetDouble(), 9);
        Assert.Equal(1.5, clock.GetProperty("minutes")[(24 * 2) + 8].GetDouble(), 9);

        (code, _, error) = await CliRunner.RunAsync("taste", "clock", "--user", "ann", "--weeks", "0", "--db", temp.Db);
        Assert.Equal(1, code);
        Assert.Equal("error: --weeks must be 1–520, got 0.", error.Trim());
    }

    [Theory]
    [StoreProviders]
    public async Task AggregateThenReportWeeksAndChanges_Fixture_PrintsTheHandWorkedFigures(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await TasteFixture.WriteAsync(temp.Store);

        var (code, output, error) = await CliRunner.RunAsync("taste", "aggregate", "--db", temp.Db);
        Assert.True(code == 0, error);
        // ann: 4 weeks, 7 counted plays, coverage 15.5 of 16.5 minutes; bob: 2 weeks, both plays covered.
        Assert.Matches(@"│ ann\s+│\s+4 │\s+7 │\s+93\.9 % │\s+0 │ recomputed\s+│", output);
        Assert.Matches(@"│ bob\s+│\s+2 │\s+2 │\s+100\.0 % │\s+0 │ recomputed\s+│", output);
        Assert.DoesNotContain("carl", output, StringComparison.Ordinal); // no listens

        (code, output, error) = await CliRunner.RunAsync("taste", "aggregate", "--user", "ann", "--json", "--db", temp.Db);
        Assert.True(code == 0, error);
        using (var json = JsonDocument.Parse(output))
        {
            var only = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal("ann", only.GetProperty("listener").GetString());
            Assert.False(only.GetProperty("result").GetProperty("recomputed").GetBoolean());
        }

        (code, output, error) = await CliRunner.RunAsync("taste", "report", "--user", "ann", "--weeks", "3", "--db", temp.Db);
        Assert.True(code == 0, error);
        var lines = Lines(output);
        Assert.Equal($"Taste of ann (user:{ids.Ann}), weeks in UTC: 2024-W01 … 2024-W04; the last 3 weeks:", lines[0]);
        // W02–W04: 5 counted plays, 10.5 min; coverage (7 + 2.5)/10.5; diversity minute-weighted over W02 and W04.
        // The fixture has no tags: no tag diversity.
        Assert.StartsWith("5 counted plays, 0 h; coverage 90.5 % (plays with energy and valence); diversity 0.310 (energy × valence); no tagged plays; momentum index ", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("│ energy ", StringComparison.Ordinal) && l.Contains("│ 0.320 │ 0.474 │   -0.103 │", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("│ tempo ", StringComparison.Ordinal) && l.Contains("│ 126.0 │", StringComparison.Ordinal));
        Assert.Contains("No change points.", lines);
        Assert.Equal("Outliers of the last 90 days (farthest from their centre):", lines[^4]);
        Assert.Equal("Four — Artist A — tempo 180.0 vs 111.3 (z +3.0, distance 2.31)", lines[^3]);
        Assert.Equal("Two — Artist A — energy 0.200 vs 0.529 (z -1.1, distance 1.02)", lines[^2]);
        Assert.Equal("One — Artist A — energy 0.800 vs 0.529 (z +0.9, distance 0.65)", lines[^1]);

        (code, output, error) = await CliRunner.RunAsync("taste", "weeks", "--user", "ann", "--json", "--db", temp.Db);
        Assert.True(code == 0, error);
        using (var json = JsonDocument.Parse(output))
        {
            var weeks = json.RootElement.GetProperty("weeks").EnumerateArray().ToList();
            Assert.Equal(["2024-W01", "2024-W02", "2024-W03", "2024-W04"], weeks.Select(w => w.GetProperty("week").GetString()));
            Assert.Equal([2, 3, 0, 2], weeks.Select(w => w.GetProperty("plays").GetInt32()));
            Assert.Equal(0.875, weeks[1].GetProperty("coverage").GetDouble(), 12);
            var energy = weeks[0].GetProperty("axes").GetProperty("energy");
            Assert.Equal(0.6, energy.GetProperty("mean").GetDouble(), 12);
            Assert.Equal(0.08, energy.GetProperty("variance").GetDouble(), 12);
            Assert.Equal(6, energy.GetProperty("minutes").GetDouble(), 12);
            Assert.Empty(weeks[2].GetProperty("axes").EnumerateObject());
        }

        (code, output, error) = await CliRunner.RunAsync("taste", "weeks", "--user", "ann", "--db", temp.Db);
        Assert.True(code == 0, error);
        Assert.Matches(@"│ 2024-W01 │\s+2 │\s+100\.0 % │\s+0\.600 │\s+0\.533 │\s+– │\s+110\.0 │", output);
        Assert.Matches(@"│ 2024-W03 │\s+0 │\s+0\.0 % │\s+– │\s+– │\s+– │\s+– │\s+– │", output);

        (code, output, error) = await CliRunner.RunAsync("taste", "changes", "--user", "ann", "--db", temp.Db);
        Assert.True(code == 0, error);
        Assert.Equal("No change points for ann.", output.Trim());

        (code, output, error) = await CliRunner.RunAsync("taste", "changes", "--user", "bob", "--json", "--db", temp.Db);
        Assert.True(code == 0, error);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal("bob", json.RootElement.GetProperty("listener").GetString());
            Assert.Equal(0, json.RootElement.GetProperty("changes").GetArrayLength());
        }
    }

    [Theory]
    [StoreProviders]
    public async Task ReportAndAggregate_UnknownUser_ListsTheNearestAndReturnsTheChoiceCode(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await TasteFixture.WriteAsync(temp.Store);

        var (code, output, error) = await CliRunner.RunAsync("taste", "report", "--user", "annette", "--db", temp.Db);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("ann (user:", output, StringComparison.Ordinal);

        (code, _, _) = await CliRunner.RunAsync("taste", "aggregate", "--user", "annette", "--db", temp.Db);
        Assert.Equal(2, code);
        Assert.Null(await temp.Store.Taste.StateAsync((await temp.Store.Taste.ListenersAsync())[0].Id));
    }

    [Theory]
    [StoreProviders]
    public async Task Aggregate_UnknownTimeZone_OneLineErrorAndNothingStored(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await TasteFixture.WriteAsync(temp.Store);

        var (code, output, error) = await CliRunner.RunAsync("taste", "aggregate", "--time-zone", "Mars/Olympus_Mons", "--db", temp.Db);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output.Trim());
        Assert.Equal("error: Unknown time zone 'Mars/Olympus_Mons': give an IANA id such as Europe/Berlin or America/New_York (or UTC).", error.Trim());
        Assert.Null(await temp.Store.Taste.StateAsync(ids.Ann));
    }

    [Theory]
    [StoreProviders]
    public async Task Axes_Track_ListsEachAxisWithMethodAndConfidence(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        var ids = await TasteFixture.WriteAsync(temp.Store);

        var (code, output, error) = await CliRunner.RunAsync("taste", "axes", "Artist A - Two", "--db", temp.Db);

        Assert.True(code == 0, error);
        Assert.Equal(
        [
            $"Two — Artist A (track:{ids.Tracks["Two"]})",
            "energy                0.200 0–1  from tags (confidence 0.62)",
            "valence               0.400 0–1  from tags (confidence 0.62)",
            "tempo                  90.0 BPM  from graph (confidence 0.70)",
        ], Lines(output));

        (code, output, error) = await CliRunner.RunAsync("taste", "axes", $"track:{ids.Tracks["One"]}", "--json", "--db", temp.Db);
        Assert.True(code == 0, error);
        using (var json = JsonDocument.Parse(output))
        {
            var axes = json.RootElement.GetProperty("axes").EnumerateArray().ToDictionary(a => a.GetProperty("axis").GetString()!);
            Assert.Equal(("local-audio", 0.45, 120.0), (axes["tempo"].GetProperty("method").GetString(), axes["tempo"].GetProperty("confidence").GetDouble(), axes["tempo"].GetProperty("value").GetDouble()));
            Assert.Equal("spotify", axes["energy"].GetProperty("method").GetString());
        }

        (code, output, error) = await CliRunner.RunAsync("taste", "axes", $"track:{ids.Tracks["Three"]}", "--db", temp.Db);
        Assert.True(code == 0, error);
        Assert.Equal($"Three — Artist A (track:{ids.Tracks["Three"]}) has no mood axes: run `sgr taste score` (a track gets them from Spotify descriptors, your file, tags or its neighbours).", output.Trim());
    }
}

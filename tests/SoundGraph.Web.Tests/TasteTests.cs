using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SoundGraph.Web.Tests;

/// <summary>The taste dashboard in headless Chromium over the real API, for the SYNTHETIC listener the fixture writes
/// into the demo store (<see cref="SyntheticTaste"/>): the view loads, the trajectory has its weeks and change points,
/// the radar shows the week, the outliers match the API, the UMAP map is drawn and deterministic, the overview shows the
/// API's totals and change points, a mixtape is made, listed and exported (for the SYNTHETIC mixtape listener, whose
/// week has enough music), and an unknown listener gets a clear message.</summary>
[Collection(WebFixtureGroup.Name)]
public sealed class TasteTests(WebFixture web, ITestOutputHelper output)
{
    private static readonly string User = Uri.EscapeDataString(SyntheticTaste.ListenerName);

    [Fact]
    public async Task TasteView_SyntheticListener_ShowsTrajectoryRadarMoodsOutliersAndMap()
    {
        var trajectory = (await web.GetJsonAsync($"/api/dashboard/trajectory?user={User}&window=12w")).GetProperty("trajectory");
        var radar = (await web.GetJsonAsync($"/api/dashboard/radar?user={User}")).GetProperty("radar");
        var outliers = (await web.GetJsonAsync($"/api/dashboard/outliers?user={User}&limit=10")).GetProperty("outliers");
        var map = (await web.GetJsonAsync($"/api/dashboard/map?user={User}&window=12w&limit=500")).GetProperty("map");
        var changes = trajectory.GetProperty("changes").GetArrayLength();
        var points = map.GetProperty("points").GetArrayLength();
        Assert.True(changes > 0, $"the synthetic energy jump at week 10 is a change point: {trajectory.GetProperty("changes")}");
        // Weeks 4–15 of the 16: 12 weeks × 4 tracks, plus the far-off track in the last week.
        Assert.Equal(49, points);
        await using var tab = await web.NewPageAsync(1280, 900);
        var page = tab.Page;

        await page.GotoAsync("/");
        await page.GetByTestId("taste-user").FillAsync(SyntheticTaste.ListenerName);
        await page.GetByTestId("taste-show").ClickAsync();

        var view = page.GetByTestId("taste-view");
        await Expect(view).ToHaveAttributeAsync("data-state", "ready");
        await Expect(view).ToHaveAttributeAsync("data-listener", web.SyntheticListener.ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("taste-message")).ToContainTextAsync($"{SyntheticTaste.ListenerName} (user:{web.SyntheticListener})");

        var box = page.GetByTestId("taste-trajectory");
        await Expect(box).ToHaveAttributeAsync("data-weeks", "12");
        Assert.Equal(12, await page.EvaluateAsync<int>("() => window.sgTasteCharts.trajectory.data.labels.length"));
        Assert.Equal(
            trajectory.GetProperty("weeks").EnumerateArray().Select(w => w.GetString()!).ToArray(),
            await page.EvaluateAsync<string[]>("() => window.sgTasteCharts.trajectory.data.labels"));
        await Expect(page.GetByTestId("taste-change")).ToHaveCountAsync(changes);
        var markers = await page.EvaluateAsync<int>(
            "() => window.sgTasteCharts.trajectory.data.datasets.filter(d => d.label.startsWith('change points')).reduce((n, d) => n + d.data.length, 0)");
        Assert.True(markers > 0, "change point markers are drawn on the trajectory");
        Assert.Equal(markers.ToString(CultureInfo.InvariantCulture), await box.GetAttributeAsync("data-markers"));

        var radarBox = page.GetByTestId("taste-radar");
        await Expect(radarBox).ToHaveAttributeAsync("data-week", radar.GetProperty("week").GetString()!);
        await Expect(page.GetByTestId("taste-radar-title")).ToContainTextAsync(radar.GetProperty("week").GetString()!);
        await Expect(radarBox.Locator("canvas")).ToBeVisibleAsync();

        await Expect(page.GetByTestId("taste-moods")).ToHaveAttributeAsync("data-weeks", "12");
        Assert.Equal(4, await page.EvaluateAsync<int>("() => window.sgTasteCharts.moods.data.datasets.length"));

        var expectedOutliers = outliers.EnumerateArray().Select(o => $"{o.GetProperty("trackId").GetInt64()} {o.GetProperty("axis").GetString()}").ToList();
        Assert.NotEmpty(expectedOutliers);
        var items = page.GetByTestId("taste-outlier");
        await Expect(items).ToHaveCountAsync(expectedOutliers.Count);
        var shown = new List<string>();
        for (var i = 0; i < expectedOutliers.Count; i++)
        {
            shown.Add($"{await items.Nth(i).GetAttributeAsync("data-track-id")} {await items.Nth(i).GetAttributeAsync("data-axis")}");
        }

        Assert.Equal(expectedOutliers, shown);
        await Expect(items.First).ToContainTextAsync(outliers[0].GetProperty("name").GetString()!);

        var mapBox = page.GetByTestId("taste-map");
        await Expect(mapBox).ToHaveAttributeAsync("data-ready", "true");
        await Expect(mapBox).ToHaveAttributeAsync("data-points", points.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(points, await page.EvaluateAsync<int>("() => window.sgTasteCharts.map.data.datasets[0].data.length"));
        Assert.Equal("umap", await page.EvaluateAsync<string>("() => window.sgTasteMap.method"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.sgTasteMap.points.every(p => Number.isFinite(p[0]) && Number.isFinite(p[1]))"));
        Assert.Equal(12, await page.EvaluateAsync<int>("() => window.sgTasteCharts.map.data.datasets[1].data.length"));

        await page.GetByTestId("taste-view").ScrollIntoViewIfNeededAsync();
        await page.SaveScreenshotAsync("taste-dashboard-1280.png", output, fullPage: true);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task TasteMap_TwoLoads_DrawTheSamePoints()
    {
        var first = await MapPointsAsync("taste-map-load-1.png");
        var second = await MapPointsAsync("taste-map-load-2.png");

        Assert.Equal(49, first.Length);
        Assert.Equal(first, second);
        Assert.True(first.Distinct().Count() >= 9, "the nine synthetic tracks land on distinct places");
    }

    [Fact]
    public async Task TasteMap_ColourByMood_KeepsThePoints()
    {
        await using var tab = await web.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync($"/?listener={User}");
        await Expect(page.GetByTestId("taste-view")).ToHaveAttributeAsync("data-state", "ready");
        var before = await page.EvaluateAsync<JsonElement>("() => window.sgTasteMap.points");

        await page.GetByTestId("taste-map-colour").SelectOptionAsync("mood");

        await Expect(page.GetByTestId("taste-map")).ToHaveAttributeAsync("data-ready", "true");
        var colours = await page.EvaluateAsync<string[]>("() => window.sgTasteCharts.map.data.datasets[0].pointBackgroundColor");
        Assert.Contains("#d64541", colours);
        Assert.Equal(before.GetRawText(), (await page.EvaluateAsync<JsonElement>("() => window.sgTasteMap.points")).GetRawText());
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task TasteView_UnknownListener_SaysSoClearly()
    {
        await using var tab = await web.NewPageAsync();
        var page = tab.Page;

        await page.GotoAsync("/?listener=zzqxvj-nobody");

        var view = page.GetByTestId("taste-view");
        await Expect(view).ToHaveAttributeAsync("data-state", "error");
        await Expect(page.GetByTestId("taste-message")).ToHaveTextAsync("No taste dashboard for 'zzqxvj-nobody': No user matches 'zzqxvj-nobody'.");
        await Expect(page.GetByTestId("taste-trajectory")).ToBeHiddenAsync();
        await page.SaveScreenshotAsync("taste-unknown-listener.png", output, fullPage: true);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task TasteOverview_SyntheticListener_ShowsThePlaysMinutesAndChangePointsTheApiGives()
    {
        var t = (await web.GetJsonAsync($"/api/dashboard/trajectory?user={User}&window=12w")).GetProperty("trajectory");
        var plays = t.GetProperty("plays").EnumerateArray().Sum(p => p.GetInt64());
        var minutes = t.GetProperty("minutes").EnumerateArray().Aggregate(0.0, (a, m) => a + m.GetDouble());
        var weeks = t.GetProperty("weeks").EnumerateArray().Select(w => w.GetString()!).ToArray();
        var changes = t.GetProperty("changes").EnumerateArray()
            .Select(c => $"{c.GetProperty("axis").GetString()} {c.GetProperty("week").GetString()} {c.GetProperty("direction").GetString()} {c.GetProperty("size").GetDouble().ToString("F2", CultureInfo.InvariantCulture)}")
            .ToList();
        Assert.NotEmpty(changes);
        static string Value(JsonElement e) => e.ValueKind == JsonValueKind.Null ? "–" : e.GetDouble().ToString("F2", CultureInfo.InvariantCulture);
        await using var tab = await web.NewPageAsync(1280, 900);
        var page = tab.Page;

        await page.GotoAsync($"/?listener={User}");

        await Expect(page.GetByTestId("taste-view")).ToHaveAttributeAsync("data-state", "ready");
        var overview = page.GetByTestId("taste-overview");
        await Expect(overview).ToHaveAttributeAsync("data-plays", plays.ToString(CultureInfo.InvariantCulture));
        await Expect(overview).ToHaveAttributeAsync("data-minutes", minutes.ToString("F1", CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("taste-overview-listens"))
            .ToHaveTextAsync($"{plays} plays, {Math.Round(minutes, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)} min");
        await Expect(page.GetByTestId("taste-overview-diversity")).ToHaveTextAsync(Value(t.GetProperty("diversity")[weeks.Length - 1]));
        await Expect(page.GetByTestId("taste-overview-momentum")).ToHaveTextAsync(Value(t.GetProperty("momentumIndex")[weeks.Length - 1]));
        await Expect(overview.Locator("h3")).ToContainTextAsync(weeks[^1]);
        var items = page.GetByTestId("taste-overview-change");
        await Expect(items).ToHaveCountAsync(changes.Count);
        var shown = new List<string>();
        for (var i = 0; i < changes.Count; i++)
        {
            var item = items.Nth(i);
            shown.Add($"{await item.GetAttributeAsync("data-axis")} {await item.GetAttributeAsync("data-week")} {await item.GetAttributeAsync("data-direction")} {await item.GetAttributeAsync("data-size")}");
            await Expect(item).ToContainTextAsync(await item.GetAttributeAsync("data-direction") == "up" ? "▲ up" : "▼ down");
        }

        Assert.Equal(changes, shown);
        var top = await overview.BoundingBoxAsync();
        var trajectory = await page.GetByTestId("taste-trajectory").BoundingBoxAsync();
        Assert.True(top is not null && trajectory is not null && top.Y < trajectory.Y, "the overview is the taste view's first card");
        await overview.ScreenshotAsync(new() { Path = Path.Combine(Directory.CreateDirectory(WebFixture.ArtifactsDir).FullName, "taste-overview.png") });
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Mixtape_WeekWithEnoughMusic_ListsTheTracksAndExportsTheDocument()
    {
        var user = Uri.EscapeDataString(SyntheticTaste.MixtapeListenerName);
        var weeks = (await web.GetJsonAsync($"/api/dashboard/trajectory?user={user}&window=12w")).GetProperty("trajectory").GetProperty("weeks")
            .EnumerateArray().Select(w => w.GetString()!).ToArray();
        // The weeks the API makes a mix of, and one it refuses with 422, tried newest first.
        string? good = null, tooShort = null, tooShortDetail = null;
        JsonElement expected = default;
        foreach (var week in weeks.Reverse())
        {
            var (code, body) = await PostMixtapeAsync(new { user = $"user:{web.MixtapeListener}", week, minutes = 75, format = "jspf" });
            if (code == HttpStatusCode.OK && good is null)
            {
                (good, expected) = (week, body);
            }
            else if (code == HttpStatusCode.UnprocessableEntity && tooShort is null)
            {
                (tooShort, tooShortDetail) = (week, body.GetProperty("detail").GetString());
            }
        }

        Assert.True(good is not null, $"a week of {SyntheticTaste.MixtapeListenerName} makes a mixtape: {string.Join(", ", weeks)}");
        Assert.True(tooShort is not null, $"a week of {SyntheticTaste.MixtapeListenerName} has too little music: {string.Join(", ", weeks)}");
        var expectedIds = expected.GetProperty("tracks").EnumerateArray().Select(x => x.GetProperty("trackId").GetInt64().ToString(CultureInfo.InvariantCulture)).ToArray();
        var (pushStatus, pushProblem) = await PostMixtapeAsync(new { user = $"user:{web.MixtapeListener}", week = good, listenbrainz = true });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, pushStatus);
        await using var tab = await web.NewPageAsync(1280, 900);
        var page = tab.Page;
        await page.GotoAsync($"/?listener={user}");
        await Expect(page.GetByTestId("taste-view")).ToHaveAttributeAsync("data-state", "ready");
        var select = page.GetByTestId("mixtape-week");
        Assert.Equal(weeks, await select.Locator("option").AllTextContentsAsync());
        await Expect(select).ToHaveValueAsync(weeks[^1]);
        await Expect(page.GetByTestId("mixtape-minutes")).ToHaveValueAsync("75");
        await Expect(page.GetByTestId("mixtape-format")).ToHaveValueAsync("jspf");

        await select.SelectOptionAsync(good!);
        await page.GetByTestId("mixtape-minutes").FillAsync("75");
        await page.GetByTestId("mixtape-format").SelectOptionAsync("jspf");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByTestId("mixtape-make").ClickAsync(),
            r => r.Url.EndsWith("/api/mixtapes", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.Equal(200, response.Status);
        using var sent = JsonDocument.Parse(response.Request.PostData!);
        Assert.Equal($"user:{web.MixtapeListener} {good} 75 jspf", $"{sent.RootElement.Str("user")} {sent.RootElement.Str("week")} {sent.RootElement.GetProperty("minutes").GetDouble()} {sent.RootElement.Str("format")}");
        var answer = (await response.JsonAsync())!.Value;

        var status = page.GetByTestId("mixtape-status");
        await Expect(status).ToHaveTextAsync($"Mixtape of {good}: {expectedIds.Length} tracks, {expected.GetProperty("totalMinutes").GetDouble().ToString("F1", CultureInfo.InvariantCulture)} min.");
        var tracks = page.GetByTestId("mixtape-tracks").GetByTestId("mixtape-track");
        await Expect(tracks).ToHaveCountAsync(expectedIds.Length);
        var shownIds = new List<string>();
        for (var i = 0; i < expectedIds.Length; i++)
        {
            var track = tracks.Nth(i);
            shownIds.Add((await track.GetAttributeAsync("data-track-id"))!);
            await Expect(track).ToHaveAttributeAsync("data-position", (i + 1).ToString(CultureInfo.InvariantCulture));
            await Expect(track).ToContainTextAsync(answer.GetProperty("tracks")[i].Str("title"));
            await Expect(track).ToContainTextAsync(answer.GetProperty("tracks")[i].Str("explanation"));
        }

        Assert.Equal(expectedIds, shownIds);
        Assert.Equal(expectedIds, answer.GetProperty("tracks").EnumerateArray().Select(x => x.GetProperty("trackId").GetInt64().ToString(CultureInfo.InvariantCulture)));

        var export = page.GetByTestId("mixtape-export");
        await Expect(export).ToHaveAttributeAsync("download", $"mixtape-{good}.jspf");
        await Expect(export).ToHaveAttributeAsync("type", "application/jspf+json");
        var download = await page.RunAndWaitForDownloadAsync(() => export.ClickAsync());
        Assert.Equal($"mixtape-{good}.jspf", download.SuggestedFilename);
        var file = await download.PathAsync();
        Assert.Equal(answer.Str("document"), await File.ReadAllTextAsync(file));
        Assert.Equal("application/jspf+json", await page.EvaluateAsync<string>(
            "async () => (await (await fetch(document.querySelector('[data-testid=mixtape-export]').href)).blob()).type"));
        using (var jspf = JsonDocument.Parse(answer.Str("document")))
        {
            Assert.Equal(expectedIds.Length, jspf.RootElement.GetProperty("playlist").GetProperty("track").GetArrayLength());
        }

        // The ListenBrainz push without a configured token: the API's 503 detail, the mix stays listed.
        await page.GetByTestId("mixtape-push").ClickAsync();
        await Expect(status).ToHaveTextAsync($"ListenBrainz is not available: {pushProblem.GetProperty("detail").GetString()}");
        await Expect(status).ToHaveAttributeAsync("data-state", "failed");
        await Expect(tracks).ToHaveCountAsync(expectedIds.Length);

        // A week with too little music: the problem's detail, and no tracklist.
        await select.SelectOptionAsync(tooShort!);
        await page.GetByTestId("mixtape-make").ClickAsync();
        await Expect(status).ToHaveTextAsync($"Not enough music in {tooShort}: {tooShortDetail}");
        await Expect(page.GetByTestId("mixtape-tracks")).ToBeHiddenAsync();
        await Expect(export).ToBeHiddenAsync();

        // Keyboard: back to the good week in M3U8, made with Enter in the minutes field; then the phone width.
        await select.SelectOptionAsync(good!);
        await page.GetByTestId("mixtape-format").SelectOptionAsync("m3u8");
        await page.GetByTestId("mixtape-minutes").FillAsync("60");
        await page.GetByTestId("mixtape-minutes").PressAsync("Enter");
        await Expect(status).ToContainTextAsync($"Mixtape of {good}:");
        await Expect(export).ToHaveAttributeAsync("download", $"mixtape-{good}.m3u8");
        await Expect(export).ToHaveAttributeAsync("type", "audio/x-mpegurl");
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= 390", null, new() { Timeout = 5000 }); // no horizontal scrolling at 390 px, once the charts have resized
        var card = await page.GetByTestId("taste-mixtape").BoundingBoxAsync();
        Assert.True(card is not null && card.X >= 0 && card.X + card.Width <= 390.5, $"the mixtape card lies within 390 px ({card?.X}, width {card?.Width})");
        await page.GetByTestId("taste-mixtape").ScrollIntoViewIfNeededAsync();
        await page.SaveScreenshotAsync("taste-mixtape-390.png", output, fullPage: true);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Radar_SecondWeek_ShowsTheApisValuesForItBesideTheFirst()
    {
        var weeks = (await web.GetJsonAsync($"/api/dashboard/trajectory?user={User}&window=12w")).GetProperty("trajectory").GetProperty("weeks")
            .EnumerateArray().Select(w => w.GetString()!).ToArray();
        var weekA = (await web.GetJsonAsync($"/api/dashboard/radar?user={User}")).GetProperty("radar").Str("week");
        var previous = weeks.Where(w => string.CompareOrdinal(w, weekA) < 0).Max(StringComparer.Ordinal);
        Assert.NotNull(previous);
        // A calm week (the synthetic energy jump is at week 10), neither A nor the default B.
        var other = weeks.First(w => w != weekA && w != previous);
        var expected = (await web.GetJsonAsync($"/api/dashboard/radar?user={User}&week={other}")).GetProperty("radar");
        Assert.Equal(other, expected.Str("week"));
        var axes = expected.GetProperty("axes").EnumerateArray().Where(a => a.Str("unit") != "BPM").ToArray();
        static double? Num(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();
        await using var tab = await web.NewPageAsync(1280, 900);
        var page = tab.Page;
        await page.GotoAsync($"/?listener={User}");
        await Expect(page.GetByTestId("taste-view")).ToHaveAttributeAsync("data-state", "ready");

        // Defaults: A is the API's week, B the trajectory week before it.
        await Expect(page.GetByTestId("radar-week-a")).ToHaveValueAsync(weekA);
        await Expect(page.GetByTestId("radar-week-b")).ToHaveValueAsync(previous!);
        var boxB = page.GetByTestId("taste-radar-b");
        await Expect(boxB).ToHaveAttributeAsync("data-week", previous!);
        Assert.Equal(weeks.Prepend("none").ToArray(), await page.GetByTestId("radar-week-b").Locator("option").AllTextContentsAsync());

        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByTestId("radar-week-b").SelectOptionAsync(other),
            r => r.Url.Contains("/api/dashboard/radar?", StringComparison.Ordinal) && r.Url.Contains($"week={other}", StringComparison.Ordinal));
        Assert.Equal(200, response.Status);

        await Expect(boxB).ToHaveAttributeAsync("data-week", other);
        await Expect(page.GetByTestId("taste-radar-b-title")).ToContainTextAsync($"Week {other} against {expected.Str("baselineFrom")} – {expected.Str("baselineTo")}");
        await Expect(boxB.Locator("canvas")).ToBeVisibleAsync();
        await Expect(boxB.Locator("tbody tr")).ToHaveCountAsync(expected.GetProperty("axes").GetArrayLength());
        Assert.Equal(axes.Select(a => a.Str("axis")).ToArray(), await page.EvaluateAsync<string[]>("() => window.sgTasteCharts.radarB.data.labels"));
        var shown = await page.EvaluateAsync<JsonElement>("() => window.sgTasteCharts.radarB.data.datasets.map(d => ({ label: d.label, data: d.data }))");
        Assert.Equal(other, shown[0].Str("label"));
        Assert.Equal(axes.Select(a => Num(a.GetProperty("value"))), shown[0].GetProperty("data").EnumerateArray().Select(Num));
        Assert.Equal(axes.Select(a => Num(a.GetProperty("baseline"))), shown[1].GetProperty("data").EnumerateArray().Select(Num));
        Assert.Contains(axes, a => a.GetProperty("value").ValueKind == JsonValueKind.Number);
        // A is left as it was.
        await Expect(page.GetByTestId("taste-radar")).ToHaveAttributeAsync("data-week", weekA);
        Assert.Equal(weekA, await page.EvaluateAsync<string>("() => window.sgTasteCharts.radar.data.datasets[0].label"));

        // Side by side at 1280 px, stacked at 390 px. Both boxes are read in one frame once the layout has settled: Chart.js
        // resizes its canvases a frame or more after the viewport changes, and two separate reads straddled such a resize on
        // CI (A read at its height before it, 581.5 px, B after it, so they seemed to overlap).
        string[] radars = ["taste-radar", "taste-radar-b"];
        var wide = await page.SettledBoxesAsync(radars);
        var (a, b) = (wide[0], wide[1]);
        Assert.True(Math.Abs(a.Y - b.Y) < 1 && b.X >= a.X + a.Width, $"side by side: A {a} B {b}");
        await page.SetViewportSizeAsync(390, 844);
        await Expect(boxB.Locator("canvas")).ToBeVisibleAsync();
        var narrow = await page.SettledBoxesAsync(radars);
        (a, b) = (narrow[0], narrow[1]);
        Assert.True(b.Y >= a.Y + a.Height - 0.5 && b.X + b.Width <= 390.5, $"stacked: A {a} B {b}");
        await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= 390", null, new() { Timeout = 5000 }); // no horizontal scrolling at 390 px, once the charts have resized
        await boxB.ScrollIntoViewIfNeededAsync();
        await page.SaveScreenshotAsync("taste-radar-two-weeks-390.png", output, fullPage: true);

        // None: B's chart goes.
        await page.GetByTestId("radar-week-b").SelectOptionAsync("");
        await Expect(boxB).ToHaveAttributeAsync("data-week", "");
        Assert.False(await page.EvaluateAsync<bool>("() => 'radarB' in window.sgTasteCharts"));
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task TrajectoryWeek_PickedByKeyboardOrClick_ListsExactlyTheMapsPointsOfThatWeek()
    {
        var weeks = (await web.GetJsonAsync($"/api/dashboard/trajectory?user={User}&window=12w")).GetProperty("trajectory").GetProperty("weeks")
            .EnumerateArray().Select(w => w.GetString()!).ToArray();
        var points = (await web.GetJsonAsync($"/api/dashboard/map?user={User}&window=12w&limit=500")).GetProperty("map").GetProperty("points")
            .EnumerateArray().ToArray();
        string[] Expected(string week) => points.Where(p => p.Str("week") == week)
            .OrderByDescending(p => p.GetProperty("minutes").GetDouble()).ThenByDescending(p => p.GetProperty("plays").GetInt64())
            .ThenBy(p => p.Str("title"), StringComparer.Ordinal).ThenBy(p => p.GetProperty("trackId").GetInt64())
            .Select(p => $"{p.GetProperty("trackId").GetInt64()} {p.GetProperty("plays").GetInt64()} {p.GetProperty("minutes").GetDouble().ToString("F1", CultureInfo.InvariantCulture)} {p.Str("title")}")
            .ToArray();
        var last = weeks[^1];
        var clicked = weeks[3];
        Assert.Equal(5, Expected(last).Length);
        Assert.NotEmpty(Expected(clicked));
        await using var tab = await web.NewPageAsync(1280, 900);
        var page = tab.Page;
        await page.GotoAsync($"/?listener={User}");
        await Expect(page.GetByTestId("taste-view")).ToHaveAttributeAsync("data-state", "ready");
        var card = page.GetByTestId("week-tracks");
        var rows = page.GetByTestId("week-tracks-list").GetByTestId("week-track");

        async Task<string[]> ShownAsync(int count)
        {
            await Expect(rows).ToHaveCountAsync(count);
            var shown = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var row = rows.Nth(i);
                shown.Add($"{await row.GetAttributeAsync("data-track-id")} {await row.GetAttributeAsync("data-plays")} {await row.GetAttributeAsync("data-minutes")} {await row.Locator("th").TextContentAsync()}");
            }

            return [.. shown];
        }

        Assert.Equal(weeks, await card.GetByTestId("week-tracks-week").AllTextContentsAsync());
        await Expect(page.GetByTestId("week-tracks-list")).ToHaveCountAsync(0);

        // Keyboard: focus the last week's button, Enter.
        var button = card.Locator($"[data-testid=week-tracks-week][data-week=\"{last}\"]");
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(card).ToHaveAttributeAsync("data-week", last);
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal(Expected(last), await ShownAsync(Expected(last).Length));
        await Expect(page.GetByTestId("week-tracks-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{last}: 5 tracks, \\d+ min\\.$"));
        await Expect(rows.Filter(new() { HasText = "Synthetic Far Off" })).ToHaveCountAsync(1);

        // Mouse: click the fourth week on the trajectory chart.
        var at = await page.EvaluateAsync<double[]>(
            "i => { const c = window.sgTasteCharts.trajectory; return [c.scales.x.getPixelForValue(i), (c.chartArea.top + c.chartArea.bottom) / 2]; }", 3);
        await page.GetByTestId("taste-trajectory").Locator("canvas").ClickAsync(new() { Position = new() { X = (float)at[0], Y = (float)at[1] } });
        await Expect(card).ToHaveAttributeAsync("data-week", clicked);
        Assert.Equal(Expected(clicked), await ShownAsync(Expected(clicked).Length));
        await Expect(button).ToHaveAttributeAsync("aria-pressed", "false");

        // The charts follow the new width on their next resize callback: wait for the layout to settle (5 s at most).
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= 390", null, new() { Timeout = 5000 });
        await card.ScrollIntoViewIfNeededAsync();
        await page.SaveScreenshotAsync("taste-week-tracks-390.png", output, fullPage: true);
        Assert.Empty(tab.Errors);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostMixtapeAsync(object body)
    {
        using var response = await web.Http.PostAsJsonAsync(new Uri("/api/mixtapes", UriKind.Relative), body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<string[]> MapPointsAsync(string screenshot)
    {
        await using var tab = await web.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync($"/?listener={User}");
        await Expect(page.GetByTestId("taste-map")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.GetByTestId("taste-view")).ToHaveAttributeAsync("data-state", "ready");
        await page.GetByTestId("taste-map").ScrollIntoViewIfNeededAsync();
        await page.GetByTestId("taste-map").ScreenshotAsync(new() { Path = Path.Combine(Directory.CreateDirectory(WebFixture.ArtifactsDir).FullName, screenshot) });
        output.WriteLine($"screenshot: {Path.Combine(WebFixture.ArtifactsDir, screenshot)}");
        Assert.Empty(tab.Errors);
        return await page.EvaluateAsync<string[]>("() => window.sgTasteMap.points.map(p => p[0].toFixed(9) + ',' + p[1].toFixed(9))");
    }
}

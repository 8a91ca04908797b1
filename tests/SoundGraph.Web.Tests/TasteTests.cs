using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SoundGraph.Web.Tests;

/// <summary>The taste dashboard in headless Chromium over the real API, for the SYNTHETIC listener the fixture writes
/// into the demo store (<see cref="SyntheticTaste"/>): the view loads, the trajectory has its weeks and change points,
/// the radar shows the week, the outliers match the API, the UMAP map is drawn and deterministic, and an unknown
/// listener gets a clear message.</summary>
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

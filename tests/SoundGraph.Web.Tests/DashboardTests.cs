using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SoundGraph.Web.Tests;

/// <summary>The dashboard in headless Chromium over the real API and the real demo store: search → graph → click a
/// neighbour → unveil, audio features, keyboard use, a phone-width layout, error and empty states, edge tooltips.</summary>
[Collection(WebFixtureGroup.Name)]
public sealed partial class DashboardTests(WebFixture web, ITestOutputHelper output)
{
    /// <summary>A depth-1 neighbour of the centre, chosen where no other node is close, so a click there hits it.</summary>
    private const string PickNeighbourScript = """
        () => {
          const cy = window.sgGraph, w = cy.width(), h = cy.height();
          const nodes = cy.nodes(':visible');
          let best = null, bestGap = -1;
          nodes.forEach(n => {
            if (n.hasClass('center')) return;
            const p = n.renderedPosition();
            if (p.x < 20 || p.y < 20 || p.x > w - 20 || p.y > h - 20) return;
            let gap = Infinity;
            nodes.forEach(m => { if (m.id() !== n.id()) { const q = m.renderedPosition(); gap = Math.min(gap, Math.hypot(p.x - q.x, p.y - q.y)); } });
            if (gap > bestGap) { bestGap = gap; best = n; }
          });
          const p = best.renderedPosition();
          return { id: best.id(), kind: best.data('kind'), entityId: best.data('entityId'), name: best.data('name'), x: p.x, y: p.y, gap: bestGap };
        }
        """;

    /// <summary>An edge with an evidence sample whose midpoint lies farthest from every other edge (as a straight
    /// segment) and node, so hovering there hits that edge.</summary>
    private const string PickEdgeScript = """
        () => {
          const cy = window.sgGraph;
          const seg = (p, a, b) => {
            const dx = b.x - a.x, dy = b.y - a.y, l = dx * dx + dy * dy;
            const t = l ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l)) : 0;
            return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
          };
          const edges = cy.edges(':visible'), nodes = cy.nodes(':visible');
          let best = null, bestGap = -1;
          edges.forEach(e => {
            const ev = e.data('edge').evidence;
            if (!ev || ev.sample.length === 0) return;
            const m = e.renderedMidpoint();
            let gap = Infinity;
            edges.forEach(f => { if (f.id() !== e.id()) gap = Math.min(gap, seg(m, f.source().renderedPosition(), f.target().renderedPosition())); });
            nodes.forEach(n => { const q = n.renderedPosition(); gap = Math.min(gap, Math.hypot(m.x - q.x, m.y - q.y) - n.renderedWidth() / 2); });
            if (gap > bestGap) { bestGap = gap; best = e; }
          });
          const m = best.renderedMidpoint();
          return { id: best.id(), x: m.x, y: m.y, gap: bestGap };
        }
        """;

    [Fact]
    public async Task SearchArtist_ClickNeighbourInGraph_UnveilsTheNeighbour()
    {
        var rihanna = await web.FindIdAsync("artist", "Rihanna");
        var expected = await web.GetJsonAsync($"/api/graph/artist/{rihanna}?depth=1&k=10");
        var nodeCount = expected.GetProperty("nodes").GetArrayLength();
        var edgeCount = expected.GetProperty("edges").GetArrayLength();
        Assert.True(nodeCount > 1 && edgeCount > 0, $"the demo graph of Rihanna has {nodeCount} nodes and {edgeCount} edges");
        await using var tab = await web.NewPageAsync(1280, 800);
        var page = tab.Page;
        await page.GotoAsync("/");

        await page.GetByTestId("search-input").FillAsync("Rihanna");
        await page.Locator($"[data-testid=search-result][data-kind=artist][data-id='{rihanna}']").ClickAsync();
        await page.WaitForGraphAsync($"artist:{rihanna}");

        await Expect(page.GetByTestId("graph-status")).ToHaveTextAsync($"{nodeCount} nodes, {edgeCount} edges");
        await Expect(page.GetByTestId("unveil-panel").Locator("h2")).ToHaveTextAsync("Rihanna");
        var neighbour = await page.EvaluateAsync<NodeAt>(PickNeighbourScript);
        output.WriteLine($"clicking {neighbour.Id} ({neighbour.Name}) at {neighbour.X:0},{neighbour.Y:0}, {neighbour.Gap:0} px from the next node");
        var (x, y) = await page.ToPageAsync(neighbour.X, neighbour.Y);
        await page.Mouse.ClickAsync(x, y);

        var panel = page.GetByTestId("unveil-panel");
        await Expect(panel).ToHaveAttributeAsync("data-kind", neighbour.Kind);
        await Expect(panel).ToHaveAttributeAsync("data-id", neighbour.EntityId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(panel.Locator("h2")).ToHaveTextAsync(neighbour.Name);
        await Expect(panel.GetByTestId("unveil-section").First).ToBeVisibleAsync();
        Assert.True(await panel.GetByTestId("unveil-section").CountAsync() >= 1);
        await Expect(page).ToHaveURLAsync(new Regex($"#/{neighbour.Kind}/{neighbour.EntityId}$"));
        Assert.True(await page.EvaluateAsync<bool>("id => window.sgGraph.getElementById(id).hasClass('picked')", neighbour.Id));
        var box = await page.EvaluateAsync<string>(
            "() => { const b = sgGraph.elements(':visible').renderedBoundingBox(), d = document.getElementById('graph'); return `${b.x1},${b.y1},${b.x2},${b.y2} in ${d.clientWidth}x${d.clientHeight}`; }");
        Assert.True(FitsInside(box), $"the whole graph is inside its box after the panels loaded: {box}");
        await page.SaveScreenshotAsync("artist-neighbour-1280x800.png", output);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task TrackWithAudioFeatures_Selected_ShowsFeaturesChart()
    {
        var umbrella = await web.FindIdAsync("track", "Umbrella — Rihanna", query: "Umbrella");
        await using var tab = await web.NewPageAsync();
        var page = tab.Page;

        await page.GotoAsync($"/#/track/{umbrella}");

        var features = page.GetByTestId("features-chart");
        await Expect(features).ToBeVisibleAsync();
        await Expect(features.Locator("canvas")).ToBeVisibleAsync();
        // Umbrella in the Kaggle CSV: tempo 174.028, loudness −4.603 dB, key 1 (C♯/D♭), mode 1 (major), 4/4.
        await Expect(features.Locator("dl.facts")).ToHaveTextAsync(new Regex("tempo\\s*174\\.0 BPM\\s*loudness\\s*-4\\.6 dB\\s*key\\s*C♯/D♭ major\\s*time signature\\s*4/4"));
        var canvas = await features.Locator("canvas").BoundingBoxAsync();
        Assert.True(canvas is { Width: > 100, Height: > 100 }, $"the radar chart is drawn ({canvas?.Width}×{canvas?.Height})");
        await Expect(page.GetByTestId("unveil-panel").Locator("h2")).ToHaveTextAsync("Umbrella — Rihanna");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task KeyboardOnly_SearchPickAndRelatedItem_OpenInUnveilPanel()
    {
        var rihanna = await web.FindIdAsync("artist", "Rihanna");
        await using var tab = await web.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/");

        // Tab from the page start: the skip link first, then the search box.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByTestId("search-input")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Rihanna");
        await Expect(page.GetByTestId("search-result").First).ToHaveAttributeAsync("data-id", rihanna.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.GetByTestId("search-result").First).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("Enter");

        var panel = page.GetByTestId("unveil-panel");
        await Expect(panel.Locator("h2")).ToHaveTextAsync("Rihanna");
        await Expect(page.GetByTestId("related-list")).ToHaveAttributeAsync("data-id", rihanna.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("related-item").First).ToBeVisibleAsync();
        var focused = await TabUntilAsync(page, "related-item", maxPresses: 200);
        await page.Keyboard.PressAsync("Enter");

        await Expect(panel).ToHaveAttributeAsync("data-kind", focused.Kind);
        await Expect(panel).ToHaveAttributeAsync("data-id", focused.Id);
        await Expect(panel.Locator("h2")).ToHaveTextAsync(focused.Name);
        await Expect(panel.GetByTestId("unveil-section").First).ToBeVisibleAsync();
        await Expect(panel).ToBeFocusedAsync();
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task PhoneWidth_ArtistSelected_NoHorizontalScrollAndPanelsVisible()
    {
        var rihanna = await web.FindIdAsync("artist", "Rihanna");
        await using var tab = await web.NewPageAsync(390, 844);
        var page = tab.Page;

        await page.GotoAsync($"/#/artist/{rihanna}");
        await page.WaitForGraphAsync($"artist:{rihanna}");
        await Expect(page.GetByTestId("unveil-panel").Locator("h2")).ToHaveTextAsync("Rihanna");
        await Expect(page.GetByTestId("related-item").First).ToBeVisibleAsync();

        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"scrollWidth {widths[0]} > innerWidth {widths[1]}: the page scrolls sideways");
        foreach (var id in new[] { "search-input", "graph", "unveil-panel", "related-list" })
        {
            await Expect(page.GetByTestId(id)).ToBeVisibleAsync();
            var box = await page.GetByTestId(id).BoundingBoxAsync();
            Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= widths[1] + 0.5, $"{id} lies within the 390 px viewport ({box?.X}, width {box?.Width})");
        }

        await page.SaveScreenshotAsync("artist-phone-390x844.png", output, fullPage: true);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task UnknownArtistInHash_Loaded_ShowsErrorBannerWith404Detail()
    {
        await using var tab = await web.NewPageAsync();
        var page = tab.Page;

        await page.GotoAsync("/#/artist/99999999");

        var banner = page.GetByTestId("error-banner");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToHaveAttributeAsync("data-status", "404");
        await Expect(banner).ToContainTextAsync("No artist with id 99999999.");
        await page.WaitForFunctionAsync("() => document.body.dataset.graphReady === 'true'");
        await Expect(page.GetByTestId("graph-status")).ToHaveTextAsync("Graph not available.");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task ErrorPage_HashChangedToInvalidThenBackToStart_ShowsStartStateWithoutBanner()
    {
        var rihanna = await web.FindIdAsync("artist", "Rihanna");
        await using var tab = await web.NewPageAsync();
        var page = tab.Page;
        var banner = page.GetByTestId("error-banner");
        var panel = page.GetByTestId("unveil-panel");
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => { location.hash = '#/artist/99999999'; }");
        await Expect(banner).ToHaveAttributeAsync("data-status", "404");

        // A hash that names no node: the start state, and the hash dropped.
        await page.EvaluateAsync("() => { location.hash = '#/album/5'; }");
        await Expect(banner).ToBeHiddenAsync();
        await Expect(page.GetByTestId("graph-status")).ToHaveTextAsync("No node selected: search for a track, artist or user.");
        await Expect(panel).Not.ToHaveAttributeAsync("data-kind", new Regex("."));
        await Expect(page.Locator("#expand-selected")).ToBeDisabledAsync();
        Assert.Equal("", await page.EvaluateAsync<string>("() => location.hash"));

        // A real selection, then Back to the start page (an empty hash): the old graph and panels go.
        await page.EvaluateAsync($"() => {{ location.hash = '#/artist/{rihanna}'; }}");
        await page.WaitForGraphAsync($"artist:{rihanna}");
        await Expect(panel.Locator("h2")).ToHaveTextAsync("Rihanna");
        await page.GoBackAsync();
        await Expect(page.GetByTestId("graph-status")).ToHaveTextAsync("No node selected: search for a track, artist or user.");
        await Expect(panel.Locator("h2")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("related-item")).ToHaveCountAsync(0);
        await Expect(banner).ToBeHiddenAsync();
        await Expect(page.Locator("#expand-selected")).ToBeDisabledAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.sgGraph.nodes().length"));
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task BigGraph_DepthTwoK50_EveryNodeInsideTheView()
    {
        var rihanna = await web.FindIdAsync("artist", "Rihanna");
        var expected = await web.GetJsonAsync($"/api/graph/artist/{rihanna}?depth=2&k=50");
        var nodeCount = expected.GetProperty("nodes").GetArrayLength();
        Assert.True(nodeCount > 100, $"the demo's depth-2 k=50 graph of Rihanna is big ({nodeCount} nodes)");
        await using var tab = await web.NewPageAsync(1280, 800);
        var page = tab.Page;

        await page.GotoAsync($"/#/artist/{rihanna}?depth=2&k=50");
        await page.WaitForGraphAsync($"artist:{rihanna}");
        await Expect(page.GetByTestId("related-item").First).ToBeVisibleAsync();
        await page.Locator("#fit-graph").ClickAsync();

        var outside = await page.EvaluateAsync<int>(
            "() => { const cy = window.sgGraph, w = cy.width(), h = cy.height(); return cy.nodes(':visible').filter(n => { const p = n.renderedPosition(); return p.x < 0 || p.y < 0 || p.x > w || p.y > h; }).length; }");
        Assert.Equal(0, outside);
        var box = await page.EvaluateAsync<string>(
            "() => { const b = sgGraph.elements(':visible').renderedBoundingBox(), d = document.getElementById('graph'); return `${b.x1},${b.y1},${b.x2},${b.y2} in ${d.clientWidth}x${d.clientHeight}`; }");
        Assert.True(FitsInside(box), $"the whole graph, labels included, is inside its box: {box}");
        await page.SaveScreenshotAsync("artist-depth2-k50-1280x800.png", output);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task SearchWithoutHits_Typed_ShowsEmptyMessage()
    {
        await using var tab = await web.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/");

        await page.GetByTestId("search-input").FillAsync("zzqxjv");

        var results = page.GetByTestId("search-results");
        await Expect(results.GetByTestId("empty")).ToHaveTextAsync("No results for “zzqxjv”.");
        await Expect(results.GetByTestId("search-result")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("error-banner")).ToBeHiddenAsync();
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task EdgeInGraph_Hovered_TooltipShowsEvidence()
    {
        var rihanna = await web.FindIdAsync("artist", "Rihanna");
        var graph = await web.GetJsonAsync($"/api/graph/artist/{rihanna}?depth=1&k=10");
        await using var tab = await web.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync($"/#/artist/{rihanna}");
        await page.WaitForGraphAsync($"artist:{rihanna}");
        var target = await page.EvaluateAsync<EdgeAt>(PickEdgeScript);
        output.WriteLine($"hovering {target.Id} at {target.X:0},{target.Y:0}, {target.Gap:0.0} px from the next edge or node");
        var edge = graph.GetProperty("edges").EnumerateArray().Single(e => e.Str("id") == target.Id);

        var (x, y) = await page.ToPageAsync(target.X, target.Y);
        await page.Mouse.MoveAsync(x, y);

        var tooltip = page.GetByTestId("edge-tooltip");
        await Expect(tooltip).ToBeVisibleAsync();
        Assert.Equal(target.Id, await page.EvaluateAsync<string>("() => window.sgGraph.edges('.hover').map(e => e.id()).join(',')"));
        await Expect(tooltip.Locator(".tt-why")).ToHaveTextAsync(edge.Str("why"));
        var sample = edge.GetProperty("evidence").GetProperty("sample").EnumerateArray().Select(s => s.GetString()!).Take(8).ToArray();
        await Expect(tooltip.Locator(".tt-evidence li")).ToHaveTextAsync(sample);
        Assert.Empty(tab.Errors);
    }

    /// <summary>"x1,y1,x2,y2 in WxH": whether the box lies within 0..W × 0..H (1 px tolerance).</summary>
    private static bool FitsInside(string box)
    {
        var parts = box.Split([',', ' ', 'x'], StringSplitOptions.RemoveEmptyEntries).Where(p => p != "in")
            .Select(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return parts[0] >= -1 && parts[1] >= -1 && parts[2] <= parts[4] + 1 && parts[3] <= parts[5] + 1;
    }

    /// <summary>Presses Tab until the focused element has <c>data-testid=<paramref name="testId"/></c>.</summary>
    private static async Task<FocusedItem> TabUntilAsync(IPage page, string testId, int maxPresses)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<FocusedItem?>(
                "t => { const a = document.activeElement; return a && a.dataset.testid === t ? { kind: a.dataset.kind, id: a.dataset.id, name: a.querySelector('.name').textContent } : null; }",
                testId);
            if (focused is not null)
            {
                return focused;
            }
        }

        throw new InvalidOperationException($"No {testId} took the focus after {maxPresses} Tab presses.");
    }

    // Filled from page.EvaluateAsync results, which need settable properties.
    private sealed class NodeAt
    {
        public string Id { get; set; } = "";
        public string Kind { get; set; } = "";
        public int EntityId { get; set; }
        public string Name { get; set; } = "";
        public double X { get; set; }
        public double Y { get; set; }
        public double Gap { get; set; }
    }

    private sealed class EdgeAt
    {
        public string Id { get; set; } = "";
        public double X { get; set; }
        public double Y { get; set; }
        public double Gap { get; set; }
    }

    private sealed class FocusedItem
    {
        public string Kind { get; set; } = "";
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
    }
}

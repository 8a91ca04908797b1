using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SoundGraph.Web.Tests;

/// <summary>Waits and lookups shared by the browser tests: all wait on DOM state, never on the clock.</summary>
internal static class PageHelpers
{
    /// <summary>Waits until a graph is laid out (<c>body[data-graph-ready=true]</c>) and shows node <paramref name="center"/>
    /// as its centre (class <c>center</c>).</summary>
    public static Task WaitForGraphAsync(this IPage page, string center) =>
        page.WaitForFunctionAsync(
            "c => document.body.dataset.graphReady === 'true' && !!window.sgGraph && window.sgGraph.getElementById(c).hasClass('center')",
            center);

    /// <summary>The page position (CSS pixels from the viewport's top left) of a point given in the graph container's
    /// rendered coordinates.</summary>
    public static async Task<(float X, float Y)> ToPageAsync(this IPage page, double renderedX, double renderedY)
    {
        var box = await page.GetByTestId("graph").BoundingBoxAsync() ?? throw new InvalidOperationException("The graph container is not visible.");
        return ((float)(box.X + renderedX), (float)(box.Y + renderedY));
    }

    /// <summary>The boxes (CSS pixels, viewport coordinates) of the elements with <paramref name="testIds"/>, read together
    /// in one frame once they have stayed the same for <paramref name="stableFrames"/> animation frames in a row (at most
    /// <paramref name="maxFrames"/>, each at most 100 ms; then the last reading). Chart.js resizes its canvases from a ResizeObserver callback a
    /// frame or more after a layout change, so two separate <c>BoundingBoxAsync</c> calls can straddle a resize and see
    /// one element before it and the next after it.</summary>
    /// <exception cref="InvalidOperationException">An id matches no element.</exception>
    public static async Task<IReadOnlyList<(double X, double Y, double Width, double Height)>> SettledBoxesAsync(
        this IPage page, string[] testIds, int stableFrames = 5, int maxFrames = 300)
    {
        var rects = await page.EvaluateAsync<JsonElement>(
            """
            async ([ids, stable, max]) => {
              const read = () => ids.map(id => {
                const el = document.querySelector(`[data-testid="${id}"]`);
                if (!el) return null;
                const r = el.getBoundingClientRect();
                return [r.x, r.y, r.width, r.height];
              });
              // A frame, or 100 ms when no frame comes (a page that stopped rendering must not hang the test).
              const frame = () => new Promise(resolve => { requestAnimationFrame(() => resolve()); setTimeout(resolve, 100); });
              let last = read(), same = 0;
              for (let i = 0; i < max && same < stable; i++) {
                await frame();
                const now = read();
                same = JSON.stringify(now) === JSON.stringify(last) ? same + 1 : 0;
                last = now;
              }
              return last;
            }
            """,
            new object[] { testIds, stableFrames, maxFrames });
        var boxes = new List<(double, double, double, double)>();
        var i = 0;
        foreach (var r in rects.EnumerateArray())
        {
            if (r.ValueKind == JsonValueKind.Null)
            {
                throw new InvalidOperationException($"No element has data-testid '{testIds[i]}'.");
            }

            boxes.Add((r[0].GetDouble(), r[1].GetDouble(), r[2].GetDouble(), r[3].GetDouble()));
            i++;
        }

        return boxes;
    }

    /// <summary>Saves a screenshot under <see cref="WebFixture.ArtifactsDir"/> and prints its path.</summary>
    public static async Task<string> SaveScreenshotAsync(this IPage page, string name, ITestOutputHelper output, bool fullPage = false)
    {
        Directory.CreateDirectory(WebFixture.ArtifactsDir);
        var path = Path.Combine(WebFixture.ArtifactsDir, name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = fullPage });
        output.WriteLine($"screenshot: {path}");
        return path;
    }

    /// <summary>The id of the first result of <paramref name="kind"/> named exactly <paramref name="name"/> when searching
    /// <paramref name="query"/> (default: the name; a track's name is "Title — Artist", and search matches titles).</summary>
    public static async Task<int> FindIdAsync(this WebFixture web, string kind, string name, string? query = null)
    {
        var search = await web.GetJsonAsync($"/api/search?q={Uri.EscapeDataString(query ?? name)}&kind={kind}");
        foreach (var result in search.GetProperty("results").EnumerateArray())
        {
            if (result.GetProperty("name").GetString() == name)
            {
                return result.GetProperty("id").GetInt32();
            }
        }

        throw new InvalidOperationException($"The demo store has no {kind} named '{name}': {search}");
    }

    public static string Str(this JsonElement e, string property) => e.GetProperty(property).GetString() ?? "";
}

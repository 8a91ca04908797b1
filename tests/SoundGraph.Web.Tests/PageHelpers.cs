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

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SoundGraph.Api;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Web.Tests;

/// <summary>One demo store (the real demo data, built by <c>sgr demo</c>, plus one SYNTHETIC listener with an
/// aggregated listening history for the taste dashboard: <see cref="SyntheticTaste"/>), the real API and web page on a free loopback
/// port (Kestrel, as <c>sgr serve</c> runs it), and one headless Debian Chromium shared by the collection. Each test opens
/// its own context and page (<see cref="NewPageAsync"/>).</summary>
public sealed class WebFixture : IAsyncLifetime
{
    /// <summary>Where the browser is looked for unless <c>SOUNDGRAPH_CHROMIUM</c> names another.</summary>
    public const string DefaultChromium = "/usr/bin/chromium";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-web-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private IPlaywright? _playwright;

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>A client of the same server, for reading the expected values from the API itself.</summary>
    public HttpClient Http { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>users.id of the SYNTHETIC listener written into the demo store (<see cref="SyntheticTaste"/>).</summary>
    public long SyntheticListener { get; private set; }

    /// <summary>users.id of the SYNTHETIC mixtape listener (<see cref="SyntheticTaste.WriteMixtapeListenerAsync"/>).</summary>
    public long MixtapeListener { get; private set; }

    /// <summary>Where screenshots go: <c>SOUNDGRAPH_ARTIFACTS</c>, else <c>TestResults/screenshots</c> in the test's bin.</summary>
    public static string ArtifactsDir =>
        Environment.GetEnvironmentVariable("SOUNDGRAPH_ARTIFACTS") is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        // Checked first so a missing browser fails in a second, not after the demo store is built.
        var chromium = ChromiumPath();
        var webRoot = WebRoot();

        Directory.CreateDirectory(_dir);
        var db = Path.Combine(_dir, "demo.db");
        await DemoStore.BuildAsync(db);
        SyntheticListener = await SyntheticTaste.WriteAsync(db);
        MixtapeListener = await SyntheticTaste.WriteMixtapeListenerAsync(db);

        _app = SoundGraphApi.Build(new ApiOptions(db, "http://127.0.0.1:0", ApiOptions.DefaultCacheSeconds, webRoot));
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl) };

        (_playwright, Browser) = await LaunchChromiumAsync(chromium);
    }

    /// <summary>The Chromium binary: <c>SOUNDGRAPH_CHROMIUM</c>, else <see cref="DefaultChromium"/>.</summary>
    /// <exception cref="InvalidOperationException">There is no browser there.</exception>
    internal static string ChromiumPath()
    {
        var chromium = Environment.GetEnvironmentVariable("SOUNDGRAPH_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {chromium}: install Debian's chromium: apt-get install chromium " +
                "(or set SOUNDGRAPH_CHROMIUM to a Chromium binary). Never `playwright install`.");
        }

        return chromium;
    }

    /// <summary>The built web page beside the tests (<c>wwwroot</c> in bin).</summary>
    /// <exception cref="InvalidOperationException">The page is not built.</exception>
    internal static string WebRoot()
    {
        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!File.Exists(Path.Combine(webRoot, "index.html")) || !File.Exists(Path.Combine(webRoot, "app.js")))
        {
            throw new InvalidOperationException(
                $"The web page is not built into {webRoot}: build it with `cd web && npm ci && npm run build`, then rebuild this project.");
        }

        return webRoot;
    }

    /// <summary>Starts Playwright and a headless <paramref name="chromium"/>.</summary>
    internal static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchChromiumAsync(string chromium)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        return (playwright, browser);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>A fresh context (own storage, given viewport) and page on the server; uncaught page errors are
    /// collected in <see cref="WebPage.Errors"/>.</summary>
    public Task<WebPage> NewPageAsync(int width = 1280, int height = 800) => OpenPageAsync(Browser, BaseUrl, width, height);

    /// <summary>A fresh context of <paramref name="browser"/> on <paramref name="baseUrl"/> and a page in it.</summary>
    internal static async Task<WebPage> OpenPageAsync(IBrowser browser, string baseUrl, int width, int height)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = baseUrl,
            ViewportSize = new() { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var result = new WebPage(context, page);
        page.PageError += (_, message) => result.Errors.Add(message);
        return result;
    }

    /// <summary>GET a JSON document from the API.</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>A test's browser context and page; disposing closes the context.</summary>
public sealed class WebPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    /// <summary>Uncaught script errors of the page (a failing test shows them).</summary>
    public List<string> Errors { get; } = [];

    public ValueTask DisposeAsync() => context.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class WebFixtureGroup : ICollectionFixture<WebFixture>
{
    public const string Name = "web page over the demo store in Chromium";
}

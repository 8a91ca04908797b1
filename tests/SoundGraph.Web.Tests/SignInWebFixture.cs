using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SoundGraph.Api;
using SoundGraph.FakeOidc;

namespace SoundGraph.Web.Tests;

/// <summary>The real API and web page in SIGN-IN mode: the local test OpenID Connect provider
/// (<see cref="FakeOidcServer"/>, test users alice, bob, admin, carol with password <c>&lt;name&gt;-password</c>) as the
/// authority, the API on Kestrel on a free loopback port (as <c>sgr serve</c> runs it) with Data Protection keys in a
/// temporary folder and <c>AllowedHosts</c> 127.0.0.1, and one headless Debian Chromium shared by the collection.</summary>
/// <remarks>The store is small: only the SYNTHETIC tracks of <see cref="SyntheticTaste"/> (with mood axes) and its
/// listener, so a synthetic Spotify export naming those tracks (<see cref="SyntheticExport"/>) gets axes and weekly
/// aggregates when a test uploads it. The demo data is not needed here and costs time to build.</remarks>
public sealed class SignInWebFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-web-signin-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private IPlaywright? _playwright;

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The test provider (its sign-in page is on <see cref="FakeOidcServer.Issuer"/>).</summary>
    public FakeOidcServer Oidc { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>A client of the same server without cookies, for calls with a personal token.</summary>
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var chromium = WebFixture.ChromiumPath();
        var webRoot = WebFixture.WebRoot();
        Directory.CreateDirectory(_dir);
        var db = Path.Combine(_dir, "signin.db");
        await SyntheticTaste.WriteAsync(db);

        Oidc = await FakeOidcServer.StartAsync();
        string[] args =
        [
            $"--SoundGraph:Auth:Authority={Oidc.Issuer}",
            "--SoundGraph:Auth:ClientId=soundgraph",
            "--SoundGraph:Auth:ClientSecret=soundgraph-test-secret",
            $"--SoundGraph:DataProtection:KeysDirectory={Path.Combine(_dir, "keys")}",
            "--AllowedHosts=127.0.0.1",
        ];
        _app = SoundGraphApi.Build(new ApiOptions(db, "http://127.0.0.1:0", ApiOptions.DefaultCacheSeconds, webRoot), args);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        Http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
        (_playwright, Browser) = await WebFixture.LaunchChromiumAsync(chromium);
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

        if (Oidc is not null)
        {
            await Oidc.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>A fresh context (own cookies) and page on the server.</summary>
    public Task<WebPage> NewPageAsync(int width = 1280, int height = 900) => WebFixture.OpenPageAsync(Browser, BaseUrl, width, height);

    /// <summary>GET <paramref name="path"/> with the personal token <paramref name="token"/>; the status code.</summary>
    public async Task<int> GetStatusWithTokenAsync(string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        return (int)response.StatusCode;
    }
}

/// <summary>A SYNTHETIC Spotify account export (the old <c>StreamingHistory0.json</c> format: a JSON array of
/// <c>{"endTime":"2024-01-05 10:00","artistName":…,"trackName":…,"msPlayed":…}</c>). Nothing here is real listening data:
/// it plays the invented tracks of <see cref="SyntheticTaste"/> by "Synthetic Taste Band" (which the store has, with mood
/// axes, so the plays match by name) over <see cref="Weeks"/> weeks from Monday 2024-01-01: calm tracks in the first
/// five weeks, energetic ones after.</summary>
internal static class SyntheticExport
{
    public const string FileName = "StreamingHistory0.json";

    public const string Artist = "Synthetic Taste Band";

    public const int Weeks = 8;

    /// <summary>The file's JSON text.</summary>
    public static string Json()
    {
        var plays = new List<object>();
        for (var week = 0; week < Weeks; week++)
        {
            var first = week < 5 ? 0 : 4;
            for (var i = 0; i < 4; i++)
            {
                for (var p = 0; p < 1 + ((week + i) % 2); p++)
                {
                    var end = SyntheticTaste.Start.AddDays((7 * week) + i + 1).AddHours(10 + p);
                    plays.Add(new Dictionary<string, object>
                    {
                        ["endTime"] = end.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                        ["artistName"] = Artist,
                        ["trackName"] = SyntheticTaste.Tracks[first + i].Title,
                        ["msPlayed"] = 180_000,
                    });
                }
            }
        }

        return JsonSerializer.Serialize(plays);
    }

    /// <summary>Writes the file into a new temporary folder and returns its path.</summary>
    public static string Write()
    {
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sg-export-" + Guid.NewGuid().ToString("N")));
        var path = Path.Combine(dir.FullName, FileName);
        File.WriteAllText(path, Json(), Encoding.UTF8);
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class SignInWebFixtureGroup : ICollectionFixture<SignInWebFixture>
{
    public const string Name = "web page in sign-in mode with the test provider in Chromium";
}

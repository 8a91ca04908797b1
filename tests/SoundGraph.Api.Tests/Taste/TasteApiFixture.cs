using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SoundGraph.Services.Taste;
using SoundGraph.Storage;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Api.Tests.Taste;

/// <summary>The API over a fresh <see cref="TasteSample"/> store (one per test class), with ana aggregated, and a client
/// whose requests come from 127.0.0.1 (the test server itself gives no remote address).</summary>
public sealed class TasteApiFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-taste-api-" + Guid.NewGuid().ToString("N"));

    public string Db => Path.Combine(_dir, "taste.db");

    public string WebRoot => Path.Combine(_dir, "wwwroot-empty");

    public SoundGraphStore Store { get; private set; } = null!;

    public TasteApiFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public long Ana { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WebRoot);
        Store = await TasteSample.BuildAsync(Db);
        Ana = await TasteSample.UserIdAsync(Store, "test:user:ana");
        await TasteAggregation.RunAsync(Store, Ana);
        Factory = new TasteApiFactory(Db, WebRoot, IPAddress.Loopback);
        Client = Factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    public Task<long> UserAsync(string key) => TasteSample.UserIdAsync(Store, key);

    public Task<long> TrackAsync(string title) => TasteSample.TrackIdAsync(Store, title);
}

/// <summary>The API over one store, its requests seen as coming from <c>remote</c> (null: no address, as the test
/// server gives none), with extra configuration <c>settings</c> (e.g. the pipeline's credentials, <c>SoundGraph:ListenBrainz:BaseUrl</c>).</summary>
public sealed class TasteApiFactory(string db, string webRoot, IPAddress? remote, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("SoundGraph:Db", db);
        builder.UseSetting("SoundGraph:WebRoot", webRoot);
        builder.UseSetting("SoundGraph:CacheSeconds", "60");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddress(remote)));
    }

    private sealed class RemoteAddress(IPAddress? address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }
}

/// <summary>Requests with bodies, and polling a job.</summary>
internal static class TasteHttp
{
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendJsonAsync(this HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is string raw)
        {
            request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    /// <summary>Polls <paramref name="statusPath"/> until the job is done or failed (at most 60 s).</summary>
    public static async Task<JsonElement> WaitForJobAsync(this HttpClient client, string statusPath)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var body = await client.OkJsonAsync(statusPath);
            var status = body.GetProperty("status").GetString();
            if (status is "done" or "failed")
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{statusPath} still {status} after 60 s");
            await Task.Delay(50);
        }
    }

    /// <summary>The 400 problem's message for <paramref name="field"/>, asserting it names exactly <paramref name="fields"/>.</summary>
    public static string ErrorOf(JsonElement problem, string field, params string[] fields)
    {
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var names = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(fields.Length == 0 ? [field] : fields.Order(StringComparer.Ordinal).ToList(), names);
        return problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

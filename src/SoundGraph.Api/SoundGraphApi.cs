using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SoundGraph.Api.Access;
using SoundGraph.Api.Endpoints;
using SoundGraph.Api.Jobs;
using SoundGraph.Api.Personal;
using SoundGraph.Api.Pipeline;
using SoundGraph.Storage;

namespace SoundGraph.Api;

/// <summary>Builds the SoundGraph HTTP API (minimal APIs over the store's read services), used by the API's own
/// <see cref="Program"/> and by <c>sgr serve</c>. The endpoints and their errors follow the API contract: JSON with web
/// defaults, RFC 9457 problem details for every error, GET /api/… output-cached.</summary>
public static class SoundGraphApi
{
    /// <summary>Shown at <c>/</c> when the web page has not been built into the web root.</summary>
    public const string PageNotBuiltNote = "The web page is not built: run npm ci && npm run build in web/. The API is at /api/… (see /openapi/v1.json).";

    /// <summary>Creates the application: services, middleware and endpoints. Start it with <c>RunAsync</c> or <c>StartAsync</c>.</summary>
    /// <param name="options">The store, addresses and cache lifetime; null reads them from configuration
    /// (<see cref="ApiOptions.FromConfiguration"/>), which is how <see cref="Program"/> and the tests run it.</param>
    /// <param name="args">Host arguments (<c>--urls</c>, <c>--SoundGraph:Db=…</c>); none for <c>sgr serve</c>.</param>
    public static WebApplication Build(ApiOptions? options, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(args ?? []);
        if (options is not null)
        {
            builder.WebHost.UseUrls(options.Urls);

            // The caller (sgr serve) reports a failed start in one line; the host would also log it with a stack trace.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        }
        else if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(ApiOptions.DefaultUrls);
        }

        // Single-user mode (no identity provider) listens on loopback only: anything else refuses to start.
        var auth = AuthSettings.FromConfiguration(builder.Configuration);
        var kestrelUrls = builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>();
        ListenAddresses.ThrowIfOpenWithoutSignIn(
            string.Join(';', kestrelUrls.Prepend(options?.Urls ?? builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? ApiOptions.DefaultUrls)), auth);
        builder.Services.AddSoundGraphAuth(builder.Configuration, auth);
        builder.Services.AddSoundGraphRateLimits(builder.Configuration);
        builder.Services.TryAddSingleton(TimeProvider.System);

        // The request log of ASP.NET Core is noise for a local tool; warnings and errors still show.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);

        // Resolved when first needed, after the host's configuration is complete (WebApplicationFactory's settings included).
        builder.Services.AddSingleton(sp => options ?? ApiOptions.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton(sp => new StoreAccess(StoreLocation.Parse(sp.GetRequiredService<ApiOptions>().Db)));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<StoreSessions>();
        builder.Services.AddHostedService<StoreStartup>();
        builder.Services.AddSingleton(sp => PipelineSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton(sp => ListenBrainzSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddHttpClient(ListenBrainzSettings.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All, AllowAutoRedirect = false });
        builder.Services.AddSingleton<JobRegistry>();
        builder.Services.AddHostedService<JobWorker>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StoreExceptionHandler>();
        builder.Services.AddOpenApi(openApi => openApi.AddOperationTransformer<ParameterSchemaTransformer>());
        builder.Services.AddResponseCompression(compression =>
        {
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = CompressedMimeTypes;
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.AddOutputCache();
        builder.Services.AddOptions<OutputCacheOptions>().Configure<ApiOptions>((cache, api) =>
            cache.AddBasePolicy(policy => policy
                .With(c => api.CacheSeconds > 0 && c.HttpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !PersonalData.Marks(c.HttpContext)
                    && c.HttpContext.Caller().AccountId is null)
                .Expire(TimeSpan.FromSeconds(Math.Max(1, api.CacheSeconds)))
                .SetVaryByQuery("*")
                .VaryByValue(c => new KeyValuePair<string, string>("caller", c.Caller().IsLocal ? "local" : "anonymous"))));

        var app = builder.Build();

        // HEAD is answered as GET (RFC 9110 §9.3.2); Kestrel still sends no body, because it decides that from the request
        // line, not from the method the pipeline sees. Before routing, so HEAD finds the GET endpoints (not a 405).
        app.Use(HeadAsGet);

        // Compression outside the output cache: the cache stores a response once, uncompressed, and each client gets it
        // compressed or not according to its own Accept-Encoding.
        app.UseResponseCompression();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        UseWebPage(app, app.Services.GetRequiredService<ApiOptions>());
        app.Use(CacheControl);
        app.UseOutputCache();

        // Only the one document there is: any other name matches no route and gets the usual 404 problem.
        // Every endpoint carries an AccessRule (Access/AccessRule.cs), enforced by AccessFilter; the authorization matrix
        // test fails for a route without one.
        app.MapOpenApi("/openapi/{documentName:regex(^v1$)}.json").RequireAccess(AccessLevel.Public);
        app.MapGroup(string.Empty).RequireAccess(AccessLevel.Public).MapHealthEndpoints();
        app.MapSignInEndpoints();
        var api = app.MapGroup("/api").AddEndpointFilter(AccessFilter.FilterAsync);

        // Public catalog data; private listeners are left out of its answers (Access/PrivateListeners).
        var open = api.MapGroup(string.Empty).RequireAccess(AccessLevel.Public).RequireRateLimiting(RateLimits.Reads);
        open.MapSearchEndpoints();
        open.MapEntityEndpoints();
        open.MapUnveilEndpoints();
        open.MapGraphEndpoints();
        open.MapRecommendEndpoints();

        // A listener's data (taste dashboard, labels, mixtapes, jobs), the caller's account and the pipeline's
        // administrative jobs (sync, tags, analysis, scoring): never cached; the rules are on each map.
        var personal = api.MapGroup(string.Empty).WithMetadata(PersonalData.Instance);
        var listener = personal.MapGroup(string.Empty).RequireAccess(AccessLevel.Listener).RequireRateLimiting(RateLimits.Reads);
        listener.MapDashboardEndpoints();
        listener.MapLabelEndpoints();
        listener.MapMixtapeEndpoints();
        listener.MapJobEndpoints();
        var admin = personal.MapGroup(string.Empty).RequireAccess(AccessLevel.Admin);
        admin.MapIngestEndpoints();
        admin.MapTrackJobEndpoints();
        personal.MapAccountEndpoints();
        personal.MapGroup(string.Empty).RequireAccess(AccessLevel.Account).MapMeJobEndpoints();
        personal.MapMeEndpoint();
        return app;
    }

    /// <summary>Content types compressed (Brotli or gzip, fastest level) for clients that send <c>Accept-Encoding</c>.</summary>
    private static readonly string[] CompressedMimeTypes =
        ["application/json", "application/problem+json", "text/javascript", "application/javascript", "text/css", "text/html", "text/plain", "image/svg+xml"];

    /// <summary>Lets every GET endpoint, static file and the page answer HEAD: the request goes on as a GET.</summary>
    private static Task HeadAsGet(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Request.Method = HttpMethods.Get;
        }

        return next(context);
    }

    /// <summary>The built page from the web root (index.html at <c>/</c>), or a note saying how to build it.</summary>
    private static void UseWebPage(WebApplication app, ApiOptions options)
    {
        var root = options.WebRootPath;
        if (Directory.Exists(root))
        {
            var files = new PhysicalFileProvider(root);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/" && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(PageNotBuiltNote + "\n", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
    }

    /// <summary>Adds <c>Cache-Control</c> to successful GET /api/… responses: <c>public, max-age=N</c>, or
    /// <c>no-cache</c> when caching is off, <c>private, no-cache</c> for a signed-in caller; <c>no-store</c> on every response of a personal endpoint (<see cref="PersonalData"/>).</summary>
    private static Task CacheControl(HttpContext context, RequestDelegate next)
    {
        if (PersonalData.Marks(context))
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
        }
        else if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            var seconds = context.RequestServices.GetRequiredService<ApiOptions>().CacheSeconds;
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode == StatusCodes.Status200OK)
                {
                    // A signed-in caller's answers may show their own private listeners: no shared cache may keep them.
                    context.Response.Headers.CacheControl = context.Caller().AccountId is not null ? "private, no-cache"
                        : seconds > 0 ? $"public, max-age={seconds}" : "no-cache";
                }

                return Task.CompletedTask;
            });
        }

        return next(context);
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SoundGraph.Fakes;

/// <summary>The hosting every fake API server shares (linked into each fake's project): a quiet Kestrel app on 127.0.0.1,
/// started on a given or a free port, and stopped.</summary>
internal static class LoopbackHost
{
    /// <summary>A slim web application builder without logging providers, listening on 127.0.0.1 only.</summary>
    /// <param name="port">The port; 0 for a free one.</param>
    /// <returns>The builder.</returns>
    public static WebApplicationBuilder CreateBuilder(int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        return builder;
    }

    /// <summary>Starts <paramref name="app"/> (disposing it when the start fails) and returns the port it listens on.</summary>
    /// <param name="app">The built application.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The port.</returns>
    public static async Task<int> StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address).Port;
    }

    /// <summary>Stops and disposes <paramref name="app"/>.</summary>
    /// <param name="app">The running application.</param>
    /// <returns>A task that completes when it stopped.</returns>
    public static async ValueTask StopAsync(WebApplication app)
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}

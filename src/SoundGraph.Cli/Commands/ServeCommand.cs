using System.CommandLine;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SoundGraph.Api;
using SoundGraph.Api.Access;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr serve</c>: the HTTP API and the web page over the store, until Ctrl+C.</summary>
public static class ServeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var urls = new Option<string>("--urls")
        {
            Description = $"Addresses to listen on, separated by ';' (default {ApiOptions.DefaultUrls}: this machine only).",
            DefaultValueFactory = _ => ApiOptions.DefaultUrls,
        };
        var cacheSeconds = new Option<int>("--cache-seconds")
        {
            Description = $"Seconds a GET /api/… response is cached (default {ApiOptions.DefaultCacheSeconds}; 0 turns caching off).",
            DefaultValueFactory = _ => ApiOptions.DefaultCacheSeconds,
        };
        var command = new Command("serve", "Serve the HTTP API (/api/…, /openapi/v1.json) and the web page over the store until Ctrl+C.") { urls, cacheSeconds };
        command.SetAction(async (parse, ct) =>
        {
            var seconds = parse.GetValue(cacheSeconds);
            if (seconds < 0)
            {
                throw new ArgumentException($"--cache-seconds must be 0 or more (got {seconds}).");
            }

            var addresses = parse.GetValue(urls);
            if (string.IsNullOrWhiteSpace(addresses))
            {
                throw new ArgumentException("--urls is empty: pass an address such as http://127.0.0.1:5080.");
            }

            CheckUrls(addresses);

            StoreLocation location;
            await using (var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false))
            {
                location = store.Location;
            }

            return await RunAsync(context, new ApiOptions(location.Value, addresses, seconds), ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Starts the API with <paramref name="options"/>, prints where it listens, and returns 0 when Ctrl+C (or
    /// <paramref name="ct"/>) stops it.</summary>
    /// <exception cref="IOException">An address cannot be bound (the port is in use, or the address is not this machine's).</exception>
    public static async Task<int> RunAsync(CliContext context, ApiOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        CheckUrls(options.Urls);

        // Beyond loopback without sign-in configured, Build refuses with one sentence (InvalidOperationException).
        await using var app = SoundGraphApi.Build(options);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new IOException($"Cannot listen on {options.Urls}: the port is in use (stop the other server, or pass --urls http://127.0.0.1:<another port>).", ex);
        }

        var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses is { Count: > 0 } bound
            ? string.Join(", ", bound)
            : options.Urls;
        var location = app.Services.GetRequiredService<StoreAccess>().Location;
        await WarnIfEmptyAsync(context, location, ct).ConfigureAwait(false);

        // A plain line (no markup, no wrapping): scripts and tests read the address from it.
        await context.Console.Profile.Out.Writer.WriteLineAsync($"SoundGraph API on {listening} (store: {location}) — Ctrl+C to stop").ConfigureAwait(false);

        // Ctrl+C reaches both the host (which stops itself) and the command line (which cancels ct); either ends the wait.
        await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Checks that every address of <paramref name="urls"/> (separated by <c>;</c>) is an absolute http:// or
    /// https:// URL; Kestrel's host wildcards <c>*</c> and <c>+</c> are allowed.</summary>
    /// <exception cref="ArgumentException">An address is not one, or there is none.</exception>
    public static void CheckUrls(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.Length == 0)
        {
            throw new ArgumentException("--urls is empty: pass an address such as http://127.0.0.1:5080.");
        }

        foreach (var url in addresses)
        {
            // Kestrel's wildcards are not valid URI hosts: check the URL with a stand-in host.
            var separator = url.IndexOf("://", StringComparison.Ordinal);
            var candidate = separator > 0 && url.Length > separator + 3 && url[separator + 3] is '*' or '+'
                ? string.Concat(url.AsSpan(0, separator + 3), "localhost", url.AsSpan(separator + 4))
                : url;
            if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || string.IsNullOrEmpty(uri.Host))
            {
                var shown = url.Length > 60 ? string.Concat(url.AsSpan(0, 60), "…") : url;
                throw new ArgumentException($"--urls: '{shown}' is not an http:// or https:// address (such as http://127.0.0.1:5080).");
            }
        }
    }

    /// <summary>Warns on the error output when the store holds no tracks, artists or users: the API serves, but only
    /// empty answers and 404s.</summary>
    private static async Task WarnIfEmptyAsync(CliContext context, StoreLocation location, CancellationToken ct)
    {
        await using var session = await StoreReadSession.OpenAsync(location, ct).ConfigureAwait(false);
        var summary = await session.SummaryAsync(ct).ConfigureAwait(false);
        if (summary is { Tracks: 0, Artists: 0, Users: 0 })
        {
            await context.Error.WriteLineAsync("warning: the store is empty: run `sgr demo` or `sgr import …` first (serving it anyway: every search is empty, every id a 404).").ConfigureAwait(false);
        }
    }

    /// <summary>The addresses of <paramref name="urls"/> that other machines can reach (<see cref="ListenAddresses.NonLoopback"/>).</summary>
    public static IReadOnlyList<string> NonLoopback(string urls) => ListenAddresses.NonLoopback(urls);
}

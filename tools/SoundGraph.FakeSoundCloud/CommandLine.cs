using System.Globalization;
using SoundGraph.FakeSoundCloud.Server;
using SoundGraph.FakeSoundCloud.World;

namespace SoundGraph.FakeSoundCloud;

/// <summary>Parses the fake server's command line (kept by hand so the tool needs nothing beyond ASP.NET Core).</summary>
public static class CommandLine
{
    /// <summary>The <c>--help</c> text.</summary>
    public const string Usage = """
        Fake SoundCloud API over a SYNTHETIC, deterministic world (no real SoundCloud data).

        Usage: dotnet run --project tools/SoundGraph.FakeSoundCloud -- [options]

          --seed N              world seed (default 42)
          --users N             number of users, 10-200000 (default 3000, ~10 tracks each)
          --port N              port on 127.0.0.1 (default 5005; 0 = any free port)
          --rate-limit R        requests per second allowed (token bucket); default unlimited
          --rate-limit-per-client R
                                requests per second allowed to each client id (its own bucket); default unlimited
          --latency-ms N        delay added to each API request (default 0)
          --fault-5xx P         probability of an injected 500/503/502 (default 0)
          --fault-429 P         probability of an injected 429 (default 0)
          --fault-truncated P   probability of a 200 body cut in half (default 0)
          --fault-seed N        seed of the fault draws (default 1)
          --client-id S         accepted client id (default fake-client-id)
          --client-secret S     accepted client secret (default fake-client-secret)
          --extra-client ID:SECRET
                                another accepted client (repeatable), e.g. one per harvest worker
          --help                this text
        """;

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <returns>False with a message in <paramref name="error"/> for an unknown option or a bad value.</returns>
    public static bool TryParse(IReadOnlyList<string> args, out ParsedCommandLine parsed, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var world = new WorldOptions();
        var server = new FakeServerOptions { Port = 5005 };
        var help = false;
        parsed = new ParsedCommandLine(world, server, help);
        error = "";
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
            {
                help = true;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"Option {name} needs a value.";
                return false;
            }

            var value = args[++i];
            var ok = name switch
            {
                "--seed" => Int(value, v => world = world with { Seed = v }),
                "--users" => Int(value, v => world = world with { Users = v }),
                "--port" => Int(value, v => server = server with { Port = v }),
                "--fault-seed" => Int(value, v => server = server with { FaultSeed = v }),
                "--latency-ms" => Int(value, v => server = server with { Latency = TimeSpan.FromMilliseconds(v) }),
                "--rate-limit" => Double(value, v => server = server with { RateLimitPerSecond = v }),
                "--rate-limit-per-client" => Double(value, v => server = server with { RateLimitPerClientPerSecond = v }),
                "--extra-client" => ExtraClient(value, server.ExtraClients, c => server = server with { ExtraClients = c }),
                "--fault-5xx" => Double(value, v => server = server with { ServerErrorRate = v }),
                "--fault-429" => Double(value, v => server = server with { RateLimitErrorRate = v }),
                "--fault-truncated" => Double(value, v => server = server with { TruncatedBodyRate = v }),
                "--client-id" => Set(() => server = server with { ClientId = value }),
                "--client-secret" => Set(() => server = server with { ClientSecret = value }),
                _ => (bool?)null,
            };
            if (ok is null)
            {
                error = $"Unknown option {name}.";
                return false;
            }

            if (ok == false)
            {
                error = $"Bad value for {name}: {value}.";
                return false;
            }
        }

        try
        {
            world.Validate();
            server.Validate();
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }

        parsed = new ParsedCommandLine(world, server, help);
        return true;
    }

    private static bool Int(string text, Action<int> set)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        set(value);
        return true;
    }

    private static bool Double(string text, Action<double> set)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        set(value);
        return true;
    }

    /// <summary>Adds <c>ID:SECRET</c> (split at the first colon; both parts non-empty) to <paramref name="clients"/>.</summary>
    private static bool ExtraClient(string text, IReadOnlyDictionary<string, string> clients, Action<IReadOnlyDictionary<string, string>> set)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        set(new Dictionary<string, string>(clients, StringComparer.Ordinal) { [text[..colon]] = text[(colon + 1)..] });
        return true;
    }

    private static bool Set(Action set)
    {
        set();
        return true;
    }
}

/// <summary>A parsed command line.</summary>
/// <param name="World">World options.</param>
/// <param name="Server">Server options.</param>
/// <param name="Help">Whether <c>--help</c> was given.</param>
public sealed record ParsedCommandLine(WorldOptions World, FakeServerOptions Server, bool Help);

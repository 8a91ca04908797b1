using System.Globalization;

namespace SoundGraph.FakeOidc;

/// <summary>Parses the fake provider's command line (by hand, so the tool needs nothing beyond ASP.NET Core and OpenIddict).</summary>
public static class CommandLine
{
    /// <summary>The <c>--help</c> text.</summary>
    public const string Usage = """
        Local OpenID Connect provider with TEST users (OpenIddict, no database, ephemeral keys, plain http on loopback).

        Usage: dotnet run --project tools/SoundGraph.FakeOidc -- [options]

          --urls URL             where to listen: http://127.0.0.1:PORT or http://localhost:PORT (default http://127.0.0.1:5090)
          --port N               the same as --urls http://127.0.0.1:N (0 = any free port)
          --client-id S          the client's id (default soundgraph)
          --client-secret S      the client's secret (default soundgraph-test-secret)
          --redirect-uri URI     one more exact redirect URI (repeatable); http(s)://<loopback>:<any port>/signin-oidc always works
          --signing-alg A        ES256 (default) or RS256 (Google's algorithm; the RSA key takes about a second to make)
          --no-login-hint        never approve a user from login_hint: always show the sign-in page
          --help                 this text
        """;

    /// <summary>The port used when neither <c>--urls</c> nor <c>--port</c> is given.</summary>
    public const int DefaultPort = 5090;

    /// <summary>Parses <paramref name="args"/> into options for <see cref="FakeOidcServer.StartAsync"/>.</summary>
    /// <param name="args">The arguments after <c>--</c>.</param>
    /// <param name="options">The options (default users; one client).</param>
    /// <param name="help">Whether <c>--help</c> was given.</param>
    /// <param name="error">One sentence when parsing failed.</param>
    /// <returns>False for an unknown option, a missing or bad value, or an address that is not http on loopback.</returns>
    public static bool TryParse(IReadOnlyList<string> args, out FakeOidcOptions options, out bool help, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var port = DefaultPort;
        var client = FakeOidcClient.Default;
        var redirects = new List<string>();
        var approveLoginHint = true;
        var signingAlgorithm = FakeOidcOptions.Es256;
        options = new FakeOidcOptions();
        help = false;
        error = "";
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
            {
                help = true;
                continue;
            }

            if (name == "--no-login-hint")
            {
                approveLoginHint = false;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"Option {name} needs a value.";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--urls":
                    if (!TryLoopbackPort(value, out port, out error))
                    {
                        return false;
                    }

                    break;
                case "--port":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
                    {
                        error = $"Bad value for --port: {value}.";
                        return false;
                    }

                    break;
                case "--client-id":
                    client = client with { ClientId = value };
                    break;
                case "--client-secret":
                    client = client with { ClientSecret = value };
                    break;
                case "--signing-alg":
                    signingAlgorithm = value.ToUpperInvariant();
                    break;
                case "--redirect-uri":
                    redirects.Add(value);
                    break;
                default:
                    error = $"Unknown option {name}.";
                    return false;
            }
        }

        options = new FakeOidcOptions
        {
            Port = port,
            Clients = [client with { RedirectUris = redirects }],
            ApproveLoginHint = approveLoginHint,
            SigningAlgorithm = signingAlgorithm,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }

        return true;
    }

    /// <summary>The port of an <c>--urls</c> value, which must be plain http on 127.0.0.1 or localhost (the provider
    /// listens on 127.0.0.1 only and has no TLS certificate).</summary>
    private static bool TryLoopbackPort(string value, out int port, out string error)
    {
        port = 0;
        error = "";
        if (value.Contains(';', StringComparison.Ordinal))
        {
            error = "--urls takes one address: the provider listens on 127.0.0.1 only.";
            return false;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
            || uri.Host is not ("127.0.0.1" or "localhost") || uri.AbsolutePath != "/")
        {
            error = $"--urls {value}: give http://127.0.0.1:PORT or http://localhost:PORT (plain http on loopback, no path).";
            return false;
        }

        port = uri.Port;
        return true;
    }
}

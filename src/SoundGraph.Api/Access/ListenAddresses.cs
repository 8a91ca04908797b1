using System.Net;

namespace SoundGraph.Api.Access;

/// <summary>Which listening addresses other machines can reach.</summary>
public static class ListenAddresses
{
    /// <summary>The sentence a start on <paramref name="address"/> (beyond loopback) without authentication is refused with.</summary>
    public static string Refusal(string address) =>
        $"Refusing to listen on {address} without sign-in: set SoundGraph:Auth:Authority, ClientId and ClientSecret (see docs/accounts.md), or listen on 127.0.0.1 only.";

    /// <summary>The addresses of <paramref name="urls"/> (separated by <c>;</c>) that other machines can reach: anything but
    /// localhost and loopback IPs (<c>*</c>, <c>+</c>, <c>0.0.0.0</c> and named hosts included).</summary>
    public static IReadOnlyList<string> NonLoopback(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var open = new List<string>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcards are not valid URI hosts: read the host between "://" and the port or path.
            var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
            var host = rest.StartsWith('[') && rest.Contains(']', StringComparison.Ordinal) ? rest[1..rest.IndexOf(']', StringComparison.Ordinal)] : rest.Split(':', '/')[0];
            var loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
            if (!loopback)
            {
                open.Add(url);
            }
        }

        return open;
    }

    /// <summary>Throws when <paramref name="urls"/> reach beyond loopback and <paramref name="auth"/> is single-user.</summary>
    /// <exception cref="InvalidOperationException">One sentence naming the first such address.</exception>
    public static void ThrowIfOpenWithoutSignIn(string urls, AuthSettings auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        if (auth.IsSingleUser && NonLoopback(urls) is [var first, ..])
        {
            throw new InvalidOperationException(Refusal(first));
        }
    }
}

namespace SoundGraph.Cli.Jobs;

/// <summary>The HTTP client the API commands use: decompression on, redirects off (a redirect could carry a token or key to
/// another host), owning its handler.</summary>
public static class ApiHttp
{
    /// <summary>A new client; dispose it when the command ends.</summary>
    /// <returns>The client.</returns>
    public static HttpClient Create() =>
        new(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All, AllowAutoRedirect = false }, disposeHandler: true);
}

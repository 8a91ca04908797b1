namespace SoundGraph.Services.Sync;

/// <summary>The HTTP client the web-API syncs use (CLI and HTTP API alike): decompression on, redirects off (a redirect
/// could carry a token or key to another host), owning its handler.</summary>
public static class ApiHttp
{
    /// <summary>A new client; dispose it when the sync ends.</summary>
    /// <returns>The client.</returns>
    public static HttpClient Create() =>
        new(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All, AllowAutoRedirect = false }, disposeHandler: true);
}

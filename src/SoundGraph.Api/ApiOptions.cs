using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SoundGraph.Api;

/// <summary>How the HTTP API runs: which store it reads, where it listens, how long it caches.</summary>
/// <param name="Db">The store: a SQLite file path or a PostgreSQL connection string (as <c>--db</c>; see
/// <see cref="Storage.StoreLocation.Parse"/>). Null or blank means the default <c>soundgraph.db</c>.</param>
/// <param name="Urls">Addresses to listen on, separated by <c>;</c>. Default <see cref="DefaultUrls"/>: loopback only.</param>
/// <param name="CacheSeconds">How long a 200 response to <c>GET /api/…</c> is output-cached and may be cached by clients
/// (<c>Cache-Control: public, max-age=N</c>), in seconds; 0 turns caching off. Default 60.</param>
/// <param name="WebRoot">The folder of the built web page (index.html); default <c>wwwroot</c> next to the running
/// assembly, where the build copies it.</param>
public sealed record ApiOptions(string? Db, string Urls = ApiOptions.DefaultUrls, int CacheSeconds = ApiOptions.DefaultCacheSeconds, string? WebRoot = null)
{
    /// <summary>Default listening address: loopback, port 5080.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Default output-cache lifetime in seconds.</summary>
    public const int DefaultCacheSeconds = 60;

    /// <summary>Configuration section of the API's settings (<c>SoundGraph:Db</c>, <c>SoundGraph:CacheSeconds</c>,
    /// <c>SoundGraph:WebRoot</c>).</summary>
    public const string Section = "SoundGraph";

    /// <summary>The web page folder actually used: <see cref="WebRoot"/>, or <c>wwwroot</c> beside the running assembly.</summary>
    public string WebRootPath => Path.GetFullPath(string.IsNullOrWhiteSpace(WebRoot) ? Path.Combine(AppContext.BaseDirectory, "wwwroot") : WebRoot);

    /// <summary>Reads the options from configuration: <c>SoundGraph:Db</c> (else the <c>SOUNDGRAPH_DB</c> variable),
    /// <c>SoundGraph:CacheSeconds</c>, <c>SoundGraph:WebRoot</c>; the listening address is the host's own <c>urls</c>.</summary>
    /// <exception cref="FormatException"><c>SoundGraph:CacheSeconds</c> is not a whole number ≥ 0.</exception>
    public static ApiOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var db = section["Db"] ?? configuration["SOUNDGRAPH_DB"];
        var cache = DefaultCacheSeconds;
        if (section["CacheSeconds"] is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out cache) || cache < 0))
        {
            throw new FormatException($"{Section}:CacheSeconds must be a whole number of seconds ≥ 0 (got '{text}').");
        }

        return new ApiOptions(db, configuration["urls"] ?? DefaultUrls, cache, section["WebRoot"]);
    }
}

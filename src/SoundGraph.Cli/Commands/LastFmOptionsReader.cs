using SoundGraph.Ingest.Sources.LastFm;
using SoundGraph.Services.Sync;

namespace SoundGraph.Cli.Commands;

/// <summary>Builds <see cref="LastFmOptions"/> from the shared Last.fm command-line options; the key comes from
/// <c>--api-key-file</c> or <c>LASTFM_API_KEY</c> and is never printed.</summary>
internal static class LastFmOptionsReader
{
    /// <summary>The options, validated (a missing key is <see cref="LastFmOptions.MissingApiKey"/>).</summary>
    /// <exception cref="InvalidOperationException">No API key.</exception>
    /// <exception cref="FormatException">The key file is empty.</exception>
    public static LastFmOptions Read(string? keyFile, string? baseUrl, double? rps)
    {
        string? key;
        if (keyFile is not null)
        {
            key = File.ReadAllText(keyFile).Trim();
            if (key.Length == 0)
            {
                throw new FormatException($"The API key file '{keyFile}' is empty.");
            }
        }
        else
        {
            key = SyncSettings.FromEnvironment(LastFmOptions.ApiKeyVariable);
        }

        return SyncSettings.LastFm(baseUrl, key, rps); // validated before any store is opened or anything is sent
    }
}

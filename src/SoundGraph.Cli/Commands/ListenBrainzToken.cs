using SoundGraph.Ingest.Sources.ListenBrainz;
using SoundGraph.Services.Sync;

namespace SoundGraph.Cli.Commands;

/// <summary>Where the ListenBrainz commands (<c>sgr sync listenbrainz</c>, <c>sgr mixtape --listenbrainz</c>) find the user
/// token: <c>--token-file</c>, else the <c>LISTENBRAINZ_TOKEN</c> environment variable.</summary>
internal static class ListenBrainzToken
{
    /// <summary>The token from <paramref name="file"/> (trimmed), else from <see cref="ListenBrainzOptions.TokenVariable"/>,
    /// else null. Never printed.</summary>
    /// <exception cref="FormatException">The file is empty.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static string? Read(string? file)
    {
        if (file is not null)
        {
            var text = File.ReadAllText(file).Trim();
            return text.Length == 0 ? throw new FormatException($"The token file '{file}' is empty.") : text;
        }

        return SyncSettings.FromEnvironment(ListenBrainzOptions.TokenVariable);
    }
}

using SoundGraph.Core.Identity;

namespace SoundGraph.Ingest.Importers.SpotifyExportTsv;

/// <summary>Keys shared by <see cref="PlaylistsTsvImporter"/> and <see cref="ListensTsvImporter"/>.</summary>
internal static class TsvExportKeys
{
    /// <summary>Source name of the converted account-export collection.</summary>
    public const string Source = "spotify-export-tsv";

    /// <summary>User key of one export folder: <c>spotify-export-tsv:user:&lt;source_id&gt;</c>.</summary>
    public static string User(string sourceId) => EntityKeys.Local(Source, "user", sourceId);

    /// <summary>Playlist key: <c>spotify-export-tsv:playlist:&lt;playlist_id&gt;</c>.</summary>
    public static string Playlist(string playlistId) => EntityKeys.Local(Source, "playlist", playlistId);

    /// <summary>Resolves a file-or-folder argument to the named file in the folder (plain or .gz).</summary>
    /// <exception cref="DirectoryNotFoundException">Neither a file nor a folder exists at <paramref name="path"/>.</exception>
    public static (string Folder, string? File) Locate(string path, string fileName)
    {
        if (File.Exists(path))
        {
            return (Path.GetDirectoryName(Path.GetFullPath(path))!, path);
        }

        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"Input path '{path}' does not exist.");
        }

        return (path, Common.ImportInput.FindInFolder(path, fileName));
    }
}

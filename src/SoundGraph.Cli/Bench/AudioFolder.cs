using System.IO.Compression;

namespace SoundGraph.Cli.Bench;

/// <summary>The audio files a bench runs on: a folder searched recursively, or a .zip/.pk3 archive extracted to a temporary
/// folder that disposing deletes.</summary>
internal sealed class AudioFolder : IDisposable
{
    /// <summary>Debian's <c>nexuiz-music</c> (GPL-2+): the Nexuiz soundtrack, 18 Ogg Vorbis files in one uncompressed zip.</summary>
    public const string NexuizPk3 = "/usr/share/games/nexuiz/data/music.pk3";

    private static readonly string[] Extensions = [".ogg", ".oga", ".opus", ".mp3", ".flac", ".wav", ".m4a", ".aac"];

    private readonly string? _temporary;

    private AudioFolder(string source, IReadOnlyList<string> files, string? temporary)
    {
        Source = source;
        Files = files;
        _temporary = temporary;
    }

    /// <summary>What was opened.</summary>
    public string Source { get; }

    /// <summary>The audio files, ordinal order of their paths.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Opens <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">The path does not exist (for the default, the message names the Debian package)
    /// or holds no audio file.</exception>
    public static AudioFolder Open(string path)
    {
        string? temporary = null;
        var folder = path;
        if (File.Exists(path) && (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pk3", StringComparison.OrdinalIgnoreCase)))
        {
            temporary = Directory.CreateTempSubdirectory("sg-bench-audio-").FullName;
            ZipFile.ExtractToDirectory(path, temporary);
            folder = temporary;
        }
        else if (!Directory.Exists(path))
        {
            throw new ArgumentException(path == NexuizPk3
                ? $"'{path}' is missing: install Debian's free Nexuiz soundtrack (apt-get install nexuiz-music) or pass --folder."
                : $"'{path}' is neither a folder nor a .zip/.pk3 file.");
        }

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            if (temporary is not null)
            {
                Directory.Delete(temporary, recursive: true);
            }

            throw new ArgumentException($"'{path}' holds no audio file ({string.Join(", ", Extensions)}).");
        }

        return new AudioFolder(path, files, temporary);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_temporary is not null && Directory.Exists(_temporary))
        {
            Directory.Delete(_temporary, recursive: true);
        }
    }
}

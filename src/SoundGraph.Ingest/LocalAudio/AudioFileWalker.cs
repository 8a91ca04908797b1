using SoundGraph.Core.Import;

namespace SoundGraph.Ingest.LocalAudio;

/// <summary>Turns the paths given to <c>sgr audio analyze</c> into the list of files to analyse.</summary>
public static class AudioFileWalker
{
    /// <summary>The extensions a folder is searched for (case-insensitive): mp3, ogg, opus, flac, m4a, wav, aac, wma.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".mp3", ".ogg", ".opus", ".flac", ".m4a", ".wav", ".aac", ".wma"];

    /// <summary>Every input file as given, plus every file with one of <see cref="Extensions"/> in each input folder and its
    /// subfolders; full paths, de-duplicated, in ordinal order. A file named directly is analysed whatever its extension
    /// (a non-audio file then fails with ffmpeg's reason, and the others go on).</summary>
    /// <param name="inputs">Files and folders.</param>
    /// <returns>The files, possibly none (an input folder without audio files).</returns>
    /// <exception cref="ArgumentException">No input was given.</exception>
    /// <exception cref="FileNotFoundException">An input does not exist (one sentence naming it).</exception>
    public static IReadOnlyList<string> List(IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var given = inputs.ToList();
        if (given.Count == 0)
        {
            throw new ArgumentException("Give at least one audio file or folder.", nameof(inputs));
        }

        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var input in given)
        {
            var full = Path.GetFullPath(input);
            if (File.Exists(full))
            {
                files.Add(full);
            }
            else if (Directory.Exists(full))
            {
                files.UnionWith(Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Where(IsAudio));
            }
            else
            {
                throw new FileNotFoundException($"Input '{input}' does not exist.", input);
            }
        }

        return [.. files];
    }

    /// <summary>True when <paramref name="path"/> has one of <see cref="Extensions"/>.</summary>
    public static bool IsAudio(string path) => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
}

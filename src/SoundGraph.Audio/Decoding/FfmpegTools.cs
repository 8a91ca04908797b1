using System.ComponentModel;
using System.Diagnostics;

namespace SoundGraph.Audio.Decoding;

/// <summary>Where the <c>ffmpeg</c> and <c>ffprobe</c> commands are (Debian package <c>ffmpeg</c>), and starting them.</summary>
/// <param name="Ffmpeg">The ffmpeg command (default "ffmpeg", found on PATH).</param>
/// <param name="Ffprobe">The ffprobe command (default "ffprobe").</param>
public sealed record FfmpegTools(string Ffmpeg = "ffmpeg", string Ffprobe = "ffprobe")
{
    /// <summary>The sentence said when the commands are missing.</summary>
    public const string MissingMessage = "ffmpeg is not installed (SoundGraph decodes audio with it): sudo apt-get install ffmpeg";

    /// <summary>Starts <paramref name="command"/> with <paramref name="arguments"/>, standard output and error redirected.</summary>
    /// <exception cref="FileNotFoundException">The command is not installed (<see cref="MissingMessage"/>).</exception>
    internal static Process Start(string command, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            return Process.Start(start) ?? throw new FileNotFoundException(MissingMessage, command);
        }
        catch (Win32Exception ex)
        {
            throw new FileNotFoundException(MissingMessage, command, ex);
        }
    }

    /// <summary>The last non-blank line of ffmpeg's standard error: its reason, in its words.</summary>
    internal static string Reason(string stderr)
    {
        var line = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return string.IsNullOrEmpty(line) ? "no message" : line;
    }
}

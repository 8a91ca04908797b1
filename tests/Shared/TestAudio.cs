using System.Diagnostics;
using System.Globalization;

namespace SoundGraph.Tests.Shared;

/// <summary>Makes small audio files with the ffmpeg command for the tests of <c>sgr audio analyze</c> (the same role as
/// SoundGraph.Audio.Tests' own helper, shared by the Ingest and Cli tests).</summary>
internal static class TestAudio
{
    /// <summary>The ffmpeg executable found on PATH, or null.</summary>
    public static string? FfmpegPath { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, "ffmpeg"))
        .FirstOrDefault(File.Exists);

    /// <summary>The skip reason where ffmpeg is missing.</summary>
    public const string SkipReason = "needs ffmpeg on PATH (sudo apt-get install ffmpeg; ./test installs it when run as root)";

    /// <summary>Writes <paramref name="seconds"/> of a stereo sine (both channels equal; ffmpeg's <c>sine</c> source has
    /// amplitude 1/8 and its mono-to-stereo upmix lowers each channel by 3 dB: peak −21.07 dBFS) at <paramref name="hz"/> to <paramref name="path"/> (the extension picks the format), with the
    /// given tags (<c>-metadata name=value</c>).</summary>
    public static string Sine(string path, double seconds = 4, double hz = 997, params (string Name, string Value)[] tags)
    {
        var args = new List<string>
        {
            "-hide_banner", "-nostats", "-loglevel", "error", "-y", "-f", "lavfi",
            "-i", string.Create(CultureInfo.InvariantCulture, $"sine=frequency={hz}:duration={seconds}:sample_rate=44100"), "-ac", "2",
        };
        foreach (var (name, value) in tags)
        {
            args.AddRange(["-metadata", $"{name}={value}"]);
        }

        args.Add(path);
        var start = new ProcessStartInfo(FfmpegPath ?? "ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        args.ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? path : throw new InvalidOperationException($"ffmpeg failed ({process.ExitCode}): {stderr}");
    }
}

/// <summary>A fact that needs the <c>ffmpeg</c> command: skipped with <see cref="TestAudio.SkipReason"/> where it is not on PATH.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FfmpegFactAttribute : FactAttribute
{
    public FfmpegFactAttribute()
    {
        if (TestAudio.FfmpegPath is null)
        {
            Skip = TestAudio.SkipReason;
        }
    }
}

/// <summary>A theory that needs the <c>ffmpeg</c> command.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FfmpegTheoryAttribute : TheoryAttribute
{
    public FfmpegTheoryAttribute()
    {
        if (TestAudio.FfmpegPath is null)
        {
            Skip = TestAudio.SkipReason;
        }
    }
}

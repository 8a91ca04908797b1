using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SoundGraph.Audio.Tests;

/// <summary>Runs the ffmpeg command for the oracle tests.</summary>
internal static partial class Ffmpeg
{
    private static readonly string[] Quiet = ["-hide_banner", "-nostats", "-y"];

    /// <summary>The ffmpeg executable found on PATH, or null.</summary>
    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => System.IO.Path.Combine(d, "ffmpeg"))
        .FirstOrDefault(File.Exists);

    /// <summary>Runs ffmpeg with <paramref name="arguments"/>; returns its standard error (where it reports), throwing on a
    /// non-zero exit.</summary>
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path ?? "ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in Quiet.Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        return process.ExitCode == 0 ? stderr : throw new InvalidOperationException($"ffmpeg failed ({process.ExitCode}): {stderr[^Math.Min(500, stderr.Length)..]}");
    }

    /// <summary>The integrated loudness and loudness range of ffmpeg's <c>ebur128</c> summary for a raw f32le file.</summary>
    public static (double Integrated, double Range) Ebur128(string rawFile, int rate, int channels)
    {
        var report = Run("-f", "f32le", "-ar", rate.ToString(CultureInfo.InvariantCulture), "-ac", channels.ToString(CultureInfo.InvariantCulture), "-i", rawFile, "-af", "ebur128", "-f", "null", "-");
        var summary = report[report.LastIndexOf("Summary:", StringComparison.Ordinal)..];
        return (Number(IntegratedLine().Match(summary)), Number(RangeLine().Match(summary)));
    }

    private static double Number(Match m) =>
        m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException("ffmpeg's ebur128 summary has no such line");

    [GeneratedRegex(@"I:\s+(-?[0-9.]+) LUFS")]
    private static partial Regex IntegratedLine();

    [GeneratedRegex(@"LRA:\s+(-?[0-9.]+) LU")]
    private static partial Regex RangeLine();
}

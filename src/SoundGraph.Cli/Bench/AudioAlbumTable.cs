using System.Globalization;
using System.Text;
using SoundGraph.Audio;
using SoundGraph.Audio.Tonal;

namespace SoundGraph.Cli.Bench;

/// <summary>The per-track table of an album as Markdown (docs/audio-album.md): BPM, key under Krumhansl–Kessler and under
/// Faraldo et al.'s EDM profile (edma), integrated loudness, loudness range, stereo width and pumpiness.</summary>
internal static class AudioAlbumTable
{
    /// <summary>One Markdown table row per analysis, in the given order.</summary>
    public static string Markdown(IEnumerable<AudioAnalysis> analyses)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("| track | length | BPM (confidence) | key, Krumhansl–Kessler (confidence) | key, edma | LUFS | LRA (LU) | width (side/mid) | L–R correlation | pumpiness |");
        text.AppendLine("|---|---:|---:|---|---|---:|---:|---:|---:|---:|");
        foreach (var a in analyses)
        {
            var name = Path.GetFileNameWithoutExtension(a.Path);
            var bpm = a.TempoBpm is { } b ? string.Create(c, $"{b:0.0} ({a.TempoConfidence:0.00})") : "–";
            var key = a.Key is { } k ? string.Create(c, $"{k.Name} ({k.Confidence:0.00})") : "–";
            var edma = a.Key is null ? "–" : a.KeyUnder(KeyProfile.Edma)?.Name ?? "–";
            text.AppendLine(string.Create(c, $"| {name} | {TimeSpan.FromSeconds(a.DurationSeconds):m\\:ss} | {bpm} | {key} | {edma} | {a.Loudness.IntegratedLufs:0.0} | {a.Loudness.LoudnessRangeLu:0.0} | {a.SideToMid:0.000} | {a.LeftRightCorrelation:0.00} | {a.Pumpiness:0.000} |"));
        }

        return text.ToString();
    }
}

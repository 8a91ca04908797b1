using System.Globalization;
using System.Text.Json;

namespace SoundGraph.Audio.Decoding;

/// <summary>Reads a file's duration, format and tags with <c>ffprobe -show_format -show_streams -of json</c>.</summary>
public static class AudioProbe
{
    /// <summary>Probes <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file, or ffprobe itself, does not exist.</exception>
    /// <exception cref="AudioDecodeException">ffprobe refused the file or found no audio stream (the message names the file
    /// and gives ffprobe's reason).</exception>
    public static async Task<AudioFileInfo> ProbeAsync(string path, FfmpegTools? tools = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist.", path);
        }

        tools ??= new FfmpegTools();
        using var process = FfmpegTools.Start(tools.Ffprobe, ["-v", "error", "-show_format", "-show_streams", "-of", "json", "--", path]);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var json = await stdout.ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new AudioDecodeException($"'{path}' is not a readable audio file: {FfmpegTools.Reason(stderr)}");
        }

        using var doc = JsonDocument.Parse(json);
        var audio = doc.RootElement.TryGetProperty("streams", out var streams)
            ? streams.EnumerateArray().FirstOrDefault(s => s.TryGetProperty("codec_type", out var t) && t.GetString() == "audio")
            : default;
        if (audio.ValueKind != JsonValueKind.Object)
        {
            throw new AudioDecodeException($"'{path}' has no audio stream.");
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        doc.RootElement.TryGetProperty("format", out var format);
        foreach (var source in new[] { audio, format })
        {
            if (source.ValueKind == JsonValueKind.Object && source.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in t.EnumerateObject())
                {
                    tags[p.Name.ToLowerInvariant()] = p.Value.ToString();
                }
            }
        }

        var duration = Seconds(format, "duration") ?? Seconds(audio, "duration") ?? 0;
        return new AudioFileInfo(
            path,
            duration,
            int.TryParse(Str(audio, "sample_rate"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rate) ? rate : 0,
            audio.TryGetProperty("channels", out var ch) && ch.TryGetInt32(out var channels) ? channels : 0,
            Str(audio, "codec_name") ?? "unknown",
            tags);
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.ToString() : null;

    private static double? Seconds(JsonElement e, string name) =>
        double.TryParse(Str(e, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : null;
}

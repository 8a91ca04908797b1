using System.Diagnostics;
using System.Security.Cryptography;
using SoundGraph.Audio.Decoding;

namespace SoundGraph.Audio;

/// <summary>Analyses one local file: probes it, decodes it through ffmpeg at <see cref="SampleRate"/> (the file's own
/// channel count, more than two mixed down to two), and runs every extractor over the stream in one pass
/// (<see cref="StreamingAnalysis"/>). The audio never
/// leaves the machine and no sample is written anywhere; only the returned values are kept.</summary>
public static class AudioAnalyzer
{
    /// <summary>The version of the extractors' definitions; a stored analysis of another version is redone. Version 2
    /// (the speed work of issue 15): MFCC from the shared periodic-Hann spectrum, per-bin arithmetic in single precision.</summary>
    public const string ExtractorVersion = "soundgraph-audio/2";

    /// <summary>Analysis rate, Hz.</summary>
    public const int SampleRate = 44100;

    /// <summary>Analyses <paramref name="path"/> (or a centred excerpt of <paramref name="excerptSeconds"/>).</summary>
    /// <exception cref="FileNotFoundException">The file, or ffmpeg, is missing.</exception>
    /// <exception cref="AudioDecodeException">ffmpeg cannot read the file (the message names it and gives ffmpeg's reason).</exception>
    public static Task<AudioAnalysis> AnalyzeAsync(string path, double? excerptSeconds = null, FfmpegTools? tools = null, CancellationToken cancellationToken = default) =>
        AnalyzeAsync(path, new AnalysisTimings(), excerptSeconds, tools, cancellationToken);

    /// <summary>Analyses <paramref name="path"/> as the other overload does, adding the seconds of each stage to
    /// <paramref name="timings"/> (what <c>sgr bench audio</c> reports).</summary>
    /// <param name="path">The audio file (anything ffmpeg reads).</param>
    /// <param name="timings">Receives the seconds per stage (<see cref="AnalysisTimings"/>).</param>
    /// <param name="excerptSeconds">When set, only this many seconds around the middle of the file.</param>
    /// <param name="tools">Where ffmpeg and ffprobe are.</param>
    /// <param name="cancellationToken">Stops the analysis (ffmpeg is killed).</param>
    /// <exception cref="FileNotFoundException">The file, or ffmpeg, is missing.</exception>
    /// <exception cref="AudioDecodeException">ffmpeg cannot read the file (the message names it and gives ffmpeg's reason).</exception>
    public static async Task<AudioAnalysis> AnalyzeAsync(
        string path, AnalysisTimings timings, double? excerptSeconds = null, FfmpegTools? tools = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var t = timings;
        var at = Stopwatch.GetTimestamp();
        var info = await AudioProbe.ProbeAsync(path, tools, cancellationToken).ConfigureAwait(false);
        at = t.Lap("probe", at);
        var channels = Math.Clamp(info.Channels, 1, 2);
        var seconds = excerptSeconds is { } e && info.DurationSeconds > e ? e : info.DurationSeconds;
        var stream = new StreamingAnalysis(SampleRate, channels, (long)(seconds * SampleRate), t);
        await AudioDecoder.DecodeAsync(
            path,
            block =>
            {
                at = t.Lap("decode wait", at);
                stream.Add(block);
                at = Stopwatch.GetTimestamp();
            },
            SampleRate,
            channels,
            excerptSeconds,
            info.DurationSeconds,
            tools,
            cancellationToken).ConfigureAwait(false);
        t.Lap("decode wait", at);
        var f = stream.Finish();
        at = Stopwatch.GetTimestamp();
        var sha256 = await HashAsync(path, cancellationToken).ConfigureAwait(false);
        t.Lap("hash", at);
        var file = new FileInfo(path);
        return new AudioAnalysis(
            path,
            file.Length,
            file.LastWriteTimeUtc,
            sha256,
            ExtractorVersion,
            info.DurationSeconds,
            f.Frames / (double)SampleRate,
            info.Channels,
            info.Tags,
            f.Tempo?.Bpm,
            f.Tempo?.Confidence ?? 0,
            f.Key,
            f.Loudness,
            f.SpectralCentroidHz,
            f.SpectralRolloffHz,
            f.SpectralFlatness,
            f.SpectralFlux,
            f.ZeroCrossingRate,
            f.OnsetRate,
            f.MfccMean,
            f.MfccSd,
            f.SideToMid,
            f.LeftRightCorrelation,
            f.PercussiveToHarmonic,
            f.Pumpiness)
        {
            PitchClassProfile = f.PitchClassProfile,
        };
    }

    /// <summary>Onsets per second: local maxima of the envelope above its mean + 1 sd, at least 50 ms apart.</summary>
    internal static double OnsetRate(float[] envelope, double frameRate)
    {
        if (envelope.Length < 3)
        {
            return 0;
        }

        var mean = envelope.Average(v => (double)v);
        var sd = Math.Sqrt(envelope.Average(v => (v - mean) * (v - mean)));
        var gap = (int)Math.Ceiling(0.05 * frameRate);
        var count = 0;
        var last = -gap;
        for (var t = 1; t < envelope.Length - 1; t++)
        {
            if (envelope[t] > mean + sd && envelope[t] >= envelope[t - 1] && envelope[t] > envelope[t + 1] && t - last >= gap)
            {
                count++;
                last = t;
            }
        }

        return count / (envelope.Length / frameRate);
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}

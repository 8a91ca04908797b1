using System.Diagnostics;
using System.Security.Cryptography;
using NWaves.FeatureExtractors;
using NWaves.FeatureExtractors.Options;
using NWaves.Windows;
using SoundGraph.Audio.Decoding;
using SoundGraph.Audio.Loudness;
using SoundGraph.Audio.Rhythm;
using SoundGraph.Audio.Spectral;
using SoundGraph.Audio.Stereo;
using SoundGraph.Audio.Tonal;

namespace SoundGraph.Audio;

/// <summary>Analyses one local file: probes it, decodes it through ffmpeg at <see cref="SampleRate"/> (the file's own
/// channel count, more than two mixed down to two), and runs every extractor over the stream in one pass. The audio never
/// leaves the machine and no sample is written anywhere; only the returned values are kept.</summary>
public static class AudioAnalyzer
{
    /// <summary>The version of the extractors' definitions; a stored analysis of another version is redone.</summary>
    public const string ExtractorVersion = "soundgraph-audio/1";

    /// <summary>Analysis rate, Hz.</summary>
    public const int SampleRate = 44100;

    private const double HpssSeconds = 30;

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
        var loudness = new LoudnessMeter(SampleRate, channels);
        var stereo = new StereoImage();
        var key = new KeyDetector(SampleRate);
        var onsets = new OnsetEnvelope(SampleRate);
        var spectral = new SpectralStatistics(SampleRate);
        var pump = new Pumpiness(SampleRate);
        var mono = new List<float>();
        var frames = await AudioDecoder.DecodeAsync(
            path,
            block =>
            {
                at = t.Lap("decode wait", at);
                loudness.Add(block);
                at = t.Lap("loudness", at);
                var m = new float[block.Length / channels];
                if (channels == 2)
                {
                    stereo.Add(block);
                    at = t.Lap("stereo", at);
                    for (var i = 0; i < m.Length; i++)
                    {
                        m[i] = 0.5f * (block[2 * i] + block[(2 * i) + 1]);
                    }
                }
                else
                {
                    block.CopyTo(m);
                }

                mono.AddRange(m);
                at = t.Lap("downmix", at);
                key.Add(m);
                at = t.Lap("key", at);
                onsets.Add(m);
                at = t.Lap("onsets", at);
                spectral.Add(m);
                at = t.Lap("spectral", at);
                pump.Add(m);
                at = t.Lap("pumpiness", at);
            },
            SampleRate,
            channels,
            excerptSeconds,
            info.DurationSeconds,
            tools,
            cancellationToken).ConfigureAwait(false);
        at = t.Lap("decode wait", at);

        var envelope = onsets.Envelope();
        var tempo = TempoEstimator.Estimate(envelope, onsets.FrameRate, onsets.KickEnvelope());
        var onsetRate = OnsetRate(envelope, onsets.FrameRate);
        at = t.Lap("tempo", at);
        var samples = mono.ToArray();
        var (mfccMean, mfccSd) = Mfcc(samples);
        at = t.Lap("mfcc", at);
        var percussive = PercussiveRatio(samples);
        at = t.Lap("hpss", at);
        var keyEstimate = key.Estimate();
        var loudnessResult = loudness.Result();
        var pumpiness = pump.Score();
        at = t.Lap("summaries", at);
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
            frames / (double)SampleRate,
            info.Channels,
            info.Tags,
            tempo?.Bpm,
            tempo?.Confidence ?? 0,
            keyEstimate,
            loudnessResult,
            spectral.Centroid,
            spectral.Rolloff,
            spectral.Flatness,
            spectral.Flux,
            spectral.ZeroCrossingRate,
            onsetRate,
            mfccMean,
            mfccSd,
            channels == 2 ? stereo.SideToMid : 0,
            channels == 2 ? stereo.Correlation : 1,
            percussive,
            pumpiness)
        {
            PitchClassProfile = key.Profile,
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

    private static (double[] Mean, double[] Sd) Mfcc(float[] samples)
    {
        if (samples.Length < 4096)
        {
            return (new double[13], new double[13]);
        }

        var extractor = new MfccExtractor(new MfccOptions { SamplingRate = SampleRate, FeatureCount = 13, FrameSize = 2048, HopSize = 1024, FilterBankSize = 26, Window = WindowType.Hann });
        var vectors = extractor.ComputeFrom(samples);
        var mean = new double[13];
        var sd = new double[13];
        for (var c = 0; c < 13; c++)
        {
            var values = vectors.Select(v => (double)v[c]).Where(double.IsFinite).ToArray();
            if (values.Length == 0)
            {
                continue;
            }

            mean[c] = values.Average();
            sd[c] = Math.Sqrt(values.Average(v => (v - mean[c]) * (v - mean[c])));
        }

        return (mean, sd);
    }

    private static double PercussiveRatio(float[] samples)
    {
        var length = Math.Min(samples.Length, (int)(HpssSeconds * SampleRate));
        if (length < 8192)
        {
            return 0;
        }

        var start = (samples.Length - length) / 2;
        return HarmonicPercussive.PercussiveToHarmonic(samples.AsSpan(start, length));
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}

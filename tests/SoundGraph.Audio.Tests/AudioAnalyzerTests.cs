using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace SoundGraph.Audio.Tests;

/// <summary>The whole analysis of files ffmpeg encodes here from synthetic signals (kicks at 128 BPM under a C major pad).</summary>
public sealed class AudioAnalyzerTests : IDisposable
{
    private const int Rate = 44100;

    private readonly string _dir = Directory.CreateTempSubdirectory("sg-audio-analyze-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [FfmpegFact]
    public async Task AnalyzeAsync_StereoTrack_MeasuresEveryFeature()
    {
        var file = Encode("track.flac", Render(kick: true, pad: true), channels: 2);

        var a = await AudioAnalyzer.AnalyzeAsync(file);

        Assert.Equal((20.0, 2, false), (Math.Round(a.DurationSeconds, 1), a.Channels, a.IsMono));
        Assert.Equal(128, a.TempoBpm!.Value, 1.28);
        Assert.Equal("C major", a.Key!.Name);
        Assert.InRange(a.Loudness.IntegratedLufs, -30, -5);
        Assert.Equal(0, a.SideToMid, 1e-9);
        Assert.Equal(1, a.LeftRightCorrelation, 1e-9);
        Assert.Equal(13, a.MfccMean.Count);
        Assert.All(a.MfccMean.Concat(a.MfccSd), v => Assert.True(double.IsFinite(v)));
        Assert.InRange(a.OnsetRate, 1.5, 4.5); // 2.13 kicks per second, plus what the pad's attacks add
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), a.Sha256);
        Assert.Equal(AudioAnalyzer.ExtractorVersion, a.ExtractorVersion);
    }

    [FfmpegFact]
    public async Task AnalyzeAsync_KicksAgainstPad_PercussiveRatioTellsThemApart()
    {
        var kicks = await AudioAnalyzer.AnalyzeAsync(Encode("kicks.flac", Render(kick: true, pad: false, tight: true), channels: 1));
        var pad = await AudioAnalyzer.AnalyzeAsync(Encode("pad.flac", Render(kick: false, pad: true), channels: 1));

        Assert.True(kicks.IsMono);
        Assert.Equal((0.0, 1.0), (kicks.SideToMid, kicks.LeftRightCorrelation));
        Assert.True(kicks.PercussiveToHarmonic > 4 * pad.PercussiveToHarmonic, $"kicks {kicks.PercussiveToHarmonic:F3}, pad {pad.PercussiveToHarmonic:F3}");
    }

    private string Encode(string name, float[] mono, int channels)
    {
        var raw = Path.Combine(_dir, name + ".f32");
        var interleaved = channels == 1 ? mono : mono.SelectMany(x => new[] { x, x }).ToArray();
        File.WriteAllBytes(raw, MemoryMarshal.AsBytes(interleaved.AsSpan()).ToArray());
        var file = Path.Combine(_dir, name);
        Ffmpeg.Run("-f", "f32le", "-ar", "44100", "-ac", channels.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", raw, file);
        return file;
    }

    /// <summary>20 s: a kick every beat at 128 BPM (<paramref name="tight"/>: a 30 ms decay with a 3 ms noise click, as
    /// drum machines make it; else a 120 ms boom) and/or a sustained C major triad with harmonics.</summary>
    private static float[] Render(bool kick, bool pad, bool tight = false)
    {
        var random = new Random(11);
        var beat = 60 / 128.0;
        var samples = new float[Rate * 20];
        double[] chord = [261.63, 329.63, 392.00, 130.81];
        for (var n = 0; n < samples.Length; n++)
        {
            var t = (double)n / Rate;
            var sinceKick = t % beat;
            var x = 0.0;
            if (kick && sinceKick < 0.3)
            {
                x += 0.7 * Math.Exp(-sinceKick / (tight ? 0.03 : 0.12)) * Math.Sin(2 * Math.PI * (45 + (30 * Math.Exp(-sinceKick / 0.02))) * sinceKick);
                if (tight && sinceKick < 0.003)
                {
                    x += 0.5 * ((random.NextDouble() * 2) - 1);
                }
            }

            if (pad)
            {
                foreach (var hz in chord)
                {
                    x += 0.04 * (Math.Sin(2 * Math.PI * hz * t) + (0.5 * Math.Sin(4 * Math.PI * hz * t)));
                }
            }

            samples[n] = (float)x;
        }

        return samples;
    }
}

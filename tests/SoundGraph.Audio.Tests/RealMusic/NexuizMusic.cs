using System.Globalization;
using System.IO.Compression;
using SoundGraph.Audio.Decoding;
using SoundGraph.Audio.Loudness;
using SoundGraph.Audio.Rhythm;
using SoundGraph.Audio.Tonal;

namespace SoundGraph.Audio.Tests.RealMusic;

/// <summary>Real recordings for the checks: the Nexuiz soundtrack of Debian's <c>nexuiz-music</c> (GPL-2+, electronic,
/// 18 Ogg Vorbis files stored uncompressed in <see cref="Pk3"/>; <c>./test</c> installs the package, nothing is committed).
/// The fixture extracts the music tracks (the ≥ 2-minute ones: <c>thunder.ogg</c>, a 48 s 11 kHz effect, is left out by
/// that rule) to a temporary folder once per test class and deletes it afterwards; every transformation is made by
/// ffmpeg into that folder at test time.</summary>
public sealed class NexuizMusic : IDisposable
{
    /// <summary>Where Debian installs the archive.</summary>
    public const string Pk3 = "/usr/share/games/nexuiz/data/music.pk3";

    /// <summary>Seconds per excerpt (centred on the middle of the track): the checks stay quick on two cores.</summary>
    public const double ExcerptSeconds = 60;

    private const double MinimumTrackSeconds = 120;

    private readonly string _dir = Directory.CreateTempSubdirectory("sg-nexuiz-").FullName;
    private readonly Lazy<IReadOnlyList<(string Name, string Path, double Seconds)>> _tracks;

    public NexuizMusic() => _tracks = new(Extract);

    /// <summary>The music tracks (name without extension, extracted path, duration in s), ordinal by name.</summary>
    public IReadOnlyList<(string Name, string Path, double Seconds)> Tracks => _tracks.Value;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Writes the centred <see cref="ExcerptSeconds"/> of <paramref name="track"/> through the ffmpeg audio filter
    /// <paramref name="filter"/> (null: none) to a 32-bit float WAV at 44.1 kHz stereo; returns its path.</summary>
    public string Excerpt(string track, string? filter, string tag)
    {
        var (name, path, seconds) = Tracks.Single(t => t.Name == track);
        var output = Path.Combine(_dir, $"{name}.{tag}.wav");
        var start = Math.Max(0, (seconds - ExcerptSeconds) / 2).ToString("0.###", CultureInfo.InvariantCulture);
        var arguments = new List<string> { "-ss", start, "-t", ExcerptSeconds.ToString(CultureInfo.InvariantCulture), "-i", path };
        if (filter is not null)
        {
            arguments.AddRange(["-af", filter]);
        }

        arguments.AddRange(["-ar", "44100", "-ac", "2", "-c:a", "pcm_f32le", output]);
        Ffmpeg.Run([.. arguments]);
        return output;
    }

    /// <summary>Decodes <paramref name="file"/> (44.1 kHz stereo) and measures tempo (full and kick-band onset envelopes),
    /// key (Krumhansl–Kessler) and loudness in one pass.</summary>
    public static async Task<(TempoEstimate? Tempo, KeyEstimate? Key, LoudnessResult Loudness)> MeasureAsync(string file)
    {
        const int rate = AudioAnalyzer.SampleRate;
        var onsets = new OnsetEnvelope(rate);
        var key = new KeyDetector(rate);
        var loudness = new LoudnessMeter(rate, 2);
        await AudioDecoder.DecodeAsync(
            file,
            block =>
            {
                loudness.Add(block);
                var mono = new float[block.Length / 2];
                for (var i = 0; i < mono.Length; i++)
                {
                    mono[i] = 0.5f * (block[2 * i] + block[(2 * i) + 1]);
                }

                onsets.Add(mono);
                key.Add(mono);
            },
            rate,
            2);
        return (TempoEstimator.Estimate(onsets.Envelope(), onsets.FrameRate, onsets.KickEnvelope()), key.Estimate(), loudness.Result());
    }

    private List<(string, string, double)> Extract()
    {
        using var zip = ZipFile.OpenRead(Pk3);
        var tracks = new List<(string, string, double)>();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".ogg", StringComparison.Ordinal)).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var path = Path.Combine(_dir, entry.Name);
            entry.ExtractToFile(path);
            var seconds = AudioProbe.ProbeAsync(path).GetAwaiter().GetResult().DurationSeconds;
            if (seconds >= MinimumTrackSeconds)
            {
                tracks.Add((Path.GetFileNameWithoutExtension(entry.Name), path, seconds));
            }
        }

        return tracks;
    }
}

/// <summary>A fact on <see cref="NexuizMusic"/>: skipped with the reason when ffmpeg or Debian's <c>nexuiz-music</c> is
/// missing (<c>./test</c> installs both when it may).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class NexuizMusicFactAttribute : FactAttribute
{
    public NexuizMusicFactAttribute()
    {
        if (Ffmpeg.Path is null)
        {
            Skip = FfmpegFactAttribute.Reason;
        }
        else if (!File.Exists(NexuizMusic.Pk3))
        {
            Skip = $"needs Debian's free Nexuiz soundtrack at {NexuizMusic.Pk3} (apt-get install nexuiz-music; ./test installs it when run as root)";
        }
    }
}

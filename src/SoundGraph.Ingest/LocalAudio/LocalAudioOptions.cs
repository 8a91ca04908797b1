using SoundGraph.Audio.Decoding;

namespace SoundGraph.Ingest.LocalAudio;

/// <summary>Options of a local audio analysis run (<c>sgr audio analyze</c>).</summary>
public sealed class LocalAudioOptions
{
    /// <summary>Files analysed at once (each runs its own ffmpeg decode and the extractors on one core).</summary>
    /// <value>Default <see cref="Environment.ProcessorCount"/>; 1–256.</value>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>When set, only this many seconds centred on the middle of each file are analysed (faster on long files;
    /// the file's duration is still its whole length).</summary>
    /// <value>Default null (the whole file); otherwise 5–3,600 s.</value>
    public double? ExcerptSeconds { get; init; }

    /// <summary>Where ffmpeg and ffprobe are.</summary>
    /// <value>Default: found on PATH.</value>
    public FfmpegTools Tools { get; init; } = new();

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its documented range.</exception>
    public void Validate()
    {
        if (Workers is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(Workers), Workers, "--workers must be between 1 and 256.");
        }

        if (ExcerptSeconds is { } s && (double.IsNaN(s) || s < 5 || s > 3600))
        {
            throw new ArgumentOutOfRangeException(nameof(ExcerptSeconds), s, "--excerpt must be between 5 and 3600 seconds.");
        }
    }
}

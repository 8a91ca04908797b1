using System.Globalization;
using System.Runtime.InteropServices;

namespace SoundGraph.Audio.Decoding;

/// <summary>Decodes any file ffmpeg reads (mp3, ogg/opus, flac, m4a, wav, …) to interleaved 32-bit float PCM through a pipe
/// (<c>ffmpeg -f f32le -ac C -ar R -</c>): the samples stream to a callback block by block and are never written to disk.</summary>
public static class AudioDecoder
{
    /// <summary>Default output rate, Hz.</summary>
    public const int DefaultSampleRate = 44100;

    /// <summary>Frames per block handed to the sink.</summary>
    public const int BlockFrames = 8192;

    /// <summary>Decodes <paramref name="path"/> (or a centred excerpt) and hands each block of interleaved samples to
    /// <paramref name="sink"/>; returns the number of frames decoded.</summary>
    /// <param name="path">The audio file.</param>
    /// <param name="sink">Receives blocks of whole frames, full scale ±1; the span is only valid during the call.</param>
    /// <param name="sampleRate">Output rate in Hz (ffmpeg resamples).</param>
    /// <param name="channels">Output channels (ffmpeg up- or down-mixes; 2 keeps a mono file's two identical channels).</param>
    /// <param name="excerpt">When set, only this many seconds centred on the middle of <paramref name="durationSeconds"/>.</param>
    /// <param name="durationSeconds">The file's duration (from <see cref="AudioProbe"/>), needed for an excerpt.</param>
    /// <param name="tools">Where ffmpeg is.</param>
    /// <param name="cancellationToken">Stops the decode (ffmpeg is killed).</param>
    /// <exception cref="FileNotFoundException">The file, or ffmpeg itself, does not exist.</exception>
    /// <exception cref="AudioDecodeException">ffmpeg failed, or decoded nothing (the message names the file and gives ffmpeg's reason).</exception>
    public static async Task<long> DecodeAsync(
        string path,
        SpanAction sink,
        int sampleRate = DefaultSampleRate,
        int channels = 2,
        double? excerpt = null,
        double durationSeconds = 0,
        FfmpegTools? tools = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist.", path);
        }

        tools ??= new FfmpegTools();
        var args = new List<string> { "-v", "error", "-nostdin" };
        if (excerpt is { } seconds && durationSeconds > seconds)
        {
            args.AddRange(["-ss", ((durationSeconds - seconds) / 2).ToString("0.###", CultureInfo.InvariantCulture), "-t", seconds.ToString("0.###", CultureInfo.InvariantCulture)]);
        }

        args.AddRange(["-i", path, "-vn", "-f", "f32le", "-acodec", "pcm_f32le", "-ac", channels.ToString(CultureInfo.InvariantCulture), "-ar", sampleRate.ToString(CultureInfo.InvariantCulture), "-"]);
        using var process = FfmpegTools.Start(tools.Ffmpeg, args);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        long frames = 0;
        try
        {
            var frameBytes = 4 * channels;
            var buffer = new byte[BlockFrames * frameBytes];
            var fill = 0;
            var stream = process.StandardOutput.BaseStream;
            int n;
            while ((n = await stream.ReadAsync(buffer.AsMemory(fill), cancellationToken).ConfigureAwait(false)) > 0)
            {
                fill += n;
                var whole = fill / frameBytes * frameBytes;
                if (whole > 0 && (fill == buffer.Length || whole >= buffer.Length / 2))
                {
                    sink(MemoryMarshal.Cast<byte, float>(buffer.AsSpan(0, whole)));
                    frames += whole / frameBytes;
                    buffer.AsSpan(whole, fill - whole).CopyTo(buffer);
                    fill -= whole;
                }
            }

            var rest = fill / frameBytes * frameBytes;
            if (rest > 0)
            {
                sink(MemoryMarshal.Cast<byte, float>(buffer.AsSpan(0, rest)));
                frames += rest / frameBytes;
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var message = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new AudioDecodeException($"'{path}' could not be decoded: {FfmpegTools.Reason(message)}");
        }

        return frames > 0 ? frames : throw new AudioDecodeException($"'{path}' holds no audio samples{(message.Length > 0 ? ": " + FfmpegTools.Reason(message) : string.Empty)}.");
    }

    /// <summary>Receives one block of decoded interleaved samples.</summary>
    public delegate void SpanAction(ReadOnlySpan<float> samples);
}

using SoundGraph.Audio.Decoding;
using SoundGraph.Audio.Loudness;

namespace SoundGraph.Audio.Tests;

/// <summary>Decoding through ffmpeg and probing with ffprobe, on files ffmpeg makes here (nothing is shipped).</summary>
public sealed class AudioDecoderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sg-audio-decode-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [FfmpegTheory]
    [InlineData("flac")]
    [InlineData("ogg")]
    [InlineData("wav")]
    public async Task DecodeAsync_FiveSecondsOfStereoSine_StreamsEveryFrameAtItsLevel(string extension)
    {
        // A 1 kHz stereo sine at −23 dBFS (EBU Tech 3341 case 1; ffmpeg's sine is −18.06 dBFS, its channel copied by pan
        // rather than -ac 2, which lowers each channel by 3 dB) reads −23 LUFS after a lossless round trip (Vorbis: ±0.2).
        var file = Path.Combine(_dir, "sine." + extension);
        Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=44100:duration=5,volume=-4.94dB,pan=stereo|c0=c0|c1=c0",
            "-metadata", "artist=Synthetic Artist", "-metadata", "title=Sine À 1 kHz", "-metadata", "ISRC=QZABC2600001", file);
        var info = await AudioProbe.ProbeAsync(file);
        var meter = new LoudnessMeter(44100, 2);

        var frames = await AudioDecoder.DecodeAsync(file, meter.Add, durationSeconds: info.DurationSeconds);

        Assert.Equal(5.0, info.DurationSeconds, 0.05);
        Assert.Equal((44100, 2), (info.SampleRate, info.Channels));
        Assert.Equal(("Synthetic Artist", "Sine À 1 kHz", "QZABC2600001"), (info.Tag("artist"), info.Tag("title"), info.Tag("isrc", "tsrc")));
        Assert.InRange(frames, 5 * 44100 - 2048, 5 * 44100 + 2048);
        Assert.Equal(-23.0, meter.Result().IntegratedLufs, extension == "ogg" ? 0.2 : 0.1);
    }

    [FfmpegFact]
    public async Task DecodeAsync_Excerpt_DecodesTheCentredSeconds()
    {
        var file = Path.Combine(_dir, "long.flac");
        Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=22050:duration=20", file);

        var frames = await AudioDecoder.DecodeAsync(file, _ => { }, sampleRate: 22050, channels: 1, excerpt: 4, durationSeconds: 20);

        Assert.InRange(frames, 4 * 22050 - 512, 4 * 22050 + 512);
    }

    [FfmpegFact]
    public async Task ProbeAndDecode_NotAudio_FailWithTheFileAndFfmpegsReason()
    {
        var text = Path.Combine(_dir, "notes.mp3");
        await File.WriteAllTextAsync(text, "these are not the samples you are looking for");
        var empty = Path.Combine(_dir, "empty.ogg");
        await File.WriteAllBytesAsync(empty, []);

        var probe = await Assert.ThrowsAsync<AudioDecodeException>(() => AudioProbe.ProbeAsync(text));
        var decode = await Assert.ThrowsAsync<AudioDecodeException>(() => AudioDecoder.DecodeAsync(empty, _ => { }));

        Assert.StartsWith($"'{text}' is not a readable audio file: ", probe.Message, StringComparison.Ordinal);
        Assert.StartsWith($"'{empty}' could not be decoded: ", decode.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FileNotFoundException>(() => AudioProbe.ProbeAsync(Path.Combine(_dir, "missing.flac")));
    }

    [Fact]
    public async Task DecodeAsync_FfmpegMissing_SaysHowToInstallIt()
    {
        var file = Path.Combine(_dir, "any.wav");
        await File.WriteAllBytesAsync(file, [1, 2, 3]);
        var tools = new FfmpegTools(Ffmpeg: "/nonexistent/ffmpeg", Ffprobe: "/nonexistent/ffprobe");

        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => AudioDecoder.DecodeAsync(file, _ => { }, tools: tools));

        Assert.Equal("ffmpeg is not installed (SoundGraph decodes audio with it): sudo apt-get install ffmpeg", ex.Message);
        Assert.Equal(FfmpegTools.MissingMessage, (await Assert.ThrowsAsync<FileNotFoundException>(() => AudioProbe.ProbeAsync(file, tools))).Message);
    }
}

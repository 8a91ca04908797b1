using System.Text.Json;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Cli.Tests;

/// <summary><c>sgr audio analyze</c> and <c>sgr audio show</c> on files generated with ffmpeg, and the unveil line.</summary>
public sealed class AudioCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sg-audio-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Db => Path.Combine(_dir, "store.db");

    private string Music => Path.Combine(_dir, "music");

    [FfmpegFact]
    public async Task AnalyzeThenShowAndUnveil_TaggedFileAndCorruptFile()
    {
        Directory.CreateDirectory(Music);
        TestAudio.Sine(Path.Combine(Music, "tone.flac"), seconds: 4, tags: [("artist", "Test Artist"), ("title", "Test Tone")]);
        File.WriteAllBytes(Path.Combine(Music, "broken.mp3"), [0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0, 0, 0x7f, 1, 2, 3]);

        var (code, output, error) = await CliRunner.RunAsync("audio", "analyze", Music, "--workers", "2", "--db", Db);

        Assert.Equal(3, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("audio: analyzed 1, skipped 0 (already analysed), failed 1 of 2 files; 0.00 h of audio in ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("× real time, 2 workers)", lines[0], StringComparison.Ordinal);
        Assert.Equal("tracks: 0 by MusicBrainz id, 0 by ISRC, 0 by artist and title (name match), 1 new (file: keys)", lines[1]);
        Assert.StartsWith($"failed: '{Path.Combine(Music, "broken.mp3")}' ", lines[2], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"failed: '{Path.Combine(Music, "broken.mp3")}' ", error, StringComparison.Ordinal);

        (code, output, error) = await CliRunner.RunAsync("audio", "show", "Test Artist - Test Tone", "--db", Db);
        Assert.True(code == 0, error);
        lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("Test Tone — Test Artist (track:1)", lines[0]);
        Assert.StartsWith($"file: {Path.Combine(Music, "tone.flac")} (", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("with soundgraph-audio/2; track found by none: a new track keyed by the file's hash", lines[2], StringComparison.Ordinal);
        Assert.Contains("duration_s                 4 s  (the file's duration)", lines, StringComparer.Ordinal);
        Assert.Contains("channels                   2  (the file's channel count (1 = mono))", lines, StringComparer.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("integrated_lufs            -21.07", StringComparison.Ordinal) && l.Contains(" LUFS ", StringComparison.Ordinal));
        Assert.Equal(56, lines.Count(l => l.Contains("  (", StringComparison.Ordinal)));

        (code, output, error) = await CliRunner.RunAsync("audio", "show", "track:1", "--json", "--db", Db);
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var analysis = doc.RootElement.GetProperty("analyses")[0];
        Assert.Equal(4.0, analysis.GetProperty("features").GetProperty("duration_s").GetDouble());
        Assert.Equal("LUFS", doc.RootElement.GetProperty("units").GetProperty("integrated_lufs").GetString());
        Assert.Equal(64, analysis.GetProperty("sha256").GetString()!.Length);

        (code, output, error) = await CliRunner.RunAsync("unveil", "track:1", "--db", Db);
        Assert.True(code == 0, error);
        Assert.Matches(@"features from your file, analyzed \d{4}-\d\d-\d\d: \d+ BPM|no steady tempo", output);
        Assert.Contains("-21.1 LUFS, LRA ", output, StringComparison.Ordinal);

        (code, output, _) = await CliRunner.RunAsync("audio", "analyze", Music, "--db", Db, "--json");
        Assert.Equal(3, code); // the broken file is retried and fails again
        using var again = JsonDocument.Parse(output);
        Assert.Equal((0, 1, 1), (again.RootElement.GetProperty("analyzed").GetInt32(), again.RootElement.GetProperty("skipped").GetInt32(), again.RootElement.GetProperty("failed").GetInt32()));
    }

    [Fact]
    public async Task Analyze_FfmpegMissing_OneSentenceWithTheAptCommand()
    {
        Directory.CreateDirectory(Music);
        File.WriteAllBytes(Path.Combine(Music, "a.wav"), [1, 2, 3]);

        var (code, _, error) = await CliRunner.RunAsync("audio", "analyze", Music, "--ffmpeg-dir", Path.Combine(_dir, "no-ffmpeg"), "--db", Db);

        Assert.Equal(1, code);
        Assert.Equal("error: ffmpeg is not installed (SoundGraph decodes audio with it): sudo apt-get install ffmpeg", error.Trim());
        Assert.False(File.Exists(Db)); // a store this run created and left empty is removed
    }

    [Theory]
    [InlineData("--workers", "0", "error: --workers must be between 1 and 256.")]
    [InlineData("--excerpt", "1", "error: --excerpt must be between 5 and 3600 seconds.")]
    public async Task Analyze_OptionOutOfRange_RefusedInOneLine(string option, string value, string expected)
    {
        Directory.CreateDirectory(Music);
        var (code, _, error) = await CliRunner.RunAsync("audio", "analyze", Music, option, value, "--db", Db);
        Assert.Equal(1, code);
        Assert.StartsWith(expected, error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_TrackWithoutAnalysis_SaysHowToMakeOne()
    {
        await using (var store = await Storage.SoundGraphStore.OpenAsync(Db))
        {
            var batch = new Core.Catalog.CatalogBatch();
            batch.Tracks.Add(new Core.Catalog.TrackRecord("test:track:1", "Some Song"));
            await store.Catalog.WriteAsync(batch);
        }

        var (code, _, error) = await CliRunner.RunAsync("audio", "show", "test:track:1", "--db", Db);

        Assert.Equal(1, code);
        Assert.Equal("error: Some Song (track:1) has no analysis of a local file; run `sgr audio analyze <file>` first.", error.Trim());
    }
}

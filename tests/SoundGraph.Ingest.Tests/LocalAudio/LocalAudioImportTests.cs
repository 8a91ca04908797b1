using Dapper;
using SoundGraph.Audio.Decoding;
using SoundGraph.Core.Catalog;
using SoundGraph.Ingest.LocalAudio;
using SoundGraph.Storage;
using SoundGraph.Storage.Resolution;
using SoundGraph.Storage.Tests;
using SoundGraph.Tests.Shared;

namespace SoundGraph.Ingest.Tests.LocalAudio;

public sealed class LocalAudioImportTests : IDisposable
{
    private const string MbidA = "0f0e0d0c-1111-4222-8333-444455556666";
    private readonly string _dir = Directory.CreateTempSubdirectory("sg-audio-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string F(string name) => Path.Combine(_dir, name);

    /// <summary>The sample catalog plus a MusicBrainz-keyed recording and an ISRC on t2.</summary>
    private static async Task SeedAsync(SoundGraphStore store)
    {
        var batch = TempStore.SampleBatch();
        batch.Tracks[1] = batch.Tracks[1] with { Details = new TrackDetails(Isrc: "GBAAA0000002") };
        batch.Tracks.Add(new TrackRecord("musicbrainz:recording:" + MbidA, "Alpha"));
        await store.Catalog.WriteAsync(batch);
    }

    [FfmpegTheory]
    [StoreProviders]
    public async Task RunAsync_TaggedFiles_MatchByMbidIsrcNameElseNewFileKey(string provider)
    {
        await using var temp = await TempStore.CreateAsync(provider);
        await SeedAsync(temp.Store);
        TestAudio.Sine(F("a.flac"), tags: [("MUSICBRAINZ_TRACKID", MbidA.ToUpperInvariant()), ("artist", "Foo"), ("title", "Bar")]);
        TestAudio.Sine(F("b.flac"), hz: 440, tags: [("ISRC", "gb-aaa-00-00002")]);
        TestAudio.Sine(F("c.flac"), hz: 660, tags: [("artist", "c"), ("title", "THREE")]);
        TestAudio.Sine(F("d.wav"), hz: 550);
        TestAudio.Sine(F("e.flac"), hz: 770, tags: [("artist", "New Artist"), ("title", "New Song"), ("ISRC", "XXAAA0000009"), ("album", "Demo")]);

        var summary = await new LocalAudioImport(temp.Store, new LocalAudioOptions { Workers = 2 }).RunAsync([_dir]);

        var shaD = summary.Files.Single(f => f.Path == F("d.wav")).TrackKey!["file:".Length..];
        var shaE = summary.Files.Single(f => f.Path == F("e.flac")).TrackKey!["file:".Length..];
        Assert.Equal(
            [
                (F("a.flac"), "musicbrainz:recording:" + MbidA, "mbid"),
                (F("b.flac"), "spotify:track:t2", "isrc"),
                (F("c.flac"), "spotify:track:t3", "name"),
                (F("d.wav"), "file:" + shaD, "new"),
                (F("e.flac"), "file:" + shaE, "new"),
            ],
            summary.Files.Select(f => (f.Path, f.TrackKey!, f.MatchMethod!)));
        Assert.Equal((5, 0, 0), (summary.Analyzed, summary.Skipped, summary.Failures.Count));
        Assert.Equal(64, shaD.Length);
        var newTrack = await temp.Store.Connection.QuerySingleAsync<(string Title, string? Album, string? Isrc, string Source)>(
            "SELECT title, album, isrc, source FROM tracks WHERE key = @key", new { key = "file:" + shaE });
        Assert.Equal(("New Song", "Demo", "XXAAA0000009", "local-audio"), newTrack);
        Assert.Equal("d", await temp.Store.Connection.ExecuteScalarAsync<string>("SELECT title FROM tracks WHERE key = @key", new { key = "file:" + shaD }));
        var eId = summary.Files.Single(f => f.Path == F("e.flac")).TrackId!.Value;
        Assert.Equal([new TrackIdentifier("isrc", "XXAAA0000009", "id")], await temp.Store.Identifiers.ForTrackAsync(eId));
        Assert.Equal(5L, await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audio_features WHERE extractor = 'soundgraph-audio/2'"));
    }

    [FfmpegFact]
    public async Task RunAsync_SineAt997Hz_StoresHandWorkedLoudnessAndStereoValues()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        TestAudio.Sine(F("tone.flac"), seconds: 6);

        var summary = await new LocalAudioImport(temp.Store, new LocalAudioOptions { Workers = 1 }).RunAsync([F("tone.flac")]);

        var stored = Assert.Single(await temp.Store.Audio.ForTrackAsync(summary.Files[0].TrackId!.Value));
        // ffmpeg's sine has amplitude 1/8 and its mono-to-stereo upmix puts it in each channel at −3 dB: peak
        // 20·log10(1/8 · 1/√2) = −21.07 dBFS. A stereo sine near 1 kHz reads its peak level in LUFS (EBU Tech 3341 case 1:
        // a −23 dBFS stereo sine at 1 kHz is −23 LUFS): −21.07 LUFS, and the peak-to-loudness ratio is the true peak's
        // (oversampled, ≥ the sample peak) distance from it, ≈ 0 dB.
        Assert.Equal(-21.07, stored["integrated_lufs"]!.Value, 0.05);
        Assert.Equal(-21.07, stored["sample_peak_dbfs"]!.Value, 0.01);
        Assert.Equal(0, stored["plr_db"]!.Value, 0.1);
        Assert.Equal((6.0, 6.0, 2.0, 0.0, 1.0), (stored["duration_s"], stored["analyzed_s"], stored["channels"], stored["side_to_mid"], Math.Round(stored["lr_correlation"]!.Value, 6)));
        Assert.Equal(new FileInfo(F("tone.flac")).Length, stored.SizeBytes);
        var lufs = await temp.Store.Connection.ExecuteScalarAsync<double>("SELECT loudness_db FROM audio_features WHERE extractor = 'soundgraph-audio/2'");
        Assert.Equal(stored["integrated_lufs"], lufs);
    }

    [FfmpegFact]
    public async Task RunAsync_Rerun_SkipsEveryAnalysedFile()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        TestAudio.Sine(F("a.wav"), seconds: 2);
        TestAudio.Sine(F("b.wav"), seconds: 2, hz: 440);
        File.Copy(F("b.wav"), F("copy-of-b.wav"));
        var import = new LocalAudioImport(temp.Store, new LocalAudioOptions { Workers = 2 });

        var first = await import.RunAsync([_dir]);
        var second = await import.RunAsync([_dir]);

        Assert.Equal((2, 1), (first.Analyzed, first.Skipped)); // the copy has the same bytes: analysed once
        Assert.Equal((0, 3, 0), (second.Analyzed, second.Skipped, second.Failures.Count));
        Assert.Equal(2L, await temp.Store.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audio_analysis"));
    }

    [FfmpegFact]
    public async Task RunAsync_CorruptAndEmptyFiles_OneLineReasonsAndTheOthersAreStored()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        TestAudio.Sine(F("good.flac"), seconds: 2);
        File.WriteAllBytes(F("corrupt.mp3"), Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 251)).ToArray());
        File.WriteAllBytes(F("empty.flac"), []);
        var import = new LocalAudioImport(temp.Store, new LocalAudioOptions { Workers = 2 });

        var summary = await import.RunAsync([_dir]);

        Assert.Equal(1, summary.Analyzed);
        Assert.Equal([F("corrupt.mp3"), F("empty.flac")], summary.Failures.Select(f => f.Path));
        foreach (var failure in summary.Failures)
        {
            Assert.StartsWith($"'{failure.Path}' ", failure.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', failure.Reason!);
        }

        // ffprobe's own last line follows (its wording differs between ffmpeg versions and inputs).
        Assert.Matches($"^'{System.Text.RegularExpressions.Regex.Escape(F("corrupt.mp3"))}' is not a readable audio file: .+$", summary.Failures[0].Reason);
        Assert.Equal(summary.Failures.Select(f => (f.Path, f.Reason!)), await temp.Store.Audio.FailuresAsync("soundgraph-audio/2"));
        var again = await import.RunAsync([_dir]);
        Assert.Equal((0, 1, 2), (again.Analyzed, again.Skipped, again.Failures.Count)); // failures are retried, not skipped
    }

    [FfmpegFact]
    public async Task RunAsync_CancelledAfterTwoFiles_RerunAnalysesTheRestAndEveryFileExactlyOnce()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        for (var i = 0; i < 6; i++)
        {
            TestAudio.Sine(F($"t{i}.wav"), seconds: 2, hz: 300 + (100 * i));
        }

        using var kill = new CancellationTokenSource();
        var import = new LocalAudioImport(temp.Store, new LocalAudioOptions { Workers = 2 });
        var saved = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => import.RunAsync([_dir], new Sync(p =>
        {
            saved = p.Analyzed;
            if (p.Analyzed == 2)
            {
                kill.Cancel();
            }
        }), kill.Token));

        var rerun = await import.RunAsync([_dir]);

        Assert.Equal(2, saved);
        Assert.Equal((4, 2), (rerun.Analyzed, rerun.Skipped));
        var hashes = (await temp.Store.Connection.QueryAsync<string>("SELECT f.sha256 FROM audio_analysis a JOIN audio_files f ON f.id = a.file_id")).ToList();
        Assert.Equal(6, hashes.Count);
        Assert.Equal(6, hashes.Distinct().Count());
    }

    [Fact]
    public async Task RunAsync_FfmpegMissing_OneSentenceWithTheAptCommand()
    {
        await using var temp = await TempStore.CreateAsync("sqlite");
        File.WriteAllBytes(F("a.wav"), [1, 2, 3]);
        var options = new LocalAudioOptions { Workers = 1, Tools = new FfmpegTools("/nonexistent/ffmpeg", "/nonexistent/ffprobe") };

        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => new LocalAudioImport(temp.Store, options).RunAsync([_dir]));

        Assert.Equal("ffmpeg is not installed (SoundGraph decodes audio with it): sudo apt-get install ffmpeg", ex.Message);
    }

    [Fact]
    public void List_FoldersGiveAudioExtensionsInOrdinalOrder_FilesAreTakenAsGiven()
    {
        Directory.CreateDirectory(F("sub"));
        foreach (var name in new[] { "b.MP3", "a.flac", "notes.txt", "sub/c.opus", "sub/cover.jpg", "Z.m4a" })
        {
            File.WriteAllText(F(name), "x");
        }

        Assert.Equal([F("Z.m4a"), F("a.flac"), F("b.MP3"), F("notes.txt"), F("sub/c.opus")], AudioFileWalker.List([_dir, F("notes.txt"), F("a.flac")]));
        var ex = Assert.Throws<FileNotFoundException>(() => AudioFileWalker.List([F("missing")]));
        Assert.Equal($"Input '{F("missing")}' does not exist.", ex.Message);
    }

    [Theory]
    [InlineData("GB-AAA-00-00002", "GBAAA0000002")]
    [InlineData("usrc17607839", "USRC17607839")]
    [InlineData("US RC1 76 07839", "USRC17607839")]
    [InlineData("GBAAA000000", null)]
    [InlineData("12AAA0000002", null)]
    public void Isrc_NormalizesOrRejects(string tag, string? expected) => Assert.Equal(expected, LocalAudioTrackMatcher.Isrc(tag));

    [Theory]
    [InlineData("0F0E0D0C-1111-4222-8333-444455556666", "0f0e0d0c-1111-4222-8333-444455556666")]
    [InlineData(" 0f0e0d0c-1111-4222-8333-444455556666 ", "0f0e0d0c-1111-4222-8333-444455556666")]
    [InlineData("not-an-mbid", null)]
    public void Mbid_NormalizesOrRejects(string tag, string? expected) => Assert.Equal(expected, LocalAudioTrackMatcher.Mbid(tag));

    private sealed class Sync(Action<LocalAudioProgress> report) : IProgress<LocalAudioProgress>
    {
        public void Report(LocalAudioProgress value) => report(value);
    }
}

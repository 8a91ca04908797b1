using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using SoundGraph.Audio;
using SoundGraph.Audio.Decoding;
using SoundGraph.Storage;
using SoundGraph.Storage.Audio;

namespace SoundGraph.Ingest.LocalAudio;

/// <summary>
/// <c>sgr audio analyze</c>: analyses local audio files in parallel and stores their features as tracks
/// (<see cref="AudioAnalysisStore"/>). Only the features and the file's path, size, modification time and SHA-256 are
/// stored; the audio and its decoded samples never leave memory.
/// </summary>
/// <remarks>
/// <para>Pipeline: <see cref="LocalAudioOptions.Workers"/> workers (<see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>)
/// hash each file, skip it when its hash was analysed with <see cref="AudioAnalyzer.ExtractorVersion"/> (by an earlier run,
/// or by another file of this run with the same bytes), else analyse it (<see cref="AudioAnalyzer.AnalyzeAsync(string, double?, SoundGraph.Audio.Decoding.FfmpegTools?, CancellationToken)"/>, one
/// ffmpeg decode each) and hand the result through a bounded channel to one writer task, which owns the store connection:
/// it resolves the track (<see cref="LocalAudioTrackMatcher"/>) and saves the file's rows in one transaction.</para>
/// <para>Resuming: every file is committed on its own, so a run killed or cancelled keeps every file saved before it
/// stopped and the same command afterwards analyses only the rest.</para>
/// <para>Failures: a file ffmpeg refuses (corrupt, empty, not audio) gets one line (the file and ffmpeg's message), is
/// recorded as failed (retried by the next run) and the others go on. A missing ffmpeg stops the run with
/// <see cref="FfmpegTools.MissingMessage"/> (a <see cref="FileNotFoundException"/>) after the files already analysed are
/// saved.</para>
/// </remarks>
public sealed class LocalAudioImport(SoundGraphStore store, LocalAudioOptions options)
{
    private readonly LocalAudioTrackMatcher _matcher = new(store);

    /// <summary>Analyses <paramref name="inputs"/> (files and folders, see <see cref="AudioFileWalker.List"/>).</summary>
    /// <param name="inputs">Files and folders.</param>
    /// <param name="progress">Told after each file (on the writer task), or null.</param>
    /// <param name="ct">Stops the run: files being analysed are abandoned, files saved stay saved.</param>
    /// <returns>Every file's outcome.</returns>
    /// <exception cref="FileNotFoundException">An input does not exist, or ffmpeg is not installed (<see cref="FfmpegTools.MissingMessage"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The options are out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public async Task<LocalAudioSummary> RunAsync(IEnumerable<string> inputs, IProgress<LocalAudioProgress>? progress = null, CancellationToken ct = default)
    {
        options.Validate();
        var files = AudioFileWalker.List(inputs);
        var watch = Stopwatch.StartNew();
        var done = await store.Audio.AnalyzedHashesAsync(AudioAnalyzer.ExtractorVersion, ct).ConfigureAwait(false);
        var claimed = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var channel = Channel.CreateBounded<Outcome>(new BoundedChannelOptions(Math.Max(2, options.Workers)) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() => ProduceAsync(files, done, claimed, channel.Writer, stop.Token), CancellationToken.None);
        var results = new List<LocalAudioFileResult>(files.Count);
        try
        {
            var counts = new int[3];
            var audio = 0.0;
            await foreach (var outcome in channel.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                var result = await WriteAsync(outcome, stop.Token).ConfigureAwait(false);
                results.Add(result);
                counts[(int)result.Status]++;
                audio += result.AudioSeconds;
                progress?.Report(new LocalAudioProgress(results.Count, files.Count, counts[0], counts[1], counts[2], audio, watch.Elapsed, result));
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Quietly(producer).ConfigureAwait(false);
            throw;
        }

        await producer.ConfigureAwait(false);
        return new LocalAudioSummary([.. results.OrderBy(r => r.Path, StringComparer.Ordinal)], watch.Elapsed.TotalSeconds, options.Workers);
    }

    private async Task ProduceAsync(IReadOnlyList<string> files, IReadOnlySet<string> done, ConcurrentDictionary<string, string> claimed, ChannelWriter<Outcome> writer, CancellationToken ct)
    {
        try
        {
            await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = ct }, async (path, token) =>
            {
                var outcome = await AnalyzeOneAsync(path, done, claimed, token).ConfigureAwait(false);
                await writer.WriteAsync(outcome, token).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        finally
        {
            // Completed without an error: the writer saves what arrived; the producer's own exception surfaces when awaited.
            writer.TryComplete();
        }
    }

    private async Task<Outcome> AnalyzeOneAsync(string path, IReadOnlySet<string> done, ConcurrentDictionary<string, string> claimed, CancellationToken ct)
    {
        AudioFileIdentity identity;
        try
        {
            var info = new FileInfo(path);
            string sha;
            await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            {
                sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false));
            }

            identity = new AudioFileIdentity(path, info.Length, info.LastWriteTimeUtc, sha);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Outcome(path, null, null, $"'{path}' could not be read: {ex.Message}");
        }

        if (done.Contains(identity.Sha256))
        {
            return new Outcome(path, identity, null, null) { Skip = "already analysed with " + AudioAnalyzer.ExtractorVersion };
        }

        if (!claimed.TryAdd(identity.Sha256, path))
        {
            return new Outcome(path, identity, null, null) { Skip = $"same content as '{claimed[identity.Sha256]}'" };
        }

        try
        {
            var analysis = await AudioAnalyzer.AnalyzeAsync(path, options.ExcerptSeconds, options.Tools, ct).ConfigureAwait(false);
            return new Outcome(path, identity, analysis, null);
        }
        catch (FileNotFoundException ex) when (ex.Message == FfmpegTools.MissingMessage)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#pragma warning disable CA1031 // One file's failure, whatever it is, must not stop a library run: it is reported with its reason.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var reason = ex is AudioDecodeException or FileNotFoundException ? ex.Message : $"'{path}' could not be analysed: {ex.GetType().Name}: {ex.Message}";
            return new Outcome(path, identity, null, reason.Split('\n')[0].TrimEnd());
        }
    }

    private async Task<LocalAudioFileResult> WriteAsync(Outcome o, CancellationToken ct)
    {
        if (o.Skip is not null)
        {
            return new LocalAudioFileResult(o.Path, LocalAudioStatus.Skipped, null, null, null, o.Skip, 0);
        }

        if (o.Analysis is not { } a)
        {
            if (o.Identity is not null)
            {
                await store.Audio.SaveFailureAsync(o.Identity, AudioAnalyzer.ExtractorVersion, o.Reason!, DateTimeOffset.UtcNow, ct).ConfigureAwait(false);
            }

            return new LocalAudioFileResult(o.Path, LocalAudioStatus.Failed, null, null, null, o.Reason, 0);
        }

        var match = await _matcher.MatchAsync(a, ct).ConfigureAwait(false);
        await store.Audio.SaveAsync(
            new AudioAnalysisToSave(
                new AudioFileIdentity(a.Path, a.SizeBytes, a.ModifiedUtc, a.Sha256),
                a.ExtractorVersion,
                match.TrackId,
                match.Method,
                a.Key is null ? null : AudioAnalysisRows.KeyProfileName,
                AudioAnalysisRows.Features(a),
                DateTimeOffset.UtcNow),
            ct).ConfigureAwait(false);
        return new LocalAudioFileResult(o.Path, LocalAudioStatus.Analyzed, match.TrackId, match.TrackKey, match.Method, null, a.AnalyzedSeconds);
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The writer's own exception is the one to report; the producer's (usually a cancellation) is dropped.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>A worker's result: a skip, an analysis, or a failure reason (identity null when the file could not even be read).</summary>
    private sealed record Outcome(string Path, AudioFileIdentity? Identity, AudioAnalysis? Analysis, string? Reason)
    {
        public string? Skip { get; init; }
    }
}

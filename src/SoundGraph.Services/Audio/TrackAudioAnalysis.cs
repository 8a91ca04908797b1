using System.Globalization;
using SoundGraph.Ingest.LocalAudio;
using SoundGraph.Storage;
using SoundGraph.Storage.Audio;

namespace SoundGraph.Services.Audio;

/// <summary>One file of a track's analysis.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Status">analyzed | skipped (its bytes were already analysed with the current extractor) | failed.</param>
/// <param name="Reason">Why it was skipped or failed (one line); null when analysed.</param>
/// <param name="AudioSeconds">Seconds of audio analysed (0 unless analysed).</param>
public sealed record TrackAudioFile(string Path, string Status, string? Reason, double AudioSeconds);

/// <summary>What <see cref="TrackAudioAnalysis.RunAsync"/> returns.</summary>
/// <param name="TrackId">The track.</param>
/// <param name="Files">Each file's outcome, by path.</param>
/// <param name="Analyzed">Files analysed and stored.</param>
/// <param name="Skipped">Files skipped (unchanged since their last analysis).</param>
/// <param name="Failed">Files that failed.</param>
/// <param name="Features">The track's newest stored features (every column of the audio analysis, null where not
/// defined: tempo_bpm in BPM, integrated_lufs in LUFS, …); null when none is stored.</param>
/// <param name="Seconds">Wall time, seconds, rounded to 0.01.</param>
public sealed record TrackAudioResult(long TrackId, IReadOnlyList<TrackAudioFile> Files, int Analyzed, int Skipped, int Failed, IReadOnlyDictionary<string, double?>? Features, double Seconds);

/// <summary>Analyses the local audio file(s) of one stored track again (<see cref="LocalAudioImport"/>, as
/// <c>sgr audio analyze FILE</c>): the use case behind <c>POST /api/analyze/track/{id}</c>.</summary>
/// <remarks>A track's local files are those an earlier <c>sgr audio analyze</c> resolved to it (<c>audio_files</c>); a
/// file whose bytes were already analysed with the current extractor version is skipped, so the run re-analyses only
/// changed files or files last analysed by an older extractor.</remarks>
public static class TrackAudioAnalysis
{
    /// <summary>The distinct paths of the files analysed as <paramref name="trackId"/>, newest first, and which of them
    /// still exist.</summary>
    /// <param name="audio">The store's audio analyses (<see cref="SoundGraphStore.Audio"/>, or one over a read connection).</param>
    /// <param name="trackId">The track.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>All recorded paths, and those present on disk.</returns>
    public static async Task<(IReadOnlyList<string> Recorded, IReadOnlyList<string> Present)> LocalFilesAsync(AudioAnalysisStore audio, long trackId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var recorded = (await audio.ForTrackAsync(trackId, ct).ConfigureAwait(false)).Select(a => a.Path).Distinct(StringComparer.Ordinal).ToList();
        return (recorded, recorded.Where(File.Exists).ToList());
    }

    /// <summary>Analyses <paramref name="files"/> and returns the track's newest features.</summary>
    /// <param name="store">The open, writable store.</param>
    /// <param name="trackId">The track the files belong to.</param>
    /// <param name="files">Its files (from <see cref="LocalFilesAsync"/>), at least one.</param>
    /// <param name="options">Workers, excerpt, ffmpeg; null: the defaults.</param>
    /// <param name="progress">One line per file ("1/2 files, 0.07 h audio"); may be null.</param>
    /// <param name="ct">Stops the run; files saved stay saved.</param>
    /// <returns>Each file's outcome and the track's features.</returns>
    /// <exception cref="ArgumentException"><paramref name="files"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">A file vanished, or ffmpeg is not installed (one sentence with the apt command).</exception>
    public static async Task<TrackAudioResult> RunAsync(
        SoundGraphStore store, long trackId, IReadOnlyList<string> files, LocalAudioOptions? options = null, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            throw new ArgumentException($"Track {trackId} has no local audio file to analyse.", nameof(files));
        }

        var lines = progress is null ? null : new Sync.LineProgress<LocalAudioProgress>(p => progress.Report(string.Create(
            CultureInfo.InvariantCulture, $"{p.Done}/{p.Total} files, {p.AudioHours:0.00} h audio, {p.Analyzed} analysed, {p.Skipped} skipped, {p.Failed} failed")));
        var summary = await new LocalAudioImport(store, options ?? new LocalAudioOptions()).RunAsync(files, lines, ct).ConfigureAwait(false);
        var stored = await store.Audio.ForTrackAsync(trackId, ct).ConfigureAwait(false);
        var outcomes = summary.Files.Select(f => new TrackAudioFile(f.Path, StatusCode(f.Status), f.Reason, f.AudioSeconds)).ToList();
        return new TrackAudioResult(
            trackId, outcomes, summary.Analyzed, summary.Skipped, summary.Failures.Count, stored.Count > 0 ? stored[0].Features : null, Math.Round(summary.Seconds, 2));
    }

    private static string StatusCode(LocalAudioStatus status) => status switch
    {
        LocalAudioStatus.Analyzed => "analyzed",
        LocalAudioStatus.Skipped => "skipped",
        _ => "failed",
    };
}

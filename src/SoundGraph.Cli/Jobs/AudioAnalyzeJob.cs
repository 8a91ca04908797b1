using System.Globalization;
using SoundGraph.Cli.Rendering;
using SoundGraph.Ingest.LocalAudio;
using SoundGraph.Storage;
using SoundGraph.Storage.Audio;
using Spectre.Console;

namespace SoundGraph.Cli.Jobs;

/// <summary>Runs <see cref="LocalAudioImport"/> for <c>sgr audio analyze</c>: a progress bar on a terminal (files, audio
/// hours, × real time), heartbeat lines on stderr otherwise, one stderr line per failed file as it fails, then the summary.</summary>
public static class AudioAnalyzeJob
{
    /// <summary>Analyses <paramref name="inputs"/> into <paramref name="store"/> and prints the summary (JSON with
    /// <paramref name="json"/>).</summary>
    /// <param name="context">Consoles.</param>
    /// <param name="store">The open store.</param>
    /// <param name="inputs">Files and folders.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="json">Print JSON instead of text.</param>
    /// <param name="ct">Stops the run; files saved stay saved.</param>
    /// <returns>0, or <see cref="CliApp.ImportedWithRejects"/> (3) when some files failed.</returns>
    /// <exception cref="FileNotFoundException">An input is missing, or ffmpeg is not installed (one sentence with the apt command).</exception>
    public static async Task<int> RunAsync(CliContext context, SoundGraphStore store, IReadOnlyList<string> inputs, LocalAudioOptions options, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        var import = new LocalAudioImport(store, options);
        LocalAudioSummary summary;
        if (context.Console.Profile.Capabilities.Interactive && !json)
        {
            summary = await context.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("audio: listing files", maxValue: 1);
                    var progress = new Direct(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                        task.Description = Markup.Escape(Status(p));
                        FailureLine(context, p.Last);
                    });
                    var s = await import.RunAsync(inputs, progress, ct).ConfigureAwait(false);
                    task.Value = task.MaxValue;
                    return s;
                }).ConfigureAwait(false);
        }
        else
        {
            LocalAudioProgress? last = null;
            using var reporter = ProgressReporter.Start(context, "audio analyze", () => Volatile.Read(ref last) is { } p ? Status(p) : "listing and hashing files");
            summary = await import.RunAsync(inputs, new Direct(p =>
            {
                Volatile.Write(ref last, p);
                FailureLine(context, p.Last);
            }), ct).ConfigureAwait(false);
        }

        if (json)
        {
            context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(new
            {
                files = summary.Files.Count,
                analyzed = summary.Analyzed,
                skipped = summary.Skipped,
                failed = summary.Failures.Count,
                matched = new
                {
                    mbid = summary.MatchedBy(AudioMatchMethods.Mbid),
                    isrc = summary.MatchedBy(AudioMatchMethods.Isrc),
                    name = summary.MatchedBy(AudioMatchMethods.Name),
                    @new = summary.MatchedBy(AudioMatchMethods.New),
                },
                audio_hours = Math.Round(summary.AudioSeconds / 3600, 4),
                seconds = Math.Round(summary.Seconds, 2),
                times_real_time = Math.Round(summary.TimesRealTime, 1),
                workers = summary.Workers,
                tracks = summary.Files.Where(f => f.Status == LocalAudioStatus.Analyzed).Select(f => new { path = f.Path, track = f.TrackKey, matched_by = f.MatchMethod }),
                failures = summary.Failures.Select(f => new { path = f.Path, reason = f.Reason }),
            }));
        }
        else
        {
            Render(context.Console.Profile.Out.Writer, summary);
        }

        return summary.Failures.Count > 0 ? CliApp.ImportedWithRejects : 0;
    }

    /// <summary>"12/40 files, 1.25 h audio, 85× real time".</summary>
    internal static string Status(LocalAudioProgress p) => string.Create(
        CultureInfo.InvariantCulture, $"{p.Done}/{p.Total} files, {p.AudioHours:0.00} h audio, {p.TimesRealTime:0}× real time");

    private static void FailureLine(CliContext context, LocalAudioFileResult result)
    {
        if (result.Status == LocalAudioStatus.Failed)
        {
            context.Error.WriteLine("failed: " + result.Reason);
        }
    }

    private static void Render(TextWriter w, LocalAudioSummary s)
    {
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"audio: analyzed {s.Analyzed}, skipped {s.Skipped} (already analysed), failed {s.Failures.Count} of {s.Files.Count} files; " +
            $"{s.AudioSeconds / 3600:0.00} h of audio in {s.Seconds:0.0} s ({s.TimesRealTime:0}× real time, {s.Workers} workers)"));
        if (s.Analyzed > 0)
        {
            w.WriteLine($"  tracks: {s.MatchedBy(AudioMatchMethods.Mbid)} by MusicBrainz id, {s.MatchedBy(AudioMatchMethods.Isrc)} by ISRC, " +
                $"{s.MatchedBy(AudioMatchMethods.Name)} by artist and title (name match), {s.MatchedBy(AudioMatchMethods.New)} new (file: keys)");
        }

        foreach (var f in s.Files.Where(f => f.MatchMethod == AudioMatchMethods.Name))
        {
            w.WriteLine($"  name match: {f.Path} -> {f.TrackKey}");
        }

        foreach (var f in s.Failures)
        {
            w.WriteLine($"  failed: {f.Reason}");
        }
    }

    private sealed class Direct(Action<LocalAudioProgress> report) : IProgress<LocalAudioProgress>
    {
        public void Report(LocalAudioProgress value) => report(value);
    }
}

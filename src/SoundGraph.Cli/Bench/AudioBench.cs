using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SoundGraph.Audio;
using SoundGraph.Audio.Decoding;
using SoundGraph.Cli.Rendering;
using Spectre.Console;

namespace SoundGraph.Cli.Bench;

/// <summary><c>sgr bench audio</c>: decoding alone against the full analysis (<see cref="AudioAnalyzer"/>) on real
/// recordings, in × real time per core (audio seconds per CPU second of sgr and its ffmpeg children) and in total (audio
/// seconds per wall second), with where the analysis time goes; <c>--table</c> prints the per-track results as Markdown
/// (what docs/audio-album.md shows). A benchmark, never a timed test.</summary>
/// <remarks>Default input: the Nexuiz soundtrack of Debian's <c>nexuiz-music</c> (GPL-2+, 18 Ogg Vorbis files inside
/// <see cref="AudioFolder.NexuizPk3"/>), extracted to a temporary folder.</remarks>
public static class AudioBench
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var folder = new Option<string>("--folder") { Description = "A folder of audio files (searched recursively), or a .zip/.pk3 of them.", DefaultValueFactory = _ => AudioFolder.NexuizPk3 };
        var excerpt = new Option<double?>("--excerpt") { Description = "Seconds per track, centred (default: whole tracks)." };
        var parallel = new Option<int>("--parallel") { Description = "Tracks in flight at once (default: all processors).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var table = new Option<bool>("--table") { Description = "Also print the per-track table (BPM, key, LUFS, LRA, width, pumpiness) as Markdown." };
        var command = new Command("audio", "Decode alone vs full audio analysis on real tracks: × real time per core and in total, and where the time goes.")
        {
            folder, excerpt, parallel, table,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(parallel) < 1 || parse.GetValue(excerpt) is <= 0)
            {
                throw new ArgumentException("--parallel must be at least 1 and --excerpt above 0 seconds.");
            }

            using var input = AudioFolder.Open(parse.GetValue(folder)!);
            await RunAsync(context, input, parse.GetValue(excerpt), parse.GetValue(parallel), parse.GetValue(table), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(CliContext context, AudioFolder input, double? excerpt, int parallel, bool markdown, CancellationToken ct)
    {
        var console = context.Console;
        console.MarkupLine($"[grey]{input.Files.Count} files from {Markup.Escape(input.Source)}; {parallel} in flight; {(excerpt is { } e ? $"centred {e:0.#} s excerpts" : "whole tracks")}[/]");
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct };

        var decode = await Measure(input.Files, options, async (file, _) =>
        {
            var info = await AudioProbe.ProbeAsync(file, null, ct).ConfigureAwait(false);
            var frames = await AudioDecoder.DecodeAsync(file, _ => { }, AudioAnalyzer.SampleRate, Math.Clamp(info.Channels, 1, 2), excerpt, info.DurationSeconds, null, ct).ConfigureAwait(false);
            return frames / (double)AudioAnalyzer.SampleRate;
        }).ConfigureAwait(false);

        var timings = new AnalysisTimings();
        var results = new AudioAnalysis[input.Files.Count];
        var full = await Measure(input.Files, options, async (file, i) =>
        {
            var own = new AnalysisTimings();
            results[i] = await AudioAnalyzer.AnalyzeAsync(file, own, excerpt, null, ct).ConfigureAwait(false);
            lock (timings)
            {
                timings.Add(own);
            }

            return results[i].AnalyzedSeconds;
        }).ConfigureAwait(false);

        var speed = new Table().Title("Audio analysis speed (real recordings)")
            .AddColumns("run", "tracks", "audio s", "wall s", "CPU s (sgr + ffmpeg)", "× real time, total", "× real time per core");
        foreach (var (name, r) in new[] { ("decode alone (ffmpeg → pipe, discarded)", decode), ("full analysis", full) })
        {
            speed.AddRow(name, Numbers.Count(input.Files.Count), Numbers.Seconds(r.AudioSeconds, 0), Numbers.Seconds(r.WallSeconds, 1), Numbers.Seconds(r.CpuSeconds, 1), X(r.AudioSeconds / r.WallSeconds), X(r.AudioSeconds / r.CpuSeconds));
        }

        console.Write(speed);
        var ratio = full.CpuSeconds / decode.CpuSeconds;
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"full analysis / decode alone: {ratio:0.00}× the CPU time (goal ≤ 3×); {full.AudioSeconds / full.CpuSeconds:0}× real time per core (goal ≥ 100×)."));
        console.Write(Breakdown(timings, full));
        console.MarkupLine($"[grey]{Environment.ProcessorCount} cores, .NET {Environment.Version}; CPU s = this process's user+system time plus its reaped ffmpeg/ffprobe children's ({CpuClock.Source}).[/]");
        console.Profile.Out.Writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"bench audio: tracks={input.Files.Count} audio_s={full.AudioSeconds:0} decode_x_per_core={decode.AudioSeconds / decode.CpuSeconds:0} decode_x_total={decode.AudioSeconds / decode.WallSeconds:0} analysis_x_per_core={full.AudioSeconds / full.CpuSeconds:0} analysis_x_total={full.AudioSeconds / full.WallSeconds:0} analysis_over_decode={ratio:0.00}"));
        if (markdown)
        {
            console.Profile.Out.Writer.WriteLine();
            console.Profile.Out.Writer.Write(AudioAlbumTable.Markdown(results));
        }
    }

    private static Table Breakdown(AnalysisTimings timings, RunCost full)
    {
        var table = new Table().Title("Where the full analysis's time goes (seconds summed over tracks)").AddColumns("stage", "s", "share");
        var ffmpeg = full.ChildCpuSeconds;
        var total = timings.TotalSeconds - timings.Stages.Where(s => s.Stage == "decode wait").Sum(s => s.Seconds) + ffmpeg;
        table.AddRow("ffmpeg + ffprobe (child CPU: decode, resample)", Numbers.Seconds(ffmpeg, 1), (ffmpeg / total).ToString("P0", CultureInfo.InvariantCulture));
        foreach (var (stage, seconds) in timings.Stages.OrderByDescending(s => s.Seconds))
        {
            var share = stage == "decode wait" ? "(waiting, not CPU)" : (seconds / total).ToString("P0", CultureInfo.InvariantCulture);
            table.AddRow(stage, Numbers.Seconds(seconds, 1), share);
        }

        return table;
    }

    private static string X(double v) => v.ToString("0", CultureInfo.InvariantCulture) + "×";

    private static async Task<RunCost> Measure(IReadOnlyList<string> files, ParallelOptions options, Func<string, int, Task<double>> run)
    {
        var audio = 0.0;
        var (self0, children0) = CpuClock.Read();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), options, async (i, _) =>
        {
            var seconds = await run(files[i], i).ConfigureAwait(false);
            lock (files)
            {
                audio += seconds;
            }
        }).ConfigureAwait(false);
        var wall = watch.Elapsed.TotalSeconds;
        var (self1, children1) = CpuClock.Read();
        return new RunCost(audio, wall, self1 - self0, children1 - children0);
    }

    private sealed record RunCost(double AudioSeconds, double WallSeconds, double SelfCpuSeconds, double ChildCpuSeconds)
    {
        public double CpuSeconds => SelfCpuSeconds + ChildCpuSeconds;
    }
}

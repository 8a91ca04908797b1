using System.CommandLine;
using SoundGraph.Audio.Decoding;
using SoundGraph.Cli.Jobs;
using SoundGraph.Ingest.LocalAudio;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr audio analyze &lt;file|folder&gt;… [--workers N] [--excerpt S] [--ffmpeg-dir DIR]</c> and
/// <c>sgr audio show &lt;track&gt;</c>: local audio analysis (issue 15; the work is <see cref="LocalAudioImport"/>).</summary>
public static class AudioCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="context">Consoles.</param>
    /// <returns>The <c>audio</c> command with its <c>analyze</c> and <c>show</c> subcommands.</returns>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("audio", "Analyse your own audio files (tempo, key, loudness, timbre) and show the features.") { Analyze(context), Show(context) };
    }

    private static Command Analyze(CliContext context)
    {
        var paths = new Argument<string[]>("paths") { Description = "Audio files and folders (folders: every .mp3 .ogg .opus .flac .m4a .wav .aac .wma in them and their subfolders).", Arity = ArgumentArity.OneOrMore };
        var workers = new Option<int>("--workers") { Description = "Files analysed at once, 1–256 (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var excerpt = new Option<double?>("--excerpt") { Description = "Analyse only this many seconds from the middle of each file, 5–3600 (default: the whole file)." };
        var ffmpegDir = new Option<string?>("--ffmpeg-dir") { Description = "Folder holding ffmpeg and ffprobe (default: found on PATH)." };
        var command = new Command(
            "analyze",
            "Analyse local audio files in parallel and store their features as tracks (matched by MusicBrainz id or ISRC tags, else by artist and title, " +
            "else keyed file:<sha256>). Files already analysed (same content hash and extractor version) are skipped, so a killed run resumes. " +
            "Only the features and the file's path, size, modification time and hash are stored, never the audio. Exit code 3 when some files failed.")
        {
            paths, workers, excerpt, ffmpegDir,
        };
        command.SetAction(async (parse, ct) =>
        {
            // Options first: a bad value is refused before the store is opened.
            var dir = parse.GetValue(ffmpegDir);
            var options = new LocalAudioOptions
            {
                Workers = parse.GetValue(workers),
                ExcerptSeconds = parse.GetValue(excerpt),
                Tools = dir is null ? new FfmpegTools() : new FfmpegTools(Path.Combine(dir, "ffmpeg"), Path.Combine(dir, "ffprobe")),
            };
            options.Validate();
            var inputs = parse.GetValue(paths) ?? [];
            return await CliContext.RunOnStoreAsync(
                parse,
                store => AudioAnalyzeJob.RunAsync(context, store, inputs, options, parse.GetValue(CliContext.JsonOption), ct),
                [],
                ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var query = new Argument<string>("track") { Description = "A track: id (track:12, 12), key (file:<sha256>, spotify:track:…) or name (\"Artist - Title\")." };
        var command = new Command("show", "Print every feature analysed from your file(s) of a track, with units.") { query };
        command.SetAction(async (parse, ct) =>
        {
            if (string.IsNullOrWhiteSpace(parse.GetValue(query)))
            {
                throw new ArgumentException("The track is empty: give an id (track:12), a key (file:…) or \"Artist - Title\".");
            }

            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await AudioShowJob.RunAsync(context, store, parse.GetValue(query)!, parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SoundGraph.Cli.Jobs;
using SoundGraph.Ingest;
using SoundGraph.Storage;
using Spectre.Console;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr demo</c>: the main job. Imports the bundled real data (data/demo), relates it and unveils one
/// artist and one track.</summary>
public static class DemoCommand
{
    /// <summary>The artist the demo unveils.</summary>
    public const string DemoArtist = "Rihanna";

    /// <summary>The track the demo unveils, by Spotify URI: The Killers' "Mr. Brightside" (125 weeks on the chart; the CSV
    /// holds two other releases of the same title, so the name alone is ambiguous and lists all three).</summary>
    public const string DemoTrack = "spotify:track:003vvx7Niy0yvhvHt4a68B";

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = new Option<string?>("--data") { Description = "The demo data folder (default: data/demo of this repository)." };
        var command = new Command("demo", $"The main job: import the bundled HetRec Last.fm-2k and Spotify top-songs data, relate it, and unveil {DemoArtist} and The Killers' Mr. Brightside.") { data };
        command.SetAction(async (parse, ct) =>
        {
            var folder = parse.GetValue(data) ?? FindDemoData()
                ?? throw new DirectoryNotFoundException("Cannot find data/demo: run sgr from the repository, or pass --data <folder>.");
            await using var store = await CliContext.OpenStoreAsync(parse, ct).ConfigureAwait(false);
            return await RunAsync(context, store, folder, parse.GetValue(RelateCommand.TopK), ct).ConfigureAwait(false);
        });
        command.Add(RelateCommand.TopK);
        return command;
    }

    /// <summary>Imports the demo data from <paramref name="folder"/>, relates it and prints the two reports.</summary>
    public static async Task<int> RunAsync(CliContext context, SoundGraphStore store, string folder, int topK, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        var total = Stopwatch.StartNew();
        context.Console.Write(new Rule($"[bold]SoundGraph demo[/] [grey]{Markup.Escape(store.Location.ToString())}[/]").LeftJustified());
        await ImportJob.RunAsync(context, store, ImporterCatalog.Get("hetrec-lastfm"), Path.Combine(folder, "hetrec2011-lastfm-2k"), json: false, ct).ConfigureAwait(false);
        await ImportJob.RunAsync(context, store, ImporterCatalog.Get("spotify-features"), Path.Combine(folder, "spotify-top-songs-audio-features", "spotify_top_songs_audio_features.csv"), json: false, ct).ConfigureAwait(false);
        await RelateJob.RunAsync(context, store, RelateCommand.Options(topK, 5, 0.7), quiet: false, ct).ConfigureAwait(false);
        var artist = await UnveilCommand.RunAsync(context, store, DemoArtist, "artist", 10, json: false, ct).ConfigureAwait(false);
        context.Console.WriteLine();
        var track = await UnveilCommand.RunAsync(context, store, DemoTrack, "track", 10, json: false, ct).ConfigureAwait(false);
        context.Console.WriteLine();
        await TasteJobs.TaggingTrajectoryAsync(context, store, ct).ConfigureAwait(false);
        context.Console.WriteLine();
        context.Console.MarkupLine($"[green]demo finished in {total.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s[/]. Try: [bold]./sgr unveil \"Lady Gaga\"[/], [bold]./sgr unveil Shallow[/] (two releases: it lists both with their ids), [bold]./sgr unveil Rihanna --json[/].");
        return artist == 0 && track == 0 ? 0 : CliApp.Failure;
    }

    /// <summary>Finds data/demo by walking up from the working directory, then from the executable's directory.</summary>
    public static string? FindDemoData()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data", "demo");
                if (Directory.Exists(Path.Combine(candidate, "hetrec2011-lastfm-2k")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}

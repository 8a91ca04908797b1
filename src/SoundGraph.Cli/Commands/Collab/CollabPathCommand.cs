using System.CommandLine;
using SoundGraph.Cli.Jobs;
using SoundGraph.Cli.Rendering;
using SoundGraph.Learning.LinkPrediction;
using Spectre.Console;

namespace SoundGraph.Cli.Commands.Collab;

/// <summary><c>sgr collab path A B</c>: the shortest chain of co-credits between two artists, with the tracks.</summary>
public static class CollabPathCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var from = new Argument<string>("from") { Description = "First artist: a name, an id (artist:12) or a key." };
        var to = new Argument<string>("to") { Description = "Second artist." };
        var maxArtists = new Option<int>("--max-artists-per-track") { Description = "Tracks crediting more artists are not used as links (2–200).", DefaultValueFactory = _ => CoCreditGraph.DefaultMaxArtistsPerTrack };
        var command = new Command("path", "Show the shortest collaboration path between two artists (fewest co-credit hops, breadth-first) with the connecting track of each hop.") { from, to, maxArtists };
        command.SetAction(async (parse, ct) =>
        {
            var cap = parse.GetValue(maxArtists);
            if (cap is < 2 or > 200)
            {
                throw new ArgumentException($"--max-artists-per-track must be between 2 and 200 (got {cap}).");
            }

            var json = parse.GetValue(CliContext.JsonOption);
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            var a = await CollabGraph.ResolveArtistAsync(context, store, parse.GetValue(from)!, json, ct).ConfigureAwait(false);
            if (a is null)
            {
                return CliApp.NeedsChoice;
            }

            var b = await CollabGraph.ResolveArtistAsync(context, store, parse.GetValue(to)!, json, ct).ConfigureAwait(false);
            if (b is null)
            {
                return CliApp.NeedsChoice;
            }

            var hops = await CollabPathJob.FindAsync(store, a, b, cap, ct).ConfigureAwait(false);
            if (json)
            {
                context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(new { from = a, to = b, found = hops is not null, hops }));
                return hops is null ? CliApp.Failure : 0;
            }

            if (hops is null)
            {
                throw new InvalidOperationException($"No collaboration path joins {a.Name} and {b.Name}: no chain of shared tracks in the store.");
            }

            if (hops.Count == 0)
            {
                context.Console.MarkupLine($"{Markup.Escape(a.Name)} and {Markup.Escape(b.Name)} are the same artist.");
                return 0;
            }

            context.Console.MarkupLine($"[bold]{Markup.Escape(a.Name)}[/] → [bold]{Markup.Escape(b.Name)}[/]: {hops.Count} hop{(hops.Count == 1 ? string.Empty : "s")}");
            var table = new Table().AddColumn(new TableColumn("hop").RightAligned()).AddColumn("from").AddColumn("to").AddColumn("via track").AddColumn(new TableColumn("tracks together").RightAligned());
            var k = 0;
            foreach (var hop in hops)
            {
                var track = hop.Tracks.Count > 0 ? $"{Markup.Escape(hop.Tracks[0].Title)} [grey](track:{hop.Tracks[0].Id})[/]" : "?";
                table.AddRow(Numbers.Count(++k), Markup.Escape(hop.From), Markup.Escape(hop.To), track, Numbers.Count(hop.Tracks.Count));
            }

            context.Console.Write(table);
            return 0;
        });
        return command;
    }
}

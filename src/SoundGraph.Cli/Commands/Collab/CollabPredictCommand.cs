using System.CommandLine;
using System.Globalization;
using SoundGraph.Cli.Jobs;
using SoundGraph.Cli.Rendering;
using Spectre.Console;

namespace SoundGraph.Cli.Commands.Collab;

/// <summary><c>sgr collab predict --artist …</c>: likely new collaborators, explained by their features.</summary>
public static class CollabPredictCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var artist = new Option<string>("--artist") { Description = "The artist: a name, an id (artist:12) or a key (name:artist:rihanna).", Required = true };
        var limit = new Option<int>("--limit") { Description = "Collaborators listed (1–200).", DefaultValueFactory = _ => 20 };
        var command = new Command("predict", "List likely new collaborators of an artist: the artists two co-credits away, scored by the model saved by `sgr train collab`, with the features behind each score.") { artist, limit };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(limit);
            if (n is < 1 or > 200)
            {
                throw new ArgumentException($"--limit must be between 1 and 200 (got {n}).");
            }

            var json = parse.GetValue(CliContext.JsonOption);
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            var match = await CollabGraph.ResolveArtistAsync(context, store, parse.GetValue(artist)!, json, ct).ConfigureAwait(false);
            if (match is null)
            {
                return CliApp.NeedsChoice;
            }

            var predictions = await CollabPredictJob.PredictAsync(store, match, n, ct).ConfigureAwait(false);
            if (json)
            {
                context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(new
                {
                    artist = match,
                    predictions = predictions.Select(p => new { p.ArtistId, p.Name, p.Probability, p.Band, p.Features, p.CommonCollaborators, p.Explanation }),
                }));
                return 0;
            }

            if (predictions.Count == 0)
            {
                context.Console.MarkupLine($"{Markup.Escape(match.Name)}'s collaborators have no other collaborators: no 2-hop candidates.");
                return 0;
            }

            var table = new Table().Title($"likely new collaborators of {Markup.Escape(match.Name)}")
                .AddColumn(new TableColumn("#").RightAligned()).AddColumn("artist").AddColumn(new TableColumn("p").RightAligned()).AddColumn("band").AddColumn("why");
            var rank = 0;
            foreach (var p in predictions)
            {
                table.AddRow((++rank).ToString(CultureInfo.InvariantCulture), $"{Markup.Escape(p.Name)} [grey](artist:{p.ArtistId})[/]", p.Probability.ToString("F3", CultureInfo.InvariantCulture), p.Band, Markup.Escape(p.Explanation));
            }

            context.Console.Write(table);
            context.Console.MarkupLine("[grey]band: likely = above the threshold reaching the target precision on held-out collaborations; possible = above the one keeping all of them.[/]");
            return 0;
        });
        return command;
    }
}

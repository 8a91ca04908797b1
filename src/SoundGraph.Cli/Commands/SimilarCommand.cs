using System.CommandLine;
using System.Globalization;
using SoundGraph.Cli.Jobs;
using SoundGraph.Cli.Rendering;
using SoundGraph.Storage;
using SoundGraph.Storage.Models;
using Spectre.Console;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr similar &lt;track&gt;</c>: the nearest tracks by cosine of the saved song embeddings.</summary>
public static class SimilarCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = new Argument<string>("track") { Description = "A track: id (track:12), key or URI (spotify:track:…), title or \"Artist - Title\"." };
        var model = new Option<string>("--model") { Description = "Embeddings to compare: sage (GraphSAGE), raw (standardized audio features), fastrp (FastRP on the song graph).", DefaultValueFactory = _ => "sage" };
        model.AcceptOnlyFromAmong([.. EmbeddingSearch.EmbeddingNames.Keys]);
        var limit = new Option<int>("--limit") { Description = "Tracks listed (1–200).", DefaultValueFactory = _ => 10 };
        var command = new Command("similar", "List the tracks nearest to a track by cosine of the embeddings saved by `sgr train sage`.") { query, model, limit };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(limit);
            if (n is < 1 or > 200)
            {
                throw new ArgumentException($"--limit must be between 1 and 200 (got {n}).");
            }

            if (string.IsNullOrWhiteSpace(parse.GetValue(query)))
            {
                throw new ArgumentException("The track query is empty: give a title, an id (track:12) or a key (spotify:track:…).");
            }

            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await RunAsync(context, store, parse.GetValue(query)!, parse.GetValue(model)!, n, parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Resolves the track and prints its nearest tracks (or the "did you mean" list).</summary>
    public static async Task<int> RunAsync(CliContext context, SoundGraphStore store, string query, string model, int limit, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        var resolution = await store.Resolver.ResolveAsync(query, "track", ct).ConfigureAwait(false);
        if (resolution.Match is null)
        {
            UnveilRenderer.RenderUnresolved(context.Console, query, resolution, json);

            return CliApp.NeedsChoice;
        }

        var result = await SimilarJob.FindAsync(store, resolution.Match, model, limit, ct).ConfigureAwait(false);
        if (json)
        {
            context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(new { query, matchedBy = resolution.How, result.Track, result.Model, result.Items }));
            return 0;
        }

        var table = new Table().Title($"tracks nearest to {Markup.Escape(result.Track.Name)} ({Markup.Escape(model)} embeddings, cosine)")
            .AddColumn(new TableColumn("#").RightAligned()).AddColumn("track").AddColumn("title").AddColumn("artist").AddColumn(new TableColumn("cosine").RightAligned());
        foreach (var item in result.Items)
        {
            table.AddRow(
                item.Rank.ToString(CultureInfo.InvariantCulture), $"track:{item.TrackId}", Markup.Escape(item.Title), Markup.Escape(item.Artist ?? "–"),
                item.Cosine.ToString("F3", CultureInfo.InvariantCulture));
        }

        context.Console.Write(table);
        context.Console.MarkupLine($"[grey]matched by {Markup.Escape(resolution.How)}[/]");
        return 0;
    }
}

using System.CommandLine;
using System.Globalization;
using SoundGraph.Cli.Jobs;
using SoundGraph.Cli.Rendering;
using SoundGraph.Learning.Recommenders;
using Spectre.Console;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr recommend</c>: ALS recommendations with a short "why".</summary>
public static class RecommendCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = new Option<string?>("--user") { Description = "A HetRec listener: key (hetrec:user:2), the bare HetRec id (2), user:ID, or the user's name (exact, else fuzzy as in unveil) → artists." };
        var playlist = new Option<string?>("--playlist") { Description = "A stored playlist (key or exact name) → tracks to continue it." };
        var track = new Option<string?>("--track") { Description = "A track (id, key, name or \"Artist - Title\") → tracks for a playlist seeded with it." };
        var top = new Option<int>("--top") { Description = "Recommendations shown (1–200).", DefaultValueFactory = _ => 10 };
        var hetrecDir = new Option<string>("--hetrec-dir") { Description = "HetRec folder read when the store holds no HetRec plays.", DefaultValueFactory = _ => EvalCommand.DefaultHetrecDir() };
        var command = new Command(
            "recommend",
            "Recommend artists for a listener or tracks for a playlist/track with ALS (the model saved by `sgr eval recommend --save`, else trained on the fly), with the known items and similar users behind each.")
        {
            user, playlist, track, top, hetrecDir,
        };
        command.SetAction(async (parse, ct) =>
        {
            var given = new[] { parse.GetValue(user), parse.GetValue(playlist), parse.GetValue(track) }.Count(v => v is not null);
            if (given != 1)
            {
                throw new ArgumentException("Pass exactly one of --user, --playlist, --track.");
            }

            if (parse.GetValue(top) is < 1 or > 200)
            {
                throw new ArgumentException("--top must be between 1 and 200.");
            }

            var json = parse.GetValue(CliContext.JsonOption);
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            var dataset = parse.GetValue(user) is not null ? "hetrec" : "playlists";
            var data = dataset == "hetrec"
                ? await EvalData.LoadHetrecAsync(store, parse.GetValue(hetrecDir)!, ct).ConfigureAwait(false)
                : await EvalData.LoadPlaylistsAsync(store, ct).ConfigureAwait(false);
            RecommendQuery query;
            string subject;
            if (parse.GetValue(user) is { } u)
            {
                var row = FindRow(data, u, "hetrec:user:" + u);
                if (row is null)
                {
                    // Not a HetRec id or key: resolve it like unveil resolves names (exact, then fuzzy; a choice list otherwise).
                    var resolution = await store.Resolver.ResolveUserAsync(u, ct).ConfigureAwait(false);
                    if (resolution.Match is null)
                    {
                        UnveilRenderer.RenderUnresolved(context.Console, u, resolution, json);
                        return CliApp.NeedsChoice;
                    }

                    var index = Array.IndexOf(data.RowIds, resolution.Match.Id);
                    row = index >= 0 ? index : throw new ArgumentException(
                        $"--user: '{resolution.Match.Name}' (user:{resolution.Match.Id}) has no HetRec plays in the store, so the listener model cannot place them.");
                }

                query = RecommendQuery.ForUser(data.Matrix, row.Value);
                subject = $"listener {data.RowNames[row.Value]} ({data.Matrix.Degree(row.Value)} artists)";
            }
            else if (parse.GetValue(playlist) is { } p)
            {
                var row = FindRow(data, p, p) ?? throw new ArgumentException($"--playlist: no stored playlist '{p}'.");
                query = RecommendQuery.ForSeeds(data.Matrix.Items(row).ToArray());
                subject = $"playlist {data.RowNames[row]} ({query.Items.Length} tracks, folded in)";
            }
            else
            {
                var q = parse.GetValue(track)!;
                var resolution = await store.Resolver.ResolveAsync(q, "track", ct).ConfigureAwait(false);
                if (resolution.Match is null)
                {
                    UnveilRenderer.RenderChoices(context.Console, q, resolution);
                    return CliApp.NeedsChoice;
                }

                var item = Array.IndexOf(data.ItemIds, resolution.Match.Id);
                if (item < 0)
                {
                    throw new ArgumentException($"--track: '{resolution.Match.Name}' is in no stored playlist, so the playlist model cannot place it.");
                }

                query = RecommendQuery.ForSeeds([item]);
                subject = $"track {resolution.Match.Name} (a one-track playlist, folded in)";
            }

            var (model, source) = await RecommendJob.ModelAsync(store, data, dataset, ct).ConfigureAwait(false);
            var lines = RecommendJob.Recommend(model, data, query, parse.GetValue(top));
            if (json)
            {
                context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(new { subject, model = source, recommendations = lines }));
                return 0;
            }

            var table = new Table().Title($"Recommended for {subject.EscapeMarkup()}")
                .AddColumn(new TableColumn("#").RightAligned()).AddColumn(dataset == "hetrec" ? "artist" : "track").AddColumn(new TableColumn("score").RightAligned())
                .AddColumn("because of (share of score)").AddColumn(dataset == "hetrec" ? "similar listeners with it" : "similar playlists with it");
            foreach (var l in lines)
            {
                table.AddRow(
                    l.Rank.ToString(CultureInfo.InvariantCulture), l.Name.EscapeMarkup(), l.Score.ToString("0.000", CultureInfo.InvariantCulture),
                    string.Join("; ", l.Because).EscapeMarkup(), string.Join("; ", l.SimilarRows).EscapeMarkup());
            }

            context.Console.Write(table);
            context.Console.MarkupLineInterpolated($"[grey]{source}[/]");
            return 0;
        });
        return command;
    }

    private static int? FindRow(RecData data, string query, string key)
    {
        for (var r = 0; r < data.RowNames.Length; r++)
        {
            if (string.Equals(data.RowNames[r], key, StringComparison.OrdinalIgnoreCase) || string.Equals(data.RowNames[r], query, StringComparison.OrdinalIgnoreCase))
            {
                return r;
            }
        }

        return null;
    }
}

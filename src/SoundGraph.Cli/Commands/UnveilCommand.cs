using System.CommandLine;
using SoundGraph.Cli.Rendering;
using SoundGraph.Storage;
using SoundGraph.Storage.Resolution;
using SoundGraph.Storage.Unveil;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr unveil &lt;query&gt;</c>: what is related to a track or an artist, and why.</summary>
public static class UnveilCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = new Argument<string>("query") { Description = "An id (track:12, artist:7, 12), a source key or URI (spotify:track:…), or a name (\"Rihanna\", \"The Killers - Mr. Brightside\")." };
        var kind = new Option<string?>("--kind") { Description = "Restrict the search to tracks or artists." };
        kind.AcceptOnlyFromAmong("track", "artist");
        var limit = new Option<int>("--limit") { Description = $"Items per section (1–{UnveilReader.MaxLimit}).", DefaultValueFactory = _ => 10 };
        var command = new Command("unveil", "Show what is related to a track or artist, with scores and the evidence behind each.") { query, kind, limit };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(limit);
            if (n is < 1 or > UnveilReader.MaxLimit)
            {
                throw new ArgumentException($"--limit must be between 1 and {UnveilReader.MaxLimit}.");
            }

            if (string.IsNullOrWhiteSpace(parse.GetValue(query)))
            {
                throw new ArgumentException("The query is empty: give a name, an id (artist:12) or a key (spotify:track:…).");
            }

            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            return await RunAsync(context, store, parse.GetValue(query)!, parse.GetValue(kind), n, parse.GetValue(CliContext.JsonOption), ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Resolves <paramref name="query"/> and prints its report (or the "did you mean" list).</summary>
    public static async Task<int> RunAsync(CliContext context, SoundGraphStore store, string query, string? kind, int limit, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        var resolution = await store.Resolver.ResolveAsync(query, kind, ct).ConfigureAwait(false);
        if (resolution.Match is null)
        {
            UnveilRenderer.RenderUnresolved(context.Console, query, resolution, json);

            return CliApp.NeedsChoice;
        }

        var report = await store.Unveil.BuildAsync(resolution.Match, limit, ct).ConfigureAwait(false);
        if (json)
        {
            context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(new { query, matchedBy = resolution.How, report.Subject, report.Sections }));
        }
        else
        {
            UnveilRenderer.Render(context.Console, report, resolution);
        }

        return 0;
    }
}

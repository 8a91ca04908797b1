using System.CommandLine;
using System.Globalization;
using SoundGraph.Cli.Rendering;
using Spectre.Console;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr db info</c>: where the store is, its schema version and its row counts (migrations apply on open).</summary>
public static class DbCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var info = new Command("info", "Open (creating and migrating if needed) the store and print its row counts.");
        info.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct).ConfigureAwait(false);
            var counts = await store.CountRowsAsync(ct).ConfigureAwait(false);
            if (parse.GetValue(CliContext.JsonOption))
            {
                context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(new { store = store.Location.ToString(), tables = counts }));
                return 0;
            }

            var table = new Table().Title(Markup.Escape(store.Location.ToString())).AddColumn("table").AddColumn(new TableColumn("rows").RightAligned());
            foreach (var (name, n) in counts)
            {
                table.AddRow(name, n.ToString("N0", CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            foreach (var m in store.AppliedMigrations)
            {
                context.Console.MarkupLine($"[grey]applied migration {Markup.Escape(m.Name)}[/]");
            }

            return 0;
        });
        return new Command("db", "Store maintenance.") { info };
    }
}

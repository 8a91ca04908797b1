using System.Globalization;
using SoundGraph.Core.Unveil;
using SoundGraph.Storage.Resolution;
using Spectre.Console;

namespace SoundGraph.Cli.Rendering;

/// <summary>Renders unveil reports and "did you mean" lists as Spectre.Console tables.</summary>
public static class UnveilRenderer
{
    /// <summary>Writes <paramref name="report"/>; <paramref name="resolution"/> says how the query matched.</summary>
    public static void Render(IAnsiConsole console, UnveilReport report, Resolution? resolution = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Subject;
        console.Write(new Rule($"[bold]{Markup.Escape(s.Name)}[/] [grey]({s.Kind} {s.Id}, {Markup.Escape(s.Key)})[/]").LeftJustified());
        if (resolution is not null && resolution.How.StartsWith("fuzzy", StringComparison.Ordinal))
        {
            console.MarkupLine($"[yellow]matched by {Markup.Escape(resolution.How)}[/]");
        }

        foreach (var section in report.Sections)
        {
            RenderSection(console, section);
        }
    }

    /// <summary>Reports a query that matched nothing or several things: the resolution as JSON with <paramref name="json"/>,
    /// else the candidates table (<see cref="RenderChoices"/>). Callers then exit with <see cref="CliApp.NeedsChoice"/>.</summary>
    public static void RenderUnresolved(IAnsiConsole console, string query, Resolution resolution, bool json)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (json)
        {
            console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(resolution));
        }
        else
        {
            RenderChoices(console, query, resolution);
        }
    }

    /// <summary>Writes the candidates of an ambiguous or unmatched query.</summary>
    public static void RenderChoices(IAnsiConsole console, string query, Resolution resolution)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(resolution);
        if (resolution.Candidates.Count == 0)
        {
            console.MarkupLine($"[red]Nothing in the store matches '{Markup.Escape(query)}'.[/] Try a shorter name, or an id such as artist:12.");
            return;
        }

        if (resolution.How == EntityResolver.NoCloseMatch)
        {
            var nearest = string.Join(", ", resolution.Candidates.Select(c => $"{c.Entity.Name} ({c.Entity.Kind}:{c.Entity.Id}, score {c.Score.ToString(CultureInfo.InvariantCulture)})"));
            console.MarkupLine($"[red]No close match for '{Markup.Escape(query)}'[/]; nearest: {Markup.Escape(nearest)}.");
            return;
        }

        console.MarkupLine($"[yellow]'{Markup.Escape(query)}' is ambiguous. Did you mean:[/]");
        var table = new Table().AddColumns("query to use", "kind", "name", "score", "matched by", "details");
        foreach (var c in resolution.Candidates)
        {
            table.AddRow($"{c.Entity.Kind}:{c.Entity.Id}", c.Entity.Kind, Markup.Escape(c.Entity.Name), c.Score.ToString(CultureInfo.InvariantCulture), Markup.Escape(c.How), Markup.Escape(c.Detail ?? string.Empty));
        }

        console.Write(table);
    }

    private static void RenderSection(IAnsiConsole console, UnveilSection section)
    {
        console.WriteLine();
        console.MarkupLine($"[bold underline]{Markup.Escape(section.Title)}[/]");
        if (section.IsEmpty)
        {
            console.MarkupLine($"[grey]no data: {Markup.Escape(section.EmptyNote ?? "nothing known")}[/]");
            return;
        }

        if (section.Facts.Count > 0)
        {
            var facts = new Table().HideHeaders().NoBorder().AddColumn("name").AddColumn("value");
            foreach (var f in section.Facts)
            {
                facts.AddRow($"[grey]{Markup.Escape(f.Name)}[/]", Markup.Escape(f.Value));
            }

            console.Write(facts);
        }

        if (section.Items.Count > 0)
        {
            var table = new Table().AddColumn("#").AddColumn("id").AddColumn("name").AddColumn(new TableColumn("score").RightAligned()).AddColumn(new TableColumn("count").RightAligned()).AddColumn("why");
            var rank = 1;
            foreach (var i in section.Items)
            {
                table.AddRow(
                    rank++.ToString(CultureInfo.InvariantCulture),
                    $"{i.Kind}:{i.Id}",
                    Markup.Escape(i.Name),
                    i.Score?.ToString("0.000", CultureInfo.InvariantCulture) ?? string.Empty,
                    i.Count?.ToString("N0", CultureInfo.InvariantCulture) ?? string.Empty,
                    Markup.Escape(i.Why));
            }

            console.Write(table);
        }
    }
}

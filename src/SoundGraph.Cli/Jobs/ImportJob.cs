using System.Diagnostics;
using System.Globalization;
using SoundGraph.Cli.Rendering;
using SoundGraph.Core.Import;
using SoundGraph.Ingest;
using SoundGraph.Storage;
using SoundGraph.Storage.Resolution;
using Spectre.Console;

namespace SoundGraph.Cli.Jobs;

/// <summary>Runs one importer against a store with a progress bar, a rejects file and a report table.</summary>
public static class ImportJob
{
    /// <summary>Imports <paramref name="path"/> with <paramref name="importer"/>; rejects go beside the database. Afterwards
    /// links name-keyed artists to Spotify artists of the same name (<see cref="ArtistLinker"/>), noted in the report.</summary>
    public static async Task<ImportReport> RunAsync(CliContext context, SoundGraphStore store, IImporter importer, string path, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(importer);
        var rejectsPath = CliContext.RejectsPath(store.Location);
        using var rejects = new FileRejectSink(rejectsPath);
        var watch = Stopwatch.StartNew();
        ImportReport report;
        if (context.Console.Profile.Capabilities.Interactive && !json)
        {
            report = await context.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask($"{importer.Format} {Markup.Escape(Path.GetFileName(path))}", maxValue: 1);
                    var progress = new DirectProgress(p =>
                    {
                        task.Description = $"{importer.Format} {Markup.Escape(Path.GetFileName(p.File))}";
                        if (p.Total > 0)
                        {
                            task.MaxValue = p.Total;
                            task.Value = p.Done;
                        }
                    });
                    var r = await importer.ImportAsync(path, store.Catalog, rejects, progress, ct).ConfigureAwait(false);
                    task.Value = task.MaxValue;
                    return r;
                }).ConfigureAwait(false);
        }
        else
        {
            // Boxed so the timer thread reads a whole value (ImportProgress is a struct).
            System.Runtime.CompilerServices.StrongBox<ImportProgress>? last = null;
            using var reporter = ProgressReporter.Start(context, $"import {importer.Format}", () => Volatile.Read(ref last)?.Value is { } p
                ? $"{Path.GetFileName(p.File)}: {(p.Total > 0 ? (100.0 * p.Done / p.Total).ToString("0", CultureInfo.InvariantCulture) + " %" : Numbers.Count(p.Done) + " bytes")}"
                : "starting");
            report = await importer.ImportAsync(path, store.Catalog, rejects, new DirectProgress(p => Volatile.Write(ref last, new(p))), ct).ConfigureAwait(false);
        }

        // Name-keyed artists meet the Spotify artists of the same name only through reported, reversible links.
        var links = await ArtistLinker.LinkByNameAsync(store.Connection, ct).ConfigureAwait(false);
        if (links.Linked > 0 || links.Ambiguous > 0)
        {
            report.Notes.Add(
                $"artist links: {N(links.Linked)} name-keyed artists linked by name to the one Spotify artist of that name; {N(links.Ambiguous)} left unlinked "
                + "(several Spotify artists share their name); `sgr db unlink-artists` removes the links");
        }

        watch.Stop();
        if (!json)
        {
            Render(context.Console, report, watch.Elapsed, rejects.Count > 0 ? rejectsPath : null);
        }

        return report;
    }

    /// <summary>Writes the counts of <paramref name="report"/> as a table.</summary>
    public static void Render(IAnsiConsole console, ImportReport report, TimeSpan elapsed, string? rejectsPath)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var table = new Table().Title($"import {report.Format} ({elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s)")
            .AddColumn("what").AddColumn("of").AddColumn(new TableColumn("count").RightAligned());
        foreach (var (k, v) in report.Read)
        {
            table.AddRow("read", k, N(v));
        }

        foreach (var (k, v) in report.Stored)
        {
            table.AddRow("stored", k, N(v));
        }

        foreach (var (k, v) in report.Skipped)
        {
            table.AddRow("skipped", Markup.Escape(k), N(v));
        }

        table.AddRow("rejected", "rows/records", N(report.Rejects.Count));
        console.Write(table);
        foreach (var note in report.Notes)
        {
            console.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
        }

        if (report.Rejects.Count > 0)
        {
            foreach (var r in report.Rejects.Take(5))
            {
                console.MarkupLine($"[yellow]rejected[/] {Markup.Escape(Path.GetFileName(r.File))} {Markup.Escape(r.Location)}: {Markup.Escape(r.Reason)}");
            }

            if (rejectsPath is not null)
            {
                console.MarkupLine($"[grey]all rejects: {Markup.Escape(rejectsPath)}[/]");
            }
        }
    }

    private static string N(long n) => Numbers.Count(n);

    private sealed class DirectProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}

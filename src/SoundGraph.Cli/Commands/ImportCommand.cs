using System.CommandLine;
using SoundGraph.Cli.Jobs;
using SoundGraph.Cli.Rendering;
using SoundGraph.Ingest;
using SoundGraph.Storage;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr import &lt;format&gt; &lt;path&gt;</c>: import a dataset file or folder into the store.</summary>
public static class ImportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var formats = ImporterCatalog.All().Select(i => i.Format).ToArray();
        var format = new Argument<string>("format")
        {
            HelpName = "format",
            Description = "One of: " + string.Join("; ", ImporterCatalog.All().Select(i => $"{i.Format} ({i.Description})")),
        };
        format.AcceptOnlyFromAmong(formats);
        var path = new Argument<string>("path") { Description = "The file or folder to import (gzip accepted)." };
        var user = new Option<string?>("--user") { Description = "spotify-export: the name of the export's owner (default: the folder name); listenbrainz-export: the user of listens without user_name (default: rejected)." };
        var map = new Option<string?>("--map")
        {
            Description = "spotify-features only: the file's columns as column=field,… (e.g. \"song=title,singer=artists,bpm=tempo\"), instead of detecting a known layout. Fields: "
                + string.Join(", ", Ingest.Importers.SpotifyFeatures.SpotifyFeaturesLayout.Fields) + ".",
        };
        var encoding = new Option<string?>("--encoding")
        {
            Description = "CSV/TSV formats only (" + string.Join(", ", ImporterCatalog.TextFormats) + "): the text encoding, one of "
                + string.Join(", ", InputEncodings.Names) + ". Default: each line is read as UTF-8, or as Windows-1252 when it is not valid UTF-8 "
                + "(the report notes how many); with utf-8 such a line is rejected instead.",
        };
        var command = new Command("import", "Import a dataset into the store (idempotent: importing a file twice leaves the same rows). Exit code 0: clean; 3: imported with rejects; 1: failed.") { format, path, user, map, encoding };
        command.SetAction(async (parse, ct) =>
        {
            var importer = ImporterCatalog.Get(parse.GetValue(format)!, parse.GetValue(user), parse.GetValue(map), parse.GetValue(encoding));
            var input = parse.GetValue(path)!;
            if (!File.Exists(input) && !Directory.Exists(input))
            {
                throw new FileNotFoundException($"'{input}' does not exist.", input);
            }

            var rejectsPath = CliContext.RejectsPath(StoreLocation.Parse(CliContext.DbValue(parse)));
            return await CliContext.RunOnStoreAsync(parse, async store =>
            {
                var json = parse.GetValue(CliContext.JsonOption);
                var report = await ImportJob.RunAsync(context, store, importer, input, json, ct).ConfigureAwait(false);
                if (json)
                {
                    context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(new
                    {
                        report.Format, report.Read, report.Stored, report.Skipped, rejected = report.Rejects.Count, rejectsFile = rejectsPath, report.Notes,
                        exitCode = report.Rejects.Count > 0 ? CliApp.ImportedWithRejects : 0,
                    }));
                }
                else if (report.Rejects.Count > 0)
                {
                    await context.Error.WriteLineAsync(
                        $"imported with {report.Rejects.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} rejected records (exit code {CliApp.ImportedWithRejects}); the rest is stored, and a rejected playlist keeps its stored version").ConfigureAwait(false);
                }

                // 0: clean; 3: imported, with rejects (a script can tell the two apart).
                return report.Rejects.Count > 0 ? CliApp.ImportedWithRejects : 0;
            }, [rejectsPath], ct).ConfigureAwait(false);
        });
        return command;
    }
}

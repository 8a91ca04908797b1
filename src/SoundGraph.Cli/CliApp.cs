using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using SoundGraph.Cli.Parsing;
using SoundGraph.Cli.Commands;
using SoundGraph.Core.Import;
using SoundGraph.Storage;
using Spectre.Console;

namespace SoundGraph.Cli;

/// <summary>Builds the <c>sgr</c> command tree and runs it against a console (tests pass a recording console).</summary>
public static class CliApp
{
    /// <summary>Exit code for a failure with a one-line reason.</summary>
    public const int Failure = 1;

    /// <summary>Exit code after Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>Widest help line, in columns (narrower when the console is).</summary>
    public const int HelpWidth = 100;

    /// <summary>Exit code for a query that needs the user to choose (ambiguous or not found).</summary>
    public const int NeedsChoice = 2;

    /// <summary>Exit code of <c>sgr import</c> when the file was imported but some records were rejected (listed in the
    /// rejects file beside the store); 0 means every record was imported.</summary>
    public const int ImportedWithRejects = 3;

    /// <summary>Parses and runs <paramref name="args"/>, writing output to <paramref name="console"/> and errors to <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        var context = new CliContext(console, error);
        var root = new RootCommand("SoundGraph: imports public music data, relates tracks, artists and listeners, and explains why (sgr).");
        root.Add(CliContext.DbOption);
        root.Add(CliContext.JsonOption);
        root.Add(DemoCommand.Create(context));
        root.Add(ImportCommand.Create(context));
        root.Add(HarvestCommand.Create(context));
        root.Add(ResolveCommand.Create(context));
        root.Add(SyncCommand.Create(context));
        root.Add(TagsCommand.Create(context));
        root.Add(AudioCommand.Create(context));
        root.Add(TasteCommand.Create(context));
        root.Add(MixtapeCommand.Create(context));
        root.Add(RelateCommand.Create(context));
        root.Add(UnveilCommand.Create(context));
        root.Add(RecommendCommand.Create(context));
        root.Add(SimilarCommand.Create(context));
        root.Add(TrainCommand.Create(context));
        root.Add(EvalCommand.Create(context));
        root.Add(CollabCommand.Create(context));
        root.Add(BenchCommand.Create(context));
        root.Add(DbCommand.Create(context));
        root.Add(ExportCommand.Create(context));
        root.Add(ServeCommand.Create(context));
        root.Add(AccountCommand.Create(context));
        root.Add(TokenCommand.Create(context));
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is HelpAction action)
            {
                // Without a limit, redirected help is one line per option however long its description (190+ columns).
                action.MaxWidth = Math.Min(HelpWidth, Math.Max(40, console.Profile.Width));
            }
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && args.Length > 0 && UnknownCommandLine(parse) is { } unknown)
        {
            await error.WriteLineAsync(unknown).ConfigureAwait(false);
            return Failure;
        }

        if (parse.Errors.Count > 0 && args.Length > 0)
        {
            // One line naming the option and the value, instead of the parser's multi-line message and the full help.
            await error.WriteLineAsync("error: " + ParseErrorLine(parse.Errors[0].Message) + " (see --help)").ConfigureAwait(false);
            return Failure;
        }

        var config = new InvocationConfiguration { Output = console.Profile.Out.Writer, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUserFacing(ex))
        {
            await error.WriteLineAsync("error: " + OneLine(ex)).ConfigureAwait(false);
            return Failure;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return Cancelled;
        }
    }

    /// <summary>The git-style line for a word where a subcommand was expected ("sgr: 'unvail' is not a sgr command. Did you
    /// mean 'unveil'?"), or null when the parse error is of another kind.</summary>
    private static string? UnknownCommandLine(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        if (command.Subcommands.Count == 0 || parse.UnmatchedTokens.Count == 0)
        {
            return null;
        }

        var path = new List<string>();
        for (SymbolResult? r = parse.CommandResult; r is CommandResult c; r = c.Parent)
        {
            path.Insert(0, c.Parent is null ? "sgr" : c.Command.Name);
        }

        return CommandSuggestion.Message(string.Join(' ', path), command, parse.UnmatchedTokens[0]);
    }

    /// <summary>A parse error on one line: "Must be one of:" lists joined with commas, .NET type names dropped.</summary>
    private static string ParseErrorLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = lines.Length > 1 ? lines[0] + " " + string.Join(", ", lines.Skip(1)) : message.Trim();
        return System.Text.RegularExpressions.Regex.Replace(line, @" as expected type '[^']*'", string.Empty);
    }

    /// <summary>The first line of the message, without .NET's " (Parameter 'x')" suffix.</summary>
    private static string OneLine(Exception ex)
    {
        var line = ex.Message.Split('\n')[0].TrimEnd();
        return ex is ArgumentException { ParamName: { } name } ? line.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : line;
    }

    private static bool IsUserFacing(Exception ex) =>
        ex is InputFormatException or StoreException or UnknownKeyException or FileNotFoundException or DirectoryNotFoundException
            or ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or TimeZoneNotFoundException
            or System.Data.Common.DbException or FormatException or SoundGraph.Ingest.Harvest.HarvestException
            or SoundGraph.Ingest.Sources.SoundCloud.SoundCloudException or SoundGraph.Ingest.Sources.MusicBrainz.MusicBrainzException
            or SoundGraph.Ingest.Sources.ListenBrainz.ListenBrainzException or SoundGraph.Ingest.Sources.LastFm.LastFmException;
}

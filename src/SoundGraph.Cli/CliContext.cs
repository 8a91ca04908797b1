using System.CommandLine;
using SoundGraph.Storage;
using Spectre.Console;

namespace SoundGraph.Cli;

/// <summary>What every command shares: the consoles and the global <c>--db</c> / <c>--json</c> options.</summary>
public sealed class CliContext(IAnsiConsole console, TextWriter error)
{
    /// <summary>Environment variable that selects the store when <c>--db</c> is not given.</summary>
    public const string DbEnvironmentVariable = "SOUNDGRAPH_DB";

    /// <summary>The global <c>--db</c> option.</summary>
    public static Option<string?> DbOption { get; } = new("--db")
    {
        Description = $"SQLite file path, or a PostgreSQL connection string \"Host=…;Database=…\" (default {StoreLocation.DefaultPath}, or ${DbEnvironmentVariable}).",
        Recursive = true,
    };

    /// <summary>The global <c>--json</c> option.</summary>
    public static Option<bool> JsonOption { get; } = new("--json")
    {
        Description = "Write machine-readable JSON instead of tables.",
        Recursive = true,
    };

    /// <summary>Standard output.</summary>
    public IAnsiConsole Console { get; } = console;

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>The store location chosen by <c>--db</c>, then <c>SOUNDGRAPH_DB</c>, then the default.</summary>
    public static string? DbValue(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(DbOption) ?? Environment.GetEnvironmentVariable(DbEnvironmentVariable);
    }

    /// <summary>Opens the store selected on the command line; with <paramref name="mustExist"/>, a SQLite file that does
    /// not exist yet is an error instead of a new empty store (commands that only read or derive need data).</summary>
    /// <exception cref="StoreException">The store is missing (with <paramref name="mustExist"/>) or cannot be opened.</exception>
    public static Task<SoundGraphStore> OpenStoreAsync(ParseResult parse, CancellationToken cancellationToken, bool mustExist = false)
    {
        var location = StoreLocation.Parse(DbValue(parse));
        if (mustExist && location.Provider == StoreProvider.Sqlite && !File.Exists(location.Value))
        {
            throw new StoreException($"There is no store at '{location.Value}': run `sgr demo` or `sgr import …` first, or pass --db.");
        }

        return SoundGraphStore.OpenAsync(location.Value, cancellationToken);
    }

    /// <summary>The rejects file beside a SQLite database (<c>x.db</c> → <c>x.rejects.tsv</c>), or in the working directory.</summary>
    public static string RejectsPath(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Provider == StoreProvider.Sqlite
            ? Path.ChangeExtension(Path.GetFullPath(location.Value), ".rejects.tsv")
            : Path.GetFullPath("soundgraph.rejects.tsv");
    }
}

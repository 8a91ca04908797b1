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
        if (mustExist)
        {
            location.ThrowIfMissing();
        }

        return SoundGraphStore.OpenAsync(location.Value, cancellationToken);
    }

    /// <summary>Opens (creating if needed) the store selected on the command line and runs <paramref name="work"/> on it.
    /// When the work fails and this call created the SQLite file, and nothing was stored yet (a wrong secret, a file of
    /// another format), the file is deleted again with the <paramref name="sidePaths"/> this call saw appear (rejects
    /// file, spill folder), so a failed first run leaves nothing behind. A store that existed before is never deleted.</summary>
    /// <param name="parse">The parsed command line (for <c>--db</c>).</param>
    /// <param name="work">The command's work; its exceptions propagate after the clean-up.</param>
    /// <param name="sidePaths">Files or folders the work may create beside the store.</param>
    /// <param name="cancellationToken">Cancels opening and the work.</param>
    public static async Task<int> RunOnStoreAsync(ParseResult parse, Func<SoundGraphStore, Task<int>> work, IReadOnlyList<string> sidePaths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(sidePaths);
        var location = StoreLocation.Parse(DbValue(parse));
        var created = location.IsMissingSqliteFile;
        var newSidePaths = sidePaths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        var store = await SoundGraphStore.OpenAsync(location.Value, cancellationToken).ConfigureAwait(false);
        var disposed = false;
        try
        {
            return await work(store).ConfigureAwait(false);
        }
        catch (Exception) when (created)
        {
            try
            {
                var empty = await HoldsNoDataAsync(store).ConfigureAwait(false);
                await store.DisposeAsync().ConfigureAwait(false);
                disposed = true;
                if (empty)
                {
                    location.DeleteSqliteFiles();
                    foreach (var path in newSidePaths)
                    {
                        if (Directory.Exists(path))
                        {
                            Directory.Delete(path, recursive: true);
                        }
                        else
                        {
                            File.Delete(path);
                        }
                    }
                }
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                // The clean-up is best effort: the work's own error is the one to report, not this one.
            }

            throw;
        }
        finally
        {
            if (!disposed)
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> HoldsNoDataAsync(SoundGraphStore store)
    {
        try
        {
            return await store.HoldsNoDataAsync(CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A store that cannot even be counted is kept: deleting is only for a store known to be empty.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
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

using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;
using SoundGraph.Core.Text;

namespace SoundGraph.Storage;

/// <summary>Which provider a <c>--db</c> value selects.</summary>
public enum StoreProvider
{
    /// <summary>A SQLite database file (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL connection string (<c>Host=…;Database=…</c>).</summary>
    Postgres,
}

/// <summary>A parsed <c>--db</c> / <c>SOUNDGRAPH_DB</c> value.</summary>
/// <param name="Provider">Selected provider.</param>
/// <param name="Value">File path (SQLite) or connection string (PostgreSQL).</param>
public sealed partial record StoreLocation(StoreProvider Provider, string Value)
{
    /// <summary>Default SQLite file in the working directory.</summary>
    public const string DefaultPath = "soundgraph.db";

    /// <summary>Npgsql connection-string keys; any of them (as <c>Key=</c>) marks a value as a connection string.</summary>
    private static readonly string[] PrintableKeys = ["Host", "Server", "Port", "Database"];

    private static readonly string[] ConnectionKeys = ["Host", "Server", "Port", "Database", "Username", "User ID", "User", "Password", "SSL Mode"];

    /// <summary>Parses a <c>--db</c> value: a connection string (<c>Host=…;Database=…</c>, any Npgsql key such as
    /// <c>Server=</c> or <c>Password=</c>) or a postgres:// URL selects PostgreSQL, anything else is a SQLite file path;
    /// null or blank means <see cref="DefaultPath"/>.</summary>
    /// <exception cref="StoreException">The value looks like a connection string (see <see cref="LooksLikeConnectionString"/>)
    /// but a keyword is unknown or a value invalid; the message names it, e.g. "--db looks like a PostgreSQL connection
    /// string but 'Hots' is not a known keyword (did you mean Host?)".</exception>
    public static StoreLocation Parse(string? db)
    {
        if (string.IsNullOrWhiteSpace(db))
        {
            return new StoreLocation(StoreProvider.Sqlite, DefaultPath);
        }

        var trimmed = db.Trim();
        if (trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new StoreLocation(StoreProvider.Postgres, trimmed);
        }

        if (LooksLikeConnectionString(trimmed))
        {
            CheckConnectionString(trimmed);
            return new StoreLocation(StoreProvider.Postgres, trimmed);
        }

        return new StoreLocation(StoreProvider.Sqlite, trimmed);
    }

    /// <summary>Whether a value is meant as a connection string rather than a file name: it holds <c>=</c> and either a
    /// <c>;</c> or starts with a bare word and <c>=</c> (<c>Host=db</c>), or any part starts with a known Npgsql key.
    /// A file whose name has that form is still reachable as <c>./name</c>.</summary>
    private static bool LooksLikeConnectionString(string value) =>
        value.Contains('=', StringComparison.Ordinal)
        && (value.Contains(';', StringComparison.Ordinal)
            || KeyValueForm().IsMatch(value)
            || value.Split(';').Any(part => ConnectionKeys.Any(k => part.TrimStart().StartsWith(k + "=", StringComparison.OrdinalIgnoreCase))));

    /// <summary>Checks every <c>key=value</c> part against Npgsql's keywords, so a typo fails here with its name instead of
    /// silently becoming a SQLite file named after the whole string.</summary>
    /// <exception cref="StoreException">A part is not <c>key=value</c>, a keyword is unknown (with the nearest known one),
    /// or a value does not fit its keyword.</exception>
    private static void CheckConnectionString(string value)
    {
        // DbConnectionStringBuilder splits as ADO.NET does, honouring quotes (Password="a;b=c"), so a valid string is never
        // refused and a quoted password is never cut into "parts" that an error would repeat.
        var parsed = new DbConnectionStringBuilder();
        try
        {
            parsed.ConnectionString = value;
        }
        catch (ArgumentException ex)
        {
            // The value is never repeated: it may hold a password.
            throw new StoreException(
                "--db looks like a PostgreSQL connection string but is not one: every part must be keyword=value, separated by ';' " +
                "(quote a value that holds ';' or '=': Password=\"a;b\").", ex);
        }

        var builder = new NpgsqlConnectionStringBuilder();
        foreach (string key in parsed.Keys)
        {
            var shownKey = OriginalSpelling(value, key);
            if (!builder.ContainsKey(key))
            {
                var nearest = EditDistance.Nearest(shownKey, KnownKeywords);
                var hint = nearest.Count > 0 ? $" (did you mean {nearest[0]}?)" : $" (known keywords include {string.Join(", ", KnownKeywords.Take(6))})";
                // The file hint only for one part with no keyword near it (a file name, not a typo); echoing more of the
                // value could print a password.
                var file = parsed.Count == 1 && nearest.Count == 0 ? $"; for a SQLite file with '=' in its name, write ./{value}" : string.Empty;
                throw new StoreException($"--db looks like a PostgreSQL connection string but '{shownKey}' is not a known keyword{hint}{file}.");
            }

            try
            {
                builder[key] = parsed[key];
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                // The value, not the keyword, is wrong (Port=abc); the message must not echo a password.
                var shown = key.Contains("password", StringComparison.OrdinalIgnoreCase) ? "the value" : $"'{parsed[key]}'";
                throw new StoreException($"--db: {shown} is not a valid {shownKey} in the PostgreSQL connection string.", ex);
            }
        }
    }

    /// <summary>A keyword as the user wrote it (DbConnectionStringBuilder keeps keys in lower case).</summary>
    private static string OriginalSpelling(string value, string key)
    {
        var at = value.IndexOf(key, StringComparison.OrdinalIgnoreCase);
        return at >= 0 ? value.Substring(at, key.Length) : key;
    }

    /// <summary>The keywords a suggestion is drawn from: Npgsql's own, the common ones first.</summary>
    private static IReadOnlyList<string> KnownKeywords { get; } =
        ["Host", "Port", "Database", "Username", "Password", .. new NpgsqlConnectionStringBuilder().Keys.Cast<string>()];

    [GeneratedRegex(@"^\s*[A-Za-z][A-Za-z ]*=", RegexOptions.CultureInvariant)]
    private static partial Regex KeyValueForm();

    /// <summary>Whether this is a SQLite file that does not exist yet (opening it would create an empty store).</summary>
    public bool IsMissingSqliteFile => Provider == StoreProvider.Sqlite && !File.Exists(Value);

    /// <summary>The one check every command and service that only reads makes before opening: a SQLite file that is not
    /// there is an error, not a new empty store (a PostgreSQL database is never created, so it passes).</summary>
    /// <exception cref="StoreException">The SQLite file does not exist; the message says how to make one.</exception>
    public void ThrowIfMissing()
    {
        if (IsMissingSqliteFile)
        {
            throw new StoreException($"There is no store at '{Value}': run `sgr demo` or `sgr import …` first, or pass --db.");
        }
    }

    /// <summary>Deletes a SQLite store's database file and its <c>-wal</c>, <c>-shm</c> and <c>-journal</c> companions
    /// (those that exist). For undoing a store that a failed command created itself; the store must be closed.</summary>
    /// <exception cref="InvalidOperationException">The location is PostgreSQL.</exception>
    public void DeleteSqliteFiles()
    {
        if (Provider != StoreProvider.Sqlite)
        {
            throw new InvalidOperationException("Only a SQLite store is a set of files that can be deleted.");
        }

        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            File.Delete(Value + suffix);
        }
    }

    /// <summary>A description safe to print: the file path, or the PostgreSQL host and database without credentials.</summary>
    public override string ToString()
    {
        if (Provider == StoreProvider.Sqlite)
        {
            return "SQLite " + Value;
        }

        if (Value.Contains("://", StringComparison.Ordinal))
        {
            // postgres://user:password@host/db: keep only what follows the credentials.
            var at = Value.LastIndexOf('@');
            return "PostgreSQL " + (at >= 0 ? Value[(at + 1)..] : Value[(Value.IndexOf("://", StringComparison.Ordinal) + 3)..]);
        }

        var parts = Value.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => PrintableKeys.Any(k => p.TrimStart().StartsWith(k + "=", StringComparison.OrdinalIgnoreCase)));
        return "PostgreSQL " + string.Join(';', parts);
    }
}

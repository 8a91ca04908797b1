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
public sealed record StoreLocation(StoreProvider Provider, string Value)
{
    /// <summary>Default SQLite file in the working directory.</summary>
    public const string DefaultPath = "soundgraph.db";

    /// <summary>Npgsql connection-string keys; any of them (as <c>Key=</c>) marks a value as a connection string.</summary>
    private static readonly string[] PrintableKeys = ["Host", "Server", "Port", "Database"];

    private static readonly string[] ConnectionKeys = ["Host", "Server", "Port", "Database", "Username", "User ID", "User", "Password", "SSL Mode"];

    /// <summary>Parses a <c>--db</c> value: a connection string (<c>Host=…;Database=…</c>, any Npgsql key such as
    /// <c>Server=</c> or <c>Password=</c>) or a postgres:// URL selects PostgreSQL, anything else is a SQLite file path;
    /// null or blank means <see cref="DefaultPath"/>.</summary>
    public static StoreLocation Parse(string? db)
    {
        if (string.IsNullOrWhiteSpace(db))
        {
            return new StoreLocation(StoreProvider.Sqlite, DefaultPath);
        }

        var trimmed = db.Trim();
        var isPostgres = trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || trimmed.Split(';').Any(part => ConnectionKeys.Any(k => part.TrimStart().StartsWith(k + "=", StringComparison.OrdinalIgnoreCase)));
        return new StoreLocation(isPostgres ? StoreProvider.Postgres : StoreProvider.Sqlite, trimmed);
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

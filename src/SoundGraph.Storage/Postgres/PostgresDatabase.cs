using Npgsql;

namespace SoundGraph.Storage.Postgres;

/// <summary>Opens PostgreSQL (15 or later) connections through Npgsql with SoundGraph's settings.</summary>
public static class PostgresDatabase
{
    /// <summary>The oldest server this provider is tested against.</summary>
    public const int MinimumServerMajor = 15;

    /// <summary>Normalizes <paramref name="value"/> (an Npgsql connection string <c>Host=…;Database=…</c> or a
    /// <c>postgres://user:password@host:port/database</c> URL) to an Npgsql connection string. Commands get no timeout
    /// unless the value sets one (bulk loads and view refreshes run for minutes at scale).</summary>
    /// <exception cref="StoreException">The value is not a valid connection string (the message never shows it).</exception>
    public static string ConnectionString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            var builder = value.Contains("://", StringComparison.Ordinal) ? FromUrl(value) : new NpgsqlConnectionStringBuilder(value);
            if (!value.Contains("Command Timeout", StringComparison.OrdinalIgnoreCase) && !value.Contains("CommandTimeout", StringComparison.OrdinalIgnoreCase))
            {
                builder.CommandTimeout = 0;
            }

            return builder.ConnectionString;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new StoreException($"The PostgreSQL connection string is not valid ({ex.GetType().Name}: check its keys, e.g. Host=…;Database=…).", ex);
        }
    }

    /// <summary>Opens a connection to <paramref name="value"/> and checks the server version.</summary>
    /// <exception cref="StoreException">The server cannot be reached, refuses the login, or is older than
    /// <see cref="MinimumServerMajor"/>; the message names host and database, never the password.</exception>
    public static async Task<NpgsqlConnection> OpenAsync(string value, CancellationToken cancellationToken = default)
    {
        var connectionString = ConnectionString(value);
        var where = new StoreLocation(StoreProvider.Postgres, value).ToString();
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new StoreException($"Cannot connect to {where}: {ex.Message}", ex);
        }

        if (connection.PostgreSqlVersion.Major < MinimumServerMajor)
        {
            var version = connection.PostgreSqlVersion;
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new StoreException($"{where} runs PostgreSQL {version}; SoundGraph needs {MinimumServerMajor} or later.");
        }

        return connection;
    }

    /// <summary>Drops (if present) and creates the schema <paramref name="schema"/> (letters, digits, '_') on the server
    /// of <paramref name="value"/>, and returns a connection string whose search path is that schema: a private
    /// namespace for a benchmark or test run, removed again with <see cref="DropSchemaAsync"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="schema"/> is not a plain identifier.</exception>
    public static async Task<string> CreateSchemaAsync(string value, string schema, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(value, $"DROP SCHEMA IF EXISTS {Identifier(schema)} CASCADE; CREATE SCHEMA {schema}", cancellationToken).ConfigureAwait(false);
        return new NpgsqlConnectionStringBuilder(ConnectionString(value)) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>Drops the schema <paramref name="schema"/> and everything in it.</summary>
    public static async Task DropSchemaAsync(string value, string schema, CancellationToken cancellationToken = default)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(value, $"DROP SCHEMA IF EXISTS {Identifier(schema)} CASCADE", cancellationToken).ConfigureAwait(false);
    }

    private static string Identifier(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(name[0])
            ? name
            : throw new ArgumentException($"'{name}' is not a plain schema name.", nameof(name));

    private static async Task ExecuteAsync(string value, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(value, cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        var uri = new Uri(url);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        return builder;
    }
}

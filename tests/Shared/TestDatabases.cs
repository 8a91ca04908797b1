using System.Reflection;
using Npgsql;
using Xunit.Sdk;

namespace SoundGraph.Tests.Shared;

/// <summary>The store providers the storage tests run on: SQLite always, PostgreSQL too when <see cref="PostgresVariable"/>
/// holds a connection string (<c>.ci/run</c> starts a throwaway cluster and sets it). Each PostgreSQL store gets a fresh
/// schema, selected through the connection string's search path and dropped afterwards.</summary>
internal static class TestDatabases
{
    /// <summary>The environment variable holding the PostgreSQL connection string.</summary>
    public const string PostgresVariable = "SOUNDGRAPH_TEST_PG";

    /// <summary>"sqlite", and "postgres" when <see cref="PostgresVariable"/> is set.</summary>
    public static IReadOnlyList<string> Providers { get; } = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable))
        ? ["sqlite"]
        : ["sqlite", "postgres"];

    /// <summary>Each case of <paramref name="cases"/> once per provider, the provider first.</summary>
    public static IEnumerable<object[]> Cross(params object[][] cases) =>
        Providers.SelectMany(p => cases.Select(c => new object[] { p }.Concat(c).ToArray()));

    /// <summary>Creates a fresh schema on the test server and returns its name and a connection string using it.</summary>
    public static async Task<(string Schema, string ConnectionString)> CreateSchemaAsync()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", admin);
        await create.ExecuteNonQueryAsync();
        return (schema, new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString);
    }

    /// <summary>Runs <paramref name="body"/> on a fresh, empty database of <paramref name="provider"/>: a new SQLite file
    /// in <paramref name="folder"/>, or a new PostgreSQL schema on the test server, dropped afterwards whatever happens.</summary>
    /// <param name="provider">"sqlite" or "postgres" (a case of <see cref="Providers"/>).</param>
    /// <param name="folder">An existing folder for the SQLite file (the caller deletes it).</param>
    /// <param name="body">Receives the store location: the file path or the connection string.</param>
    public static async Task WithDatabaseAsync(string provider, string folder, Func<string, Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (provider != "postgres")
        {
            await body(Path.Combine(folder, "store-" + Guid.NewGuid().ToString("N") + ".db"));
            return;
        }

        var (schema, db) = await CreateSchemaAsync();
        try
        {
            await body(db);
        }
        finally
        {
            await DropSchemaAsync(schema);
        }
    }

    /// <summary>Drops a schema made by <see cref="CreateSchemaAsync"/> and everything in it.</summary>
    public static async Task DropSchemaAsync(string schema)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>Runs a theory once per store provider (<see cref="TestDatabases.Providers"/>). Theories with their own
/// cases cross them with <see cref="TestDatabases.Cross"/> instead.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class StoreProvidersAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => TestDatabases.Providers.Select(p => new object[] { p });
}

/// <summary>A fact that needs PostgreSQL (several harvest workers, row locks): skipped, saying why, unless
/// <see cref="TestDatabases.PostgresVariable"/> holds a connection string.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabases.Providers.Contains("postgres"))
        {
            Skip = $"needs PostgreSQL: set {TestDatabases.PostgresVariable} (scripts/pg-cluster.sh start DIR prints one)";
        }
    }
}

/// <summary>A theory that needs PostgreSQL (several harvest workers, row locks): skipped, saying why, unless
/// <see cref="TestDatabases.PostgresVariable"/> holds a connection string.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (!TestDatabases.Providers.Contains("postgres"))
        {
            Skip = $"needs PostgreSQL: set {TestDatabases.PostgresVariable} (scripts/pg-cluster.sh start DIR prints one)";
        }
    }
}

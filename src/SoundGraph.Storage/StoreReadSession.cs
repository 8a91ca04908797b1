using System.Data.Common;
using Dapper;
using Npgsql;
using SoundGraph.Storage.Explore;
using SoundGraph.Storage.Models;
using SoundGraph.Storage.Postgres;
using SoundGraph.Storage.Resolution;
using SoundGraph.Storage.Sqlite;
using SoundGraph.Storage.Taste;
using SoundGraph.Storage.Unveil;

namespace SoundGraph.Storage;

/// <summary>Row counts for a health check.</summary>
/// <param name="Provider">"sqlite" or "postgres".</param>
/// <param name="Tracks">Rows in <c>tracks</c>.</param>
/// <param name="Artists">Rows in <c>artists</c>.</param>
/// <param name="Users">Rows in <c>users</c>.</param>
/// <param name="Relations">Rows in <c>relations</c> (every kind, both stored directions).</param>
public sealed record StoreSummary(string Provider, long Tracks, long Artists, long Users, long Relations);

/// <summary>One read-only connection to an existing, migrated store and the read services over it: what an HTTP request
/// uses. Opening runs no migration (open a <see cref="SoundGraphStore"/> once at startup for that).</summary>
/// <remarks>
/// SQLite: <c>Mode=ReadOnly</c>, pooled (a per-request open is a pool hand-out), <c>PRAGMA query_only=1</c>, temporary
/// tables in memory, a 64 MiB page cache. PostgreSQL: Npgsql's connection pool, and every transaction read-only
/// (<c>default_transaction_read_only=on</c> through the connection's startup options, which also gives read sessions a
/// pool of their own). Not thread-safe: one session per request, disposed at its end.
/// </remarks>
public sealed class StoreReadSession : IAsyncDisposable
{
    private StoreReadSession(StoreLocation location, DbConnection connection, EmbeddingCache embeddingCache)
    {
        Location = location;
        Connection = connection;
        Resolver = new EntityResolver(connection);
        Unveil = new UnveilReader(connection);
        Search = new SearchReader(connection);
        Details = new DetailsReader(connection);
        Graph = new GraphReader(connection);
        Models = new ModelStore(connection);
        Embeddings = new EmbeddingSearch(connection, embeddingCache);
        Taste = new TasteStore(connection);
        Accounts = new Accounts.AccountStore(connection);
    }

    /// <summary>Where the store lives.</summary>
    public StoreLocation Location { get; }

    /// <summary>The open connection (owned by the session).</summary>
    public DbConnection Connection { get; }

    /// <summary>Resolves ids, keys and names to tracks, artists and users.</summary>
    public EntityResolver Resolver { get; }

    /// <summary>Unveil reports and single related-items sections.</summary>
    public UnveilReader Unveil { get; }

    /// <summary>Name search over tracks, artists and users.</summary>
    public SearchReader Search { get; }

    /// <summary>Track, artist and user detail views.</summary>
    public DetailsReader Details { get; }

    /// <summary>Neighbourhood graphs (induced subgraphs of the stored relations).</summary>
    public GraphReader Graph { get; }

    /// <summary>Nearest tracks by cosine of the saved embeddings.</summary>
    public EmbeddingSearch Embeddings { get; }

    /// <summary>Saved models (read them only: the connection is read-only).</summary>
    public ModelStore Models { get; }

    /// <summary>Taste aggregates, track axes and labels (read them only: the connection is read-only).</summary>
    public TasteStore Taste { get; }

    /// <summary>Accounts, listener ownership and tokens (read them only: who may see what).</summary>
    public Accounts.AccountStore Accounts { get; }

    /// <summary>Opens a session on <paramref name="location"/>, sharing <see cref="EmbeddingCache.Shared"/>.</summary>
    /// <exception cref="StoreException">The store does not exist (SQLite) or cannot be reached or read; the message names
    /// the file or the host and database, never a password.</exception>
    public static Task<StoreReadSession> OpenAsync(StoreLocation location, CancellationToken cancellationToken = default) =>
        OpenAsync(location, EmbeddingCache.Shared, cancellationToken);

    /// <summary>Opens a session on <paramref name="location"/> whose <see cref="Embeddings"/> keep loaded vectors in
    /// <paramref name="embeddingCache"/>.</summary>
    /// <exception cref="StoreException">The store does not exist (SQLite) or cannot be reached or read.</exception>
    public static Task<StoreReadSession> OpenAsync(StoreLocation location, EmbeddingCache embeddingCache, CancellationToken cancellationToken = default) =>
        OpenAsync(location, embeddingCache, cacheStatements: false, cancellationToken);

    /// <summary>Opens a session; with <paramref name="cacheStatements"/> a SQLite session runs on a
    /// <see cref="StatementCachingConnection"/>, which pays off when the session is kept and reused
    /// (<see cref="StoreReadSessionPool"/>).</summary>
    internal static async Task<StoreReadSession> OpenAsync(StoreLocation location, EmbeddingCache embeddingCache, bool cacheStatements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(embeddingCache);
        DbConnection connection;
        if (location.Provider == StoreProvider.Postgres)
        {
            connection = await PostgresDatabase.OpenAsync(ReadOnlyConnectionString(location.Value), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var sqlite = await SqliteDatabase.OpenReadOnlyAsync(location.Value, cancellationToken).ConfigureAwait(false);
            connection = cacheStatements ? new StatementCachingConnection(sqlite) : sqlite;
        }

        return new StoreReadSession(location, connection, embeddingCache);
    }

    /// <summary>Row counts of tracks, artists, users and relations, in one round trip.</summary>
    /// <remarks>Counts scan their tables (SQLite keeps no row count): tens of milliseconds on the demo store.</remarks>
    /// <exception cref="StoreException">The tables cannot be read (e.g. the store was never migrated).</exception>
    public async Task<StoreSummary> SummaryAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var c = await Connection.QuerySingleAsync<(long Tracks, long Artists, long Users, long Relations)>(new CommandDefinition(
                $"SELECT (SELECT COUNT(*) FROM tracks), (SELECT COUNT(*) FROM artists), (SELECT COUNT(*) FROM users), ({SoundGraphStore.RelationRowCountSql})",
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return new StoreSummary(Location.Provider == StoreProvider.Postgres ? "postgres" : "sqlite", c.Tracks, c.Artists, c.Users, c.Relations);
        }
        catch (DbException ex)
        {
            throw new StoreException($"Cannot read {Location}: {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private static string ReadOnlyConnectionString(string value)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresDatabase.ConnectionString(value));
        builder.Options = ((builder.Options ?? string.Empty) + " -c default_transaction_read_only=on").Trim();
        return builder.ConnectionString;
    }
}

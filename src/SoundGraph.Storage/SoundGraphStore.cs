using System.Data.Common;
using Dapper;
using Npgsql;
using SoundGraph.Storage.Accounts;
using SoundGraph.Storage.Audio;
using SoundGraph.Storage.Harvest;
using SoundGraph.Storage.Migrations;
using SoundGraph.Storage.Models;
using SoundGraph.Storage.Postgres;
using SoundGraph.Storage.Resolution;
using SoundGraph.Storage.Sqlite;
using SoundGraph.Storage.Taste;
using SoundGraph.Storage.Unveil;

namespace SoundGraph.Storage;

/// <summary>An open, migrated store: the catalog writer, the relation store and the read services over one connection,
/// on SQLite (a file path) or PostgreSQL (a connection string); see <see cref="StoreLocation.Parse"/>.</summary>
public sealed class SoundGraphStore : IAsyncDisposable
{
    private static readonly string[] Tables =
    [
        "artists", "labels", "users", "tracks", "track_credits", "playlists", "playlist_tracks", "user_follows", "engagements",
        "listens", "tags", "artist_tags", "track_tags", "audio_features", "relations", "relation_evidence", "harvest_runs", "harvest_frontier",
        "models", "embeddings", "artist_links", "track_names", "acousticbrainz_lowlevel", "acousticbrainz_highlevel", "audio_files", "audio_analysis",
        "track_axes", "taste_weeks", "taste_week_totals", "taste_changes", "taste_state", "taste_labels",
    ];

    private readonly ICatalogWriter _writer;

    private SoundGraphStore(StoreLocation location, DbConnection connection, IReadOnlyList<Migration> applied, ICatalogWriter writer, IRelationStore relations)
    {
        Location = location;
        Connection = connection;
        AppliedMigrations = applied;
        _writer = writer;
        Relations = relations;
        Resolver = new EntityResolver(connection);
        Unveil = new UnveilReader(connection);
        Harvest = new HarvestStore(connection);
        Models = new ModelStore(connection);
        Identifiers = new TrackIdentifierStore(connection);
        Audio = new AudioAnalysisStore(connection);
        Taste = new TasteStore(connection);
        Accounts = new AccountStore(connection);
    }

    /// <summary>The provider behind the store.</summary>
    public StoreProvider Provider => Location.Provider;

    /// <summary>Where the store lives.</summary>
    public StoreLocation Location { get; }

    /// <summary>The open connection (owned by the store).</summary>
    public DbConnection Connection { get; }

    /// <summary>Migrations applied when the store was opened.</summary>
    public IReadOnlyList<Migration> AppliedMigrations { get; }

    /// <summary>Writes imported catalog batches.</summary>
    public ICatalogWriter Catalog => _writer;

    /// <summary>Reads relation inputs and writes relations.</summary>
    public IRelationStore Relations { get; }

    /// <summary>Resolves ids, keys and names to tracks and artists.</summary>
    public EntityResolver Resolver { get; }

    /// <summary>Builds unveil reports.</summary>
    public UnveilReader Unveil { get; }

    /// <summary>Harvest runs and their resumable frontiers.</summary>
    public HarvestStore Harvest { get; }

    /// <summary>Trained models and learned embeddings.</summary>
    public ModelStore Models { get; }

    /// <summary>Track identifiers across sources (<c>track_identifiers</c>), credit join phrases and tag counts.</summary>
    public TrackIdentifierStore Identifiers { get; }

    /// <summary>Local audio analyses (<c>audio_files</c>, <c>audio_analysis</c>) of <c>sgr audio analyze</c>.</summary>
    public AudioAnalysisStore Audio { get; }

    /// <summary>Taste analytics' inputs and outputs (<c>track_axes</c>, <c>taste_*</c>, migration 0012) and listeners'
    /// labels (<c>taste_labels</c>).</summary>
    public TasteStore Taste { get; }

    /// <summary>Accounts, listener ownership, personal API tokens, connected services and saved mixtapes (migration 0014).</summary>
    public AccountStore Accounts { get; }

    /// <summary>Opens the store at <paramref name="db"/> (see <see cref="StoreLocation.Parse"/>) and applies pending migrations.</summary>
    /// <exception cref="StoreException">The database cannot be opened or migrated, or the provider is not available.</exception>
    public static async Task<SoundGraphStore> OpenAsync(string? db, CancellationToken cancellationToken = default)
    {
        var location = StoreLocation.Parse(db);
        DbConnection connection = location.Provider == StoreProvider.Postgres
            ? await PostgresDatabase.OpenAsync(location.Value, cancellationToken).ConfigureAwait(false)
            : await SqliteDatabase.OpenAsync(location.Value, cancellationToken).ConfigureAwait(false);
        try
        {
            if (connection is NpgsqlConnection pg)
            {
                var applied = await Migrator.MigrateAsync(pg, "Postgres", cancellationToken).ConfigureAwait(false);
                return new SoundGraphStore(location, pg, applied, new PostgresCatalogWriter(pg), new PostgresRelationStore(pg));
            }

            var sqlite = (Microsoft.Data.Sqlite.SqliteConnection)connection;
            var appliedSqlite = await Migrator.MigrateAsync(sqlite, "Sqlite", cancellationToken).ConfigureAwait(false);
            return new SoundGraphStore(location, sqlite, appliedSqlite, new SqliteCatalogWriter(sqlite), new SqliteRelationStore(sqlite));
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The <c>track_cooccurrence</c> materialized view (PostgreSQL only).</summary>
    /// <exception cref="StoreException">The store is SQLite, which has no materialized views.</exception>
    public TrackCooccurrenceView CooccurrenceView() => Connection is NpgsqlConnection pg
        ? new TrackCooccurrenceView(pg)
        : throw new StoreException($"The track_cooccurrence materialized view needs PostgreSQL; {Location} is SQLite (pass --db \"Host=…;Database=…\").");

    /// <summary>The number of relation rows (of the <c>relations</c> view), read from <c>relation_lists</c>' neighbour
    /// counts without unpacking any list.</summary>
    internal const string RelationRowCountSql = "SELECT CAST(COALESCE(SUM(neighbours), 0) AS BIGINT) FROM relation_lists";

    /// <summary>The count of <paramref name="table"/>: the views <c>relations</c> and <c>relation_evidence</c> are counted
    /// from <c>relation_lists</c> (neighbours; lists with evidence) without unpacking every list.</summary>
    private static string CountSql(string table) => table switch
    {
        "relations" => RelationRowCountSql,
        "relation_evidence" => "SELECT COUNT(*) FROM relation_lists WHERE evidence_type <> 'none'",
        _ => $"SELECT COUNT(*) FROM {table}",
    };

    /// <summary>Rebuilds the store's precomputed unveil rows that are not tied to one relation kind: on SQLite the
    /// shared-label rows (<see cref="Sqlite.SharedLabelRows"/>; the artist audio rows follow <c>track_audio_similarity</c>
    /// on their own); nothing on PostgreSQL, whose sections read the tables directly. <c>sgr relate</c> runs it last.</summary>
    /// <returns>Rows written (0 on PostgreSQL).</returns>
    public async Task<long> RefreshUnveilRowsAsync(CancellationToken cancellationToken = default) =>
        Connection is Microsoft.Data.Sqlite.SqliteConnection sqlite
            ? await Sqlite.SharedLabelRows.RebuildAsync(sqlite, cancellationToken).ConfigureAwait(false)
            : 0;

    /// <summary>Row counts of every table, by table name (for <c>relations</c>, the relation rows; for
    /// <c>relation_evidence</c>, the source lists whose kind has evidence).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken cancellationToken = default)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            counts[table] = await Connection.ExecuteScalarAsync<long>(new CommandDefinition(CountSql(table), cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return counts;
    }

    /// <summary>Whether no command has stored anything yet: every table is empty except the harvest bookkeeping
    /// (<c>harvest_runs</c>, <c>harvest_frontier</c>), which a harvest writes before its first page.</summary>
    public async Task<bool> HoldsNoDataAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in Tables.Where(t => !t.StartsWith("harvest_", StringComparison.Ordinal)))
        {
            var any = await Connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM (SELECT 1 FROM {table} LIMIT 1) x", cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (any > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A SHA-256 digest (hex) of every row of every table, independent of row order: equal digests mean equal
    /// contents. Used to prove that re-importing a file leaves the same rows, not just the same counts.</summary>
    public async Task<string> ContentDigestAsync(CancellationToken cancellationToken = default)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var table in Tables)
        {
            var rows = new List<string>();
            await using var cmd = Connection.CreateCommand();
            cmd.CommandText = $"SELECT * FROM {table}";
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                reader.GetValues(values);
                rows.Add(string.Join('\u001f', values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
            }

            rows.Sort(StringComparer.Ordinal);
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(table + "\n" + string.Join('\n', rows) + "\n"));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        (_writer as IDisposable)?.Dispose();
        await Connection.DisposeAsync().ConfigureAwait(false);
    }
}

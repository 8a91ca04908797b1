using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;

namespace SoundGraph.Storage.Migrations;

/// <summary>A numbered SQL migration embedded in this assembly (<c>Migrations/{Provider}/NNNN_name.sql</c>).</summary>
/// <param name="Version">The number before the first underscore.</param>
/// <param name="Name">The file name without extension.</param>
/// <param name="Sql">The script.</param>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>Applies the numbered migrations of a provider in order and records each in <c>schema_version</c>.</summary>
/// <remarks>Lidarr-style numbered migrations with Jellyfin's per-provider folders. Each migration runs in its own
/// transaction with its <c>schema_version</c> row, so a failed migration leaves the schema at the previous version.</remarks>
public static class Migrator
{
    /// <summary>The embedded migrations for <paramref name="provider"/> ("Sqlite", "Postgres"), ordered by version.</summary>
    public static IReadOnlyList<Migration> Load(string provider)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{provider}.";
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..^".sql".Length];
            var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            list.Add(new Migration(version, name, reader.ReadToEnd()));
        }

        return list.OrderBy(m => m.Version).ToList();
    }

    /// <summary>Applies every migration whose version is not recorded in <c>schema_version</c>, in version order. On PostgreSQL the whole run holds a session
    /// advisory lock, so several machines opening one database at once migrate it exactly once.</summary>
    /// <returns>The migrations applied by this call (empty when the schema was current).</returns>
    /// <exception cref="StoreException">A migration failed; its message names the migration. Or the store records a
    /// migration this build does not have (a newer <c>sgr</c> wrote it): nothing is applied.</exception>
    public static async Task<IReadOnlyList<Migration>> MigrateAsync(DbConnection connection, string provider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var postgres = provider == "Postgres";
        if (postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        try
        {
            return await ApplyAsync(connection, provider, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (postgres)
            {
                await connection.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_unlock({AdvisoryLockKey})", cancellationToken: CancellationToken.None)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The PostgreSQL advisory lock key serializing migrations ("SGMIGRAT" as a 64-bit integer).</summary>
    private const long AdvisoryLockKey = 0x53474D4947524154;

    /// <summary>Refuses a store that records a migration this build does not have: a newer <c>sgr</c> (or one built from
    /// another branch) wrote it, and this
    /// build's writers do not keep that migration's tables right (the derived tables of 0017–0019, for example, are emptied
    /// or rebuilt by the writers that change their inputs).</summary>
    /// <exception cref="StoreException">Names the unknown migrations; nothing has been changed.</exception>
    private static void RefuseUnknown(IReadOnlyList<(int Version, string Name)> recorded, IReadOnlyList<Migration> known)
    {
        var versions = known.Select(m => m.Version).ToHashSet();
        var unknown = recorded.Where(r => !versions.Contains(r.Version)).Select(r => r.Name).ToList();
        if (unknown.Count > 0)
        {
            throw new StoreException(
                $"This store records schema migration{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown)}, which this build of " +
                $"SoundGraph does not have (it knows up to {known[^1].Name}): a newer sgr, or one built from another branch, wrote it. " +
                "Nothing was changed; open it with that sgr or a newer one.");
        }
    }

    private static async Task<IReadOnlyList<Migration>> ApplyAsync(DbConnection connection, string provider, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        // Every migration not yet recorded, in order — not only those above the highest recorded version, so a migration
        // numbered below one a store already has (two branches that each added one) is still applied.
        var rows = (await connection.QueryAsync<(int Version, string Name)>(new CommandDefinition(
            "SELECT version, name FROM schema_version ORDER BY version", cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var known = Load(provider);
        RefuseUnknown(rows, known);
        var recorded = rows.Select(r => r.Version).ToHashSet();
        var applied = new List<Migration>();
        foreach (var migration in known.Where(m => !recorded.Contains(m.Version)))
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @At)",
                    new { migration.Version, migration.Name, At = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
                    tx,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException ex)
            {
                throw new StoreException($"Migration {migration.Name} failed: {ex.Message}", ex);
            }

            applied.Add(migration);
        }

        return applied;
    }
}

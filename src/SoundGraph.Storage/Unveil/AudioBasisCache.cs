using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace SoundGraph.Storage.Unveil;

/// <summary>
/// The audio "why"'s z-score bases (<see cref="AudioExplainerBases"/>: mean and standard deviation of every audio
/// dimension over the whole store) per open SQLite connection, reused while the store is unchanged, so that each track
/// report does not aggregate every <c>audio_features</c> row again (7 ms of a heavy track report's 14 ms on the demo store).
/// </summary>
/// <remarks>
/// A basis is reused only on the same SQLite handle (pooled connections keep theirs between requests) and only while
/// both <c>PRAGMA data_version</c> (which changes when another connection commits) and <c>total_changes()</c> (rows
/// this connection changed itself) are what they were when it was read: any write since then, to any table, reads the
/// statistics again, so a report is the same as without the cache. PostgreSQL has no such cheap stamp and reads them
/// every time. Entries go with their handles (<see cref="ConditionalWeakTable{TKey, TValue}"/>).
/// <see cref="Shared"/> is a static, against the "no mutable statics" convention as <see cref="Models.EmbeddingCache"/>
/// is: it holds immutable snapshots keyed by connection and store version, so no caller can change what another reads.
/// </remarks>
internal sealed class AudioBasisCache
{
    /// <summary>The process-wide cache.</summary>
    public static AudioBasisCache Shared { get; } = new();

    private readonly ConditionalWeakTable<object, Entry> _entries = new();

    /// <summary>The stamp of <paramref name="connection"/>'s store state and the bases cached for it, or (null, null)
    /// when the connection is not SQLite.</summary>
    public async Task<(Stamp? Stamp, AudioExplainerBases? Bases)> TryGetAsync(System.Data.Common.DbConnection connection, CancellationToken ct)
    {
        if (HandleOf(connection) is not { } handle)
        {
            return (null, null);
        }

        var stamp = await connection.QuerySingleAsync<Stamp>(new CommandDefinition(
            "SELECT data_version AS DataVersion, total_changes() AS TotalChanges FROM pragma_data_version",
            cancellationToken: ct)).ConfigureAwait(false);
        return (stamp, _entries.TryGetValue(handle, out var e) && e.Stamp == stamp ? e.Bases : null);
    }

    /// <summary>Keeps <paramref name="bases"/>, read at <paramref name="stamp"/>, for <paramref name="connection"/>.</summary>
    public void Set(System.Data.Common.DbConnection connection, Stamp stamp, AudioExplainerBases bases)
    {
        if (HandleOf(connection) is { } handle)
        {
            _entries.AddOrUpdate(handle, new Entry(stamp, bases));
        }
    }

    /// <summary>The SQLite handle under <paramref name="connection"/> (a statement-caching one included), or null.</summary>
    private static SQLitePCL.sqlite3? HandleOf(System.Data.Common.DbConnection connection) => connection switch
    {
        SqliteConnection sqlite => sqlite.Handle,
        Sqlite.StatementCachingConnection cached => cached.Inner.Handle,
        _ => null,
    };

    /// <summary>A SQLite connection's view of the store's version.</summary>
    internal sealed record Stamp(long DataVersion, long TotalChanges);

    private sealed record Entry(Stamp Stamp, AudioExplainerBases Bases);
}

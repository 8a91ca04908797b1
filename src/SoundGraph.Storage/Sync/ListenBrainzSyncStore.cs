using System.Data.Common;
using System.Globalization;
using Dapper;

namespace SoundGraph.Storage.Sync;

/// <summary>Where the sync of one ListenBrainz user stands (a row of <c>listenbrainz_sync</c>, migration 0007).</summary>
/// <param name="UserName">The ListenBrainz user name.</param>
/// <param name="NewestTs">Newest <c>listened_at</c> stored (unix s); null before the first stored page.</param>
/// <param name="BackfillMaxTs">The exclusive <c>max_ts</c> (unix s) of the next page of the walk back; null: from the newest listen.</param>
/// <param name="BackfillDone">True once the walk back reached the oldest listen (or <paramref name="MinTs"/>).</param>
/// <param name="MinTs">The walk back's exclusive lower bound (unix s); null: all listens.</param>
/// <param name="ListensStored">Listens stored by syncs of this user (rows inserted or changed).</param>
public sealed record ListenBrainzCursor(string UserName, long? NewestTs, long? BackfillMaxTs, bool BackfillDone, long? MinTs, long ListensStored);

/// <summary>Reads and writes <c>listenbrainz_sync</c> with portable SQL (both providers).</summary>
/// <remarks>Not thread-safe: one store connection serves one caller at a time.</remarks>
public sealed class ListenBrainzSyncStore
{
    private readonly DbConnection _connection;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over an open, migrated connection (<see cref="SoundGraphStore.Connection"/>).</summary>
    /// <param name="connection">The store's connection.</param>
    /// <param name="timeProvider">Clock for <c>updated_at</c>; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    public ListenBrainzSyncStore(DbConnection connection, TimeProvider? timeProvider = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The cursor of <paramref name="userName"/>, or null when it was never synced.</summary>
    /// <param name="userName">The ListenBrainz user name.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The cursor or null.</returns>
    public async Task<ListenBrainzCursor?> GetAsync(string userName, CancellationToken cancellationToken = default)
    {
        var row = await _connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT user_name AS UserName, newest_ts AS NewestTs, backfill_max_ts AS BackfillMaxTs, backfill_done AS BackfillDone,
                   min_ts AS MinTs, listens_stored AS ListensStored
            FROM listenbrainz_sync WHERE user_name = @userName
            """,
            new { userName },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : new ListenBrainzCursor(row.UserName, row.NewestTs, row.BackfillMaxTs, row.BackfillDone != 0, row.MinTs, row.ListensStored);
    }

    /// <summary>Writes the cursor (insert or replace).</summary>
    /// <param name="cursor">The cursor.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>A task that completes when the row is written.</returns>
    public Task SaveAsync(ListenBrainzCursor cursor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        return _connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO listenbrainz_sync (user_name, newest_ts, backfill_max_ts, backfill_done, min_ts, listens_stored, updated_at)
            VALUES (@UserName, @NewestTs, @BackfillMaxTs, @done, @MinTs, @ListensStored, @at)
            ON CONFLICT (user_name) DO UPDATE SET newest_ts = excluded.newest_ts, backfill_max_ts = excluded.backfill_max_ts,
                backfill_done = excluded.backfill_done, min_ts = excluded.min_ts, listens_stored = excluded.listens_stored,
                updated_at = excluded.updated_at
            """,
            new
            {
                cursor.UserName,
                cursor.NewestTs,
                cursor.BackfillMaxTs,
                done = cursor.BackfillDone ? 1 : 0,
                cursor.MinTs,
                cursor.ListensStored,
                at = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            },
            cancellationToken: cancellationToken));
    }

    private sealed class Row
    {
        public string UserName { get; set; } = string.Empty;

        public long? NewestTs { get; set; }

        public long? BackfillMaxTs { get; set; }

        public long BackfillDone { get; set; }

        public long? MinTs { get; set; }

        public long ListensStored { get; set; }
    }
}

using System.Data.Common;
using System.Globalization;
using Dapper;

namespace SoundGraph.Storage.Sync;

/// <summary>Where the sync of one Last.fm user stands (a row of <c>lastfm_sync</c>, migration 0009).</summary>
/// <param name="UserName">The Last.fm user name.</param>
/// <param name="NewestUts">Newest scrobble time stored (<c>date.uts</c>, unix s); null before the first stored page.</param>
/// <param name="WalkFrom">The walk's <c>from</c> (unix s); null: the whole history.</param>
/// <param name="WalkTo">The walk's <c>to</c> (unix s), pinned when the walk started; null when no walk was started.</param>
/// <param name="NextPage">Next page (1-based) of the walk in progress; null: no walk in progress.</param>
/// <param name="TotalPages">The walk's <c>@attr.totalPages</c> (from its first page); null before it.</param>
/// <param name="ScrobblesStored">Listens stored by syncs of this user (rows inserted or changed).</param>
public sealed record LastFmCursor(string UserName, long? NewestUts, long? WalkFrom, long? WalkTo, int? NextPage, int? TotalPages, long ScrobblesStored)
{
    /// <summary>True while a walk is in progress (a killed sync resumes it at <see cref="NextPage"/>).</summary>
    public bool WalkInProgress => NextPage is not null;
}

/// <summary>Reads and writes <c>lastfm_sync</c> with portable SQL (both providers).</summary>
/// <remarks>Not thread-safe: one store connection serves one caller at a time.</remarks>
public sealed class LastFmSyncStore
{
    private readonly DbConnection _connection;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over an open, migrated connection (<see cref="SoundGraphStore.Connection"/>).</summary>
    /// <param name="connection">The store's connection.</param>
    /// <param name="timeProvider">Clock for <c>updated_at</c>; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    public LastFmSyncStore(DbConnection connection, TimeProvider? timeProvider = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The cursor of <paramref name="userName"/>, or null when it was never synced.</summary>
    /// <param name="userName">The Last.fm user name.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The cursor or null.</returns>
    public async Task<LastFmCursor?> GetAsync(string userName, CancellationToken cancellationToken = default)
    {
        var row = await _connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT user_name AS UserName, newest_uts AS NewestUts, walk_from AS WalkFrom, walk_to AS WalkTo,
                   next_page AS NextPage, total_pages AS TotalPages, scrobbles_stored AS ScrobblesStored
            FROM lastfm_sync WHERE user_name = @userName
            """,
            new { userName },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null
            ? null
            : new LastFmCursor(row.UserName, row.NewestUts, row.WalkFrom, row.WalkTo, (int?)row.NextPage, (int?)row.TotalPages, row.ScrobblesStored);
    }

    /// <summary>Writes the cursor (insert or replace).</summary>
    /// <param name="cursor">The cursor.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>A task that completes when the row is written.</returns>
    public Task SaveAsync(LastFmCursor cursor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        return _connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO lastfm_sync (user_name, newest_uts, walk_from, walk_to, next_page, total_pages, scrobbles_stored, updated_at)
            VALUES (@UserName, @NewestUts, @WalkFrom, @WalkTo, @next, @total, @ScrobblesStored, @at)
            ON CONFLICT (user_name) DO UPDATE SET newest_uts = excluded.newest_uts, walk_from = excluded.walk_from,
                walk_to = excluded.walk_to, next_page = excluded.next_page, total_pages = excluded.total_pages,
                scrobbles_stored = excluded.scrobbles_stored, updated_at = excluded.updated_at
            """,
            new
            {
                cursor.UserName,
                cursor.NewestUts,
                cursor.WalkFrom,
                cursor.WalkTo,
                next = (long?)cursor.NextPage,
                total = (long?)cursor.TotalPages,
                cursor.ScrobblesStored,
                at = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            },
            cancellationToken: cancellationToken));
    }

    private sealed class Row
    {
        public string UserName { get; set; } = string.Empty;

        public long? NewestUts { get; set; }

        public long? WalkFrom { get; set; }

        public long? WalkTo { get; set; }

        public long? NextPage { get; set; }

        public long? TotalPages { get; set; }

        public long ScrobblesStored { get; set; }
    }
}

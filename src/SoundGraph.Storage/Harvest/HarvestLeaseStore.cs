using System.Data.Common;
using System.Globalization;
using Dapper;
using Npgsql;

namespace SoundGraph.Storage.Harvest;

/// <summary>A walk claimed by a worker (<see cref="HarvestLeaseStore.ClaimAsync"/>).</summary>
/// <param name="Task">The walk, with the cursor and counters stored by whoever walked it last.</param>
/// <param name="PreviousOwner">The worker whose lease had run out when this one took the walk over, or null when the
/// walk was unclaimed.</param>
public sealed record ClaimedWalk(FrontierTask Task, string? PreviousOwner);

/// <summary>Claims and leases on a harvest run's frontier, so several <c>sgr harvest</c> workers (separate processes,
/// machines and credentials) share one run on one PostgreSQL database (migration 0015_harvest_leases).</summary>
/// <remarks>
/// <para>A worker claims one pending walk at a time with <c>SELECT … FOR UPDATE SKIP LOCKED</c>: two workers never
/// claim the same walk, and neither waits for the other's row lock. A claim sets <c>claimed_by</c> and
/// <c>lease_until</c> = the database's <c>now()</c> + the lease; the worker renews its leases while it walks
/// (<see cref="RenewAsync"/>) and every <see cref="AdvanceAsync"/> renews the walk's lease too. A walk whose lease has
/// run out (its worker was killed or lost the database) is claimable again and continues from its stored cursor.
/// Times are the database server's clock only, so the workers' clocks never matter.</para>
/// <para>A worker name is one process at a time: a worker that starts releases the claims left under its own name
/// (<see cref="ReleaseAsync"/>), so a killed worker restarted under its name continues its walks at once.</para>
/// <para>PostgreSQL only (SQLite has no row locks to skip); not thread-safe, like every store over one connection.</para>
/// </remarks>
public sealed class HarvestLeaseStore
{
    /// <summary>The session advisory lock that serializes finding or starting a shared run ("SGHARVST").</summary>
    private const long JoinLockKey = 0x5347484152565354;

    private readonly DbConnection _connection;
    private readonly HarvestStore _runs;
    private readonly string _location;
    private readonly TimeProvider _time;

    /// <summary>Creates the lease store over a PostgreSQL store's connection.</summary>
    /// <exception cref="NotSupportedException">The store is SQLite (the message is the sentence a user reads).</exception>
    public HarvestLeaseStore(SoundGraphStore store, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Connection is not NpgsqlConnection)
        {
            throw new NotSupportedException(NeedsPostgres);
        }

        _connection = store.Connection;
        _location = store.Location.Value;
        _runs = store.Harvest;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The session advisory lock that lets one worker at a time write a catalog batch ("SGHVWRIT").</summary>
    private const long WriteLockKey = 0x5347485657524954;

    /// <summary>The one-sentence error for several workers on SQLite.</summary>
    public const string NeedsPostgres =
        "Several harvest workers share a run only on PostgreSQL: give --db a PostgreSQL connection string (Host=…), or drop --join/--worker for a single-worker harvest.";

    /// <summary>Finds the unfinished run of this seed and configuration, or starts it, under an advisory lock, so
    /// workers that start at the same moment join one run. With <paramref name="restart"/> the unfinished runs are
    /// abandoned first (give <c>--restart</c> to one worker only).</summary>
    /// <returns>The run, and whether it existed already.</returns>
    public async Task<(HarvestRun Run, bool Joined)> JoinRunAsync(
        string source, string seed, string configHash, string configJson, bool restart, CancellationToken cancellationToken = default)
    {
        await _connection.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_lock({JoinLockKey})", cancellationToken: cancellationToken)).ConfigureAwait(false);
        try
        {
            if (restart)
            {
                await _runs.AbandonRunsAsync(source, seed, configHash, cancellationToken).ConfigureAwait(false);
            }

            var run = restart ? null : await _runs.FindUnfinishedRunAsync(source, seed, configHash, cancellationToken).ConfigureAwait(false);
            return run is not null
                ? (run, true)
                : (await _runs.StartRunAsync(source, seed, configHash, configJson, cancellationToken).ConfigureAwait(false), false);
        }
        finally
        {
            await _connection.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_unlock({JoinLockKey})", cancellationToken: CancellationToken.None)).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="write"/> (a catalog batch's transaction) while holding a database-wide advisory lock,
    /// so the workers of a shared run write one batch at a time, as the threads of one harvest do. The catalog writers
    /// upsert through staging tables and replace link sets, which two concurrent transactions on overlapping rows would
    /// deadlock on or interleave. A killed worker's lock goes with its connection.</summary>
    public async Task WriteExclusivelyAsync(Func<Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        await _connection.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_lock({WriteLockKey})", cancellationToken: cancellationToken)).ConfigureAwait(false);
        try
        {
            await write().ConfigureAwait(false);
        }
        finally
        {
            await _connection.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_unlock({WriteLockKey})", cancellationToken: CancellationToken.None)).ConfigureAwait(false);
        }
    }

    /// <summary>The run with this id, or null.</summary>
    public async Task<HarvestRun?> FindRunAsync(long runId, CancellationToken cancellationToken = default) =>
        await _connection.QuerySingleOrDefaultAsync<HarvestRun>(new CommandDefinition(
            "SELECT id AS Id, source AS Source, seed AS Seed, config_hash AS ConfigHash, status AS Status, started_at AS StartedAt FROM harvest_runs WHERE id = @runId",
            new { runId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);

    /// <summary>Claims one pending walk of the run that nobody holds, or whose holder's lease has run out (never one of
    /// <paramref name="worker"/>'s own: it is still walking those), in task-key order.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="worker">This worker's name (<c>claimed_by</c>).</param>
    /// <param name="lease">How long the claim holds without renewal; 1 s – 1 h.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The walk with its stored cursor, or null when no walk is claimable now (all done, or all held).</returns>
    public async Task<ClaimedWalk?> ClaimAsync(long runId, string worker, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var rows = await _connection.QueryAsync<(string Task, string Layer, string Endpoint, string? Arg, long MaxItems, string? Cursor, long Kept, long Scanned, long Status, string? Previous)>(
            new CommandDefinition(
                """
                WITH c AS (
                    SELECT run_id, task, claimed_by AS previous FROM harvest_frontier
                    WHERE run_id = @runId AND status = 0
                      AND (claimed_by IS NULL OR (lease_until < now() AND claimed_by <> @worker))
                    ORDER BY task LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                UPDATE harvest_frontier f SET claimed_by = @worker, lease_until = now() + make_interval(secs => @seconds), updated_at = @at
                FROM c WHERE f.run_id = c.run_id AND f.task = c.task
                RETURNING f.task, f.layer, f.endpoint, f.arg, f.max_items, f.cursor, f.kept, f.scanned, f.status, c.previous
                """,
                new { runId, worker, seconds = Seconds(lease), at = Now() },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new ClaimedWalk(new FrontierTask(r.Task, r.Layer, r.Endpoint, r.Arg, r.MaxItems, r.Cursor, r.Kept, r.Scanned, (FrontierStatus)r.Status), r.Previous))
            .SingleOrDefault();
    }

    /// <summary>Extends the lease of every pending walk <paramref name="worker"/> holds to now + <paramref name="lease"/>.</summary>
    /// <returns>Walks renewed.</returns>
    public Task<int> RenewAsync(long runId, string worker, TimeSpan lease, CancellationToken cancellationToken = default) =>
        RenewOn(_connection, runId, worker, lease, cancellationToken);

    /// <summary>Opens a second connection to the same database that renews this worker's leases
    /// (<see cref="HarvestLeaseRenewer"/>), so renewals never queue behind the store connection's writes.</summary>
    public async Task<HarvestLeaseRenewer> OpenRenewerAsync(CancellationToken cancellationToken = default) =>
        new(await Postgres.PostgresDatabase.OpenAsync(_location, cancellationToken).ConfigureAwait(false));

    internal static Task<int> RenewOn(DbConnection connection, long runId, string worker, TimeSpan lease, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE harvest_frontier SET lease_until = now() + make_interval(secs => @seconds) WHERE run_id = @runId AND claimed_by = @worker AND status = 0",
            new { runId, worker, seconds = Seconds(lease) },
            cancellationToken: cancellationToken));

    /// <summary>Records a claimed walk's progress after a page was stored (as <see cref="HarvestStore.AdvanceAsync"/>) and
    /// renews its lease, only while <paramref name="worker"/> still holds it.</summary>
    /// <returns>False when another worker has taken the walk over (this worker's lease had run out): stop walking it.</returns>
    public async Task<bool> AdvanceAsync(
        long runId, string task, string worker, string? cursor, long kept, long scanned, FrontierStatus status, TimeSpan lease, CancellationToken cancellationToken = default) =>
        await _connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE harvest_frontier SET cursor = @cursor, kept = @kept, scanned = @scanned, status = @status, updated_at = @at,
                lease_until = now() + make_interval(secs => @seconds)
            WHERE run_id = @runId AND task = @task AND claimed_by = @worker
            """,
            new { runId, task, worker, cursor, kept, scanned, status = (long)status, seconds = Seconds(lease), at = Now() },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;

    /// <summary>Gives up every pending walk <paramref name="worker"/> holds, so other workers claim them at once (a worker
    /// that stops, fails or starts again under its name).</summary>
    /// <returns>Walks released.</returns>
    public Task<int> ReleaseAsync(long runId, string worker, CancellationToken cancellationToken = default) =>
        _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE harvest_frontier SET claimed_by = NULL, lease_until = NULL WHERE run_id = @runId AND claimed_by = @worker AND status = 0",
            new { runId, worker },
            cancellationToken: cancellationToken));

    /// <summary>Pending walks of the run, held or not: 0 means the run has nothing left to do anywhere.</summary>
    public Task<long> CountPendingAsync(long runId, CancellationToken cancellationToken = default) =>
        _connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM harvest_frontier WHERE run_id = @runId AND status = 0", new { runId }, cancellationToken: cancellationToken));

    /// <summary>Marks the run finished with <paramref name="statsJson"/> unless another worker already did.</summary>
    /// <returns>True when this call finished it.</returns>
    public async Task<bool> FinishRunAsync(long runId, string statsJson, CancellationToken cancellationToken = default) =>
        await _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE harvest_runs SET status = 'finished', finished_at = @at, stats_json = @statsJson WHERE id = @runId AND status = 'running'",
            new { runId, statsJson, at = Now() },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;

    private static double Seconds(TimeSpan lease)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lease, TimeSpan.FromSeconds(1), nameof(lease));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lease, TimeSpan.FromHours(1), nameof(lease));
        return lease.TotalSeconds;
    }

    private string Now() => _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

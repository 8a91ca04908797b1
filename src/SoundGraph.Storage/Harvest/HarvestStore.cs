using System.Data.Common;
using System.Globalization;
using Dapper;

namespace SoundGraph.Storage.Harvest;

/// <summary>A harvest run: one crawl of one seed with one configuration.</summary>
/// <param name="Id">Run id.</param>
/// <param name="Source">Source name ("soundcloud").</param>
/// <param name="Seed">The seed as given (normalized).</param>
/// <param name="ConfigHash">SHA-256 (hex) of the configuration.</param>
/// <param name="Status"><c>running</c>, <c>finished</c> or <c>abandoned</c> (replaced by a restart).</param>
/// <param name="StartedAt">Start time, ISO 8601 UTC.</param>
public sealed record HarvestRun(long Id, string Source, string Seed, string ConfigHash, string Status, string StartedAt);

/// <summary>Status of a frontier task.</summary>
public enum FrontierStatus
{
    /// <summary>Not finished: its walk continues at <see cref="FrontierTask.Cursor"/> (or starts at the endpoint).</summary>
    Pending = 0,

    /// <summary>The walk ended (last page, or enough items kept).</summary>
    Done = 1,

    /// <summary>The resource is gone or private (404/403): recorded, not retried.</summary>
    Gone = 2,
}

/// <summary>One collection walk of a run (a row of <c>harvest_frontier</c>).</summary>
/// <param name="Task">Stable task key within the run, e.g. <c>likes:5012</c>.</param>
/// <param name="Layer">Layer that owns it.</param>
/// <param name="Endpoint">First-page path.</param>
/// <param name="Arg">Task argument (label, entity name, search filter), or null.</param>
/// <param name="MaxItems">Items to keep from the walk.</param>
/// <param name="Cursor">next_href of the next page; null = start at <paramref name="Endpoint"/>.</param>
/// <param name="Kept">Items kept so far.</param>
/// <param name="Scanned">Items seen so far.</param>
/// <param name="Status">Status.</param>
public sealed record FrontierTask(string Task, string Layer, string Endpoint, string? Arg, long MaxItems, string? Cursor = null, long Kept = 0, long Scanned = 0, FrontierStatus Status = FrontierStatus.Pending);

/// <summary>Persists harvest runs and their frontiers (<c>harvest_runs</c>, <c>harvest_frontier</c>), so a killed
/// harvest resumes at the page where it stopped. Portable SQL through Dapper on both providers.</summary>
/// <remarks>Not thread-safe: one store connection serves one caller at a time (the harvest engine serializes its store work).</remarks>
public sealed class HarvestStore
{
    private readonly DbConnection _connection;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over an open, migrated connection.</summary>
    public HarvestStore(DbConnection connection, TimeProvider? timeProvider = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The newest unfinished run of this seed and configuration, or null.</summary>
    public async Task<HarvestRun?> FindUnfinishedRunAsync(string source, string seed, string configHash, CancellationToken cancellationToken = default) =>
        await _connection.QuerySingleOrDefaultAsync<HarvestRun>(new CommandDefinition(
            """
            SELECT id AS Id, source AS Source, seed AS Seed, config_hash AS ConfigHash, status AS Status, started_at AS StartedAt
            FROM harvest_runs WHERE source = @source AND seed = @seed AND config_hash = @configHash AND status = 'running'
            ORDER BY id DESC LIMIT 1
            """,
            new { source, seed, configHash },
            cancellationToken: cancellationToken)).ConfigureAwait(false);

    /// <summary>Marks every unfinished run of this seed and configuration <c>abandoned</c> (<c>--restart</c>), so a later
    /// plain run does not resume one of them.</summary>
    /// <returns>Runs abandoned.</returns>
    public Task<int> AbandonRunsAsync(string source, string seed, string configHash, CancellationToken cancellationToken = default) =>
        _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE harvest_runs SET status = 'abandoned', finished_at = @at WHERE source = @source AND seed = @seed AND config_hash = @configHash AND status = 'running'",
            new { source, seed, configHash, at = Now() },
            cancellationToken: cancellationToken));

    /// <summary>Starts a run.</summary>
    public async Task<HarvestRun> StartRunAsync(string source, string seed, string configHash, string configJson, CancellationToken cancellationToken = default)
    {
        var startedAt = Now();
        var id = await _connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO harvest_runs (source, seed, config_hash, config_json, status, started_at)
            VALUES (@source, @seed, @configHash, @configJson, 'running', @startedAt) RETURNING id
            """,
            new { source, seed, configHash, configJson, startedAt },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new HarvestRun(id, source, seed, configHash, "running", startedAt);
    }

    /// <summary>Marks a run finished and stores its final statistics (JSON).</summary>
    public Task FinishRunAsync(long runId, string statsJson, CancellationToken cancellationToken = default) =>
        _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE harvest_runs SET status = 'finished', finished_at = @at, stats_json = @statsJson WHERE id = @runId",
            new { runId, statsJson, at = Now() },
            cancellationToken: cancellationToken));

    /// <summary>Adds tasks to a run's frontier; a task key already present is left as it is (a walk found twice is walked
    /// once).</summary>
    /// <returns>Tasks actually added.</returns>
    public async Task<IReadOnlyList<FrontierTask>> AddTasksAsync(long runId, IEnumerable<FrontierTask> tasks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var added = new List<FrontierTask>();
        var at = Now();
        await using var tx = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var t in tasks)
        {
            var n = await _connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO harvest_frontier (run_id, task, layer, endpoint, arg, max_items, cursor, kept, scanned, status, updated_at)
                VALUES (@runId, @Task, @Layer, @Endpoint, @Arg, @MaxItems, NULL, 0, 0, 0, @at)
                ON CONFLICT (run_id, task) DO NOTHING
                """,
                new { runId, t.Task, t.Layer, t.Endpoint, t.Arg, t.MaxItems, at },
                tx,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (n > 0)
            {
                added.Add(t);
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }

    /// <summary>Records a walk's progress after a page was stored: the next cursor, counters and status.</summary>
    public Task AdvanceAsync(long runId, string task, string? cursor, long kept, long scanned, FrontierStatus status, CancellationToken cancellationToken = default) =>
        _connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE harvest_frontier SET cursor = @cursor, kept = @kept, scanned = @scanned, status = @status, updated_at = @at
            WHERE run_id = @runId AND task = @task
            """,
            new { runId, task, cursor, kept, scanned, status = (long)status, at = Now() },
            cancellationToken: cancellationToken));

    /// <summary>Every task of a run, in task-key order.</summary>
    public async Task<IReadOnlyList<FrontierTask>> LoadTasksAsync(long runId, CancellationToken cancellationToken = default)
    {
        var rows = await _connection.QueryAsync<(string Task, string Layer, string Endpoint, string? Arg, long MaxItems, string? Cursor, long Kept, long Scanned, long Status)>(
            new CommandDefinition(
                "SELECT task, layer, endpoint, arg, max_items, cursor, kept, scanned, status FROM harvest_frontier WHERE run_id = @runId ORDER BY task",
                new { runId },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new FrontierTask(r.Task, r.Layer, r.Endpoint, r.Arg, r.MaxItems, r.Cursor, r.Kept, r.Scanned, (FrontierStatus)r.Status)).ToList();
    }

    private string Now() => _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

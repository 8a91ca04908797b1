using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SoundGraph.Core.Catalog;
using SoundGraph.Ingest.Sources.SoundCloud;
using SoundGraph.Ingest.Sources.SoundCloud.Dto;
using SoundGraph.Storage;
using SoundGraph.Storage.Harvest;

namespace SoundGraph.Ingest.Harvest;

/// <summary>
/// SoundGraph's Deep Harvest: from a seed track, walks the seven layers (<see cref="HarvestOptions"/>) through the
/// SoundCloud API and stores everything it finds. Spill-first: the client hands every response body to the raw spill
/// before it is parsed; each page is upserted into the store before the walk's cursor advances, and relations are built
/// afterwards by <c>sgr relate</c>. The frontier (<c>harvest_frontier</c>) holds every walk with the cursor of its next
/// page, so a killed harvest resumes where it stopped and re-fetches at most one page per walk; upserts on natural keys make
/// that page, and a whole re-run, leave the same rows.
/// </summary>
/// <remarks>Walks run concurrently (<see cref="HarvestRequest.Workers"/>) and the client spaces requests; the store is
/// written by one walk at a time. Every limit bounds one walk, so the rows kept do not depend on which walk finishes
/// first: a concurrent, resumed or repeated run keeps exactly the rows of an uninterrupted one. One exception: when two
/// tracks spell one title-credited artist or one label differently ("Monstercat", "MONSTERCAT"), the display name kept
/// follows the order the walks stored them (the store keeps an artist's first and a label's last spelling); keys, links
/// and counts do not. The statistics of a resumed run cover the session that finished it.</remarks>
public sealed partial class HarvestEngine : IDisposable
{
    /// <summary>The source name of harvested records (<see cref="Core.Import.SourcePrecedence"/>).</summary>
    private const string HarvestSource = "soundcloud";

    private readonly SoundGraphStore _store;
    private readonly SoundCloudClient _client;
    private readonly HarvestOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _storeGate = new(1, 1);
    private readonly SpillWriter? _spill;

    /// <summary>Set while this engine is one worker of a shared run: its catalog writes take the run-wide write lock.</summary>
    private HarvestLeaseStore? _sharedWrites;

    /// <summary>A walk ends after this many empty pages in a row, whatever their next_href says (as the client's walks do).</summary>
    private const int MaxEmptyPages = 5;

    /// <summary>Creates the engine.</summary>
    /// <param name="store">The store harvested data and the frontier go to.</param>
    /// <param name="client">The SoundCloud client (constructed with <paramref name="spill"/> as its response sink).</param>
    /// <param name="options">Layer options.</param>
    /// <param name="spill">The raw spill the client writes to, so its lines carry the run id; null when there is none.</param>
    /// <param name="logger">Logger.</param>
    public HarvestEngine(SoundGraphStore store, SoundCloudClient client, HarvestOptions options, SpillWriter? spill = null, ILogger? logger = null)
    {
        _spill = spill;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _options.Validate();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public void Dispose() => _storeGate.Dispose();

    /// <summary>Live per-layer progress.</summary>
    public HarvestProgress Progress { get; } = new();

    /// <summary>Runs (or resumes) a harvest of <paramref name="request"/>'s seed.</summary>
    /// <exception cref="HarvestException">The seed is unknown, private or not a track; or, for a shared run
    /// (<see cref="HarvestRequest.Worker"/>), the store is SQLite, or the named run does not exist, is not running or has
    /// another configuration.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the frontier keeps the progress, and the same command resumes.</exception>
    public async Task<HarvestResult> RunAsync(HarvestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Workers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Workers, "Workers must be at least 1.");
        }

        var watch = Stopwatch.StartNew();
        request.Worker?.Validate();
        // Several workers share a run only through PostgreSQL's row locks: refused before any request is made.
        var leases = request.Worker is null ? null : OpenLeases();
        _sharedWrites = leases;
        var joinRun = request.Worker?.RunId is { } runId ? await FindRunToJoinAsync(leases!, runId, cancellationToken).ConfigureAwait(false) : null;
        var seed = await ResolveSeedAsync(joinRun is null ? request.Seed : SeedOf(joinRun), cancellationToken).ConfigureAwait(false);
        var seedKey = SoundCloudRecords.TrackKey(seed.Id);
        // The API's authority is part of the run's identity: a run is never resumed against another server, whose
        // cursors would point elsewhere.
        var hash = _options.Hash(_client.Options.ApiBaseUri.GetLeftPart(UriPartial.Authority));
        var (run, resumed) = leases is null
            ? await FindOrStartRunAsync(request, seedKey, hash, cancellationToken).ConfigureAwait(false)
            : await JoinRunAsync(leases, joinRun, request, seedKey, hash, cancellationToken).ConfigureAwait(false);
        if (_spill is not null)
        {
            _spill.RunId = run.Id;
        }

        var stats = new HarvestStats();
        var seedBatch = new CatalogBatch { Source = HarvestSource };
        SoundCloudRecords.AddTrack(seedBatch, seed);
        await WriteAsync(seedBatch, stats, cancellationToken).ConfigureAwait(false);
        var initial = HarvestTasks.FromSeed(seed, _options);
        stats.AddEntities(initial.Count(t => t.Layer == "entities"));
        await _store.Harvest.AddTasksAsync(run.Id, initial, cancellationToken).ConfigureAwait(false);
        var frontier = leases is null
            ? await OpenLocalFrontierAsync(run.Id, resumed, cancellationToken).ConfigureAwait(false)
            : await OpenSharedFrontierAsync(leases, run.Id, request.Worker!, resumed, cancellationToken).ConfigureAwait(false);
        try
        {
            await RunWalksAsync(new WalkContext(run.Id, seed, stats, frontier), request.Workers, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (frontier is IAsyncDisposable shared)
            {
                await shared.DisposeAsync().ConfigureAwait(false);
            }
        }

        var clientStats = _client.Stats;
        stats.Requests = clientStats.Requests;
        stats.Retries = clientStats.Retries;
        stats.RateLimited = clientStats.RateLimited;
        stats.Seconds = watch.Elapsed.TotalSeconds;
        if (leases is null)
        {
            await _store.Harvest.FinishRunAsync(run.Id, StatsJson(stats), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // The first worker to find nothing pending marks the run finished with its own statistics.
            await leases.FinishRunAsync(run.Id, StatsJson(stats), cancellationToken).ConfigureAwait(false);
        }

        return new HarvestResult(run.Id, resumed, seed, stats);
    }

    private async Task<(HarvestRun Run, bool Resumed)> FindOrStartRunAsync(HarvestRequest request, string seedKey, string hash, CancellationToken ct)
    {
        if (request.Restart)
        {
            await _store.Harvest.AbandonRunsAsync("soundcloud", seedKey, hash, ct).ConfigureAwait(false);
        }

        var run = request.Restart ? null : await _store.Harvest.FindUnfinishedRunAsync("soundcloud", seedKey, hash, ct).ConfigureAwait(false);
        return run is not null ? (run, true) : (await _store.Harvest.StartRunAsync("soundcloud", seedKey, hash, _options.ToJson(), ct).ConfigureAwait(false), false);
    }

    private async Task<IWalkFrontier> OpenLocalFrontierAsync(long runId, bool resumed, CancellationToken ct)
    {
        var all = await _store.Harvest.LoadTasksAsync(runId, ct).ConfigureAwait(false);
        foreach (var t in all)
        {
            Progress.Layer(t.Layer).AddWalks(1);
            if (t.Status != FrontierStatus.Pending)
            {
                Progress.Layer(t.Layer).WalkDone();
            }
        }

        var pending = all.Where(t => t.Status == FrontierStatus.Pending).ToList();
        HarvestLog.RunStarted(_logger, runId, resumed ? "resumed" : "started", pending.Count);
        var frontier = new LocalFrontier(_store, runId, _storeGate, Progress);
        frontier.Add(pending);
        return frontier;
    }

    private async Task RunWalksAsync(WalkContext context, int workers, CancellationToken cancellationToken)
    {
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = Enumerable.Range(0, workers).Select(_ => WorkAsync(context, failFast, failFast.Token)).ToList();
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.Frontier.Failure is not null)
        {
            // the other workers stopped because one walk failed: report that failure
        }

        if (context.Frontier.Failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    private async Task<ScTrack> ResolveSeedAsync(string seed, CancellationToken ct)
    {
        var parsed = HarvestSeed.Parse(seed);
        if (parsed.TrackId is { } id)
        {
            return await _client.GetTrackAsync(id, ct).ConfigureAwait(false)
                ?? throw new HarvestException($"SoundCloud track {id} was not found or is private.");
        }

        var resolved = await _client.ResolveAsync(parsed.Url!, ct).ConfigureAwait(false)
            ?? throw new HarvestException($"SoundCloud could not resolve {parsed.Url} (404).");
        return resolved.Track ?? throw new HarvestException($"{parsed.Url} is a SoundCloud {resolved.Kind}, not a track; give a track URL.");
    }

    // A walk that fails (retries exhausted, an answer of the wrong shape) stops every worker at once: its walk stays
    // pending in the frontier, so the same command resumes once the cause is fixed.
    private async Task WorkAsync(WalkContext context, CancellationTokenSource failFast, CancellationToken ct)
    {
        while (await context.Frontier.NextAsync(ct).ConfigureAwait(false) is { } task)
        {
            try
            {
                await WalkAsync(context, task, ct).ConfigureAwait(false);
                Progress.Layer(task.Layer).WalkDone();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                context.Frontier.Fail(e);
                await failFast.CancelAsync().ConfigureAwait(false);
                return;
            }
            finally
            {
                context.Frontier.Completed();
            }
        }
    }

    private async Task WalkAsync(WalkContext context, FrontierTask task, CancellationToken ct)
    {
        var kind = HarvestTasks.KindOf(task.Task);
        if (kind == HarvestTasks.Mention)
        {
            await ResolveMentionAsync(context, task, ct).ConfigureAwait(false);
            return;
        }

        var scanLimit = HarvestTasks.ScanLimit(task, _options);
        var cursor = task.Cursor;
        var kept = task.Kept;
        var scanned = task.Scanned;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var emptyPages = 0;
        while (true)
        {
            var url = cursor ?? task.Endpoint;
            seen.Add(url);
            var page = await FetchAsync(kind, url, ct).ConfigureAwait(false);
            if (page is null)
            {
                await context.Frontier.AdvanceAsync(task, null, kept, scanned, FrontierStatus.Gone, [], ct).ConfigureAwait(false);
                return;
            }

            var batch = new CatalogBatch { Source = HarvestSource };
            var children = new List<FrontierTask>();
            var take = (int)Math.Min(page.Count, scanLimit - scanned);
            var keptBefore = kept;
            kept += HarvestPageHandler.Handle(kind, task, page.Items.Take(take), batch, children, context.Seed, _options, (int)(task.MaxItems - kept));
            scanned += take;
            var next = page.NextHref;
            emptyPages = page.Count == 0 ? emptyPages + 1 : 0;
            var done = next is null || scanned >= scanLimit || kept >= task.MaxItems;
            if (!done && !seen.Add(next!))
            {
                HarvestLog.WalkLoop(_logger, task.Task);
                done = true;
            }
            else if (!done && !_client.IsOnApiHost(next!))
            {
                // The token only ever goes to the API host: a next_href elsewhere ends the walk (as the client's own walks do).
                HarvestLog.OffHostLink(_logger, task.Task, new Uri(next!).Host);
                done = true;
            }
            else if (!done && emptyPages >= MaxEmptyPages)
            {
                HarvestLog.EmptyPages(_logger, task.Task, emptyPages);
                done = true;
            }

            await WriteAsync(batch, context.Stats, ct).ConfigureAwait(false);
            Progress.Layer(task.Layer).Page(kept - keptBefore);
            var held = await context.Frontier.AdvanceAsync(task, done ? null : next, kept, scanned, done ? FrontierStatus.Done : FrontierStatus.Pending, children, ct).ConfigureAwait(false);
            if (done || !held)
            {
                return;
            }

            cursor = next;
        }
    }

    private Task<Page?> FetchAsync(string kind, string url, CancellationToken ct) => kind switch
    {
        HarvestTasks.Favoriters or HarvestTasks.Reposters => FetchAsync<ScUser>(url, ct),
        HarvestTasks.UserPlaylists or HarvestTasks.ArtistPlaylists => FetchAsync<ScPlaylist>(url, ct),
        HarvestTasks.Comments => FetchAsync<ScComment>(url, ct),
        _ => FetchAsync<ScTrack>(url, ct),
    };

    private async Task<Page?> FetchAsync<T>(string url, CancellationToken ct)
    {
        var page = await _client.GetPageAsync<T>(url, ct).ConfigureAwait(false);
        return page is null ? null : new Page(page.Items.Cast<object>().ToList(), page.NextHref);
    }

    private async Task ResolveMentionAsync(WalkContext context, FrontierTask task, CancellationToken ct)
    {
        ScResolved? resolved;
        try
        {
            resolved = await _client.ResolveAsync(task.Endpoint, ct).ConfigureAwait(false);
        }
        catch (SoundCloudException e) when (e.StatusCode is >= 300 and < 400)
        {
            // /resolve pointed off the API host: the mention is recorded as gone rather than followed with the token.
            HarvestLog.MentionNotFollowed(_logger, task.Task, e.Message);
            resolved = null;
        }

        var children = new List<FrontierTask>();
        var batch = new CatalogBatch { Source = HarvestSource };
        if (resolved?.User is { } user)
        {
            SoundCloudRecords.AddUser(batch, user);
            children.Add(new FrontierTask($"{HarvestTasks.EntityTracks}:{user.Id}", "entities", SoundCloudPaths.UserTracks(user.Id), task.Arg, _options.Entities.MaxTracksPerEntity));
        }

        await WriteAsync(batch, context.Stats, ct).ConfigureAwait(false);
        Progress.Layer(task.Layer).Page(batch.Users.Count);
        await context.Frontier.AdvanceAsync(task, null, batch.Users.Count, 1, resolved is null ? FrontierStatus.Gone : FrontierStatus.Done, children, ct).ConfigureAwait(false);
    }

    private async Task WriteAsync(CatalogBatch batch, HarvestStats stats, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await _storeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_sharedWrites is { } shared)
            {
                await shared.WriteExclusivelyAsync(() => _store.Catalog.WriteAsync(batch, ct), ct).ConfigureAwait(false);
            }
            else
            {
                await _store.Catalog.WriteAsync(batch, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _storeGate.Release();
        }

        stats.Count(batch);
    }

    private static string StatsJson(HarvestStats s) => System.Text.Json.JsonSerializer.Serialize(new
    {
        tracks = s.Tracks,
        users = s.Users,
        playlists = s.Playlists,
        labels = s.Labels,
        entities = s.Entities,
        engagements = s.EngagementsByKind.ToDictionary(k => k.Key.ToString().ToLowerInvariant(), k => k.Value),
        requests = s.Requests,
        retries = s.Retries,
        rate_limited = s.RateLimited,
        seconds = Math.Round(s.Seconds, 3),
    });

    private sealed record Page(IReadOnlyList<object> Items, string? NextHref)
    {
        public int Count => Items.Count;
    }

    private sealed record WalkContext(long RunId, ScTrack Seed, HarvestStats Stats, IWalkFrontier Frontier);
}

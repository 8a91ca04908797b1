using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;
using SoundGraph.Ingest.Importers.ListenBrainz;
using SoundGraph.Storage;
using SoundGraph.Storage.Sync;

namespace SoundGraph.Ingest.Sources.ListenBrainz;

/// <summary>What <see cref="ListenBrainzSync.RunAsync"/> does.</summary>
/// <param name="UserName">The ListenBrainz user whose listens are synced.</param>
/// <param name="Since">Fetch only listens at or after this time on the first sync (the walk back stops there); null: all.</param>
/// <param name="Full">Walk the whole history again (the stored cursor is reset; listens already stored are not stored twice).</param>
/// <param name="Listener">Store the listens under this listener (<see cref="Core.Identity.EntityKeys.Listener"/>), e.g. the
/// same listener a Last.fm sync uses, so a play scrobbled to both is stored once; null: the ListenBrainz user.</param>
public sealed record ListenBrainzSyncRequest(string UserName, DateTimeOffset? Since = null, bool Full = false, string? Listener = null);

/// <summary>The outcome of one sync.</summary>
/// <param name="Fetched">Listens received that were new within this sync's walks (page repeats excluded).</param>
/// <param name="Stored">Listens stored (rows inserted or changed).</param>
/// <param name="Skipped">Fetched listens not stored: already in the store, or repeated within the sync.</param>
/// <param name="Rejected">Fetched listens rejected by the value checks (each sent to the reject sink).</param>
/// <param name="Requests">HTTP requests sent (retries included).</param>
/// <param name="Pages">Listens pages received.</param>
/// <param name="RateLimitedAnswered">429 answers waited out.</param>
/// <param name="Seconds">Wall time of the sync, seconds.</param>
/// <param name="Report">The import report of the listens (counts by table, rejects).</param>
public sealed record ListenBrainzSyncResult(long Fetched, long Stored, long Skipped, long Rejected, long Requests, long Pages, long RateLimitedAnswered, double Seconds, ImportReport Report);

/// <summary>Syncs one ListenBrainz user's listens into a store: the first sync walks the history back from the newest
/// listen (<see cref="ListenBrainzClient.WalkBackwardAsync"/>), later ones walk forward from the newest stored second
/// (<see cref="ListenBrainzClient.WalkForwardAsync"/> with <c>min_ts = newest − 1</c>), so a re-run fetches only new
/// listens. Each page is stored (<see cref="ICatalogWriter"/>, the rules of <see cref="ListenBrainzExportImporter"/>,
/// listen source <c>listenbrainz</c>) before the cursor (<c>listenbrainz_sync</c>) moves past it: a killed sync
/// re-fetches at most one page, and storing it again changes nothing (a listen is user, listened_at, ms played and
/// <c>msid:</c> + recording MSID).</summary>
/// <param name="client">The API client (its token, if any, is validated first).</param>
/// <param name="writer">The store's catalog writer.</param>
/// <param name="connection">The store's connection (for <c>listenbrainz_sync</c>).</param>
/// <param name="rejects">Receives listens the value checks reject (file "listenbrainz:&lt;user&gt;", location the listen's time and MSID).</param>
public sealed class ListenBrainzSync(ListenBrainzClient client, ICatalogWriter writer, DbConnection connection, IRejectSink rejects)
{
    /// <summary>The <see cref="Core.Catalog.ListenRecord.Source"/> and batch source of synced listens (precedence rank 38).</summary>
    public const string Source = "listenbrainz";

    /// <summary>Runs the sync.</summary>
    /// <param name="request">User, --since, --full.</param>
    /// <param name="progress">Receives one line per stored page; may be null.</param>
    /// <param name="cancellationToken">Cancels between requests.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ListenBrainzException">The token was rejected (before anything is written), or a request failed.</exception>
    public async Task<ListenBrainzSyncResult> RunAsync(ListenBrainzSyncRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.UserName);
        var clock = Stopwatch.StartNew();
        if (client.Options.Token is not null)
        {
            var check = await client.ValidateTokenAsync(cancellationToken).ConfigureAwait(false);
            if (!check.Valid)
            {
                throw new ListenBrainzException($"ListenBrainz rejected the token ({check.Message.TrimEnd('.')}): check LISTENBRAINZ_TOKEN or --token-file; nothing was fetched or stored.");
            }
        }

        var cursors = new ListenBrainzSyncStore(connection);
        var minTs = request.Since is { } since ? since.ToUnixTimeSeconds() - 1 : (long?)null;
        var cursor = await cursors.GetAsync(request.UserName, cancellationToken).ConfigureAwait(false);
        if (cursor is null || request.Full)
        {
            cursor = new ListenBrainzCursor(request.UserName, cursor?.NewestTs, null, false, minTs, cursor?.ListensStored ?? 0);
        }

        var report = new ImportReport(Source);
        var batch = new BatchBuffer(writer, report, int.MaxValue);
        var records = new ListenBrainzRecords(batch, report, writer, Source, request.Listener);
        long fetched = 0, rejected = 0;

        // The listens of the newest second this run has fetched: the forward walk that follows a walk back starts in that
        // second again (min_ts = newest − 1) and must not count them twice.
        var newestSecond = new HashSet<(long, string)>();
        long? newestSeen = null;

        async Task StorePageAsync(ListenBrainzWalkPage page)
        {
            var before = report.Stored.GetValueOrDefault("listens");
            foreach (var listen in page.Listens)
            {
                var key = ListenBrainzClient.Key(listen);
                if (key.ListenedAt == newestSeen && !newestSecond.Add(key))
                {
                    continue;
                }

                if (newestSeen is null || key.ListenedAt > newestSeen)
                {
                    newestSeen = key.ListenedAt;
                    newestSecond.Clear();
                    newestSecond.Add(key);
                }

                fetched++;
                var parsed = ListenBrainzListenParser.Parse(listen, null, report, out var error);
                if (parsed is null)
                {
                    rejected++;
                    var reject = new Reject("listenbrainz:" + request.UserName, $"listened_at {key.ListenedAt.ToString(CultureInfo.InvariantCulture)} msid {key.Msid}", error!, ImportInput.Truncate(listen.GetRawText()));
                    rejects.Add(reject);
                    report.Rejects.Add(reject);
                    continue;
                }

                await records.AddAsync(parsed, cancellationToken).ConfigureAwait(false);
            }

            await batch.FlushAsync(cancellationToken).ConfigureAwait(false);
            cursor = cursor! with { ListensStored = cursor.ListensStored + (report.Stored.GetValueOrDefault("listens") - before) };
        }

        if (!cursor.BackfillDone)
        {
            await foreach (var page in client.WalkBackwardAsync(request.UserName, cursor.BackfillMaxTs, cursor.MinTs, cancellationToken).ConfigureAwait(false))
            {
                await StorePageAsync(page).ConfigureAwait(false);
                cursor = cursor with { NewestTs = Math.Max(cursor.NewestTs ?? long.MinValue, page.NewestTs), BackfillMaxTs = page.OldestTs + 1 };
                await cursors.SaveAsync(cursor, cancellationToken).ConfigureAwait(false);
                progress?.Report($"back to {DateTimeOffset.FromUnixTimeSeconds(page.OldestTs):u}: {fetched} fetched, {report.Stored.GetValueOrDefault("listens")} stored");
            }

            cursor = cursor with { BackfillDone = true };
            await cursors.SaveAsync(cursor, cancellationToken).ConfigureAwait(false);
        }

        if (cursor.NewestTs is { } newest)
        {
            await foreach (var page in client.WalkForwardAsync(request.UserName, newest - 1, cancellationToken).ConfigureAwait(false))
            {
                await StorePageAsync(page).ConfigureAwait(false);
                cursor = cursor with { NewestTs = Math.Max(cursor.NewestTs ?? long.MinValue, page.NewestTs) };
                await cursors.SaveAsync(cursor, cancellationToken).ConfigureAwait(false);
                progress?.Report($"up to {DateTimeOffset.FromUnixTimeSeconds(page.NewestTs):u}: {fetched} fetched, {report.Stored.GetValueOrDefault("listens")} stored");
            }
        }

        var stored = report.Stored.GetValueOrDefault("listens");
        return new ListenBrainzSyncResult(
            fetched, stored, fetched - rejected - stored, rejected, client.Stats.Requests, client.Stats.Pages, client.Stats.RateLimited, clock.Elapsed.TotalSeconds, report);
    }
}

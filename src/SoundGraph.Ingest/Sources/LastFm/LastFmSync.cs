using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using SoundGraph.Core.Import;
using SoundGraph.Ingest.Importers.Common;
using SoundGraph.Storage;
using SoundGraph.Storage.Sync;

namespace SoundGraph.Ingest.Sources.LastFm;

/// <summary>What <see cref="LastFmSync.RunAsync"/> does.</summary>
/// <param name="UserName">The Last.fm user whose scrobbles are synced.</param>
/// <param name="Since">First sync (and <paramref name="Full"/>) only: fetch scrobbles from this time on; null: all.</param>
/// <param name="Full">Walk the whole history (from <paramref name="Since"/>) again, dropping a walk in progress; scrobbles already stored are not stored twice.</param>
/// <param name="Listener">Store the scrobbles under this listener (<see cref="Core.Identity.EntityKeys.Listener"/>), e.g. the
/// one a ListenBrainz sync uses, so a play scrobbled to both is stored once; null: the Last.fm user.</param>
public sealed record LastFmSyncRequest(string UserName, DateTimeOffset? Since = null, bool Full = false, string? Listener = null);

/// <summary>The outcome of one sync.</summary>
/// <param name="Fetched">Scrobbles received (now-playing items excluded).</param>
/// <param name="Stored">Listens stored (rows inserted or changed).</param>
/// <param name="Skipped">Fetched scrobbles not stored: already in the store, or repeated within the sync.</param>
/// <param name="Rejected">Scrobbles rejected by the value checks (each sent to the reject sink).</param>
/// <param name="NowPlayingSkipped">Now-playing items left out (they have no date and are not scrobbles yet).</param>
/// <param name="Requests">HTTP requests sent (retries included).</param>
/// <param name="Pages">Recent-tracks pages received.</param>
/// <param name="RateLimitedAnswered">Error-29 (and bare 429) answers backed off from.</param>
/// <param name="UnavailableAnswered">Error 8/11/16 and 5xx answers retried.</param>
/// <param name="Seconds">Wall time, seconds.</param>
/// <param name="Report">The import report (counts by table, rejects).</param>
public sealed record LastFmSyncResult(
    long Fetched, long Stored, long Skipped, long Rejected, long NowPlayingSkipped, long Requests, long Pages, long RateLimitedAnswered, long UnavailableAnswered, double Seconds, ImportReport Report);

/// <summary>Syncs one Last.fm user's scrobbles into a store as listens (source <c>lastfm</c>, precedence rank 13).</summary>
/// <remarks>
/// <para>A sync is a walk over <c>user.getRecentTracks</c> pages 1…totalPages (newest first) with <c>from</c> = the
/// newest stored scrobble's second (the whole history, or <see cref="LastFmSyncRequest.Since"/>, the first time) and
/// <c>to</c> pinned to the walk's start, so scrobbles arriving during the walk do not shift its pages. Each page is
/// stored (<see cref="ICatalogWriter"/>), then the cursor (<c>lastfm_sync</c>: next page, pinned bounds, newest stored
/// second) moves past it: a killed sync resumes the same walk at its next page and re-fetches at most one page, which
/// stores nothing new. A re-run after a finished walk starts a new one from the newest stored second, so it fetches only
/// newer scrobbles (plus that second's).</para>
/// <para>Mapping: user <c>lastfm:user:&lt;name&gt;</c>; track <c>musicbrainz:recording:&lt;mbid&gt;</c> when the scrobble
/// carries a recording MBID (credited to <c>musicbrainz:artist:&lt;mbid&gt;</c> or the artist's name key), else resolved
/// by (artist, title) like the other name-only sources; listen at <c>date.uts</c> with ms played 0 (Last.fm does not say)
/// and track reference <c>name:</c> + the normalized artist|title. The now-playing item is skipped; an item without a
/// valid <c>date.uts</c>, a name or an artist is rejected naming the user, page and field.</para>
/// </remarks>
/// <param name="client">The API client.</param>
/// <param name="writer">The store's catalog writer.</param>
/// <param name="connection">The store's connection (for <c>lastfm_sync</c>).</param>
/// <param name="rejects">Receives rejected scrobbles (file <c>lastfm:&lt;user&gt;</c>, location page and item).</param>
/// <param name="timeProvider">Clock that pins <c>to</c>; default <see cref="TimeProvider.System"/>.</param>
public sealed class LastFmSync(LastFmClient client, ICatalogWriter writer, DbConnection connection, IRejectSink rejects, TimeProvider? timeProvider = null)
{
    /// <summary>The listen source and batch source of synced scrobbles.</summary>
    public const string Source = "lastfm";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Runs the sync.</summary>
    /// <param name="request">User, --since, --full.</param>
    /// <param name="progress">Receives one line per stored page; may be null.</param>
    /// <param name="cancellationToken">Cancels between requests (what was stored stays, with its cursor).</param>
    /// <returns>The counts.</returns>
    /// <exception cref="LastFmException">No such user (6), a private profile (17), a rejected or suspended key (10, 26), or a request failed for good.</exception>
    public async Task<LastFmSyncResult> RunAsync(LastFmSyncRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.UserName);
        var clock = Stopwatch.StartNew();
        var user = request.UserName;
        var cursors = new LastFmSyncStore(connection);
        var cursor = await cursors.GetAsync(user, cancellationToken).ConfigureAwait(false) ?? new LastFmCursor(user, null, null, null, null, null, 0);
        if (!cursor.WalkInProgress || request.Full)
        {
            var since = request.Since?.ToUnixTimeSeconds();
            var from = request.Full || cursor.NewestUts is null ? since : cursor.NewestUts;
            cursor = cursor with { WalkFrom = from, WalkTo = _time.GetUtcNow().ToUnixTimeSeconds(), NextPage = 1, TotalPages = null };
        }

        var report = new ImportReport(Source);
        var batch = new BatchBuffer(writer, report, int.MaxValue);
        var records = new LastFmRecords(batch, report, writer, request.Listener);
        long fetched = 0, rejected = 0, nowPlaying = 0;
        var pageNumber = cursor.NextPage!.Value;
        await foreach (var page in client.WalkRecentTracksAsync(user, cursor.WalkFrom, cursor.WalkTo!.Value, pageNumber, cancellationToken).ConfigureAwait(false))
        {
            var before = report.Stored.GetValueOrDefault("listens");
            var newest = cursor.NewestUts;
            foreach (var item in page.Items)
            {
                if (item.NowPlaying)
                {
                    nowPlaying++;
                    continue;
                }

                fetched++;
                if (Problem(item) is { } problem)
                {
                    rejected++;
                    var reject = new Reject("lastfm:" + user, $"page {pageNumber.ToString(CultureInfo.InvariantCulture)} item {item.Index.ToString(CultureInfo.InvariantCulture)}", problem, ImportInput.Truncate(item.Raw));
                    rejects.Add(reject);
                    report.Rejects.Add(reject);
                    continue;
                }

                await records.AddAsync(user, item, cancellationToken).ConfigureAwait(false);
                newest = Math.Max(newest ?? long.MinValue, item.Uts!.Value);
            }

            await batch.FlushAsync(cancellationToken).ConfigureAwait(false);
            var stored = report.Stored.GetValueOrDefault("listens") - before;
            cursor = cursor with { NewestUts = newest, NextPage = pageNumber + 1, TotalPages = page.TotalPages, ScrobblesStored = cursor.ScrobblesStored + stored };
            await cursors.SaveAsync(cursor, cancellationToken).ConfigureAwait(false);
            progress?.Report($"{user}: page {pageNumber} of {page.TotalPages}, {fetched} fetched, {report.Stored.GetValueOrDefault("listens")} stored");
            pageNumber++;
        }

        cursor = cursor with { NextPage = null };
        await cursors.SaveAsync(cursor, cancellationToken).ConfigureAwait(false);
        var total = report.Stored.GetValueOrDefault("listens");
        return new LastFmSyncResult(
            fetched, total, fetched - rejected - total, rejected, nowPlaying, client.Stats.Requests, client.Stats.Pages, client.Stats.RateLimited, client.Stats.Unavailable,
            clock.Elapsed.TotalSeconds, report);
    }

    /// <summary>Why a scrobble cannot be stored, naming the field; null when it can.</summary>
    private static string? Problem(LastFmScrobble item) =>
        item.UtsText is null ? "date.uts is missing"
        : item.Uts is null ? $"date.uts \"{item.UtsText}\" is not a positive unix time"
        : item.Name is null ? "name is empty"
        : item.Artist is null ? "artist is empty"
        : null;
}

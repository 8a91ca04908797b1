using System.Diagnostics;
using SoundGraph.Core.Catalog;
using SoundGraph.Storage;
using SoundGraph.Storage.Resolution;
using SoundGraph.Storage.Sync;

namespace SoundGraph.Ingest.Sources.LastFm;

/// <summary>What <see cref="LastFmTagFill.FillAsync"/> does.</summary>
/// <param name="Tracks">Fill tracks.</param>
/// <param name="Artists">Fill artists.</param>
/// <param name="Limit">At most this many targets of each kind per run; 1–1,000,000.</param>
/// <param name="MinCount">Keep tags whose Last.fm count (0–100) is at least this; default 1 (a count of 0 means almost nobody applied it).</param>
/// <param name="ListenedSince">Only tracks with a stored listen at or after this time, and artists credited on such a
/// track (so a fresh sync's tracks are tagged first); null: every untagged target.</param>
public sealed record LastFmTagFillRequest(bool Tracks = true, bool Artists = true, int Limit = 1000, int MinCount = 1, DateTimeOffset? ListenedSince = null);

/// <summary>The outcome of one fill.</summary>
/// <param name="LookedUp">Targets asked for.</param>
/// <param name="Tagged">Targets that got at least one tag.</param>
/// <param name="WithoutTags">Targets Last.fm knows but that have no tag with the minimum count.</param>
/// <param name="NotFound">Targets Last.fm does not know (error 6), recorded so they are not asked for again.</param>
/// <param name="Skipped">Tracks with neither an artist name nor an MBID to ask by.</param>
/// <param name="TagsStored">Tag assignments stored (with their counts).</param>
/// <param name="Requests">HTTP requests sent (retries included).</param>
/// <param name="RateLimitedAnswered">Error-29 (and bare 429) answers backed off from.</param>
/// <param name="UnavailableAnswered">Error 8/11/16 and 5xx answers retried.</param>
/// <param name="Seconds">Wall time, seconds.</param>
public sealed record LastFmTagFillResult(
    long LookedUp, long Tagged, long WithoutTags, long NotFound, long Skipped, long TagsStored, long Requests, long RateLimitedAnswered, long UnavailableAnswered, double Seconds);

/// <summary>Fills Last.fm top tags (https://www.last.fm/api/show/track.getTopTags, https://www.last.fm/api/show/artist.getTopTags)
/// for stored tracks and artists that have no tag yet, most-played first (stored listens, then playlist entries).</summary>
/// <remarks>Each answer's tags with a count ≥ <see cref="LastFmTagFillRequest.MinCount"/> are stored as user-less tag
/// assignments (user 0) with Last.fm's 0–100 count in <c>track_tags.count</c>/<c>artist_tags.count</c>, the way
/// <see cref="MusicBrainz.MusicBrainzResolver"/> stores vote counts; then the fetch is recorded in
/// <c>lastfm_tag_fetches</c> (fetched, or not_found for error 6), so no target is asked for twice. A track is asked for by
/// primary artist and title, or by its recording MBID when it has no credited artist; an artist by MBID when its key is a
/// MusicBrainz one, else by name.</remarks>
/// <param name="store">The open store.</param>
/// <param name="client">The API client.</param>
public sealed class LastFmTagFill(SoundGraphStore store, LastFmClient client)
{
    /// <summary>Fills tags.</summary>
    /// <param name="request">Kinds, limit, minimum count.</param>
    /// <param name="progress">Receives a line every 25 targets; may be null.</param>
    /// <param name="cancellationToken">Cancels between requests (what was stored stays).</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Limit or minimum count out of range.</exception>
    /// <exception cref="LastFmException">A rejected or suspended key, or a request failed for good.</exception>
    public async Task<LastFmTagFillResult> FillAsync(LastFmTagFillRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Limit, 1_000_000);
        ArgumentOutOfRangeException.ThrowIfNegative(request.MinCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.MinCount, 100);
        var clock = Stopwatch.StartNew();
        var (requests, limited, unavailable) = (client.Stats.Requests, client.Stats.RateLimited, client.Stats.Unavailable);
        var fetches = new LastFmTagStore(store.Connection);
        var counts = new Counts();
        if (request.Tracks)
        {
            foreach (var track in await fetches.TracksToFetchAsync(request.Limit, request.ListenedSince, cancellationToken).ConfigureAwait(false))
            {
                var tags = track.ArtistName is not null ? await client.GetTrackTopTagsAsync(track.ArtistName, track.Name, cancellationToken).ConfigureAwait(false)
                    : track.Mbid is not null ? await client.GetTrackTopTagsByMbidAsync(track.Mbid, cancellationToken).ConfigureAwait(false)
                    : null;
                if (track.ArtistName is null && track.Mbid is null)
                {
                    counts.Skipped++;
                    continue;
                }

                await StoreAsync(fetches, TargetType.Track, track, tags, request.MinCount, counts, cancellationToken).ConfigureAwait(false);
                Report(progress, "tracks", counts);
            }
        }

        if (request.Artists)
        {
            foreach (var artist in await fetches.ArtistsToFetchAsync(request.Limit, request.ListenedSince, cancellationToken).ConfigureAwait(false))
            {
                var tags = await client.GetArtistTopTagsAsync(artist.Name, artist.Mbid, cancellationToken).ConfigureAwait(false);
                await StoreAsync(fetches, TargetType.Artist, artist, tags, request.MinCount, counts, cancellationToken).ConfigureAwait(false);
                Report(progress, "artists", counts);
            }
        }

        return new LastFmTagFillResult(
            counts.LookedUp, counts.Tagged, counts.WithoutTags, counts.NotFound, counts.Skipped, counts.TagsStored,
            client.Stats.Requests - requests, client.Stats.RateLimited - limited, client.Stats.Unavailable - unavailable, clock.Elapsed.TotalSeconds);
    }

    private async Task StoreAsync(LastFmTagStore fetches, TargetType type, LastFmTagTarget target, IReadOnlyList<LastFmTag>? tags, int minCount, Counts counts, CancellationToken ct)
    {
        counts.LookedUp++;
        var typeName = type == TargetType.Track ? "track" : "artist";
        if (tags is null)
        {
            counts.NotFound++;
            await fetches.RecordAsync(typeName, target.Id, LastFmTagStore.NotFound, 0, ct).ConfigureAwait(false);
            return;
        }

        var kept = CountedTag.Fold(tags.Select(t => new CountedTag(t.Name, t.Count)), minCount);
        if (kept.Count > 0)
        {
            var batch = new CatalogBatch { Source = LastFmSync.Source };
            batch.TagAssignments.AddRange(kept.Select(t => new TagAssignmentRecord(type, target.Key, t.Name)));
            await store.Catalog.WriteAsync(batch, ct).ConfigureAwait(false);
            await (type == TargetType.Track
                ? store.Identifiers.SetTrackTagCountsAsync(target.Id, kept, ct)
                : store.Identifiers.SetArtistTagCountsAsync(target.Id, kept, ct)).ConfigureAwait(false);
            counts.Tagged++;
            counts.TagsStored += kept.Count;
        }
        else
        {
            counts.WithoutTags++;
        }

        // Recorded last: a run killed before this line asks for the target again and rewrites the same rows.
        await fetches.RecordAsync(typeName, target.Id, LastFmTagStore.Fetched, kept.Count, ct).ConfigureAwait(false);
    }

    private static void Report(IProgress<string>? progress, string kind, Counts counts)
    {
        if (progress is not null && counts.LookedUp % 25 == 0)
        {
            progress.Report($"{kind}: {counts.LookedUp} looked up, {counts.Tagged} tagged, {counts.NotFound} not found");
        }
    }

    private sealed class Counts
    {
        public long LookedUp { get; set; }

        public long Tagged { get; set; }

        public long WithoutTags { get; set; }

        public long NotFound { get; set; }

        public long Skipped { get; set; }

        public long TagsStored { get; set; }
    }
}

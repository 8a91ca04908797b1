using System.Diagnostics;
using SoundGraph.Core.Catalog;
using SoundGraph.Storage;
using SoundGraph.Storage.Resolution;

namespace SoundGraph.Ingest.Sources.ListenBrainz;

/// <summary>What one <see cref="ListenBrainzTagFill.RunAsync"/> did.</summary>
/// <param name="LookedUp">Tracks asked about.</param>
/// <param name="Tagged">Tracks that received at least one tag.</param>
/// <param name="TagsStored">Track tags stored (rows inserted or changed).</param>
/// <param name="WithoutTags">Tracks ListenBrainz knows but has no recording tag for.</param>
/// <param name="Unknown">Tracks whose MBID ListenBrainz did not answer for.</param>
/// <param name="Requests">HTTP requests sent (retries included).</param>
/// <param name="RateLimitedAnswered">429 answers waited out.</param>
/// <param name="Seconds">Wall time, seconds.</param>
public sealed record ListenBrainzTagFillResult(int LookedUp, int Tagged, long TagsStored, int WithoutTags, int Unknown, long Requests, long RateLimitedAnswered, double Seconds);

/// <summary>Fills tags of stored tracks that have a recording MBID and no tag yet (<c>sgr tags listenbrainz</c>), most
/// listened first, from ListenBrainz's bulk metadata endpoint (<see cref="ListenBrainzClient.GetRecordingTagsAsync"/>,
/// 1,000 recordings per request, no 1 request/s limit as at MusicBrainz). Tags are stored as user-less track tags with
/// their MusicBrainz vote count (<c>track_tags.count</c>), source <c>listenbrainz</c>; a tag with count 0 is left out.
/// Each request's tracks are stored in one batch before the next request, so a killed run keeps what it stored and the
/// next run asks only for tracks still without tags (a track ListenBrainz has no tag for is asked again next time: it
/// costs one slot of a 1,000-MBID request).</summary>
/// <param name="client">The API client.</param>
/// <param name="store">The store.</param>
public sealed class ListenBrainzTagFill(ListenBrainzClient client, SoundGraphStore store)
{
    /// <summary>Runs the fill.</summary>
    /// <param name="limit">Tracks to look up at most (≥ 0).</param>
    /// <param name="progress">Receives the number of tracks looked up so far after each request; may be null.</param>
    /// <param name="ct">Cancels between requests.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    /// <exception cref="ListenBrainzException">A request failed after its retries.</exception>
    public async Task<ListenBrainzTagFillResult> RunAsync(int limit, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var clock = Stopwatch.StartNew();
        var requestsBefore = client.Stats.Requests;
        var limitedBefore = client.Stats.RateLimited;
        var candidates = await store.Identifiers.ListUntaggedWithMbidAsync(limit, ct).ConfigureAwait(false);
        int tagged = 0, withoutTags = 0, unknown = 0, done = 0;
        long stored = 0;
        foreach (var chunk in candidates.Chunk(ListenBrainzClient.MaxMetadataRecordings))
        {
            var answer = await client.GetRecordingTagsAsync(chunk.Select(c => c.Mbid).Distinct().ToList(), ct).ConfigureAwait(false);
            var batch = new CatalogBatch { Source = ListenBrainzSync.Source };
            var counts = new List<(long TrackId, List<CountedTag> Tags)>();
            foreach (var (trackId, key, mbid) in chunk)
            {
                if (!answer.TryGetValue(mbid, out var tags))
                {
                    unknown++;
                    continue;
                }

                var kept = CountedTag.Fold(tags);
                if (kept.Count == 0)
                {
                    withoutTags++;
                    continue;
                }

                tagged++;
                batch.TagAssignments.AddRange(kept.Select(t => new TagAssignmentRecord(TargetType.Track, key, t.Name)));
                counts.Add((trackId, kept));
            }

            if (batch.Count > 0)
            {
                var written = await store.Catalog.WriteAsync(batch, ct).ConfigureAwait(false);
                stored += written.GetValueOrDefault("track_tags");
                foreach (var (trackId, tags) in counts)
                {
                    await store.Identifiers.SetTrackTagCountsAsync(trackId, tags, ct).ConfigureAwait(false);
                }
            }

            done += chunk.Length;
            progress?.Report(done);
        }

        return new ListenBrainzTagFillResult(
            candidates.Count, tagged, stored, withoutTags, unknown, client.Stats.Requests - requestsBefore, client.Stats.RateLimited - limitedBefore, clock.Elapsed.TotalSeconds);
    }
}

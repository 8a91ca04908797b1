using System.Text.Json;
using SoundGraph.Storage.Resolution;

namespace SoundGraph.Ingest.Sources.ListenBrainz;

/// <content>Bulk recording metadata: tags for up to 1,000 recordings per request, without MusicBrainz's 1 request/s.</content>
public sealed partial class ListenBrainzClient
{
    /// <summary>Most recording MBIDs one <c>POST /1/metadata/recording/</c> accepts.</summary>
    public const int MaxMetadataRecordings = 1000;

    /// <summary><c>POST /1/metadata/recording/</c> with <c>{"recording_mbids": [...], "inc": "tag"}</c>
    /// (https://listenbrainz.readthedocs.io/en/latest/users/api/metadata.html): the MusicBrainz tags of each recording with
    /// their vote counts, as ListenBrainz caches them.</summary>
    /// <param name="recordingMbids">1–<see cref="MaxMetadataRecordings"/> recording MBIDs.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>For each recording the answer names, its recording tags (<c>tag.recording[]</c>: name and count ≥ 0), in the
    /// server's order; a recording ListenBrainz does not know is absent.</returns>
    /// <exception cref="ArgumentException">No MBID, or more than <see cref="MaxMetadataRecordings"/>.</exception>
    /// <exception cref="ListenBrainzException">Retries exhausted, a 400 (the server's message), another unexpected status.</exception>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<CountedTag>>> GetRecordingTagsAsync(IReadOnlyCollection<Guid> recordingMbids, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(recordingMbids);
        if (recordingMbids.Count is 0 or > MaxMetadataRecordings)
        {
            throw new ArgumentException($"Give 1–{MaxMetadataRecordings} recording MBIDs per request (got {recordingMbids.Count}).", nameof(recordingMbids));
        }

        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["recording_mbids"] = recordingMbids.Select(m => m.ToString("D")).ToArray(),
            ["inc"] = "tag",
        });
        var result = await ExecuteAsync(_apiBase + "/1/metadata/recording/", "/1/metadata/recording/", ParseRecordingTags, ct, body).ConfigureAwait(false);
        return (IReadOnlyDictionary<Guid, IReadOnlyList<CountedTag>>)result;
    }

    /// <summary>Parses the answer of <c>POST /1/metadata/recording/</c>: an object keyed by recording MBID whose values carry
    /// <c>tag.recording</c>, an array of <c>{"tag": name, "count": n}</c>; a key that is not a UUID or a tag without a
    /// name or with a negative count is skipped.</summary>
    /// <param name="root">The body's root element.</param>
    /// <returns>The tags per recording.</returns>
    /// <exception cref="FormatException">The root is not an object.</exception>
    internal static object ParseRecordingTags(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the body is not an object keyed by recording MBID");
        }

        var tags = new Dictionary<Guid, IReadOnlyList<CountedTag>>();
        foreach (var recording in root.EnumerateObject())
        {
            if (!Guid.TryParse(recording.Name, out var mbid) || recording.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var list = new List<CountedTag>();
            if (recording.Value.TryGetProperty("tag", out var tag) && tag.ValueKind == JsonValueKind.Object
                && tag.TryGetProperty("recording", out var own) && own.ValueKind == JsonValueKind.Array)
            {
                foreach (var t in own.EnumerateArray())
                {
                    if (t.ValueKind == JsonValueKind.Object && t.TryGetProperty("tag", out var name) && name.ValueKind == JsonValueKind.String
                        && !string.IsNullOrWhiteSpace(name.GetString())
                        && t.TryGetProperty("count", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt64(out var n) && n >= 0)
                    {
                        list.Add(new CountedTag(name.GetString()!.Trim(), n));
                    }
                }
            }

            tags[mbid] = list;
        }

        return tags;
    }
}

using SoundGraph.Audio;
using SoundGraph.Core.Catalog;
using SoundGraph.Core.Identity;
using SoundGraph.Storage;
using SoundGraph.Storage.Audio;
using SoundGraph.Storage.Resolution;

namespace SoundGraph.Ingest.LocalAudio;

/// <summary>The track an analysed file was resolved to.</summary>
/// <param name="TrackId">Track id.</param>
/// <param name="TrackKey">Track key.</param>
/// <param name="Method">One of <see cref="AudioMatchMethods"/>.</param>
public sealed record LocalAudioTrackMatch(long TrackId, string TrackKey, string Method);

/// <summary>Resolves an analysed file to a track from its tags (DESIGN.md, Identity): its MusicBrainz recording id
/// (<c>musicbrainz_trackid</c>, as Picard writes it, or <c>musicbrainz_recordingid</c>) when a stored track has it
/// (<see cref="TrackIdentifierStore.FindTrackAsync"/>: a live <c>track_identifiers</c> row, which every
/// <c>musicbrainz:recording:</c>-keyed track has); else its ISRC (<c>isrc</c>/<c>tsrc</c>) when a stored track has it; else, when it has both an artist and a title
/// tag, a stored track of that normalized (artist, title) name (<see cref="ICatalogWriter.FindTrackKeyByNameAsync"/>):
/// a name match, reported as such; else a new track keyed <c>file:&lt;sha256&gt;</c> (source <c>local-audio</c>, the
/// lowest rank) named by the tags or, without a title tag, the file name, which gets the file's MBID and ISRC as
/// identifiers so later sources meet it by id.</summary>
/// <remarks>Runs on the single writer task: not thread-safe.</remarks>
public sealed class LocalAudioTrackMatcher(SoundGraphStore store)
{
    /// <summary>The catalog source of tracks created from files (<see cref="Core.Import.SourcePrecedence"/>).</summary>
    public const string Source = "local-audio";

    /// <summary>The key of the track made for a file with content hash <paramref name="sha256"/>.</summary>
    public static string FileKey(string sha256) => "file:" + sha256;

    /// <summary>Resolves (or creates) the track of <paramref name="analysis"/>.</summary>
    /// <param name="analysis">The analysed file with its tags.</param>
    /// <param name="ct">Cancels the look-ups and the write.</param>
    /// <returns>The track and how it was found.</returns>
    public async Task<LocalAudioTrackMatch> MatchAsync(AudioAnalysis analysis, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var mbid = Mbid(Tag(analysis, "musicbrainz_trackid", "musicbrainz track id", "musicbrainz_recordingid", "musicbrainz recording id"));
        var isrc = Isrc(Tag(analysis, "isrc", "tsrc"));
        if (mbid is not null && await store.Identifiers.FindTrackAsync("mbid", mbid, ct).ConfigureAwait(false) is { } byMbid)
        {
            return new LocalAudioTrackMatch(byMbid.Id, byMbid.Key, AudioMatchMethods.Mbid);
        }

        if (isrc is not null && await store.Identifiers.FindTrackAsync("isrc", isrc, ct).ConfigureAwait(false) is { } byIsrc)
        {
            return new LocalAudioTrackMatch(byIsrc.Id, byIsrc.Key, AudioMatchMethods.Isrc);
        }

        var artist = Tag(analysis, "artist");
        var title = Tag(analysis, "title");
        if (artist is not null && title is not null
            && await store.Catalog.FindTrackKeyByNameAsync(NameNormalizer.TrackNameKey(artist, title), ct).ConfigureAwait(false) is { } byName
            && await store.Identifiers.TrackIdByKeyAsync(byName, ct).ConfigureAwait(false) is { } nameId)
        {
            return new LocalAudioTrackMatch(nameId, byName, AudioMatchMethods.Name);
        }

        var key = FileKey(analysis.Sha256);
        if (await store.Identifiers.TrackIdByKeyAsync(key, ct).ConfigureAwait(false) is not { } id)
        {
            var batch = new CatalogBatch { Source = Source };
            var name = title ?? Path.GetFileNameWithoutExtension(analysis.Path);
            batch.Tracks.Add(new TrackRecord(key, name, artist, Tag(analysis, "album"), (long)Math.Round(analysis.DurationSeconds * 1000), Details: isrc is null ? null : new TrackDetails(Isrc: isrc)));
            if (artist is not null)
            {
                batch.Artists.Add(new ArtistRecord(EntityKeys.ArtistByName(artist), artist));
                batch.Credits.Add(new CreditRecord(key, EntityKeys.ArtistByName(artist), CreditRole.Primary, 0));
            }

            await store.Catalog.WriteAsync(batch, ct).ConfigureAwait(false);
            id = await store.Identifiers.TrackIdByKeyAsync(key, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The track {key} was written but cannot be read back.");
            var ids = new List<TrackIdentifier>();
            if (mbid is not null)
            {
                ids.Add(new TrackIdentifier("mbid", mbid, "id"));
            }

            if (isrc is not null)
            {
                ids.Add(new TrackIdentifier("isrc", isrc, "id"));
            }

            await store.Identifiers.AddAsync(id, ids, ct).ConfigureAwait(false);
        }

        return new LocalAudioTrackMatch(id, key, AudioMatchMethods.New);
    }

    /// <summary>A recording MBID in lower case, or null when <paramref name="tag"/> is not a UUID.</summary>
    public static string? Mbid(string? tag) =>
        tag is not null && Guid.TryParseExact(tag.Trim(), "D", out var g) ? g.ToString("D") : null;

    /// <summary>An ISRC in upper case without separators (CC-XXX-YY-NNNNN → CCXXXYYNNNNN), or null when not one.</summary>
    public static string? Isrc(string? tag) => TrackIds.Canonical(TrackIds.Isrc, tag?.Replace(" ", string.Empty, StringComparison.Ordinal));

    private static string? Tag(AudioAnalysis a, params string[] names) =>
        names.Select(n => a.Tags.TryGetValue(n, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null).FirstOrDefault(v => v is not null);
}

using SoundGraph.Storage;
using SoundGraph.Storage.Taste;

namespace SoundGraph.Services.Taste;

/// <summary>Everything scoring the mood axes of tracks reads from the store, grouped per track.</summary>
/// <param name="ListenedTracks">Tracks with at least one listen (the ones that need axes).</param>
/// <param name="Descriptors">Spotify-style descriptors by track.</param>
/// <param name="LocalAudio">Local-audio features by track.</param>
/// <param name="TrackTags">Each track's own tags (normalized name → summed count).</param>
/// <param name="ArtistTags">Each track's credited artists' tags (normalized name → summed count).</param>
/// <param name="Artists">Each track's credited artists, the primary artist first (scoring pools a track with it).</param>
/// <param name="Edges">Track–track edges from stored relations (co-playlist, audio similarity), undirected, weight in (0, 1],
/// with the relation kind (the higher weight when both kinds link a pair).</param>
/// <param name="SessionEdges">Co-listening edges: tracks one listener played one right after the other
/// (<see cref="SoundGraph.Taste.Axes.SessionEdges"/>).</param>
/// <param name="CatalogEdges">Same-release and same-label edges (<see cref="SoundGraph.Taste.Axes.CatalogEdges"/>).</param>
public sealed record TasteInputs(
    IReadOnlyList<long> ListenedTracks,
    IReadOnlyDictionary<long, TrackDescriptorRow> Descriptors,
    IReadOnlyDictionary<long, LocalAudioRow> LocalAudio,
    IReadOnlyDictionary<long, Dictionary<string, double>> TrackTags,
    IReadOnlyDictionary<long, Dictionary<string, double>> ArtistTags,
    IReadOnlyDictionary<long, long[]> Artists,
    IReadOnlyList<(long A, long B, double Weight, string Kind)> Edges,
    IReadOnlyList<SoundGraph.Taste.Axes.TrackEdge> SessionEdges,
    IReadOnlyList<SoundGraph.Taste.Axes.TrackEdge> CatalogEdges)
{
    /// <summary>The relation kinds whose rows become smoothing edges.</summary>
    public static IReadOnlyList<string> EdgeKinds { get; } = ["track_co_playlist", "track_audio_similarity"];

    /// <summary>Reads the inputs from <paramref name="store"/>.</summary>
    public static async Task<TasteInputs> LoadAsync(SoundGraphStore store, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var taste = store.Taste;
        var listened = await taste.ListenedTrackIdsAsync(ct).ConfigureAwait(false);
        var descriptors = (await taste.DescriptorsAsync(ct).ConfigureAwait(false)).ToDictionary(d => d.TrackId);
        var local = (await taste.LocalAudioAsync(ct).ConfigureAwait(false)).ToDictionary(d => d.TrackId);
        var trackTags = new Dictionary<long, Dictionary<string, double>>();
        var artistTags = new Dictionary<long, Dictionary<string, double>>();
        foreach (var t in await taste.TrackTagsAsync(ct).ConfigureAwait(false))
        {
            var target = t.FromArtist ? artistTags : trackTags;
            if (!target.TryGetValue(t.TrackId, out var tags))
            {
                target[t.TrackId] = tags = new Dictionary<string, double>(StringComparer.Ordinal);
            }

            tags[t.Tag] = tags.GetValueOrDefault(t.Tag) + t.Weight;
        }

        var artists = (await taste.TrackArtistsAsync(ct).ConfigureAwait(false)).GroupBy(p => p.TrackId).ToDictionary(g => g.Key, g => g.Select(p => p.ArtistId).ToArray());

        // Relations are stored per direction (top-K per source): keep each unordered pair once, with its larger weight
        // (audio cosine can be negative below the threshold; only positive weights are edges).
        var edges = new Dictionary<(long, long), (double Weight, string Kind)>();
        foreach (var (a, b, w, kind) in await taste.TrackEdgesAsync(EdgeKinds, ct).ConfigureAwait(false))
        {
            if (a == b || !(w > 0))
            {
                continue;
            }

            var key = a < b ? (a, b) : (b, a);
            var weight = Math.Min(1, w);
            if (!edges.TryGetValue(key, out var old) || weight > old.Weight)
            {
                edges[key] = (weight, kind);
            }
        }

        var sessions = SoundGraph.Taste.Axes.SessionEdges.Build((await taste.AllPlaysAsync(ct).ConfigureAwait(false))
            .Select(p => new SoundGraph.Taste.Axes.SessionPlay(p.UserId, p.EndedAt, p.TrackId, p.MsPlayed)));
        var catalog = SoundGraph.Taste.Axes.CatalogEdges.Build((await taste.CatalogTracksAsync(ct).ConfigureAwait(false))
            .Select(t => new SoundGraph.Taste.Axes.CatalogTrack(t.TrackId, t.PrimaryArtistId, t.Album, t.LabelId, t.ReleaseDate)));
        return new TasteInputs(listened, descriptors, local, trackTags, artistTags, artists, [.. edges.Select(e => (e.Key.Item1, e.Key.Item2, e.Value.Weight, e.Value.Kind))], sessions, catalog);
    }
}

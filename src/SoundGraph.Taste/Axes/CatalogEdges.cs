namespace SoundGraph.Taste.Axes;

/// <summary>What <see cref="CatalogEdges"/> reads of one track: its primary artist, release and label.</summary>
/// <param name="TrackId">The track.</param>
/// <param name="PrimaryArtistId">Its primary artist; null when it has no credit.</param>
/// <param name="Album">The release title as stored (compared after trimming and case folding); null or blank: unknown.</param>
/// <param name="LabelId">Its record label; null when unknown.</param>
/// <param name="ReleaseDate">Its release date as stored ('YYYY', 'YYYY-MM' or 'YYYY-MM-DD'); null when unknown.</param>
public readonly record struct CatalogTrack(long TrackId, long? PrimaryArtistId, string? Album, long? LabelId, string? ReleaseDate);

/// <summary>
/// Same-release and same-label edges for label propagation (<see cref="AxisSmoothing"/>, issue 16): tracks of one release
/// share a production and usually a mood; tracks of one label share it more loosely (a label's roster and sound).
/// </summary>
/// <remarks>
/// <para><b>Same release</b>: the tracks with the same primary artist and the same album title (trimmed, case-folded; so
/// two artists' "Greatest Hits" are two releases) are linked pairwise with weight <see cref="ReleaseWeight"/>. A group
/// of more than <see cref="MaxReleaseTracks"/> tracks is not a release but a catch-all title (e.g. "Singles") and is
/// left out.</para>
/// <para><b>Same label</b>: a label can hold thousands of tracks, so a clique would swamp every other edge. Instead each
/// track is linked to its <see cref="LabelNeighbours"/> nearest tracks of the same label by release date on either side
/// (a chain over the label's catalogue in date order; tracks without a date come last, by id), weight
/// <see cref="LabelWeight"/>. Pairs that are also same-release keep both edges, which <see cref="TrackGraph"/> adds.</para>
/// <para>The weights sit below one co-play session edge (0.5) and below typical co-playlist and audio-similarity edges,
/// so the catalogue only fills in where listening and audio say nothing.</para>
/// </remarks>
public static class CatalogEdges
{
    /// <summary>Weight of a same-release edge.</summary>
    public const double ReleaseWeight = 0.3;

    /// <summary>Largest release (in tracks) that is linked.</summary>
    public const int MaxReleaseTracks = 40;

    /// <summary>Weight of a same-label edge.</summary>
    public const double LabelWeight = 0.1;

    /// <summary>Neighbours in date order on each side that a track is linked to within its label.</summary>
    public const int LabelNeighbours = 2;

    /// <summary>The same-release and same-label edges of <paramref name="tracks"/>.</summary>
    /// <param name="tracks">The catalogue; a track id should appear once (a repeat is linked like another track and its
    /// self-loops are dropped by <see cref="TrackGraph"/>).</param>
    /// <returns>Edges with A &lt; B; same-release ones first, then same-label, each in a deterministic order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tracks"/> is null.</exception>
    public static IReadOnlyList<TrackEdge> Build(IEnumerable<CatalogTrack> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var list = tracks.ToList();
        var edges = new List<TrackEdge>();

        var releases = list
            .Where(t => t.PrimaryArtistId is not null && !string.IsNullOrWhiteSpace(t.Album))
            .GroupBy(t => (t.PrimaryArtistId!.Value, t.Album!.Trim().ToUpperInvariant()))
            .OrderBy(g => g.Key.Value).ThenBy(g => g.Key.Item2, StringComparer.Ordinal);
        foreach (var release in releases)
        {
            var ids = release.Select(t => t.TrackId).Distinct().Order().ToArray();
            if (ids.Length > MaxReleaseTracks)
            {
                continue;
            }

            for (var i = 0; i < ids.Length; i++)
            {
                for (var j = i + 1; j < ids.Length; j++)
                {
                    edges.Add(new TrackEdge(ids[i], ids[j], ReleaseWeight));
                }
            }
        }

        foreach (var label in list.Where(t => t.LabelId is not null).GroupBy(t => t.LabelId!.Value).OrderBy(g => g.Key))
        {
            var ordered = label
                .DistinctBy(t => t.TrackId)
                .OrderBy(t => string.IsNullOrWhiteSpace(t.ReleaseDate) ? 1 : 0)
                .ThenBy(t => string.IsNullOrWhiteSpace(t.ReleaseDate) ? "" : t.ReleaseDate, StringComparer.Ordinal)
                .ThenBy(t => t.TrackId)
                .Select(t => t.TrackId)
                .ToArray();
            for (var i = 0; i < ordered.Length; i++)
            {
                for (var step = 1; step <= LabelNeighbours && i + step < ordered.Length; step++)
                {
                    var (a, b) = (ordered[i], ordered[i + step]);
                    edges.Add(a < b ? new TrackEdge(a, b, LabelWeight) : new TrackEdge(b, a, LabelWeight));
                }
            }
        }

        return edges;
    }
}

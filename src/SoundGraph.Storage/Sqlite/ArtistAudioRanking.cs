namespace SoundGraph.Storage.Sqlite;

/// <summary>The artist "audio" section's aggregation for one artist, shared by the section's computation from the track
/// lists (<c>UnveilReader</c>) and the precomputed rows (<see cref="ArtistAudioLists"/>), so both rank alike.</summary>
/// <remarks>Feed it every element (own track → neighbour, cosine) of the lists of the artist's distinct tracks with
/// <see cref="Add"/>; <see cref="Top"/> then counts each element once per <c>track_credits</c> row of its neighbour (so
/// an artist credited in two roles counts twice, as the SQL join does), leaves out neighbours credited to the artist in
/// any role, keeps the best cosine, and ranks by pairs descending, best descending, artist id.</remarks>
internal sealed class ArtistAudioRanking
{
    private readonly Dictionary<long, (long Rows, double Best)> _byTrack = [];

    /// <summary>The distinct neighbour tracks added so far.</summary>
    public IReadOnlyCollection<long> NeighbourTracks => _byTrack.Keys;

    /// <summary>One list element pointing at <paramref name="dst"/> with cosine <paramref name="weight"/>.</summary>
    public void Add(long dst, double weight) =>
        _byTrack[dst] = _byTrack.TryGetValue(dst, out var t) ? (t.Rows + 1, Math.Max(t.Best, weight)) : (1, weight);

    /// <summary>Forgets every element (the next artist's ranking).</summary>
    public void Clear() => _byTrack.Clear();

    /// <summary>The first <paramref name="limit"/> other artists of <paramref name="artistId"/>.</summary>
    /// <typeparam name="TRows">The credit rows' list type (a segment of one array, or a list).</typeparam>
    /// <param name="artistId">The artist whose tracks' lists were added.</param>
    /// <param name="creditRowsOf">A neighbour track's credit rows, one artist id per row (empty when it has none).</param>
    /// <param name="limit">The most rows returned.</param>
    public List<(long Id, long Pairs, double Best)> Top<TRows>(long artistId, Func<long, TRows> creditRowsOf, int limit)
        where TRows : IReadOnlyList<long>
    {
        var byArtist = new Dictionary<long, (long Pairs, double Best)>();
        foreach (var (dst, t) in _byTrack)
        {
            var credited = creditRowsOf(dst);
            if (credited.Contains(artistId))
            {
                continue;
            }

            foreach (var other in credited)
            {
                byArtist[other] = byArtist.TryGetValue(other, out var a) ? (a.Pairs + t.Rows, Math.Max(a.Best, t.Best)) : t;
            }
        }

        return byArtist.OrderByDescending(a => a.Value.Pairs).ThenByDescending(a => a.Value.Best).ThenBy(a => a.Key).Take(limit)
            .Select(a => (a.Key, a.Value.Pairs, a.Value.Best)).ToList();
    }
}

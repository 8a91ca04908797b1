using System.Data.Common;
using System.Globalization;

namespace SoundGraph.Storage.Taste;

/// <summary>Tags of played tracks, for the weekly tag diversity.</summary>
public sealed partial class TasteStore
{
    /// <summary>Per track, its tags with weights: its own (<c>track_tags</c>) when it has any, else the tags of its
    /// credited artists (<c>artist_tags</c>, summed over them); each tag weighted by the summed count (1 per assignment
    /// without one). A track with neither is absent.</summary>
    /// <param name="trackIds">The tracks; any number (read in chunks).</param>
    /// <param name="ct">Cancels the reads.</param>
    /// <returns>Track id → normalized tag name → weight &gt; 0.</returns>
    public async Task<IReadOnlyDictionary<long, IReadOnlyDictionary<string, double>>> TagProfilesAsync(IReadOnlyCollection<long> trackIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(trackIds);
        var own = new Dictionary<long, Dictionary<string, double>>();
        var byArtists = new Dictionary<long, Dictionary<string, double>>();
        await ForChunksAsync(trackIds, """
            SELECT tt.track_id, t.name_norm, SUM(COALESCE(tt.count, 1))
            FROM track_tags tt JOIN tags t ON t.id = tt.tag_id
            WHERE tt.track_id IN ({ids})
            GROUP BY tt.track_id, t.name_norm
            """, reader => Put(own, reader), ct).ConfigureAwait(false);
        await ForChunksAsync(trackIds, """
            SELECT c.track_id, t.name_norm, SUM(COALESCE(at.count, 1))
            FROM track_credits c JOIN artist_tags at ON at.artist_id = c.artist_id JOIN tags t ON t.id = at.tag_id
            WHERE c.track_id IN ({ids})
            GROUP BY c.track_id, t.name_norm
            """, reader => Put(byArtists, reader), ct).ConfigureAwait(false);

        var result = new Dictionary<long, IReadOnlyDictionary<string, double>>();
        foreach (var (track, tags) in byArtists)
        {
            result[track] = tags;
        }

        foreach (var (track, tags) in own)
        {
            result[track] = tags;
        }

        return result;
    }

    private static void Put(Dictionary<long, Dictionary<string, double>> into, DbDataReader reader)
    {
        var weight = Convert.ToDouble(reader.GetValue(2), CultureInfo.InvariantCulture);
        if (!(weight > 0))
        {
            return;
        }

        var track = reader.GetInt64(0);
        if (!into.TryGetValue(track, out var tags))
        {
            into[track] = tags = new Dictionary<string, double>(StringComparer.Ordinal);
        }

        tags[reader.GetString(1)] = weight;
    }
}
